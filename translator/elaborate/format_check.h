// Pass 2's view of the printf format rules, which live header-only in
// include/cxxtap/lang so that the C++ DSL checks formats with the same code.
#pragma once

#include <cxxtap/lang/format_check.h>

namespace cxxtap::elaborate {

using lang::check_format;
using lang::format_arg_count;
using lang::format_arg_kind;
using lang::format_arg_kind_name;
using lang::FormatArgKind;
using lang::FormatError;
using lang::FormatMismatch;
using lang::kBadConversion;
using lang::kWrongArgCount;
using lang::scan_format;

}  // namespace cxxtap::elaborate
