// The IR: one representation of a script, shared by the stap-language parser
// and the C++ DSL. Nodes are plain data (syntax only). Facts derived by later
// passes (resolved symbols, types, probe sites) live in tables owned by the
// pass that computes them, keyed by node address.
//
// Every node is created through make<T>() below, carries a SourceLoc, and is
// owned by its parent through unique_ptr. A new node kind needs: a Kind
// enumerator, the struct, a line in visitor.h, printer.cpp and clone.cpp.
#pragma once

#include <cxxtap/ir/source.h>
#include <cxxtap/ir/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cxxtap::ir {

// ---------------------------------------------------------------------------
// Expressions

enum class ExprKind {
  Number,      // 42, 0x2a
  String,      // "text"
  Symbol,      // name (variable or array name)
  Index,       // base[k1, k2] ; base is Symbol or Hist
  Call,        // f(a, b)
  Print,       // printf/sprintf/print/println/printd... families
  Unary,       // - + ! ~
  IncDec,      // ++x x++ --x x--
  Binary,      // arithmetic, bitwise, shifts, && ||, comparisons, ., =~ !~
  Ternary,     // c ? a : b
  Assign,      // = += ... .= <<<
  InArray,     // [k1, k2] in A ; k in A
  Stat,        // @count(x) @sum ... @variance(x[, shift])
  Hist,        // @hist_linear(x, lo, hi, step) @hist_log(x)
  Target,      // $var, $$vars, $$parms, $$locals, $$return, $return
  Cast,        // @cast(expr, "type"[, "module"])
  Access,      // base->m[i]->n, &base, base$ / base$$ (target and autocast)
  Defined,     // @defined(expr)
  Entry,       // @entry(expr)
  Probewrite,  // @probewrite(var)
  Perf,        // @perf("counter")
  Const,       // @const("C_EXPR")
  Var,         // @var("name[@file]"[, "module"])
  Register,    // @kregister(n) @uregister(n)
  Deref,       // @kderef(size, addr) @uderef(size, addr)
  Embedded,    // %{ C expression %}
};

struct Expr {
  const ExprKind kind;
  SourceLoc loc;
  explicit Expr(ExprKind k) : kind(k) {}
  virtual ~Expr() = default;
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;
};
using ExprPtr = std::unique_ptr<Expr>;

template <ExprKind K>
struct ExprOf : Expr {
  static constexpr ExprKind static_kind = K;
  ExprOf() : Expr(K) {}
};

struct NumberExpr : ExprOf<ExprKind::Number> {
  int64_t value = 0;
};

struct StringExpr : ExprOf<ExprKind::String> {
  // The contents between the quotes as written: escape sequences are kept
  // (the generated C gives them their meaning), so printing is lossless.
  std::string value;
};

struct SymbolExpr : ExprOf<ExprKind::Symbol> {
  std::string name;
};

struct IndexExpr : ExprOf<ExprKind::Index> {
  ExprPtr base;                 // SymbolExpr or HistExpr
  std::vector<ExprPtr> indexes; // a null entry is `*` (delete/in/foreach slices)
};

struct CallExpr : ExprOf<ExprKind::Call> {
  std::string name;
  std::vector<ExprPtr> args;
};

enum class PrintStyle {
  Print,     // print / sprint
  Println,   // println / sprintln
  Printd,    // printd / sprintd (delimiter first)
  Printdln,  // printdln / sprintdln
  Printf,    // printf / sprintf (format first)
};

struct PrintExpr : ExprOf<ExprKind::Print> {
  PrintStyle style = PrintStyle::Print;
  bool to_string = false;   // the s- variants
  std::string format;       // Printf: the literal format
  std::string delimiter;    // Printd/Printdln: the literal delimiter
  std::vector<ExprPtr> args;
  std::string function_name() const;  // "sprintf", "printdln", ...
};

enum class UnaryOp { Neg, Plus, Not, BitNot };
struct UnaryExpr : ExprOf<ExprKind::Unary> {
  UnaryOp op = UnaryOp::Neg;
  ExprPtr operand;
};

struct IncDecExpr : ExprOf<ExprKind::IncDec> {
  bool increment = true;
  bool prefix = true;
  ExprPtr operand;
};

enum class BinaryOp {
  Mul, Div, Mod, Add, Sub, Shl, Shr, Concat,
  Lt, Gt, Le, Ge, Eq, Ne, RegexMatch, RegexNoMatch,
  BitAnd, BitXor, BitOr, LogAnd, LogOr,
};
struct BinaryExpr : ExprOf<ExprKind::Binary> {
  BinaryOp op = BinaryOp::Add;
  ExprPtr left, right;
};

struct TernaryExpr : ExprOf<ExprKind::Ternary> {
  ExprPtr cond, then_expr, else_expr;
};

