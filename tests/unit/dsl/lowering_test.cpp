// What the -p1 text cannot show: the DSL builds the same IR shapes as the
// parser (probe point components, function signatures, for/try nodes,
// target expressions), and every node it builds carries the C++ file and
// line it was written at, so pass 2 reports DSL mistakes at the C++ line.
#include <cxxtap/dsl.h>

#include "elaborate/elaborate.h"
#include "functions/functions.h"
#include "parse/parser.h"
#include "vfs_read/vfs_read.h"

#include <cxxtap/ir/printer.h>

#include <catch2/catch.hpp>

#include <sstream>

namespace tap = cxxtap::dsl;
namespace ir = cxxtap::ir;

namespace {

ir::FilePtr parse_text(const std::string& text) {
  cxxtap::Diagnostics d;
  cxxtap::parse::ParseOptions po;
  auto f = cxxtap::parse::parse_file(std::make_shared<ir::SourceFile>("t.stp", text), po, d);
  REQUIRE(f);
  return f;
}

template <class T, class P>
const T& as(const P& p) {
  auto x = ir::as<T>(p.get());
  REQUIRE(x);
  return *x;
}

// --- every node has a location in this file

struct LocWalker {
  std::vector<std::string> missing;
  void check(const ir::SourceLoc& l, std::string_view what) {
    if (!l.known() || l.file->name != __FILE__) missing.push_back(std::string(what));
  }
  void expr(const ir::Expr* e) {
    if (!e) return;
    check(e->loc, ir::to_string(*e));
    switch (e->kind) {
      case ir::ExprKind::Call:
        for (auto& a : static_cast<const ir::CallExpr*>(e)->args) expr(a.get());
        break;
      case ir::ExprKind::Print:
        for (auto& a : static_cast<const ir::PrintExpr*>(e)->args) expr(a.get());
        break;
      case ir::ExprKind::Binary:
        expr(static_cast<const ir::BinaryExpr*>(e)->left.get());
        expr(static_cast<const ir::BinaryExpr*>(e)->right.get());
        break;
      case ir::ExprKind::Assign:
        expr(static_cast<const ir::AssignExpr*>(e)->target.get());
        expr(static_cast<const ir::AssignExpr*>(e)->value.get());
        break;
      case ir::ExprKind::IncDec: expr(static_cast<const ir::IncDecExpr*>(e)->operand.get()); break;
      case ir::ExprKind::Access: {
        auto a = static_cast<const ir::AccessExpr*>(e);
        expr(a->base.get());
        for (auto& c : a->components) {
          check(c.loc, "access component");
          expr(c.index.get());
        }
        break;
      }
      case ir::ExprKind::Cast: expr(static_cast<const ir::CastExpr*>(e)->operand.get()); break;
      case ir::ExprKind::Entry: expr(static_cast<const ir::EntryExpr*>(e)->operand.get()); break;
      case ir::ExprKind::Defined: expr(static_cast<const ir::DefinedExpr*>(e)->operand.get()); break;
      default: break;
    }
  }
  void stmt(const ir::Stmt* s) {
    if (!s) return;
    check(s->loc, ir::to_string(*s));
    switch (s->kind) {
      case ir::StmtKind::Block:
        for (auto& x : static_cast<const ir::BlockStmt*>(s)->stmts) stmt(x.get());
        break;
      case ir::StmtKind::Expr: expr(static_cast<const ir::ExprStmt*>(s)->expr.get()); break;
      case ir::StmtKind::If: {
        auto x = static_cast<const ir::IfStmt*>(s);
        expr(x->cond.get());
        stmt(x->then_stmt.get());
        stmt(x->else_stmt.get());
        break;
      }
      case ir::StmtKind::For: {
        auto x = static_cast<const ir::ForStmt*>(s);
        expr(x->init.get());
        expr(x->cond.get());
        expr(x->incr.get());
        stmt(x->body.get());
        break;
      }
      case ir::StmtKind::Try: {
        auto x = static_cast<const ir::TryStmt*>(s);
        stmt(x->try_block.get());
        expr(x->error_var.get());
        stmt(x->catch_block.get());
        break;
      }
      case ir::StmtKind::Return: expr(static_cast<const ir::ReturnStmt*>(s)->value.get()); break;
      default: break;
    }
  }
  void decl(const ir::Decl& d) {
    check(d.loc, "declaration");
    if (auto p = ir::as<ir::ProbeDecl>(&d)) {
      for (auto& pp : p->points) {
        check(pp->loc, "probe point");
        for (auto& c : pp->components) check(c.loc, c.functor);
      }
      stmt(p->body.get());
    }
    if (auto f = ir::as<ir::FunctionDecl>(&d)) {
      for (auto& prm : f->params) check(prm.loc, prm.name);
      stmt(f->body.get());
    }
  }
};

constexpr tap::Var<tap::Long> g{"g"};
constexpr tap::Var<tap::String> m{"m"};
constexpr tap::Function<"twice", tap::Long(tap::Long)> twice{"x"};
constexpr unsigned kFirst = __LINE__;
constexpr auto located = tap::script(
    g,
    twice.define([](auto x) {
      return tap::return_(x * 2);
    }),
    tap::probe(tap::begin,
               tap::log("hello"),
               tap::printf("%d\n", twice(g)),
               g = twice(1) + 2,
               tap::for_(g = 0, g < 3, g++,
                         tap::log("loop")),
               tap::try_(tap::error("x"))
                   .catch_(m, tap::exit())),
    tap::probe(tap::kernel.function("f").return_(),
               tap::if_(tap::defined(tap::target_var("p").field("q")),
                        tap::printf("%d %d\n", tap::return_value,
                                    tap::cast(tap::entry(tap::target_var("p")), "t").field("r")))));

template <class T>
const T& stmt_at(const ir::ProbeDecl& p, std::size_t i) {
  auto x = ir::as<T>(p.body->stmts.at(i).get());
  REQUIRE(x);
  return *x;
}

}  // namespace

