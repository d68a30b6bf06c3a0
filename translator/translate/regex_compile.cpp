#include "regex_compile.h"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <memory>

namespace cxxtap::translate {
namespace {

using Set = std::array<uint8_t, 32>;

struct Node {
  enum Kind { Empty, Char, Any, Class, Assert, Group, Cat, Alt, Repeat } kind = Empty;
  uint8_t c = 0;     // Char
  Set set{};         // Class
  uint8_t op = 0;    // Assert
  int group = 0;     // Group: its number
  int min = 0, max = 0;  // Repeat (max < 0: unbounded)
  std::vector<Node> kids;
};

constexpr int kMaxCount = 32767;  // RE_DUP_MAX

void set_add(Set& s, unsigned c) { s[c >> 3] |= uint8_t(1u << (c & 7)); }

bool class_test(std::string_view name, int c) {
  if (name == "alpha") return std::isalpha(c);
  if (name == "digit") return c >= '0' && c <= '9';
  if (name == "alnum") return std::isalnum(c);
  if (name == "upper") return c >= 'A' && c <= 'Z';
  if (name == "lower") return c >= 'a' && c <= 'z';
  if (name == "space") return c == ' ' || (c >= '\t' && c <= '\r');
  if (name == "blank") return c == ' ' || c == '\t';
  if (name == "punct") return c > 0x20 && c < 0x7f && !std::isalnum(c);
  if (name == "print") return c >= 0x20 && c < 0x7f;
  if (name == "graph") return c > 0x20 && c < 0x7f;
  if (name == "cntrl") return c < 0x20 || c == 0x7f;
  if (name == "xdigit") return std::isxdigit(c);
  return false;
}

bool known_class(std::string_view name) {
  static const char* const names[] = {"alpha", "digit", "alnum", "upper", "lower", "space",
                                      "blank", "punct", "print", "graph", "cntrl", "xdigit"};
  for (const char* n : names)
    if (name == n) return true;
  return false;
}

Set named_class(std::string_view name) {
  Set s{};
  for (int c = 0; c < 128; ++c)
    if (class_test(name, c)) set_add(s, unsigned(c));
  return s;
}

class Parser {
 public:
  explicit Parser(std::string_view re) : re_(re) {}

  Node parse() {
    Node n = alternation(0);
    if (!error_.empty()) return n;
    return n;
  }
  const std::string& error() const { return error_; }
  int groups() const { return groups_; }

 private:
  std::string_view re_;
  std::size_t i_ = 0;
  int groups_ = 0;
  std::string error_;

  void fail(std::string msg) {
    if (error_.empty()) error_ = std::move(msg);
  }
  bool at_end() const { return i_ >= re_.size(); }
  char peek(std::size_t k = 0) const { return i_ + k < re_.size() ? re_[i_ + k] : '\0'; }

  Node alternation(int depth) {
    Node alt;
    alt.kind = Node::Alt;
    alt.kids.push_back(branch(depth));
    while (error_.empty() && !at_end() && peek() == '|') {
      ++i_;
      alt.kids.push_back(branch(depth));
    }
    if (alt.kids.size() == 1) return std::move(alt.kids.front());
    return alt;
  }

  Node branch(int depth) {
    Node cat;
    cat.kind = Node::Cat;
    // An unmatched ')' (depth 0) is an ordinary character, as in glibc.
    while (error_.empty() && !at_end() && peek() != '|' && !(peek() == ')' && depth > 0))
      cat.kids.push_back(piece(depth));
    if (cat.kids.empty()) return Node{};
    if (cat.kids.size() == 1) return std::move(cat.kids.front());
    return cat;
  }

  bool is_quantifier_here() const {
    char c = peek();
    return c == '*' || c == '+' || c == '?' || c == '{';
  }

  int number() {
    long v = 0;
    bool any = false;
    while (!at_end() && std::isdigit(static_cast<unsigned char>(peek()))) {
      v = std::min<long>(v * 10 + (peek() - '0'), kMaxCount + 1);
      ++i_;
      any = true;
    }
    return any ? int(v) : -1;
  }

