// The generator of one C body: a probe handler or a script function. It walks
// the IR and writes C statements into `out`; every expression becomes a C
// expression without side effects over temporaries that the statements
// before it computed. Locals and temporaries live in the frame `l`; errors
// jump to the innermost error label (the end of the body, or a catch block).
//
// Split by concern: body_gen.cpp (plumbing), exprs.cpp (scalars, operators,
// calls), arrays.cpp (arrays and statistics), print.cpp (print forms),
// stmts.cpp (statements), foreach.cpp (foreach).
#pragma once

#include "globals.h"

#include <string>
#include <vector>

namespace cxxtap::translate {

class BodyGen {
 public:
  BodyGen(const elaborate::Program& p, const Globals& g, Diagnostics& diags,
          const elaborate::Function* fn, bool user_runtime);

  // Generates the statements of a body; afterwards code() is the C text
  // (without the enclosing braces) and frame_members() the extra members of
  // the frame struct.
  void body(const ir::BlockStmt& b);
  void embedded_body(const elaborate::Function& f);
  const std::string& code() const { return out_; }
  const std::vector<std::string>& frame_members() const { return members_; }
  // File-scope declarations and _stp_script_init statements the body needs
  // (sort buffers of nested foreach loops).
  const std::vector<std::string>& statics() const { return statics_; }
  const std::vector<std::string>& inits() const { return inits_; }
  bool failed() const { return failed_; }

  // ---- plumbing (body_gen.cpp)
  void line(const std::string& s);
  void open(const std::string& s);   // "s {" and indent
  void close(const std::string& s = "}");
  std::string temp(ir::Type t);      // a new temporary of the frame
  // Is this C expression a temporary that temp() made ("l->t3")? Each is
  // written by one expression only, so later code cannot change it.
  static bool is_temp(const std::string& v);
  std::string keys_temp(std::size_t n);
  std::string new_label(const char* prefix);
  const std::string& error_label() const { return error_labels_.back(); }
  void check();                      // STP_CHECK to the error label
  void set_stmt(const std::string& where);
  void fail(const ir::SourceLoc& loc, const std::string& msg);
  ir::Type type_of(const ir::Expr& e) const { return p_.type_of(&e); }
  const elaborate::Variable* var_of(const ir::Expr& e) const { return p_.symbol(&e); }
  std::string var_ref(const elaborate::Variable& v) const;
  const GlobalInfo* global_of(const ir::Expr& e) const;

  // ---- expressions (exprs.cpp)
  std::string expr(const ir::Expr& e);
  std::string cond(const ir::Expr& e);  // a long, as a C truth value
  std::string to_string(const ir::Expr& e);
  std::string binary(const ir::BinaryExpr& e);
  std::string logical(const ir::BinaryExpr& e);
  std::string regex(const ir::BinaryExpr& e);
  std::string ternary(const ir::TernaryExpr& e);
  std::string unary(const ir::UnaryExpr& e);
  // value_used false: x++ as a statement, whose old value needs no temporary.
  std::string incdec(const ir::IncDecExpr& e, bool value_used = true);
  std::string assign(const ir::AssignExpr& e);
  std::string assign_scalar(const ir::AssignExpr& e, const elaborate::Variable& v);
  std::string call(const ir::CallExpr& e);
  std::string arith(ir::BinaryOp op, const std::string& a, const std::string& b,
                    const ir::SourceLoc& loc);
  std::string store(const elaborate::Variable& v, ir::Type t, const std::string& value);

  // ---- arrays and statistics (arrays.cpp)
  std::string keys(const elaborate::Variable& arr, const std::vector<ir::ExprPtr>& idx,
                   uint32_t* wild);
  std::string index_read(const ir::IndexExpr& e);
  std::string assign_index(const ir::AssignExpr& e, const ir::IndexExpr& target);
  std::string incdec_index(const ir::IncDecExpr& e, const ir::IndexExpr& target);
  std::string in_array(const ir::InArrayExpr& e);
  std::string stat_append(const ir::Expr& target, const std::string& value);
  std::string stat_expr(const ir::StatExpr& e);
  std::string stat_pointer(const ir::Expr& operand, const std::string& where, bool* maybe_null);
  std::string hist_bucket(const ir::IndexExpr& e, const ir::HistExpr& h);
  void array_full(const GlobalInfo& g, const std::string& rc);
  void delete_stmt(const ir::DeleteStmt& s);

  // ---- print forms (print.cpp)
  std::string print(const ir::PrintExpr& e);
  void print_value(const std::string& buf, const ir::Expr& arg);
  void printf_format(const std::string& buf, const ir::PrintExpr& e,
                     const std::vector<std::string>& args);

  // ---- statements (stmts.cpp, foreach.cpp)
  void stmt(const ir::Stmt& s);
  void block(const ir::BlockStmt& b);
  // MAXACTION: statements are counted as they are generated and charged
  // (one STP_ACTIONS for all of them) before control flow branches, at the
  // end of each block and of each nested statement, and before jumps.
  void charge(const std::string& where);
  void nested(const ir::Stmt& s);
  void if_stmt(const ir::IfStmt& s);
  void while_stmt(const ir::WhileStmt& s);
  void for_stmt(const ir::ForStmt& s);
  void return_stmt(const ir::ReturnStmt& s);
  void try_stmt(const ir::TryStmt& s);
  void foreach_stmt(const ir::ForeachStmt& s);
  void foreach_hist(const ir::ForeachStmt& s, const ir::HistExpr& h);
  void next_stmt(const ir::NextStmt& s);

 private:
  const elaborate::Program& p_;
  const Globals& g_;
  Diagnostics& diags_;
  const elaborate::Function* fn_;
  bool user_runtime_;
  std::string out_;
  int indent_ = 1;
  std::vector<std::string> members_;
  std::vector<std::string> error_labels_{"out"};
  std::vector<std::string> statics_, inits_;
  std::vector<const GlobalInfo*> sorted_foreach_;  // enclosing sorted foreach loops
  struct Loop { std::string brk, cont; };
  std::vector<Loop> loops_;
  // The body of a loop, with the label `continue` jumps to after it.
  void loop_body(const Loop& loop, const ir::Stmt& body);
  // Closes the loop's C block; `break` jumps past it.
  void close_loop(const Loop& loop);
  int counter_ = 0;
  int pending_ = 0;  // statements not charged against MAXACTION yet
  bool failed_ = false;
};

}  // namespace cxxtap::translate
