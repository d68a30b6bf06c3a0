// Source locations of DSL nodes. Builder calls (probe, function definitions,
// printf, tapset and script-function calls, if_, for_, return_, ...) capture
// std::source_location where the user wrote them; every IR node lowered
// inside one of them carries that C++ file and line, so a pass-2 error on a
// DSL script points at the C++ line that built the offending node. Nodes made
// by operators (a + b, x = v) and literals have no call to capture at: they
// take the location of the nearest enclosing builder call.
#pragma once

#include <cxxtap/ir/ast.h>

#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <source_location>
#include <sstream>
#include <string>

namespace cxxtap::dsl {

// A captured location: a literal type, so it can live in a constexpr script.
struct Loc {
  const char* file = nullptr;  // null: not captured (inherit the enclosing one)
  unsigned line = 0;
  unsigned column = 0;
  static constexpr Loc from(const std::source_location& s) {
    return Loc{s.file_name(), static_cast<unsigned>(s.line()), static_cast<unsigned>(s.column())};
  }
};

namespace detail {

// The SourceFile of a C++ file, made once per path and kept for the life of
// the program (IR nodes point at it). Its text is the file's contents when
// it can be read, so that diagnostics show the C++ line and a caret.
inline const ir::SourceFile* cpp_source(const char* path) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<ir::SourceFile>, std::less<>> files;
  std::lock_guard lock(mu);
  auto it = files.find(std::string_view(path));
  if (it != files.end()) return it->second.get();
  std::string text;
  if (std::ifstream in{path}) {
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  auto f = std::make_unique<ir::SourceFile>(path, std::move(text));
  const ir::SourceFile* raw = f.get();
  files.emplace(path, std::move(f));
  return raw;
}

inline ir::SourceLoc to_ir(Loc l) {
  if (!l.file) return {};
  return ir::SourceLoc{cpp_source(l.file), l.line, l.column};
}

// The location nodes get while lowering: the innermost located builder.
inline ir::SourceLoc& current_loc() {
  static thread_local ir::SourceLoc loc;
  return loc;
}

}  // namespace detail

// Makes `l` the location of the nodes lowered in this scope (when captured).
class LocScope {
 public:
  explicit LocScope(Loc l) : saved_(detail::current_loc()) {
    if (l.file) detail::current_loc() = detail::to_ir(l);
  }
  ~LocScope() { detail::current_loc() = saved_; }
  LocScope(const LocScope&) = delete;
  LocScope& operator=(const LocScope&) = delete;

 private:
  ir::SourceLoc saved_;
};

// An IR node at the current lowering location.
template <class T>
std::unique_ptr<T> node() {
  return ir::make<T>(detail::current_loc());
}
inline ir::SourceLoc here_loc() { return detail::current_loc(); }

}  // namespace cxxtap::dsl