  Node piece(int depth) {
    if (is_quantifier_here()) {
      fail("repetition operator without an operand in regular expression");
      return Node{};
    }
    Node n = atom(depth);
    if (n.kind == Node::Assert && n.op == STP_RE_BOL && is_quantifier_here()) {
      fail("repetition operator without an operand in regular expression");
      return n;
    }
    while (error_.empty() && is_quantifier_here()) {
      int lo = 0, hi = -1;
      char c = re_[i_++];
      if (c == '+') lo = 1;
      else if (c == '?') hi = 1;
      else if (c == '{') {
        lo = number();
        hi = lo;
        if (lo < 0 && peek() != ',') {
          fail("invalid interval {m,n} in regular expression");
          break;
        }
        if (lo < 0) lo = 0;  // {,n}: glibc reads {0,n}
        if (peek() == ',') {
          ++i_;
          hi = number();  // -1: unbounded
        }
        if (peek() != '}') {
          fail("invalid interval {m,n} in regular expression");
          break;
        }
        ++i_;
        if (lo > kMaxCount || hi > kMaxCount || (hi >= 0 && hi < lo)) {
          fail("invalid repetition count in regular expression");
          break;
        }
      }
      Node r;
      r.kind = Node::Repeat;
      r.min = lo;
      r.max = hi;
      r.kids.push_back(std::move(n));
      n = std::move(r);
    }
    return n;
  }

  Node atom(int depth) {
    Node n;
    char c = re_[i_++];
    switch (c) {
      case '(': {
        n.kind = Node::Group;
        n.group = ++groups_;
        n.kids.push_back(alternation(depth + 1));
        if (!error_.empty()) return n;
        if (peek() != ')') {
          fail("unmatched ( in regular expression");
          return n;
        }
        ++i_;
        return n;
      }
      case '.': n.kind = Node::Any; return n;
      case '^': n.kind = Node::Assert; n.op = STP_RE_BOL; return n;
      case '$': n.kind = Node::Assert; n.op = STP_RE_EOL; return n;
      case '[': return bracket();
      case '\\': return escape();
      default:
        n.kind = Node::Char;
        n.c = uint8_t(c);
        return n;
    }
  }


  Node escape() {
    Node n;
    if (at_end()) {
      fail("trailing backslash in regular expression");
      return n;
    }
    char c = re_[i_++];
    auto cls = [&](std::string_view name, bool negate) {
      n.kind = Node::Class;
      n.set = name == "word" ? named_class("alnum") : named_class(name);
      if (name == "word") set_add(n.set, '_');
      if (negate)
        for (auto& b : n.set) b = uint8_t(~b);
      return n;
    };
    auto assertion = [&](uint8_t op) {
      n.kind = Node::Assert;
      n.op = op;
      return n;
    };
    switch (c) {
      case 'w': return cls("word", false);
      case 'W': return cls("word", true);
      case 's': return cls("space", false);
      case 'S': return cls("space", true);
      case 'b': return assertion(STP_RE_WORDB);
      case 'B': return assertion(STP_RE_NWORDB);
      case '<': return assertion(STP_RE_BOW);
      case '>': return assertion(STP_RE_EOW);
      case '`': return assertion(STP_RE_BOL);
      case '\'': return assertion(STP_RE_EOL);
      default: break;
    }
    if (c >= '1' && c <= '9') {
      fail("back-references (\\1 ... \\9) are not supported in regular expressions");
      return n;
    }
    n.kind = Node::Char;
    n.c = uint8_t(c);
    return n;
  }

  // One bracket element's byte: a plain byte or [.c.] / [=c=]; -1 on error.
  int bracket_char() {
    if (peek() == '[' && (peek(1) == '.' || peek(1) == '=')) {
      char kind = peek(1);
      std::size_t close = re_.find(std::string{kind, ']'}, i_ + 2);
      if (close == std::string_view::npos) {
        fail("unmatched [ in regular expression");
        return -1;
      }
      std::string_view name = re_.substr(i_ + 2, close - (i_ + 2));
      i_ = close + 2;
      if (name.size() != 1) {
        fail(fmt::format("invalid collating element '{}' in regular expression", name));
        return -1;
      }
      return static_cast<unsigned char>(name[0]);
    }
    return static_cast<unsigned char>(re_[i_++]);
  }

