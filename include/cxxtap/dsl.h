// The C++ embedded DSL for probe scripts. Use it through a namespace alias
// (`namespace tap = cxxtap::dsl;`): unqualified printf would be ambiguous with
// ::printf. A script is a constexpr value; Script::lower() gives the IR that
// the rest of cxxtap (elaboration, translation, build) takes.
#pragma once

#include <cxxtap/dsl/location.h>
#include <cxxtap/dsl/expr.h>
#include <cxxtap/dsl/operators.h>
#include <cxxtap/dsl/print.h>
#include <cxxtap/dsl/probe.h>
#include <cxxtap/dsl/stmt.h>
#include <cxxtap/dsl/types.h>
#include <cxxtap/dsl/function_sig.h>
#include <cxxtap/dsl/function.h>
#include <cxxtap/dsl/target.h>
#include <cxxtap/dsl/variables.h>
#include <cxxtap/dsl/emit.h>
#include <cxxtap/tapset/core.h>
#include <cxxtap/tapset/kernel.h>
#include <cxxtap/tapset/kernel_functions.h>
