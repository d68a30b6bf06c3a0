#include <cxxtap/lang/regex_syntax.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace cxxtap::lang {

namespace {

using Node = RegexNode;
using Set = std::array<uint8_t, 32>;

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
      v = std::min<long>(v * 10 + (peek() - '0'), kRegexMaxCount + 1);
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
    if (n.kind == Node::Assert && n.op == Node::Bol && is_quantifier_here()) {
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
        if (lo > kRegexMaxCount || hi > kRegexMaxCount || (hi >= 0 && hi < lo)) {
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
      case '^': n.kind = Node::Assert; n.op = Node::Bol; return n;
      case '$': n.kind = Node::Assert; n.op = Node::Eol; return n;
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
    auto assertion = [&](Node::AssertOp op) {
      n.kind = Node::Assert;
      n.op = op;
      return n;
    };
    switch (c) {
      case 'w': return cls("word", false);
      case 'W': return cls("word", true);
      case 's': return cls("space", false);
      case 'S': return cls("space", true);
      case 'b': return assertion(Node::WordBoundary);
      case 'B': return assertion(Node::NotWordBoundary);
      case '<': return assertion(Node::WordStart);
      case '>': return assertion(Node::WordEnd);
      case '`': return assertion(Node::Bol);
      case '\'': return assertion(Node::Eol);
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

}  // namespace

RegexSyntax parse_regex(std::string_view pattern) {
  Parser parser(pattern);
  RegexSyntax out;
  out.root = parser.parse();
  out.groups = parser.groups();
  out.error = parser.error();
  return out;
}

}  // namespace cxxtap::lang