  Node bracket() {
    Node n;
    n.kind = Node::Class;
    bool negate = false;
    if (peek() == '^') {
      negate = true;
      ++i_;
    }
    bool first = true;
    for (;;) {
      if (at_end()) {
        fail("unmatched [ in regular expression");
        return n;
      }
      if (peek() == ']' && !first) {
        ++i_;
        break;
      }
      first = false;
      if (peek() == '[' && peek(1) == ':') {
        std::size_t close = re_.find(":]", i_ + 2);
        if (close == std::string_view::npos) {
          fail("unmatched [ in regular expression");
          return n;
        }
        std::string_view name = re_.substr(i_ + 2, close - (i_ + 2));
        if (!known_class(name)) {
          fail(fmt::format("invalid character class '{}' in regular expression", name));
          return n;
        }
        Set s = named_class(name);
        for (int k = 0; k < 32; ++k) n.set[k] |= s[k];
        i_ = close + 2;
        continue;
      }
      int lo = bracket_char();
      if (lo < 0) return n;
      if (peek() == '-' && peek(1) != ']' && i_ + 1 < re_.size()) {
        ++i_;
        int hi = bracket_char();
        if (hi < 0) return n;
        if (hi < lo) {
          fail("invalid range end in bracket expression of regular expression");
          return n;
        }
        for (int c = lo; c <= hi; ++c) set_add(n.set, unsigned(c));
        if (peek() == '-' && peek(1) != ']') {  // [a-c-e]
          fail("invalid range end in bracket expression of regular expression");
          return n;
        }
        continue;
      }
      set_add(n.set, unsigned(lo));
    }
    if (negate)
      for (auto& b : n.set) b = uint8_t(~b);
    return n;
  }
};

class Emitter {
 public:
  // Slot pairs 0 .. groups-1 are the groups'; loops take the next ones.
  Emitter(RegexProgram& p, int groups) : p_(p), pairs_(groups) {}
  int pairs() const { return pairs_; }

  bool emit(const Node& n) {
    if (too_big()) return false;
    switch (n.kind) {
      case Node::Empty: return true;
      case Node::Char: add(STP_RE_CHAR, n.c); return true;
      case Node::Any: add(STP_RE_ANY); return true;
      case Node::Class: return emit_class(n.set);
      case Node::Assert: add(n.op); return true;
      case Node::Group:
        add(STP_RE_SAVE, 0, uint16_t(2 * (n.group - 1)));
        if (!emit(n.kids[0])) return false;
        add(STP_RE_SAVE, 0, uint16_t(2 * (n.group - 1) + 1));
        return true;
      case Node::Cat:
        for (const auto& k : n.kids)
          if (!emit(k)) return false;
        return true;
      case Node::Alt: {
        std::vector<std::size_t> ends;
        for (std::size_t a = 0; a < n.kids.size(); ++a) {
          std::size_t split = 0;
          if (a + 1 < n.kids.size()) {
            split = add(STP_RE_SPLIT);
            p_.insn[split].x = here();
          }
          if (!emit(n.kids[a])) return false;
          if (a + 1 < n.kids.size()) {
            ends.push_back(add(STP_RE_JMP));
            p_.insn[split].y = here();
          }
        }
        for (auto e : ends) p_.insn[e].x = here();
        return true;
      }
      case Node::Repeat: return emit_repeat(n);
    }
    return true;
  }

  bool too_big() const { return p_.insn.size() > STP_REGEX_MAX_INSN; }

 private:
  RegexProgram& p_;
  int pairs_;
  std::map<Set, uint16_t> class_index_;

