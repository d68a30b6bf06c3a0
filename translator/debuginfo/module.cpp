#include "module.h"

#include "header_types.h"

#include "type_names.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <fnmatch.h>
#include <gelf.h>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <filesystem>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace fs = std::filesystem;

namespace cxxtap::debuginfo {

namespace {

bool glob(const std::string& pattern, const char* text) {
  return fnmatch(pattern.c_str(), text, 0) == 0;
}

// "fs/*.c" against "fs/read_write.c"; "read_write.c" (no '/') also against
// the trailing components.
bool file_matches(const std::string& pattern, const std::string& file) {
  if (glob(pattern, file.c_str())) return true;
  if (pattern.find('/') == std::string::npos || pattern.front() != '/') {
    for (auto slash = file.find('/'); slash != std::string::npos; slash = file.find('/', slash + 1))
      if (glob(pattern, file.c_str() + slash + 1)) return true;
  }
  return false;
}

Dwarf_Die* ref(Dwarf_Die* die, int at, Dwarf_Die* out) {
  Dwarf_Attribute a;
  if (!dwarf_attr_integrate(die, at, &a)) return nullptr;
  return dwarf_formref_die(&a, out);
}

const char* string_attr(Dwarf_Die* die, int at) {
  Dwarf_Attribute a;
  return dwarf_formstring(dwarf_attr_integrate(die, at, &a));
}

const char* name_of(Dwarf_Die* die) { return string_attr(die, DW_AT_name); }

bool has_code(Dwarf_Die* die) {
  return dwarf_hasattr(die, DW_AT_low_pc) || dwarf_hasattr(die, DW_AT_ranges) ||
         dwarf_hasattr(die, DW_AT_entry_pc);
}

// The first instruction and the end of the range holding it.
bool entry_range(Dwarf_Die* die, Dwarf_Addr& entry, Dwarf_Addr& end) {
  Dwarf_Addr lo = 0, hi = 0;
  bool have_entry = dwarf_entrypc(die, &entry) == 0;
  if (dwarf_lowpc(die, &lo) == 0 && dwarf_highpc(die, &hi) == 0) {
    if (!have_entry) entry = lo;
    end = hi;
    return true;
  }
  Dwarf_Addr base, start, stop;
  ptrdiff_t off = 0;
  bool first = true;
  while ((off = dwarf_ranges(die, off, &base, &start, &stop)) > 0) {
    if (first && !have_entry) {
      entry = start;
      have_entry = true;
    }
    first = false;
    if (entry >= start && entry < stop) {
      end = stop;
      return true;
    }
  }
  if (have_entry) end = entry + 1;
  return have_entry;
}

bool optimized(const char* producer) {
  if (!producer) return true;  // unknown: assume what kbuild does
  for (const char* p = producer; (p = std::strstr(p, " -O")); p += 3) {
    char c = p[3];
    if (c != '0') return true;
  }
  return false;
}

struct FnEntry {
  std::string name;
  Dwarf_Off off = 0;
  bool code = false;      // out-of-line code of its own
  bool abstract = false;  // inlined somewhere (DW_AT_inline)
};

struct CuInfo {
  Dwarf_Off off = 0;  // of the CU DIE
  std::string name;   // relative to comp_dir
  std::string comp_dir;
  bool optimized = true;
  bool indexed = false;
  std::vector<FnEntry> fns;
};

std::string relative_path(const std::string& comp_dir, const char* raw) {
  if (!raw) return "";
  fs::path p(raw);
  if (p.is_relative() && !comp_dir.empty()) p = fs::path(comp_dir) / p;
  std::string s = p.lexically_normal().string();
  if (!comp_dir.empty()) {
    std::string dir = fs::path(comp_dir).lexically_normal().string();
    if (!dir.empty() && dir.back() != '/') dir += '/';
    if (s.rfind(dir, 0) == 0) s = s.substr(dir.size());
  }
  return s;
}

}  // namespace

std::string FunctionSite::spec() const {
  std::string s = name;
  if (!decl_file.empty()) {
    s += '@' + decl_file;
    if (line > 0) s += ':' + std::to_string(line);
    else if (decl_line > 0) s += ':' + std::to_string(decl_line);
  }
  return s;
}

struct Module::Impl {
  std::string path;
  Dwfl* dwfl = nullptr;
  Dwfl_Module* mod = nullptr;
  Dwarf* dw = nullptr;
  Dwarf_Addr bias = 0;
  std::vector<CuInfo> cus;
  std::size_t indexed = 0;
  std::unordered_map<std::string, int> symbol_count;
  std::unordered_set<std::string> exported;
  std::optional<Dwarf_Addr> stext;
  // What kprobes refuse (or where a probe would recurse into the probe
  // machinery): functions NOKPROBE_SYMBOL() lists (a _kbl_addr_NAME
  // symbol), and code in the sections the kernel marks off limits, known by
  // their __NAME_text_start/_end symbols.
  std::unordered_set<std::string> nokprobe;
  std::map<std::string, std::pair<Dwarf_Addr, Dwarf_Addr>> offlimits;
  struct Sym {
    Dwarf_Addr addr;
    Dwarf_Addr size;
    std::string name;
    bool discarded;  // in .init.text/.exit.text: gone once the object is up
  };
  std::unordered_map<std::string, uint64_t> types;  // type_named()'s answers
  std::vector<Sym> funcs;  // function symbols by address (dwfl_module_addrinfo
                           // scans the whole table on every call)