enum class AssignOp {
  Assign, AddAssign, SubAssign, MulAssign, DivAssign, ModAssign, ShlAssign,
  ShrAssign, AndAssign, XorAssign, OrAssign, ConcatAssign, StatAppend,  // <<<
};
struct AssignExpr : ExprOf<ExprKind::Assign> {
  AssignOp op = AssignOp::Assign;
  ExprPtr target, value;
};

struct InArrayExpr : ExprOf<ExprKind::InArray> {
  std::vector<ExprPtr> keys;  // a null entry is `*`
  ExprPtr array;              // SymbolExpr (or HistExpr)
};

enum class StatFn { None, Count, Sum, Min, Max, Avg, Variance };
struct StatExpr : ExprOf<ExprKind::Stat> {
  StatFn fn = StatFn::Count;
  ExprPtr operand;
  ExprPtr param;  // @variance shift, else null
};

enum class HistKind { Linear, Log };
struct HistExpr : ExprOf<ExprKind::Hist> {
  HistKind hist = HistKind::Log;
  ExprPtr operand;
  std::vector<ExprPtr> params;  // linear: lo, hi, step
};

struct TargetExpr : ExprOf<ExprKind::Target> {
  std::string name;  // including the dollars: "$var", "$$vars", "$return"
};

struct CastExpr : ExprOf<ExprKind::Cast> {
  ExprPtr operand;
  std::string type_name;
  std::string module;  // empty when not given
  bool has_module = false;
};

struct AccessComponent {
  enum Kind { Member, Index } kind = Member;
  std::string member;  // Member
  ExprPtr index;       // Index
  SourceLoc loc;
};
struct AccessExpr : ExprOf<ExprKind::Access> {
  ExprPtr base;
  std::vector<AccessComponent> components;
  bool address_of = false;  // leading &
  int pretty = 0;           // trailing $ (1) or $$ (2)
};

struct DefinedExpr : ExprOf<ExprKind::Defined> { ExprPtr operand; };
struct EntryExpr : ExprOf<ExprKind::Entry> { ExprPtr operand; };
struct ProbewriteExpr : ExprOf<ExprKind::Probewrite> { ExprPtr operand; };
struct PerfExpr : ExprOf<ExprKind::Perf> { std::string counter; };
struct ConstExpr : ExprOf<ExprKind::Const> { std::string c_expr; };

struct VarExpr : ExprOf<ExprKind::Var> {
  std::string name;  // "name[@file]"
  std::string module;
  bool has_module = false;
};

struct RegisterExpr : ExprOf<ExprKind::Register> {
  bool user = false;  // @uregister
  ExprPtr operand;
};

struct DerefExpr : ExprOf<ExprKind::Deref> {
  bool user = false;  // @uderef
  ExprPtr size, address;
};

struct EmbeddedExpr : ExprOf<ExprKind::Embedded> {
  std::string code;  // between %{ and %}
};

// ---------------------------------------------------------------------------
// Statements

enum class StmtKind {
  Block, Expr, If, While, For, Foreach, Break, Continue, Next, Return,
  Delete, Try, Embedded, Null,
};

struct Stmt {
  const StmtKind kind;
  SourceLoc loc;
  explicit Stmt(StmtKind k) : kind(k) {}
  virtual ~Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
};
using StmtPtr = std::unique_ptr<Stmt>;

template <StmtKind K>
struct StmtOf : Stmt {
  static constexpr StmtKind static_kind = K;
  StmtOf() : Stmt(K) {}
};

struct BlockStmt : StmtOf<StmtKind::Block> { std::vector<StmtPtr> stmts; };
using BlockPtr = std::unique_ptr<BlockStmt>;

struct ExprStmt : StmtOf<StmtKind::Expr> { ExprPtr expr; };

struct IfStmt : StmtOf<StmtKind::If> {
  ExprPtr cond;
  StmtPtr then_stmt, else_stmt;  // else may be null
};

struct WhileStmt : StmtOf<StmtKind::While> {
  ExprPtr cond;
  StmtPtr body;
};

struct ForStmt : StmtOf<StmtKind::For> {
  ExprPtr init, cond, incr;  // any may be null
  StmtPtr body;
};

struct ForeachStmt : StmtOf<StmtKind::Foreach> {
  std::vector<std::unique_ptr<SymbolExpr>> keys;
  std::unique_ptr<SymbolExpr> value;   // `v =` form; may be null
  ExprPtr array;                       // SymbolExpr or HistExpr
  std::vector<ExprPtr> slice;          // `in A[k, *]`; null entries are `*`
  // Sort marker: column 0 = value (marker on the array or the value
  // variable), 1..N = that key. direction: +1 ascending, -1 descending,
  // 0 unsorted.
  int sort_column = 0;
  int sort_direction = 0;
  StatFn sort_aggregate = StatFn::None;  // `A @sum-`
  ExprPtr limit;                          // may be null
  StmtPtr body;
};

