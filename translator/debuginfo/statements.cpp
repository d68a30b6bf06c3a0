#include "statements.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include <fmt/format.h>

#include <fnmatch.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <limits>
#include <map>
#include <set>

namespace cxxtap::debuginfo {

namespace {

bool parse_int(std::string_view s, int& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && out >= 0;
}

// The function's code: every [start, stop) of its DIE.
std::vector<std::pair<Dwarf_Addr, Dwarf_Addr>> code_ranges(Dwarf_Die* die) {
  std::vector<std::pair<Dwarf_Addr, Dwarf_Addr>> out;
  Dwarf_Addr base, start, stop;
  ptrdiff_t off = 0;
  while ((off = dwarf_ranges(die, off, &base, &start, &stop)) > 0) out.emplace_back(start, stop);
  return out;
}

// The first line after `site`'s own source: the declaration line of the
// next function its file declares (functions of the same file inlined into
// it have rows in its code too, which are not its lines).
int next_function_line(Module& m, Dwarf_Die* cudie, const FunctionSite& site) {
  int next = std::numeric_limits<int>::max();
  Dwarf_Die child;
  if (dwarf_child(cudie, &child) != 0) return next;
  const uint64_t cu = dwarf_dieoffset(cudie);
  do {
    if (dwarf_tag(&child) != DW_TAG_subprogram) continue;
    int line = 0;
    if (dwarf_decl_line(&child, &line) != 0 || line <= site.decl_line || line >= next) continue;
    const char* file = dwarf_decl_file(&child);
    if (file && m.relative_file(cu, file) == site.decl_file) next = line;
  } while (dwarf_siblingof(&child, &child) == 0);
  return next;
}

// Line -> lowest address, over the rows of the function's own file and
// lines inside its code. Where several lines start at one address, one of
// them keeps it, as in stap: at the function's entry the last (the line
// the body begins with; the others are the brace and declarations with no
// code), elsewhere the first (the others, e.g. a `for` header folded into
// the line before it, have no code of their own there).
std::map<int, Dwarf_Addr> line_addresses(Module& m, const FunctionSite& site) {
  std::map<int, Dwarf_Addr> out;
  Dwarf_Die die, cudie;
  Dwarf_Lines* lines = nullptr;
  size_t n = 0;
  if (!dwarf_offdie(m.dwarf(), site.die, &die) || !dwarf_diecu(&die, &cudie, nullptr, nullptr) ||
      dwarf_getsrclines(&cudie, &lines, &n) != 0)
    return out;
  const auto ranges = code_ranges(&die);
  const uint64_t cu = dwarf_dieoffset(&cudie);
  const int last = next_function_line(m, &cudie, site);
  std::map<const char*, bool> same_file;  // per file name of the table
  std::map<int, size_t> row_of;           // the row that gave a line its address
  for (size_t i = 0; i < n; ++i) {
    Dwarf_Line* l = dwarf_onesrcline(lines, i);
    Dwarf_Addr a = 0;
    int line = 0;
    bool end = false;
    dwarf_lineaddr(l, &a);
    dwarf_lineno(l, &line);
    dwarf_lineendsequence(l, &end);
    if (end || line < site.decl_line || line >= last) continue;
    if (std::none_of(ranges.begin(), ranges.end(),
                     [a](const auto& r) { return a >= r.first && a < r.second; }))
      continue;
    const char* file = dwarf_linesrc(l, nullptr, nullptr);
    if (!file) continue;
    auto [it, fresh] = same_file.emplace(file, false);
    if (fresh) it->second = m.relative_file(cu, file) == site.decl_file;
    if (!it->second) continue;
    auto [slot, first] = out.emplace(line, a);
    if (first || a < slot->second) {
      slot->second = a;
      row_of[line] = i;
    }
  }
  std::map<Dwarf_Addr, int> keeper;  // address -> the line keeping it
  for (const auto& [line, a] : out) {
    auto [k, fresh] = keeper.emplace(a, line);
    if (fresh) continue;
    const bool later = row_of[line] > row_of[k->second];
    if (later == (a == site.entry)) k->second = line;
  }
  for (auto it = out.begin(); it != out.end();)
    it = keeper[it->second] == it->first ? std::next(it) : out.erase(it);
  return out;
}

// The lines a spec names, for a function declared at `decl_line`, in order.
std::vector<int> wanted_lines(const LineSpec& spec, int decl_line,
                              const std::map<int, Dwarf_Addr>& code) {
  std::vector<int> out;
  if (spec.all) {
    for (const auto& [line, addr] : code) out.push_back(line);
    return out;
  }
  std::set<int> seen;
  for (auto [lo, hi] : spec.ranges) {
    if (spec.relative) lo += decl_line, hi += decl_line;
    for (int l = lo; l <= hi && l - lo < 100000; ++l)
      if (seen.insert(l).second) out.push_back(l);
  }
  return out;
}

// The line with code standing in for `line` under .nearest.
std::optional<int> nearest_line(const std::map<int, Dwarf_Addr>& code, int line) {
  if (code.empty()) return std::nullopt;
  auto after = code.lower_bound(line);
  if (after == code.end()) return std::prev(after)->first;
  if (after->first == line || after == code.begin()) return after->first;
  auto before = std::prev(after);
  return line - before->first < after->first - line ? before->first : after->first;
}

// The concrete out-of-line function DIE holding `addr`, its name and CU.
bool function_die_at(Module& m, uint64_t addr, Dwarf_Die& fn, Dwarf_Die& cudie) {
  Dwarf_Addr bias = 0;
  Dwarf_Die* cu = dwfl_module_addrdie(m.dwfl_module(), addr + m.bias(), &bias);
  if (!cu) return false;
  cudie = *cu;
  Dwarf_Die* scopes = nullptr;
  const int n = dwarf_getscopes(&cudie, addr, &scopes);
  bool found = false;
  for (int i = n - 1; i >= 0 && !found; --i)  // outermost first
    if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram) {
      fn = scopes[i];
      found = true;
    }
  std::free(scopes);
  return found;
}

// functions()'s site for the function DIE `fn`.
std::optional<FunctionSite> site_of(Module& m, Dwarf_Die* fn, FunctionQuery q,
                                    std::string& error) {
  Dwarf_Attribute a;
  const char* name = dwarf_formstring(dwarf_attr_integrate(fn, DW_AT_name, &a));
  if (!name) {
    error = "the function there has no name";
    return std::nullopt;
  }
  q.name = name;
  q.file.clear();
  q.kind = FunctionKind::Call;
  for (auto& s : m.functions(q))
    if (s.die == dwarf_dieoffset(fn)) return s;
  error = fmt::format("function '{}' there cannot be probed", name);
  return std::nullopt;
}

}  // namespace