  ~Impl() {
    if (dwfl) dwfl_end(dwfl);
  }

  bool open(std::string& error) {
    static char* debuginfo_path = nullptr;
    static const Dwfl_Callbacks callbacks = {
        .find_elf = dwfl_build_id_find_elf,
        .find_debuginfo = dwfl_standard_find_debuginfo,
        .section_address = dwfl_offline_section_address,
        .debuginfo_path = &debuginfo_path,
    };
    dwfl = dwfl_begin(&callbacks);
    if (!dwfl) {
      error = fmt::format("libdw: {}", dwfl_errmsg(-1));
      return false;
    }
    dwfl_report_begin(dwfl);
    const std::string modname = fs::path(path).stem().string();
    mod = dwfl_report_offline(dwfl, modname.c_str(), path.c_str(), -1);
    dwfl_report_end(dwfl, nullptr, nullptr);
    if (!mod) {
      error = fmt::format("cannot read '{}': {}", path, dwfl_errmsg(-1));
      return false;
    }
    dw = dwfl_module_getdwarf(mod, &bias);
    if (!dw) {
      error = fmt::format("no DWARF debuginfo in '{}': {}", path, dwfl_errmsg(-1));
      return false;
    }
    list_cus();
    read_symbols();
    return true;
  }

  void list_cus() {
    Dwarf_CU* cu = nullptr;
    Dwarf_Die cudie, subdie;
    Dwarf_Half version;
    uint8_t unit_type;
    while (dwarf_get_units(dw, cu, &cu, &version, &unit_type, &cudie, &subdie) == 0) {
      if (dwarf_tag(&cudie) != DW_TAG_compile_unit) continue;
      CuInfo info;
      info.off = dwarf_dieoffset(&cudie);
      const char* dir = string_attr(&cudie, DW_AT_comp_dir);
      info.comp_dir = dir ? dir : "";
      info.name = relative_path(info.comp_dir, dwarf_diename(&cudie));
      info.optimized = optimized(string_attr(&cudie, DW_AT_producer));
      cus.push_back(std::move(info));
    }
  }

  void read_symbols() {
    int n = dwfl_module_getsymtab(mod);
    for (int i = 1; i < n; ++i) {
      GElf_Sym sym;
      GElf_Addr addr;
      GElf_Word shndx = 0;
      Elf* elf = nullptr;
      const char* name = dwfl_module_getsym_info(mod, i, &sym, &addr, &shndx, &elf, nullptr);
      if (!name || !*name) continue;
      std::string_view sv(name);
      if (sv.starts_with("__ksymtab_")) exported.emplace(sv.substr(10));
      if (GELF_ST_TYPE(sym.st_info) == STT_FUNC || GELF_ST_TYPE(sym.st_info) == STT_NOTYPE)
        ++symbol_count[std::string(sv)];
      if (GELF_ST_TYPE(sym.st_info) == STT_FUNC && sym.st_shndx != SHN_UNDEF)
        funcs.push_back({addr, sym.st_size, std::string(sv), discarded_section(elf, shndx)});
      if (sv == "_stext") stext = addr;
      if (sv.starts_with("_kbl_addr_")) nokprobe.emplace(sv.substr(10));
      for (const char* sec : {"kprobes", "noinstr", "entry", "irqentry", "softirqentry"}) {
        const std::string base = std::string("__") + sec + "_text_";
        if (sv == base + "start") offlimits[sec].first = addr;
        if (sv == base + "end") offlimits[sec].second = addr;
      }
    }
    std::sort(funcs.begin(), funcs.end(), [](const Sym& a, const Sym& b) {
      return a.addr != b.addr ? a.addr < b.addr : a.size > b.size;
    });
  }