TEST_CASE("dsl: probe points by name have one component per dotted word, as parsed") {
  auto dsl = examples::vfs_read.lower();
  auto stp = parse_text("probe vfs.read { exit() }");
  auto& a = *as<ir::ProbeDecl>(dsl->decls[0]).points[0];
  auto& b = *as<ir::ProbeDecl>(stp->decls[0]).points[0];
  REQUIRE(a.components.size() == b.components.size());
  for (std::size_t i = 0; i < a.components.size(); ++i)
    CHECK(a.components[i].functor == b.components[i].functor);
  CHECK(tap::point("netfilter.ipv4", "pre_routing").size == 3);
}

TEST_CASE("dsl: netfilter hooks and tracepoints lower to the points the parser builds") {
  auto text = [](const tap::Point& p) {
    auto pp = p.lower();
    return pp->str();
  };
  auto parsed = [](const char* src) {
    auto f = parse_text(src);
    return as<ir::ProbeDecl>(f->decls[0]).points[0]->str();
  };
  CHECK(text(tap::netfilter.hook("NF_INET_PRE_ROUTING").pf("NFPROTO_IPV4").priority("1")) ==
        parsed("probe netfilter.hook(\"NF_INET_PRE_ROUTING\").pf(\"NFPROTO_IPV4\").priority(\"1\") {}"));
  CHECK(text(tap::netfilter.pf("NFPROTO_IPV6").hook("NF_INET_LOCAL_IN")) ==
        parsed("probe netfilter.pf(\"NFPROTO_IPV6\").hook(\"NF_INET_LOCAL_IN\") {}"));
  CHECK(text(tap::kernel.trace("sched_switch")) == parsed("probe kernel.trace(\"sched_switch\") {}"));
}

TEST_CASE("dsl: a script function lowers to the FunctionDecl the parser builds") {
  auto dsl = examples::functions.lower();
  auto stp = parse_text(
      "function describe:string(name:string, n:long) { return sprintf(\"%s\", name) }\n"
      "function report(line:string) { println(line) }");
  auto& d = as<ir::FunctionDecl>(dsl->decls[2]);
  auto& s = as<ir::FunctionDecl>(stp->decls[0]);
  CHECK(d.name == s.name);
  CHECK(d.return_type == ir::Type::String);
  REQUIRE(d.params.size() == s.params.size());
  for (std::size_t i = 0; i < d.params.size(); ++i) {
    CHECK(d.params[i].name == s.params[i].name);
    CHECK(d.params[i].type == s.params[i].type);
  }
  CHECK(d.body->stmts.size() == 1);
  CHECK(d.body->stmts[0]->kind == ir::StmtKind::Return);
  auto& r = as<ir::FunctionDecl>(dsl->decls[3]);
  CHECK(r.return_type == as<ir::FunctionDecl>(stp->decls[1]).return_type);  // no annotation
  CHECK(!r.has_priority);
  CHECK(!r.is_embedded);
}

