// C names of script entities and C spellings of script values.
#pragma once

#include "elaborate/program.h"

#include <string>
#include <string_view>

namespace cxxtap::translate {

std::string global_name(const elaborate::Variable& v);    // "g_count"
std::string local_name(const elaborate::Variable& v);     // "l->v_x"
std::string function_name(const elaborate::Function& f);  // "f_name__2_0"
std::string frame_type(const elaborate::Function& f);     // "struct f_name__2_0_frame"

// A C string literal with these bytes (octal escapes for the rest).
std::string c_string(std::string_view bytes);
// A C literal for a script string as written (its escapes decoded first).
std::string c_script_string(std::string_view written);
// A C literal for an int64_t.
std::string c_long(int64_t v);
// The runtime's name of a statistic extractor: "STP_STAT_SUM", ...
const char* stat_op_name(ir::StatFn fn);

// "operator '/' at FILE:L:C", as the runtime's `near ...` part.
std::string where(std::string_view token_kind, std::string_view token, const ir::SourceLoc& loc);
// The token that starts an expression, described as above.
std::string first_token(const ir::Expr& e);
// The token that starts a statement.
std::string first_token(const ir::Stmt& s);

}  // namespace cxxtap::translate