struct BreakStmt : StmtOf<StmtKind::Break> {};
struct ContinueStmt : StmtOf<StmtKind::Continue> {};
struct NextStmt : StmtOf<StmtKind::Next> {};
struct ReturnStmt : StmtOf<StmtKind::Return> { ExprPtr value; };  // may be null
struct DeleteStmt : StmtOf<StmtKind::Delete> { ExprPtr target; };

struct TryStmt : StmtOf<StmtKind::Try> {
  BlockPtr try_block;
  std::unique_ptr<SymbolExpr> error_var;  // `catch (msg)`; may be null
  BlockPtr catch_block;
};

struct EmbeddedStmt : StmtOf<StmtKind::Embedded> { std::string code; };
struct NullStmt : StmtOf<StmtKind::Null> {};

// ---------------------------------------------------------------------------
// Probe points

struct ProbePointComponent {
  std::string functor;  // may contain * and ** globs
  ExprPtr arg;          // NumberExpr or StringExpr; null if none
  SourceLoc loc;
};

struct ProbePoint {
  std::vector<ProbePointComponent> components;
  bool optional = false;    // ?
  bool sufficient = false;  // ! (implies optional)
  ExprPtr condition;        // if (expr); may be null
  SourceLoc loc;
  std::string str() const;  // canonical text without ?, !, condition
};
using ProbePointPtr = std::unique_ptr<ProbePoint>;

// ---------------------------------------------------------------------------
// Top-level declarations

enum class DeclKind { Probe, Alias, Function, Global, Embedded };

struct Decl {
  const DeclKind kind;
  SourceLoc loc;
  explicit Decl(DeclKind k) : kind(k) {}
  virtual ~Decl() = default;
  Decl(const Decl&) = delete;
  Decl& operator=(const Decl&) = delete;
};
using DeclPtr = std::unique_ptr<Decl>;

template <DeclKind K>
struct DeclOf : Decl {
  static constexpr DeclKind static_kind = K;
  DeclOf() : Decl(K) {}
};

struct ProbeDecl : DeclOf<DeclKind::Probe> {
  std::vector<ProbePointPtr> points;
  BlockPtr body;
};

struct AliasDecl : DeclOf<DeclKind::Alias> {
  std::vector<ProbePointPtr> names;    // alias names (no ?, !, if)
  bool epilogue = false;               // += instead of =
  std::vector<ProbePointPtr> targets;  // what it expands to
  BlockPtr body;                       // prologue (=) or epilogue (+=)
};

struct Param {
  std::string name;
  Type type = Type::Unknown;  // annotation, if any
  SourceLoc loc;
};

struct FunctionDecl : DeclOf<DeclKind::Function> {
  std::string name;
  Type return_type = Type::Unknown;  // annotation, if any
  std::vector<Param> params;
  BlockPtr body;              // script body, or
  bool is_embedded = false;   // %{ C %} body in `embedded_code`
  std::string embedded_code;
  int64_t priority = 0;       // `: PRIO`; 0 when not written
  bool has_priority = false;
  bool is_private = false;
};

struct GlobalDecl : DeclOf<DeclKind::Global> {
  std::string name;
  bool is_array = false;  // declared with [N] or %
  int64_t max_size = 0;   // [N]; 0 when not given
  bool wrap = false;      // %
  ExprPtr init;           // literal initializer of a scalar; may be null
  bool is_private = false;
};

struct EmbeddedDecl : DeclOf<DeclKind::Embedded> { std::string code; };

// One parsed input (script or tapset file), declarations in source order.
struct File {
  SourceFilePtr source;
  std::vector<DeclPtr> decls;
  bool is_tapset() const { return source && source->is_tapset; }
  std::string name() const { return source ? source->name : std::string(); }
};
using FilePtr = std::unique_ptr<File>;

// ---------------------------------------------------------------------------
// Construction and casting helpers.

template <class T>
std::unique_ptr<T> make(SourceLoc loc) {
  auto p = std::make_unique<T>();
  p->loc = loc;
  return p;
}

template <class T, class Base>
T* as(Base* n) {
  return n && n->kind == T::static_kind ? static_cast<T*>(n) : nullptr;
}
template <class T, class Base>
const T* as(const Base* n) {
  return n && n->kind == T::static_kind ? static_cast<const T*>(n) : nullptr;
}

// Operator spelling, shared by printer, parser tables and diagnostics.
std::string_view op_text(UnaryOp op);
std::string_view op_text(BinaryOp op);
std::string_view op_text(AssignOp op);
std::string_view stat_fn_name(StatFn fn);  // "count" ... ; "" for None

// Deep copies (alias bodies are copied into every probe that uses them).
ExprPtr clone(const Expr& e);
StmtPtr clone(const Stmt& s);
BlockPtr clone_block(const BlockStmt& b);
ProbePointPtr clone(const ProbePoint& pp);

}  // namespace cxxtap::ir