TEST_CASE("dsl: for_ and try_ lower to ForStmt and TryStmt") {
  auto f = located.lower();
  auto& probe = as<ir::ProbeDecl>(f->decls[2]);
  auto& loop = stmt_at<ir::ForStmt>(probe, 3);
  CHECK(loop.init);
  CHECK(loop.cond);
  CHECK(loop.incr);
  CHECK(loop.body->kind == ir::StmtKind::Expr);
  auto& t = stmt_at<ir::TryStmt>(probe, 4);
  REQUIRE(t.error_var);
  CHECK(t.error_var->name == "m");
  CHECK(t.try_block->stmts.size() == 1);
  CHECK(t.catch_block->stmts.size() == 1);
  // for (;;) with everything left out, catch without a variable
  constexpr auto bare = tap::script(
      tap::probe(tap::begin, tap::for_(tap::omit, tap::omit, tap::omit, tap::break_),
                 tap::try_().catch_()));
  auto b = bare.lower();
  CHECK(ir::to_string(*b) == ir::to_string(*parse_text(
                                 "probe begin { for (;;) break; try { } catch { } }")));
  auto& bp = as<ir::ProbeDecl>(b->decls[0]);
  CHECK(!stmt_at<ir::ForStmt>(bp, 0).cond);
  CHECK(!stmt_at<ir::TryStmt>(bp, 1).error_var);
}

TEST_CASE("dsl: DWARF function and statement points lower as parsed") {
  auto text = [](const tap::Point& p) { return p.lower()->str(); };
  auto parsed = [](const std::string& point) {
    auto f = parse_text("probe " + point + " {}");
    return as<ir::ProbeDecl>(f->decls[0]).points[0]->str();
  };
  CHECK(text(tap::kernel.statement("vfs_read@fs/read_write.c:460").nearest()) ==
        parsed("kernel.statement(\"vfs_read@fs/read_write.c:460\").nearest"));
  CHECK(text(tap::kernel.statement(0x1234).absolute()) ==
        parsed("kernel.statement(0x1234).absolute"));
  CHECK(text(tap::kernel.function(0x1234).return_().maxactive(8)) ==
        parsed("kernel.function(0x1234).return.maxactive(8)"));
  CHECK(text(tap::kernel.function("vfs_*").exported()) ==
        parsed("kernel.function(\"vfs_*\").exported"));
  CHECK(text(tap::module("ext4").statement("ext4_*@fs/ext4/file.c:*")) ==
        parsed("module(\"ext4\").statement(\"ext4_*@fs/ext4/file.c:*\")"));
  CHECK(text(tap::module("ext4").function("ext4_file_open").inline_()) ==
        parsed("module(\"ext4\").function(\"ext4_file_open\").inline"));
  CHECK(text(tap::kernel.function("tcp_sendmsg_locked").label("out*")) ==
        parsed("kernel.function(\"tcp_sendmsg_locked\").label(\"out*\")"));
}

TEST_CASE("dsl: @var lowers to the parser's VarExpr") {
  auto g = tap::var("init_task@init/init_task.c", "kernel").field("pid").lower();
  auto f = parse_text("probe begin { print(@var(\"init_task@init/init_task.c\", \"kernel\")->pid) }");
  auto& probe = as<ir::ProbeDecl>(f->decls[0]);
  auto& pr = as<ir::PrintExpr>(stmt_at<ir::ExprStmt>(probe, 0).expr);
  for (const ir::ExprPtr* e : std::array<const ir::ExprPtr*, 2>{&g, &pr.args[0]}) {
    auto& acc = as<ir::AccessExpr>(*e);
    REQUIRE(acc.components.size() == 1);
    CHECK(acc.components[0].member == "pid");
    auto& v = as<ir::VarExpr>(acc.base);
    CHECK(v.name == "init_task@init/init_task.c");
    CHECK(v.has_module);
    CHECK(v.module == "kernel");
  }
  CHECK(!as<ir::VarExpr>(tap::var("x").lower()).has_module);
}

