#include "regex_compile.h"

#include <cxxtap/lang/regex_syntax.h>
#include <fmt/format.h>

#include <map>

namespace cxxtap::translate {
namespace {

using Node = lang::RegexNode;
using Set = std::array<uint8_t, 32>;

uint8_t assert_op(Node::AssertOp op) {
  switch (op) {
    case Node::Bol: return STP_RE_BOL;
    case Node::Eol: return STP_RE_EOL;
    case Node::WordBoundary: return STP_RE_WORDB;
    case Node::NotWordBoundary: return STP_RE_NWORDB;
    case Node::WordStart: return STP_RE_BOW;
    case Node::WordEnd: return STP_RE_EOW;
  }
  return STP_RE_BOL;
}

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
      case Node::Assert: add(assert_op(n.op)); return true;
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
  const lang::RegexSyntax syntax = lang::parse_regex(pattern);
  if (!syntax.error.empty()) return RegexError{syntax.error};
  const Node& root = syntax.root;
  const int groups = syntax.groups;

  RegexProgram p;
  if (groups > STP_REGEX_MAX_GROUPS)
    return RegexError{fmt::format("regular expression too complex: more than {} groups",
                                  STP_REGEX_MAX_GROUPS)};
  p.ngroups = uint16_t(groups + 1);
  for (int g = 0; g < groups; ++g) p.group_tag.push_back(uint8_t(g));

  Emitter em(p, groups);
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
