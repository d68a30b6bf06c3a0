// The canonical printer (the `-p1` output). Its output parses back to the same
// IR, so print(parse(print(x))) == print(x); it is also how a DSL script and a
// .stp script are compared.
#pragma once

#include <cxxtap/ir/ast.h>

#include <iosfwd>
#include <string>

namespace cxxtap::ir {

void print(std::ostream& os, const Expr& e);
void print(std::ostream& os, const Stmt& s, int indent = 0);
void print(std::ostream& os, const ProbePoint& pp);
void print(std::ostream& os, const Decl& d);
void print(std::ostream& os, const File& f);

std::string to_string(const Expr& e);
std::string to_string(const Stmt& s);
std::string to_string(const ProbePoint& pp);
std::string to_string(const Decl& d);
std::string to_string(const File& f);

// A string literal as stap source: quotes and C escapes.
std::string quote(std::string_view s);

}  // namespace cxxtap::ir