  static bool discarded_section(Elf* elf, GElf_Word shndx) {
    size_t strndx = 0;
    Elf_Scn* scn = elf ? elf_getscn(elf, shndx) : nullptr;
    GElf_Shdr shdr;
    if (!scn || !gelf_getshdr(scn, &shdr) || elf_getshdrstrndx(elf, &strndx) != 0) return false;
    const char* n = elf_strptr(elf, strndx, shdr.sh_name);
    return n && (std::strncmp(n, ".init.", 6) == 0 || std::strncmp(n, ".exit.", 6) == 0);
  }

  // The function symbol holding `addr` (the nearest below it when sizes say
  // nothing).
  const Sym* symbol_at(Dwarf_Addr addr) const {
    auto it = std::upper_bound(funcs.begin(), funcs.end(), addr,
                               [](Dwarf_Addr a, const Sym& s) { return a < s.addr; });
    if (it == funcs.begin()) return nullptr;
    const Sym* best = nullptr;
    for (auto back = it; back != funcs.begin();) {
      --back;
      if (back->addr + back->size > addr) {
        best = &*back;
        break;
      }
      if (!best) best = &*back;
      if (it - back > 8) break;
    }
    return best;
  }

  void index(CuInfo& cu) {
    if (cu.indexed) return;
    cu.indexed = true;
    ++indexed;
    Dwarf_Die cudie, child;
    if (!dwarf_offdie(dw, cu.off, &cudie) || dwarf_child(&cudie, &child) != 0) return;
    do {
      if (dwarf_tag(&child) != DW_TAG_subprogram) continue;
      if (dwarf_hasattr(&child, DW_AT_declaration)) continue;
      const char* name = name_of(&child);
      if (!name) continue;
      FnEntry e;
      e.name = name;
      e.off = dwarf_dieoffset(&child);
      e.code = has_code(&child);
      e.abstract = dwarf_func_inline(&child) == 1;
      if (e.code || e.abstract) cu.fns.push_back(std::move(e));
    } while (dwarf_siblingof(&child, &child) == 0);
  }

  // What the symbol table says about `addr`: a unique symbol + offset.
  // False for code that is discarded after initialisation (__init, __exit):
  // stap does not probe it either.
  bool place(FunctionSite& s) {
    const Dwarf_Addr addr = s.probe + bias;
    const Sym* found = symbol_at(addr);
    if (found && found->discarded) return false;
    const char* name = found ? found->name.c_str() : nullptr;
    const uint64_t off = found ? addr - found->addr : 0;
    if (name && symbol_count[name] == 1) {
      s.symbol = name;
      s.symbol_offset = off;
    } else if (stext && s.probe + bias >= *stext) {
      s.symbol = "_stext";
      s.symbol_offset = s.probe + bias - *stext;
    } else {
      s.symbol = name ? name : "";
      s.symbol_offset = off;
    }
    return true;
  }

  uint64_t prologue_end(CuInfo& cu, Dwarf_Addr entry, Dwarf_Addr end) {
    Dwarf_Die cudie;
    Dwarf_Lines* lines = nullptr;
    size_t n = 0;
    if (!dwarf_offdie(dw, cu.off, &cudie) || dwarf_getsrclines(&cudie, &lines, &n) != 0)
      return entry;
    // Rows are sorted by address; find the entry row.
    size_t lo = 0, hi = n;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      Dwarf_Addr a = 0;
      dwarf_lineaddr(dwarf_onesrcline(lines, mid), &a);
      if (a < entry) lo = mid + 1;
      else hi = mid;
    }
    int entry_line = -1;
    for (size_t i = lo; i < n; ++i) {
      Dwarf_Line* l = dwarf_onesrcline(lines, i);
      Dwarf_Addr a = 0;
      int line = 0;
      bool stmt = false;
      dwarf_lineaddr(l, &a);
      dwarf_lineno(l, &line);
      dwarf_linebeginstatement(l, &stmt);
      if (a == entry) {
        if (entry_line < 0) entry_line = line;
        continue;
      }
      if (entry_line < 0 || a >= end) break;
      if (stmt && line != entry_line && line != 0) return a;
    }
    return entry;
  }