  uint16_t here() const { return uint16_t(p_.insn.size()); }
  std::size_t add(uint8_t op, uint8_t c = 0, uint16_t x = 0, uint16_t y = 0) {
    p_.insn.push_back(_stp_regex_insn{op, c, x, y});
    return p_.insn.size() - 1;
  }

  bool emit_class(const Set& s) {
    int count = 0, last = 0;
    for (int c = 0; c < 256; ++c)
      if ((s[c >> 3] >> (c & 7)) & 1) {
        ++count;
        last = c;
      }
    // A bracket that matches nothing (only [^\x00-\xff]) keeps its class.
    if (count == 256) add(STP_RE_ANY);
    else if (count == 1) add(STP_RE_CHAR, uint8_t(last));
    else {
      auto [it, fresh] = class_index_.emplace(s, uint16_t(p_.classes.size()));
      if (fresh) p_.classes.push_back(s);
      add(STP_RE_CLASS, 0, it->second);
    }
    return true;
  }

  bool emit_repeat(const Node& n) {
    const Node& kid = n.kids[0];
    for (int k = 0; k < n.min; ++k)
      if (!emit(kid) || too_big()) return false;
    if (n.max < 0) {
      // [mark entry] L: split body, out; body: mark iteration; KID;
      // loop (back to L after a non-empty iteration); out.
      const int pair = std::min(pairs_++, STP_REGEX_MAX_TAGS);
      const uint16_t iter = uint16_t(2 * pair);
      const bool may_be_empty = n.min == 0;
      if (may_be_empty) add(STP_RE_MARK, 0, uint16_t(iter + 1));
      std::size_t loop = add(STP_RE_SPLIT);
      p_.insn[loop].x = here();
      add(STP_RE_MARK, 0, iter);
      if (!emit(kid)) return false;
      add(STP_RE_LOOP, may_be_empty ? 1 : 0, iter, uint16_t(loop));
      p_.insn[loop].y = here();
    } else {
      // Each optional copy: split copy, out; copy: mark iteration; KID;
      // loop (ends an empty copy unless it is the first iteration).
      std::vector<std::size_t> outs;
      const int pair = n.max > n.min ? std::min(pairs_++, STP_REGEX_MAX_TAGS) : 0;
      const uint16_t iter = uint16_t(2 * pair);
      const bool may_be_empty = n.min == 0;
      if (n.max > n.min && may_be_empty) add(STP_RE_MARK, 0, uint16_t(iter + 1));
      for (int k = n.min; k < n.max; ++k) {
        std::size_t s = add(STP_RE_SPLIT);
        p_.insn[s].x = here();
        outs.push_back(s);
        add(STP_RE_MARK, 0, iter);
        if (!emit(kid) || too_big()) return false;
        add(STP_RE_LOOP, uint8_t(2 | (may_be_empty ? 1 : 0)), iter, 0);
      }
      for (auto s : outs) p_.insn[s].y = here();
    }
    return true;
  }
};

}  // namespace

std::size_t RegexProgram::work_bytes() const {
  return STP_REGEX_WORK_BYTES(insn.size(), nthreads, ntags);
}

_stp_regex_prog RegexProgram::view() const {
  _stp_regex_prog v{};
  v.insn = insn.data();
  v.classes = classes.empty() ? nullptr : reinterpret_cast<const uint8_t(*)[32]>(classes.data());
  v.group_tag = group_tag.empty() ? nullptr : group_tag.data();
  v.ninsn = uint16_t(insn.size());
  v.nthreads = nthreads;
  v.ntags = ntags;
  v.ngroups = ngroups;
  return v;
}

std::variant<RegexProgram, RegexError> compile_regex(std::string_view pattern) {
  Parser parser(pattern);
  Node root = parser.parse();
  if (!parser.error().empty()) return RegexError{parser.error()};

  RegexProgram p;
  if (parser.groups() > STP_REGEX_MAX_GROUPS)
    return RegexError{fmt::format("regular expression too complex: more than {} groups",
                                  STP_REGEX_MAX_GROUPS)};
  p.ngroups = uint16_t(parser.groups() + 1);
  for (int g = 0; g < parser.groups(); ++g) p.group_tag.push_back(uint8_t(g));

  Emitter em(p, parser.groups());
  if (!em.emit(root) || em.too_big())
    return RegexError{fmt::format(
        "regular expression too complex: its program exceeds {} instructions",
        STP_REGEX_MAX_INSN)};
  if (2 * em.pairs() > STP_REGEX_MAX_TAGS)
    return RegexError{fmt::format(
        "regular expression too complex: {} groups and unbounded repetitions (at most {})",
        em.pairs(), STP_REGEX_MAX_TAGS / 2)};
  p.ntags = uint16_t(2 * em.pairs());
  p.insn.push_back(_stp_regex_insn{STP_RE_MATCH, 0, 0, 0});
  if (p.insn.size() > STP_REGEX_MAX_INSN)
    return RegexError{fmt::format(
        "regular expression too complex: its program exceeds {} instructions",
        STP_REGEX_MAX_INSN)};
  std::size_t threads = 0;
  for (const auto& i : p.insn)
    if (i.op == STP_RE_CHAR || i.op == STP_RE_ANY || i.op == STP_RE_CLASS || i.op == STP_RE_MATCH)
      ++threads;
  p.nthreads = uint16_t(threads);
  if (p.work_bytes() > STP_REGEX_MAX_WORK)
    return RegexError{fmt::format(
        "regular expression too complex: matching it needs {} bytes of memory (at most {})",
        p.work_bytes(), STP_REGEX_MAX_WORK)};
  return p;
}

std::string regex_c_name(std::string_view pattern) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a
  for (unsigned char c : pattern) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return fmt::format("_stp_re_{:016x}", h);
}