std::optional<LineSpec> parse_lines(char sep, std::string_view text, std::string& error) {
  LineSpec spec;
  spec.relative = sep == '+';
  if (text == "*" && !spec.relative) {
    spec.all = true;
    return spec;
  }
  while (!text.empty()) {
    const auto comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    const auto dash = item.find('-');
    int lo = 0, hi = 0;
    bool ok = dash == std::string_view::npos
                  ? parse_int(item, lo) && ((hi = lo), true)
                  : parse_int(item.substr(0, dash), lo) && parse_int(item.substr(dash + 1), hi);
    if (!ok || hi < lo || (comma != std::string_view::npos && text.empty())) {
      error = fmt::format("bad line number list '{}{}' (want N, N-M, N,M or *)", sep,
                          std::string(item));
      return std::nullopt;
    }
    spec.ranges.emplace_back(lo, hi);
  }
  if (spec.ranges.empty()) {
    error = fmt::format("missing line number after '{}'", sep);
    return std::nullopt;
  }
  return spec;
}

std::vector<FunctionSite> statements(Module& m, FunctionQuery q, const LineSpec& lines) {
  q.kind = FunctionKind::Call;
  q.prologue = PrologueMode::Never;
  std::vector<FunctionSite> out;
  for (const FunctionSite& fn : m.functions(q)) {
    const auto code = line_addresses(m, fn);
    for (int line : wanted_lines(lines, fn.decl_line, code)) {
      auto at = code.find(line);
      if (at == code.end() && lines.nearest) {
        if (auto near = nearest_line(code, line)) at = code.find(*near);
      }
      if (at == code.end()) continue;
      FunctionSite s = fn;
      s.line = line;
      if (m.move_site(s, at->second)) out.push_back(std::move(s));
    }
  }
  return out;
}

