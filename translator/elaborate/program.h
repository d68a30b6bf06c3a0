// Pass 2's output: the elaborated program. Syntax stays in the IR nodes (owned
// by `files` and by the derived probes' cloned bodies); everything pass 2
// learns about them lives in the tables here.
#pragma once

#include <cxxtap/ir/ast.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace cxxtap::elaborate {

// A variable a symbol can resolve to.
struct Variable {
  enum class Scope { Global, Local, Param } scope = Scope::Local;
  std::string name;
  ir::Type type = ir::Type::Unknown;       // element type for arrays
  int arity = -1;                          // number of keys; 0 = scalar; -1 = not known yet
  std::vector<ir::Type> key_types;         // size == arity once known
  const ir::GlobalDecl* global = nullptr;  // Global scope
  const ir::File* file = nullptr;          // where it is declared (or first used)
  ir::SourceLoc loc;                       // declaration or first use
  bool synthesized = false;                // made by pass 2 (global display)

  bool is_array() const { return arity > 0; }
  bool from_tapset() const { return file && file->is_tapset(); }
};

// One concrete probe point after alias expansion and family resolution.
struct ResolvedPoint {
  std::string family;         // "begin", "timer.ms", ...
  std::string text;           // canonical probe point text, e.g. "timer.ms(100)"
  const ir::ProbePoint* written = nullptr;  // as the user wrote it
  std::string derivation;     // "begin /* <- oneshot += begin <- oneshot */"
  std::string listed;         // the point as `stap -l` lists it (alias name or point)
  bool optional = false;      // `?` somewhere along the derivation
  bool sufficient = false;    // `!`
  std::map<std::string, int64_t> numbers;      // family arguments ("interval", ...)
  std::map<std::string, std::string> strings;
  // What `stap -L` lists after the point besides the probe's locals: the
  // target variables a DWARF family finds ("$file:struct file*").
  std::vector<std::string> listed_vars;
  // Target variables a family provides from its own probe context rather
  // than from DWARF (netfilter's $skb, a tracepoint's arguments): `$name`
  // in the probe reads the C expression `c_expr`, evaluated in the probe's
  // embedded-C scope (CONTEXT is the probe context), of script type `type`.
  struct ContextVar {
    std::string name;  // without the '$'
    ir::Type type = ir::Type::Long;
    std::string c_expr;
    std::string c_type;  // for -L and @cast-free member access: "struct sk_buff*"
    // Instead of c_expr, statements that set STAP_RETVALUE (a string built
    // with snprintf: a tracepoint's $$parms).
    std::string c_code;
    bool read_only = false;  // a guru-mode write is an error (tracepoint arguments)
  };
  std::vector<ContextVar> context_vars;
};

// A probe after alias expansion: its own body (user body with alias
// prologues/epilogues spliced in), its locals, its point.
struct DerivedProbe {
  ResolvedPoint point;
  ir::BlockPtr body;
  ir::ExprPtr condition;  // ANDed `if` conditions; may be null
  std::vector<std::unique_ptr<Variable>> locals;
  const ir::ProbeDecl* origin = nullptr;  // null for probes pass 2 made
  const ir::File* file = nullptr;         // file of the origin
  std::string name;                       // "probe_0", ...
  bool synthesized = false;               // global display, condition arming
  // A .return probe's values taken at the function's entry (@entry(e), and
  // its $parameters): `entry_part` is the probe that computes them when the
  // function is entered (a kretprobe's entry handler; never registered on
  // its own, is_entry_part), into `entry_data_size` bytes the kretprobe
  // instance carries to the return (elaborate/target_lowering.h).
  DerivedProbe* entry_part = nullptr;
  bool is_entry_part = false;
  int64_t entry_data_size = 0;
};

// Pragmas found in an embedded-C function body.
struct FunctionTags {
  bool unprivileged = false;        // /* unprivileged */
  bool myproc_unprivileged = false; // /* myproc-unprivileged */
  bool guru = false;                // /* guru */
  bool pure = false;                // /* pure */
  bool stable = false;              // /* stable */
};

struct Function {
  const ir::FunctionDecl* decl = nullptr;
  const ir::File* file = nullptr;
  std::string name;
  ir::Type return_type = ir::Type::Unknown;
  std::vector<std::unique_ptr<Variable>> params;
  std::vector<std::unique_ptr<Variable>> locals;
  FunctionTags tags;
  // Same name and arity, in priority order: the call resolves to the first;
  // `next` in one continues with the following one. They share one return
  // type.
  int overload_index = 0;
  Function* next_overload = nullptr;
  bool calls_next = false;  // the body has a `next` statement

  std::size_t arity() const { return params.size(); }
  bool from_tapset() const { return file && file->is_tapset(); }
};

// A global named by a /* pragma:read:x */ or /* pragma:write:x */ comment in
// embedded C (an EmbeddedExpr, EmbeddedStmt or embedded function body).
struct EmbeddedAccess {
  const void* code = nullptr;
  Variable* global = nullptr;
  bool write = false;
};

struct Program {
  std::vector<ir::FilePtr> files;  // user script first, then tapsets used
  std::vector<std::unique_ptr<Variable>> globals;   // in order of first reference
  std::vector<std::unique_ptr<Function>> functions; // in order of first reference
  std::vector<std::unique_ptr<DerivedProbe>> probes;
  std::vector<const ir::EmbeddedDecl*> embeds;

  // Symbol resolution and types, keyed by node.
  std::unordered_map<const ir::Expr*, Variable*> symbols;      // SymbolExpr
  std::unordered_map<const ir::Expr*, Function*> calls;        // CallExpr
  // Subtrees folding removed, kept alive so that no later node reuses the
  // address of one these tables are keyed on (const_fold.h).
  std::vector<ir::ExprPtr> dropped;
  std::unordered_map<const ir::Expr*, ir::Type> types;         // every Expr
  std::vector<EmbeddedAccess> embedded_access;

  // Target expressions that could not be translated, and why
  // (elaborate/target_lowering.h); reported only where still live.
  std::unordered_map<const ir::Expr*, std::string> target_errors;
  // The declarations of the embedded-C functions target_lowering made, and
  // the file they claim to come from (a tapset: their C is ours).
  std::vector<std::unique_ptr<ir::FunctionDecl>> generated_functions;
  std::unique_ptr<ir::File> generated_file;

  ir::Type type_of(const ir::Expr* e) const {
    auto it = types.find(e);
    return it == types.end() ? ir::Type::Unknown : it->second;
  }
  Variable* symbol(const ir::Expr* e) const {
    auto it = symbols.find(e);
    return it == symbols.end() ? nullptr : it->second;
  }
  Function* call(const ir::Expr* e) const {
    auto it = calls.find(e);
    return it == calls.end() ? nullptr : it->second;
  }
};

}  // namespace cxxtap::elaborate