  // The context variables as stap lists them (-L): the formal parameters
  // and the outermost local variables of the concrete DIE (the function's
  // code or the inlined instance), in its order, that have a value at the
  // probe address (a location covering it, or a constant); the others were
  // optimized away there. Named and typed through their abstract origin.
  void parameters(Dwarf_Die* fn, Dwarf_Addr pc, FunctionSite& s) {
    Dwarf_Die child;
    if (dwarf_child(fn, &child) != 0) return;
    do {
      const int tag = dwarf_tag(&child);
      if (tag != DW_TAG_formal_parameter && tag != DW_TAG_variable) continue;
      if (!has_value_at(&child, pc)) continue;
      const char* name = name_of(&child);
      if (!name) continue;
      s.params.push_back(parameter(&child, name));
    } while (dwarf_siblingof(&child, &child) == 0);
  }

  // parameters() of the lexical blocks holding `pc` too, the innermost
  // block's first: what stap lists at a statement.
  void scope_parameters(Dwarf_Die* scope, Dwarf_Addr pc, FunctionSite& s, int depth = 0) {
    Dwarf_Die child;
    if (depth < 32 && dwarf_child(scope, &child) == 0) {
      do {
        if (dwarf_tag(&child) == DW_TAG_lexical_block && dwarf_haspc(&child, pc) == 1) {
          scope_parameters(&child, pc, s, depth + 1);
          break;
        }
      } while (dwarf_siblingof(&child, &child) == 0);
    }
    parameters(scope, pc, s);
  }

  // Every formal parameter of `fn`, in order (FunctionSite::formals).
  static void formals(Dwarf_Die* fn, FunctionSite& s) {
    Dwarf_Die child;
    if (dwarf_child(fn, &child) != 0) return;
    do {
      if (dwarf_tag(&child) != DW_TAG_formal_parameter) continue;
      const char* name = name_of(&child);
      s.formals.push_back(parameter(&child, name ? name : ""));
    } while (dwarf_siblingof(&child, &child) == 0);
  }

  static Parameter parameter(Dwarf_Die* var, const char* name) {
    Dwarf_Die type_mem;
    Dwarf_Die* type = ref(var, DW_AT_type, &type_mem);
    Parameter p{name, type_name(type)};
    // Through typedefs and qualifiers to the value's type.
    Dwarf_Die t_mem;
    Dwarf_Die* t = type ? &(t_mem = *type) : nullptr;
    for (int depth = 0; t && depth < 16; ++depth) {
      const int tag = dwarf_tag(t);
      if (tag != DW_TAG_typedef && tag != DW_TAG_const_type && tag != DW_TAG_volatile_type &&
          tag != DW_TAG_restrict_type && tag != DW_TAG_atomic_type)
        break;
      Dwarf_Die next;
      if (!ref(t, DW_AT_type, &next)) return p;  // const void
      t_mem = next;
    }
    if (!t) return p;
    const int tag = dwarf_tag(t);
    if (tag == DW_TAG_pointer_type || tag == DW_TAG_reference_type) {
      p.size = 8;
      return p;
    }
    if (tag != DW_TAG_base_type && tag != DW_TAG_enumeration_type) return p;
    Dwarf_Word size = 0;
    if (dwarf_aggregate_size(t, &size) == 0) p.size = static_cast<int>(size);
    Dwarf_Die under_mem;
    Dwarf_Die* base = tag == DW_TAG_base_type ? t : ref(t, DW_AT_type, &under_mem);
    Dwarf_Attribute a;
    Dwarf_Word enc = 0;
    if (base && dwarf_formudata(dwarf_attr(base, DW_AT_encoding, &a), &enc) == 0)
      p.is_signed = enc == DW_ATE_signed || enc == DW_ATE_signed_char;
    return p;
  }

  static bool has_value_at(Dwarf_Die* var, Dwarf_Addr pc) {
    if (dwarf_hasattr(var, DW_AT_const_value)) return true;
    Dwarf_Attribute loc;
    if (!dwarf_attr(var, DW_AT_location, &loc)) return false;
    Dwarf_Op* expr = nullptr;
    size_t len = 0;
    return dwarf_getlocation_addr(&loc, pc, &expr, &len, 1) > 0 && len > 0;
  }

