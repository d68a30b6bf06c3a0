#include "privilege_check.h"

#include "ir_rewrite.h"

namespace cxxtap::elaborate {

namespace {

bool in_tapset(ir::SourceLoc loc) { return loc.file && loc.file->is_tapset; }

}  // namespace

void check_privilege(const Program& p, bool guru, Diagnostics& diags) {
  if (guru) return;
  // Calls written in user code (alias bodies spliced into a user probe keep
  // their tapset locations, and may call what they like).
  auto check = [&](ir::Expr& e) {
    if (e.kind != ir::ExprKind::Call || in_tapset(e.loc)) return;
    Function* f = p.call(&e);
    if (f && f->from_tapset() && f->tags.guru)
      diags.error(e.loc, "function may not be used unless -g is specified: " + describe(e));
  };
  for (const auto& probe : p.probes)
    if (probe->body && !probe->synthesized) for_each_expr(*probe->body, check);
  for (const auto& f : p.functions)
    if (!f->from_tapset() && f->decl->body) for_each_expr(*f->decl->body, check);
}

}  // namespace cxxtap::elaborate
