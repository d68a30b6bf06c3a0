// Script functions: one C function each, taking the probe context and a
// frame that holds the arguments, the locals, the temporaries and the result.
#include "body_gen.h"
#include "names.h"
#include "probes.h"

#include <fmt/format.h>

namespace cxxtap::translate {

using namespace cxxtap::ir;

namespace {

std::string member(const elaborate::Variable& v) {
  if (v.type == Type::String) return fmt::format("char v_{}[MAXSTRINGLEN];", v.name);
  return fmt::format("int64_t v_{};", v.name);
}

std::string frame_struct(const elaborate::Function& f, const BodyGen& b) {
  std::string out = frame_type(f) + " {\n";
  for (const auto& v : f.params) out += "\t" + member(*v) + "\n";
  for (const auto& v : f.locals) out += "\t" + member(*v) + "\n";
  // A string result is written straight into the caller's buffer
  // (MAXSTRINGLEN bytes, a temporary of the caller's frame): one copy less
  // per call.
  if (f.return_type == Type::String)
    out += "\tchar *__retvalue;\n";
  else
    out += "\tint64_t __retvalue;\n";
  for (const auto& m : b.frame_members()) out += "\t" + m + "\n";
  return out + "};\n";
}

}  // namespace

std::string init_locals(const std::vector<std::unique_ptr<elaborate::Variable>>& vars) {
  std::string out;
  for (const auto& v : vars)
    out += v->type == Type::String ? fmt::format("\tl->v_{}[0] = '\\0';\n", v->name)
                                   : fmt::format("\tl->v_{} = 0;\n", v->name);
  return out;
}

std::string function_definitions(const elaborate::Program& p, const Globals& g,
                                 bool user_runtime, Diagnostics& diags, Extras& extras) {
  std::string structs, protos, bodies;
  for (const auto& f : p.functions) {
    BodyGen b(p, g, diags, f.get(), user_runtime);
    if (f->decl && f->decl->is_embedded)
      b.embedded_body(*f);
    else if (f->decl && f->decl->body)
      b.body(*f->decl->body);
    structs += frame_struct(*f, b);
    extras.add(b.statics(), b.inits());
    const std::string sig = fmt::format("static void {}(struct _stp_probe_ctx *pc, {} *l)",
                                        function_name(*f), frame_type(*f));
    protos += sig + ";\n";
    bodies += fmt::format("\n/* function {} */\n{}\n{{\n\tstruct _stp_context *c = &pc->ctx;\n\n",
                          f->name, sig);
    bodies += "\t(void)c;\n";
    // The caller pushed the frame (uninitialised) and set the arguments.
    bodies += init_locals(f->locals);
    bodies += f->return_type == Type::String ? "\tl->__retvalue[0] = '\\0';\n"
                                             : "\tl->__retvalue = 0;\n";
    bodies += b.code();
    bodies += "out: __attribute__((unused));\n\tSTP_NEST_LEAVE(c);\nnest_fail:\n\treturn;\n}\n";
  }
  return structs + "\n" + protos + bodies;
}

}  // namespace cxxtap::translate
