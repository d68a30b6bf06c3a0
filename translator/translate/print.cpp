// print, println, printd, printdln, printf and their s- variants.
#include "body_gen.h"

#include "elaborate/regex_check.h"
#include "names.h"

#include <fmt/format.h>

namespace cxxtap::translate {

using namespace cxxtap::ir;

void BodyGen::print_value(const std::string& buf, const Expr& arg) {
  if (auto* h = as<HistExpr>(&arg)) {
    const GlobalInfo* g = nullptr;
    if (auto* idx = as<IndexExpr>(h->operand.get())) g = global_of(*idx->base);
    else g = global_of(*h->operand);
    bool maybe_null = false;
    std::string st = stat_pointer(*h->operand, "", &maybe_null);
    if (!g) return;
    open(fmt::format("if (!{0} || {0}->count == 0)", st));
    line(fmt::format("STP_ERROR(c, {}, \"empty aggregate\");", error_label()));
    close();
    line(fmt::format("_stp_stat_print_hist({}, {}, {});", buf, st, spec_of(*g)));
    return;
  }
  std::string v = expr(arg);
  if (type_of(arg) == Type::String)
    line(fmt::format("_stp_buf_puts({}, {});", buf, v));
  else
    line(fmt::format("_stp_buf_put_long({}, {});", buf, v));
}

void BodyGen::printf_format(const std::string& buf, const PrintExpr& e,
                            const std::vector<std::string>& args) {
  const std::string f = elaborate::unescape_literal(e.format);
  std::string vals = "NULL";
  if (!args.empty()) {
    std::string name = new_label("fv");
    members_.push_back(fmt::format("union _stp_fmt_value {}[{}];", name, args.size()));
    vals = "l->" + name;
    for (std::size_t i = 0; i < args.size(); ++i)
      line(fmt::format("{}[{}].{} = {};", vals, i,
                       type_of(*e.args[i]) == Type::String ? "s" : "n", args[i]));
  }
  line(fmt::format("_stp_printf_args({}, {}, {}, {}, {}, &fault);", buf, c_string(f), f.size(),
                   vals, args.size()));
}

std::string BodyGen::print(const PrintExpr& e) {
  std::string buf = "out_buf";
  std::string result = "0";
  open("");
  line("unsigned long fault = 0;");
  if (e.to_string) {
    result = temp(Type::String);
    line("struct _stp_buf sbuf;");
    line(fmt::format("_stp_buf_init(&sbuf, {}, MAXSTRINGLEN);", result));
    buf = "&sbuf";
  } else {
    line("struct _stp_buf *out_buf = _stp_output();");
  }
  line("(void)fault;");
  if (e.style == PrintStyle::Printf) {
    std::vector<std::string> args;
    for (const auto& a : e.args) {
      std::string v = expr(*a);
      std::string t = temp(type_of(*a) == Type::String ? Type::String : Type::Long);
      line(type_of(*a) == Type::String ? fmt::format("_stp_str_copy({}, {});", t, v)
                                       : fmt::format("{} = {};", t, v));
      args.push_back(t);
    }
    printf_format(buf, e, args);
  } else {
    const bool delimited = e.style == PrintStyle::Printd || e.style == PrintStyle::Printdln;
    const std::string delim = c_string(elaborate::unescape_literal(e.delimiter));
    for (std::size_t i = 0; i < e.args.size(); ++i) {
      if (delimited && i > 0) line(fmt::format("_stp_buf_puts({}, {});", buf, delim));
      print_value(buf, *e.args[i]);
    }
    if (e.style == PrintStyle::Println || e.style == PrintStyle::Printdln)
      line(fmt::format("_stp_buf_putc({}, '\\n');", buf));
  }
  close();
  return result;
}

}  // namespace cxxtap::translate
