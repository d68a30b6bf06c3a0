#include "probe_needs.h"

#include "reached.h"

#include <cxxtap/ir/visitor.h>

#include <cctype>
#include <string_view>
#include <unordered_set>

namespace cxxtap::translate {

using namespace cxxtap::ir;
using elaborate::Function;
using elaborate::Program;

namespace {

// Does C text name the probe context? Tapset bodies reach it as CONTEXT
// (runtime/session/tapset.h); `pc` is its name in generated code.
bool names_context(std::string_view code) {
  auto ident = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
  for (std::string_view w : {std::string_view("CONTEXT"), std::string_view("pc")}) {
    for (std::size_t pos = code.find(w); pos != std::string_view::npos;
         pos = code.find(w, pos + 1)) {
      const bool before = pos > 0 && ident(code[pos - 1]);
      const bool after = pos + w.size() < code.size() && ident(code[pos + w.size()]);
      if (!before && !after) return true;
    }
  }
  return false;
}

// Can C text write to the print buffer? Only through the session's print
// services (runtime/session/session.h, transport.h) and tapset.h's
// _stp_printf: _stp_output(), _stp_print*(), _stp_session_printf(),
// _stp_system() (which flushes). Runtime helpers that print must go through
// them by name in the embedded code that calls them.
bool names_printer(std::string_view code) {
  for (std::string_view w : {"_stp_output", "_stp_print", "_stp_session_printf", "_stp_system"})
    if (code.find(w) != std::string_view::npos) return true;
  return false;
}

class NeedsWalker : public Visitor<NeedsWalker> {
 public:
  explicit NeedsWalker(const Program& p) : p_(p) {}

  ProbeNeeds needs;
  std::vector<const Function*> calls;

  void embedded(std::string_view code) {
    if (names_printer(code)) needs.prints = true;
    if (names_context(code)) needs.context = true;
  }
  void visit_Print(PrintExpr& e) {
    if (!e.to_string) needs.prints = true;
    Visitor::visit_Print(e);
  }
  void visit_Call(CallExpr& e) {
    if (const Function* f = p_.call(&e)) calls.push_back(f);
    Visitor::visit_Call(e);
  }
  void visit_Embedded(EmbeddedExpr& e) { embedded(e.code); }
  void visit_EmbeddedStmt(EmbeddedStmt& s) { embedded(s.code); }

 private:
  const Program& p_;
};

}  // namespace

ProbeNeeds probe_needs(const Program& p, const elaborate::DerivedProbe& probe) {
  NeedsWalker w(p);
  walk_reached(probe, w, [&](const ir::FunctionDecl& f) { w.embedded(f.embedded_code); });
  return w.needs;
}

}  // namespace cxxtap::translate
