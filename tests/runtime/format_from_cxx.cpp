// format_from_cxx.cpp - the format checker is plain C that C++ can use: the
// translator checks printf formats with the same parser the runtime prints
// with.  test_format.c calls this through a C interface.
#include "runtime/format_parse.h"

#include <string>
#include <string_view>

namespace {

// The argument kinds of a format as "L"/"S" letters, or "error@COLUMN".
std::string describe(std::string_view fmt)
{
	unsigned char kinds[16];
	size_t n = 0;
	_stp_fmt_error err{};

	if (_stp_fmt_check(fmt.data(), fmt.size(), kinds, sizeof kinds, &n, &err))
		return std::string("error@") + std::to_string(err.column);
	std::string out;
	for (size_t i = 0; i < n && i < sizeof kinds; ++i)
		out += kinds[i] == STP_FMT_ARG_STRING ? 'S' : 'L';
	return out;
}

} // namespace

extern "C" int stp_test_cxx_describe(const char *fmt, size_t len, char *out,
				     size_t size)
{
	std::string s = describe(std::string_view(fmt, len));
	if (s.size() + 1 > size)
		return -1;
	s.copy(out, s.size());
	out[s.size()] = '\0';
	return 0;
}