  // The kprobe blocklist: stap skips such functions silently (a point that
  // matches nothing else then has no match).
  bool blocked(const FunctionSite& s) const {
    if (nokprobe.count(s.name)) return true;
    const Dwarf_Addr addr = s.probe + bias;
    for (const auto& [sec, range] : offlimits)
      if (range.first && addr >= range.first && addr < range.second) return true;
    // The kprobe machinery itself.
    return s.decl_file == "kernel/kprobes.c" ||
           s.decl_file.rfind("arch/x86/kernel/kprobes/", 0) == 0;
  }

  bool make_site(CuInfo& cu, Dwarf_Die* die, Dwarf_Die* decl_die, const FunctionQuery& q,
                 bool inlined, FunctionSite& s) {
    Dwarf_Addr entry = 0, end = 0;
    if (!entry_range(die, entry, end)) return false;
    s.name = name_of(decl_die) ? name_of(decl_die) : "";
    s.decl_file = relative_path(cu.comp_dir, dwarf_decl_file(decl_die));
    dwarf_decl_line(decl_die, &s.decl_line);
    s.inlined = inlined;
    s.die = dwarf_dieoffset(die);
    s.entry = entry;
    s.prologue_end = entry;
    bool skip = q.prologue == PrologueMode::Always ||
                (q.prologue == PrologueMode::Auto && !cu.optimized);
    if (skip && !inlined) s.prologue_end = prologue_end(cu, entry, end);
    s.probe = skip ? s.prologue_end : entry;
    if (!place(s) || blocked(s)) return false;
    parameters(die, s.probe, s);
    formals(die, s);
    Dwarf_Die rt_mem;
    if (Dwarf_Die* rt = ref(decl_die, DW_AT_type, &rt_mem)) s.return_type = type_name(rt);
    return true;
  }

  // Inlined instances of the functions in `targets` (abstract DIE offsets).
  void inline_instances(CuInfo& cu, const std::unordered_map<Dwarf_Off, bool>& targets,
                        const FunctionQuery& q, std::vector<FunctionSite>& out) {
    Dwarf_Die cudie;
    if (!dwarf_offdie(dw, cu.off, &cudie)) return;
    walk(cu, &cudie, targets, q, out, 0);
  }

  void walk(CuInfo& cu, Dwarf_Die* parent, const std::unordered_map<Dwarf_Off, bool>& targets,
            const FunctionQuery& q, std::vector<FunctionSite>& out, int depth) {
    Dwarf_Die child;
    if (depth > 64 || dwarf_child(parent, &child) != 0) return;
    do {
      int tag = dwarf_tag(&child);
      if (tag == DW_TAG_inlined_subroutine) {
        Dwarf_Attribute a;
        Dwarf_Die origin;
        if (dwarf_attr(&child, DW_AT_abstract_origin, &a) && dwarf_formref_die(&a, &origin) &&
            targets.count(dwarf_dieoffset(&origin))) {
          FunctionSite s;
          if (make_site(cu, &child, &origin, q, true, s)) out.push_back(std::move(s));
        }
      }
      if (tag == DW_TAG_subprogram || tag == DW_TAG_lexical_block ||
          tag == DW_TAG_inlined_subroutine)
        walk(cu, &child, targets, q, out, depth + 1);
    } while (dwarf_siblingof(&child, &child) == 0);
  }