TEST_CASE("dsl: target expressions lower to the parser's node kinds") {
  auto f = located.lower();
  auto& probe = as<ir::ProbeDecl>(f->decls[3]);
  auto& branch = stmt_at<ir::IfStmt>(probe, 0);
  auto& def = as<ir::DefinedExpr>(branch.cond);
  auto& acc = as<ir::AccessExpr>(def.operand);
  CHECK(as<ir::TargetExpr>(acc.base).name == "$p");
  REQUIRE(acc.components.size() == 1);
  CHECK(acc.components[0].member == "q");
  auto& pr = as<ir::PrintExpr>(as<ir::ExprStmt>(branch.then_stmt).expr);
  CHECK(as<ir::TargetExpr>(pr.args[0]).name == "$return");
  auto& cast_access = as<ir::AccessExpr>(pr.args[1]);
  auto& c = as<ir::CastExpr>(cast_access.base);
  CHECK(c.type_name == "t");
  CHECK(!c.has_module);
  CHECK(as<ir::EntryExpr>(c.operand).operand->kind == ir::ExprKind::Target);
}

TEST_CASE("dsl: every node carries the C++ file and line it was written at") {
  auto f = located.lower();
  LocWalker w;
  for (auto& d : f->decls) w.decl(*d);
  CHECK(w.missing == std::vector<std::string>{});

  // The global at its declaration; the function and its return_ where written.
  CHECK(f->decls[0]->loc.line == kFirst - 3);
  auto& fn = as<ir::FunctionDecl>(f->decls[1]);
  CHECK(fn.loc.line == kFirst + 3);
  CHECK(fn.body->stmts[0]->loc.line == kFirst + 4);
  // The multiplication has no call of its own: it is at its return_.
  CHECK(as<ir::ReturnStmt>(fn.body->stmts[0]).value->loc.line == kFirst + 4);

  auto& probe = as<ir::ProbeDecl>(f->decls[2]);
  CHECK(probe.loc.line == kFirst + 6);
  CHECK(probe.points[0]->loc.line == kFirst + 6);
  CHECK(probe.body->stmts[0]->loc.line == kFirst + 7);  // log(...)
  CHECK(probe.body->stmts[1]->loc.line == kFirst + 8);  // printf(...)
  auto& assign = as<ir::AssignExpr>(stmt_at<ir::ExprStmt>(probe, 2).expr);
  CHECK(assign.loc.line == kFirst + 6);  // `=` is an operator: the probe's line
  CHECK(as<ir::BinaryExpr>(assign.value).left->loc.line == kFirst + 9);  // twice(1)
  auto& loop = stmt_at<ir::ForStmt>(probe, 3);
  CHECK(loop.loc.line == kFirst + 10);
  CHECK(loop.body->loc.line == kFirst + 11);
  auto& t = stmt_at<ir::TryStmt>(probe, 4);
  CHECK(t.loc.line == kFirst + 12);
  CHECK(t.catch_block->stmts[0]->loc.line == kFirst + 13);

  // The printed form does not show locations: the same text as parsed.
  CHECK(ir::to_string(*f).find(__FILE__) == std::string::npos);
}

TEST_CASE("dsl: pass 2 reports a DSL script's errors at its C++ lines") {
  std::vector<ir::FilePtr> user;
  user.push_back(located.lower("located"));
  cxxtap::Diagnostics d;
  // No tapsets: log, error and exit are unknown, begin cannot read $targets.
  auto program = cxxtap::elaborate::elaborate(std::move(user), {}, {}, d);
  CHECK(!program);
  std::ostringstream os;
  d.render(os);
  std::string out = os.str();
  INFO(out);
  CHECK(out.find(std::string(__FILE__) + ":" + std::to_string(kFirst + 7) + ":") !=
        std::string::npos);
  // The C++ line itself is shown under the message.
  CHECK(out.find("tap::log(\"hello\"),") != std::string::npos);
}
