// Symbol resolution. In a probe or function body a bare name is a function
// parameter, else a global (the file's private one, a user global, a
// library global pulled in on demand), else a local created on first use.
// Calls resolve to user functions, then library ones, by name and arity.
// Array arity is checked here; types are the next step's business.
#pragma once

#include "program.h"
#include "tapset_index.h"

#include <cxxtap/support/diagnostics.h>

#include <deque>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace cxxtap::elaborate {

// An error that only counts if its node survives dead-code removal (a
// `$target` in a branch @defined has ruled out, say).
struct DeferredError {
  const ir::Expr* node = nullptr;
  std::string message;
};

class SymbolResolver {
 public:
  // `pull` is called when a library file is needed (for a global or a
  // function it defines).
  SymbolResolver(Program& program, TapsetIndex& index, Diagnostics& diags,
                 std::function<void(std::size_t)> pull);
  ~SymbolResolver();

  // Resolves a derived probe's body and condition. `file` is the index of
  // the file the probe was written in (for private names).
  void resolve_probe(DerivedProbe& probe, std::size_t file);

  // Resolves the bodies of functions referenced since the last call;
  // returns false when there was nothing to do.
  bool resolve_pending_functions();

  const std::vector<DeferredError>& deferred() const { return deferred_; }

  // Functions with the same name and arity that no call can reach.
  void warn_unreachable_overloads();

  // Called with each script function's declaration before its body is
  // resolved (target lowering of @cast there).
  std::function<void(ir::FunctionDecl&)> before_body;

 private:
  friend class BodyResolver;
  struct Scope;

  Variable* global_for(const TapsetIndex::GlobalDef& def);
  Function* function_for(const TapsetIndex::FunctionDef& def);
  Function* resolve_call(const ir::CallExpr& call, std::size_t from);
  void note_arity(Variable& v, int arity, const ir::Expr& use);
  void embedded_pragmas(const void* code, std::string_view text, std::size_t file);

  Program& program_;
  TapsetIndex& index_;
  Diagnostics& diags_;
  std::function<void(std::size_t)> pull_;
  std::unordered_map<const ir::GlobalDecl*, Variable*> globals_;
  std::unordered_map<const ir::FunctionDecl*, Function*> functions_;
  std::unordered_map<const Variable*, ir::SourceLoc> arity_loc_;
  std::unordered_map<const Variable*, bool> arity_reported_;
  std::deque<Function*> pending_;
  std::vector<DeferredError> deferred_;
  // Overload groups seen at call sites (same name and arity, priority order).
  std::vector<std::vector<TapsetIndex::FunctionDef>> groups_;
};

// Parses the /* pure */, /* unprivileged */ ... pragmas of an embedded body.
FunctionTags parse_function_tags(std::string_view embedded_code);

// True if a function body contains a `next` statement (so a call may go on
// to the following overload).
bool has_next_statement(const ir::BlockStmt& body);

}  // namespace cxxtap::elaborate