std::vector<LabelSite> labels(Module& m, FunctionQuery q, const std::string& label) {
  q.kind = FunctionKind::Call;
  q.prologue = PrologueMode::Never;
  std::vector<LabelSite> out;
  for (const FunctionSite& fn : m.functions(q)) {
    Dwarf_Die die;
    if (!dwarf_offdie(m.dwarf(), fn.die, &die)) continue;
    std::vector<LabelSite> here;
    // Labels of the function and of its lexical blocks (not of the bodies
    // of functions inlined into it: those are the other function's).
    std::vector<std::pair<Dwarf_Die, int>> todo{{die, 0}};
    while (!todo.empty()) {
      auto [scope, depth] = todo.back();
      todo.pop_back();
      Dwarf_Die child;
      if (depth > 32 || dwarf_child(&scope, &child) != 0) continue;
      do {
        const int tag = dwarf_tag(&child);
        if (tag == DW_TAG_lexical_block) todo.push_back({child, depth + 1});
        if (tag != DW_TAG_label) continue;
        const char* name = dwarf_diename(&child);
        Dwarf_Addr pc = 0;
        if (!name || dwarf_lowpc(&child, &pc) != 0 || fnmatch(label.c_str(), name, 0) != 0)
          continue;
        LabelSite l{fn, name};
        dwarf_decl_line(&child, &l.site.line);
        if (m.move_site(l.site, pc)) here.push_back(std::move(l));
      } while (dwarf_siblingof(&child, &child) == 0);
    }
    std::sort(here.begin(), here.end(),
              [](const LabelSite& a, const LabelSite& b) { return a.site.probe < b.site.probe; });
    for (auto& l : here) out.push_back(std::move(l));
  }
  return out;
}

std::optional<FunctionSite> function_at(Module& m, uint64_t addr, FunctionQuery q,
                                        std::string& error) {
  Dwarf_Die fn, cudie;
  if (!function_die_at(m, addr, fn, cudie)) {
    error = fmt::format("no function's code at {:#x} in {}", addr, m.path());
    return std::nullopt;
  }
  return site_of(m, &fn, q, error);
}

std::optional<FunctionSite> statement_at(Module& m, uint64_t addr, std::string& error) {
  Dwarf_Die fn, cudie;
  if (!function_die_at(m, addr, fn, cudie)) {
    error = fmt::format("no function's code at {:#x} in {}", addr, m.path());
    return std::nullopt;
  }
  FunctionQuery q;
  q.prologue = PrologueMode::Never;
  auto site = site_of(m, &fn, q, error);
  if (!site) return std::nullopt;
  Dwarf_Line* row = dwarf_getsrc_die(&cudie, addr);
  Dwarf_Addr row_addr = 0;
  if (!row || dwarf_lineaddr(row, &row_addr) != 0 || row_addr != addr) {
    error = fmt::format("{:#x} is not the address of a statement (of a line table row) in '{}'",
                        addr, site->name);
    return std::nullopt;
  }
  dwarf_lineno(row, &site->line);
  if (!m.move_site(*site, addr)) {
    error = fmt::format("{:#x} in '{}' cannot be probed", addr, site->name);
    return std::nullopt;
  }
  return site;
}

}  // namespace cxxtap::debuginfo