std::string regex_program_c(const RegexProgram& prog, const std::string& name,
                            std::string_view pattern) {
  std::string comment;
  for (unsigned char c : pattern) {
    if (c == '*' && !comment.empty() && comment.back() == '/') comment += ' ';
    if (c == '/' && !comment.empty() && comment.back() == '*') comment += ' ';
    comment += c >= 0x20 && c < 0x7f ? char(c) : '?';
  }
  std::string out = fmt::format("#ifndef {0}_DEFINED\n#define {0}_DEFINED\n/* {1} */\n", name,
                                comment);
  out += fmt::format("static const struct _stp_regex_insn {}_insn[] = {{\n", name);
  for (const auto& i : prog.insn)
    out += fmt::format("\t{{ {}, {}, {}, {} }},\n", unsigned(i.op), unsigned(i.c), i.x, i.y);
  out += "};\n";
  if (!prog.classes.empty()) {
    out += fmt::format("static const uint8_t {}_classes[][32] = {{\n", name);
    for (const auto& s : prog.classes) {
      out += "\t{";
      for (std::size_t k = 0; k < s.size(); ++k)
        out += fmt::format("{}0x{:02x}", k ? ", " : " ", s[k]);
      out += " },\n";
    }
    out += "};\n";
  }
  if (!prog.group_tag.empty()) {
    out += fmt::format("static const uint8_t {}_groups[] = {{", name);
    for (std::size_t k = 0; k < prog.group_tag.size(); ++k)
      out += fmt::format("{}{}", k ? ", " : " ", unsigned(prog.group_tag[k]));
    out += " };\n";
  }
  out += fmt::format(
      "static const struct _stp_regex_prog {0} = {{\n"
      "\t.insn = {0}_insn,\n\t.classes = {1},\n\t.group_tag = {2},\n"
      "\t.ninsn = {3},\n\t.nthreads = {4},\n\t.ntags = {5},\n\t.ngroups = {6},\n}};\n#endif\n",
      name, prog.classes.empty() ? "NULL" : name + "_classes",
      prog.group_tag.empty() ? "NULL" : name + "_groups", prog.insn.size(), prog.nthreads,
      prog.ntags, prog.ngroups);
  return out;
}

}  // namespace cxxtap::translate
