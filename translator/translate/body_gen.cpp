#include "body_gen.h"

#include "names.h"

#include <fmt/format.h>

#include <algorithm>

namespace cxxtap::translate {

using namespace cxxtap::ir;
using elaborate::Variable;

BodyGen::BodyGen(const elaborate::Program& p, const Globals& g, Diagnostics& diags,
                 const elaborate::Function* fn, bool user_runtime)
    : p_(p), g_(g), diags_(diags), fn_(fn), user_runtime_(user_runtime) {}

void BodyGen::line(const std::string& s) {
  out_.append(static_cast<std::size_t>(indent_), '\t');
  out_ += s;
  out_ += '\n';
}

void BodyGen::open(const std::string& s) {
  line(s.empty() ? "{" : s + " {");
  ++indent_;
}

void BodyGen::close(const std::string& s) {
  --indent_;
  line(s);
}

std::string BodyGen::temp(Type t) {
  std::string name = fmt::format("t{}", counter_++);
  if (t == Type::String)
    members_.push_back(fmt::format("char {}[MAXSTRINGLEN];", name));
  else
    members_.push_back(fmt::format("int64_t {};", name));
  return "l->" + name;
}

bool BodyGen::is_temp(const std::string& v) {
  if (v.size() < 5 || v.compare(0, 4, "l->t") != 0) return false;
  return std::all_of(v.begin() + 4, v.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

std::string BodyGen::keys_temp(std::size_t n) {
  std::string name = fmt::format("k{}", counter_++);
  members_.push_back(fmt::format("union _stp_key {}[{}];", name, n ? n : 1));
  return "l->" + name;
}

std::string BodyGen::new_label(const char* prefix) {
  return fmt::format("{}_{}", prefix, counter_++);
}

void BodyGen::check() { line(fmt::format("STP_CHECK(c, {});", error_label())); }

void BodyGen::set_stmt(const std::string& where) {
  const std::string l = fmt::format("c->last_stmt = {};\n", c_string(where));
  // Consecutive settings of the same place: the first one is enough.
  if (out_.size() >= l.size() && out_.compare(out_.size() - l.size(), l.size(), l) == 0) return;
  out_.append(static_cast<std::size_t>(indent_), '\t');
  out_ += l;
}

void BodyGen::fail(const SourceLoc& loc, const std::string& msg) {
  diags_.error(loc, msg);
  failed_ = true;
}

std::string BodyGen::var_ref(const Variable& v) const {
  if (v.scope == Variable::Scope::Global) return global_name(v);
  return local_name(v);
}

const GlobalInfo* BodyGen::global_of(const Expr& e) const {
  const Variable* v = var_of(e);
  if (!v || v->scope != Variable::Scope::Global) return nullptr;
  auto it = g_.info.find(v);
  return it == g_.info.end() ? nullptr : &it->second;
}

void BodyGen::body(const BlockStmt& b) {
  if (fn_) line("STP_NEST_ENTER(c, nest_fail);");
  block(b);
}

void BodyGen::embedded_body(const elaborate::Function& f) {
  line("STP_NEST_ENTER(c, nest_fail);");
  for (const auto& prm : f.params) line(fmt::format("#define STAP_ARG_{} (l->v_{})", prm.get()->name, prm.get()->name));
  // A string result is copied, not assigned (tapset.h's STAP_RETURN is for
  // longs).
  const bool str = f.return_type == Type::String;
  if (str) {
    line("#undef STAP_RETURN");
    line("#define STAP_RETURN(v) do { _stp_str_copy(STAP_RETVALUE, (v)); goto out; } while (0)");
  }
  line("{");
  out_ += f.decl->embedded_code;
  out_ += "\n";
  line("}");
  if (str) {
    line("#undef STAP_RETURN");
    line("#define STAP_RETURN(v) STP_RETURN_LONG(v)");
  }
  for (const auto& prm : f.params) line(fmt::format("#undef STAP_ARG_{}", prm.get()->name));
  line("goto out;");
}

}  // namespace cxxtap::translate