  std::vector<FunctionSite> functions(const FunctionQuery& q) {
    std::vector<FunctionSite> out;
    // A function declared in a .c file is compiled in that file's unit:
    // only those units need an index then.
    const bool c_file = q.file.size() > 2 && q.file.ends_with(".c");
    for (CuInfo& cu : cus) {
      if (c_file && !file_matches(q.file, cu.name)) continue;
      index(cu);
      std::unordered_map<Dwarf_Off, bool> targets;
      for (const FnEntry& fn : cu.fns) {
        if (!glob(q.name, fn.name.c_str())) continue;
        if (q.exported && !exported.count(fn.name)) continue;
        Dwarf_Die die;
        if (!dwarf_offdie(dw, fn.off, &die)) continue;
        if (!q.file.empty()) {
          std::string file = relative_path(cu.comp_dir, dwarf_decl_file(&die));
          if (!file_matches(q.file, file)) continue;
        }
        if (fn.code && q.kind != FunctionKind::Inline) {
          // An out-of-line copy of an inline function is named by its origin.
          Dwarf_Die origin_mem, *decl = &die;
          if (Dwarf_Die* o = ref(&die, DW_AT_abstract_origin, &origin_mem)) decl = o;
          FunctionSite s;
          if (make_site(cu, &die, decl, q, false, s)) out.push_back(std::move(s));
        }
        if (fn.abstract && q.kind != FunctionKind::Call) targets.emplace(fn.off, true);
      }
      if (!targets.empty()) inline_instances(cu, targets, q, out);
    }
    std::sort(out.begin(), out.end(), [](const FunctionSite& a, const FunctionSite& b) {
      return std::tie(a.name, a.decl_file, a.decl_line, a.inlined, a.probe) <
             std::tie(b.name, b.decl_file, b.decl_line, b.inlined, b.probe);
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const FunctionSite& a, const FunctionSite& b) {
                            return a.probe == b.probe && a.name == b.name;
                          }),
              out.end());
    return out;
  }
};

Module::Module(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Module::~Module() = default;

std::unique_ptr<Module> Module::open(const std::string& path, std::string& error) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  if (!impl->open(error)) return nullptr;
  return std::unique_ptr<Module>(new Module(std::move(impl)));
}

const std::string& Module::path() const { return impl_->path; }
Dwarf* Module::dwarf() const { return impl_->dw; }
Dwfl_Module* Module::dwfl_module() const { return impl_->mod; }
uint64_t Module::bias() const { return impl_->bias; }

uint64_t Module::type_named(const std::string& name) {
  if (auto it = impl_->types.find(name); it != impl_->types.end()) return it->second;
  int tag = DW_TAG_typedef;
  std::string bare = name;
  for (auto [prefix, t] : {std::pair{"struct ", DW_TAG_structure_type},
                           std::pair{"union ", DW_TAG_union_type},
                           std::pair{"enum ", DW_TAG_enumeration_type}})
    if (name.rfind(prefix, 0) == 0) {
      tag = t;
      bare = name.substr(std::strlen(prefix));
    }
  // A name without a keyword is a typedef or base type first, else the
  // struct, union or enum of that name (as @cast(p, "task_struct") means).
  auto search = [&](auto tag_ok) -> uint64_t {
    for (const CuInfo& cu : impl_->cus) {
      Dwarf_Die cudie, child;
      if (!dwarf_offdie(impl_->dw, cu.off, &cudie) || dwarf_child(&cudie, &child) != 0)
        continue;
      do {
        if (!tag_ok(dwarf_tag(&child)) || dwarf_hasattr(&child, DW_AT_declaration)) continue;
        const char* n = name_of(&child);
        if (n && bare == n) return dwarf_dieoffset(&child);
      } while (dwarf_siblingof(&child, &child) == 0);
    }
    return 0;
  };
  uint64_t found =
      search([&](int t) { return t == tag || (tag == DW_TAG_typedef && t == DW_TAG_base_type); });
  if (!found && tag == DW_TAG_typedef)
    found = search([](int t) {
      return t == DW_TAG_structure_type || t == DW_TAG_union_type ||
             t == DW_TAG_enumeration_type || t == DW_TAG_class_type;
    });
  impl_->types[name] = found;
  return found;
}
uint64_t Module::global_variable(const std::string& name, const std::string& file,
                                 uint64_t prefer_cu) {
  // Candidate units: the preferred one, then by path length (stap's rule
  // for @var("name@file") among units whose file matches).
  std::vector<const CuInfo*> order;
  for (const CuInfo& cu : impl_->cus)
    if (file.empty() ? cu.off == prefer_cu : file_matches(file, cu.name)) order.push_back(&cu);
  std::stable_sort(order.begin(), order.end(), [](const CuInfo* a, const CuInfo* b) {
    return a->name.size() < b->name.size();
  });
  if (file.empty() && !prefer_cu)
    for (const CuInfo& cu : impl_->cus) order.push_back(&cu);
  for (const CuInfo* cu : order) {
    Dwarf_Die cudie, child;
    if (!dwarf_offdie(impl_->dw, cu->off, &cudie) || dwarf_child(&cudie, &child) != 0) continue;
    do {
      if (dwarf_tag(&child) != DW_TAG_variable || !dwarf_hasattr(&child, DW_AT_location))
        continue;
      const char* n = name_of(&child);  // through DW_AT_specification
      if (n && name == n) return dwarf_dieoffset(&child);
    } while (dwarf_siblingof(&child, &child) == 0);
  }
  return 0;
}

