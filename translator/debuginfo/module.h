// One object's DWARF through libdw: the kernel's vmlinux or a module's .ko.
// A Module is one libdw session (a Dwfl with one offline module, relocated
// when the file is an ET_REL .ko), opened once and queried many times; its
// index of function names is built per compilation unit on first use.
//
// Function queries follow stap's kernel.function("PATTERN") rules:
//   name     a glob (fnmatch) on the function's name: "vfs_read", "vfs_*"
//   file     a glob on the file that declares it ("fs/read_write.c",
//            "*@fs/*.c" is name "*", file "fs/*.c"); a pattern with no '/'
//            also matches the last components ("read_write.c")
//   kind     Any (out-of-line functions and inline instances), Call (only
//            functions with code of their own), Inline (only instances
//            inlined into other functions)
//   exported only functions the object exports (a __ksymtab_NAME symbol)
//
// The probe address ("after the prologue as stap does", prologue mode
// `auto` of stap's --prologue-searching): an optimized compilation unit
// (a -O flag other than -O0 in DW_AT_producer, as for every kernel and
// module built by kbuild) is probed at the function's entry, because its
// parameters' locations are described from the first instruction on. An
// unoptimized one (or PrologueMode::Always, stap -P) is probed at the end of
// the prologue, which is, in the line table of the function's compilation
// unit: the first row after the entry row whose address is above the entry,
// below the function's end, that begins a statement (is_stmt) and whose line
// differs from the entry row's line; the entry itself when there is no
// such row. Return probes always use the entry (kretprobes need it).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

typedef struct Dwarf Dwarf;
typedef struct Dwfl_Module Dwfl_Module;

namespace cxxtap::debuginfo {

enum class FunctionKind { Any, Call, Inline };
enum class PrologueMode { Auto, Always, Never };

struct FunctionQuery {
  std::string name = "*";
  std::string file;  // empty: any file
  FunctionKind kind = FunctionKind::Any;
  bool exported = false;
  PrologueMode prologue = PrologueMode::Auto;
};

struct Parameter {
  std::string name;
  std::string type;  // "struct file*", "char const*", "size_t"
  // The value's bytes and signedness (typedefs and qualifiers seen
  // through): 8 for pointers, 0 for what is not a scalar (a struct).
  int size = 0;
  bool is_signed = false;
};

struct FunctionSite {
  std::string name;
  std::string decl_file;  // relative to the build tree: "fs/read_write.c"
  int decl_line = 0;
  bool inlined = false;    // an inlined instance
  uint64_t entry = 0;      // first instruction (of the instance, if inlined)
  uint64_t prologue_end = 0;
  uint64_t probe = 0;      // the address to probe, by the query's rule
  // probe == address(symbol) + symbol_offset. `symbol` is an ELF symbol that
  // names one address only (a name shared by several local symbols is not
  // used: then the symbol is "_stext" for the kernel).
  std::string symbol;
  uint64_t symbol_offset = 0;
  // What -L lists: parameters and outermost locals with a value at `probe`.
  std::vector<Parameter> params;
  // Every formal parameter of the function, in order, whether or not it
  // has a value at `probe` (what a tracepoint's arguments are).
  std::vector<Parameter> formals;
  std::string return_type;  // "ssize_t"; empty for void
  // The concrete DIE (the subprogram with code, or the inlined instance):
  // where target variables are looked up (translator/debuginfo/target_code.h).
  uint64_t die = 0;
  // A statement probe's source line (translator/debuginfo/statements.h);
  // 0 for a function probe.
  int line = 0;

  // "vfs_read@fs/read_write.c:450" (the declaration's line, or a statement
  // probe's line), the form stap lists.
  std::string spec() const;
};

class Module {
 public:
  // Opens `path` (a vmlinux or .ko with DWARF). Null with `error` set.
  static std::unique_ptr<Module> open(const std::string& path, std::string& error);
  ~Module();
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  const std::string& path() const;
  std::size_t cu_count() const;
  std::size_t indexed_cu_count() const;

  // The matching functions, sorted by name, then file and line, then the
  // function's own code before its inlined instances, then address.
  std::vector<FunctionSite> functions(const FunctionQuery& q);

  // Moves `s` (a site of functions()) to the address `pc` inside the same
  // function: its symbol + offset and the variables with a value there.
  // False when no probe may go there (the kprobe blocklist, init code).
  bool move_site(FunctionSite& s, uint64_t pc);
  // The compilation unit DIE offset and the declaration file (as
  // FunctionSite::decl_file spells it) of a path the line table names.
  std::string relative_file(uint64_t cu_die, const char* path) const;

  // The raw libdw handles, for the target-variable translator.
  Dwarf* dwarf() const;
  Dwfl_Module* dwfl_module() const;
  uint64_t bias() const;
  // Offset of the DIE of a complete type named `name` ("struct sk_buff",
  // "union x", "enum y", a typedef or base type name), searched over every
  // compilation unit and remembered; 0 when there is none.
  uint64_t type_named(const std::string& name);
  // Offset of the DIE of a global variable `name` with a location (file
  // scope, static or extern) defined in a compilation unit whose file
  // matches `file` (a glob; the shortest path first, as stap's
  // @var("name@file") picks). With no file: in the unit `cu` (what a $name
  // sees besides the function's locals), or in any unit when cu is 0. 0
  // when there is none.
  uint64_t global_variable(const std::string& name, const std::string& file, uint64_t cu = 0);
  // The vmlinux (an executable: addresses are link-time addresses the
  // running kernel has moved by its KASLR offset), not a relocatable .ko.
  bool is_kernel() const;
  // The value of the ELF symbol `name` (the first of that name); nullopt
  // when there is none.
  std::optional<uint64_t> symbol_value(const std::string& name) const;
  // The data or function symbol holding the object address `addr` and the
  // offset into it; nullopt when no symbol holds it.
  std::optional<std::pair<std::string, uint64_t>> symbol_holding(uint64_t addr) const;
  // The name the kernel knows the object by: "kernel", or the module's
  // file name without .ko, '-' read as '_'.
  std::string kernel_name() const;

 private:
  struct Impl;
  explicit Module(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A cache of open modules, one libdw session per file, reused by every probe
// point of a pass.
class Session {
 public:
  Session() = default;
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  Module* module(const std::string& path, std::string& error);
  // The types of C headers, `spec` written as @cast's module "<a.h><b.h>"
  // (header_types.h): compiled once per spec into a directory of the
  // session's own, removed with it.
  Module* header_module(const std::string& spec, std::string& error);

 private:
  std::map<std::string, std::unique_ptr<Module>> modules_;
  std::map<std::string, std::string> errors_;
  std::map<std::string, std::string> header_objects_;  // spec -> object path
  std::string header_dir_;
};

}  // namespace cxxtap::debuginfo