bool Module::is_kernel() const { return dwfl_module_relocations(impl_->mod) == 0; }

std::optional<uint64_t> Module::symbol_value(const std::string& name) const {
  const int n = dwfl_module_getsymtab(impl_->mod);
  for (int i = 1; i < n; ++i) {
    GElf_Sym sym;
    const char* s = dwfl_module_getsym(impl_->mod, i, &sym, nullptr);
    if (s && name == s && sym.st_shndx != SHN_UNDEF) return sym.st_value;
  }
  return std::nullopt;
}

std::optional<std::pair<std::string, uint64_t>> Module::symbol_holding(uint64_t addr) const {
  const uint64_t a = addr + impl_->bias;
  const int n = dwfl_module_getsymtab(impl_->mod);
  for (int i = 1; i < n; ++i) {
    GElf_Sym sym;
    GElf_Addr at = 0;
    const char* s = dwfl_module_getsym_info(impl_->mod, i, &sym, &at, nullptr, nullptr, nullptr);
    const int type = GELF_ST_TYPE(sym.st_info);
    if (!s || !*s || sym.st_shndx == SHN_UNDEF || (type != STT_OBJECT && type != STT_FUNC))
      continue;
    if (a >= at && a < at + std::max<GElf_Xword>(sym.st_size, 1)) return std::pair{std::string(s), a - at};
  }
  return std::nullopt;
}

std::string Module::kernel_name() const {
  if (is_kernel()) return "kernel";
  std::string name = fs::path(impl_->path).stem().string();
  for (char& c : name)
    if (c == '-') c = '_';
  return name;
}

std::size_t Module::cu_count() const { return impl_->cus.size(); }
std::size_t Module::indexed_cu_count() const { return impl_->indexed; }

std::vector<FunctionSite> Module::functions(const FunctionQuery& q) { return impl_->functions(q); }

bool Module::move_site(FunctionSite& s, uint64_t pc) {
  Dwarf_Die die;
  if (!dwarf_offdie(impl_->dw, s.die, &die)) return false;
  s.probe = pc;
  if (!impl_->place(s) || impl_->blocked(s)) return false;
  s.params.clear();
  impl_->scope_parameters(&die, pc, s);
  return true;
}

std::string Module::relative_file(uint64_t cu_die, const char* path) const {
  for (const CuInfo& cu : impl_->cus)
    if (cu.off == cu_die) return relative_path(cu.comp_dir, path);
  return relative_path("", path);
}

Session::~Session() {
  if (!header_dir_.empty()) {
    std::error_code ec;
    fs::remove_all(header_dir_, ec);
  }
}

Module* Session::header_module(const std::string& spec, std::string& error) {
  if (auto it = errors_.find(spec); it != errors_.end()) {
    error = it->second;
    return nullptr;
  }
  if (auto it = header_objects_.find(spec); it != header_objects_.end())
    return module(it->second, error);
  auto fail = [&](std::string why) -> Module* {
    error = errors_[spec] = std::move(why);
    return nullptr;
  };
  auto headers = parse_header_list(spec, error);
  if (!headers) return fail(error);
  if (header_dir_.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "cxxtap-headers-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) return fail("cannot create a directory for header types");
    header_dir_ = tmpl;
  }
  auto obj = compile_headers(*headers, header_dir_,
                             fmt::format("h{}", header_objects_.size()), error);
  if (!obj) return fail(error);
  header_objects_[spec] = *obj;
  return module(*obj, error);
}

Module* Session::module(const std::string& path, std::string& error) {
  if (auto it = modules_.find(path); it != modules_.end()) return it->second.get();
  if (auto it = errors_.find(path); it != errors_.end()) {
    error = it->second;
    return nullptr;
  }
  auto m = Module::open(path, error);
  if (!m) {
    errors_[path] = error;
    return nullptr;
  }
  return (modules_[path] = std::move(m)).get();
}

}  // namespace cxxtap::debuginfo
