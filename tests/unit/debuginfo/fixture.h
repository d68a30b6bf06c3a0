// A C object with known functions, compiled with the host's cc at test time
// (an ET_REL file with DWARF, as a .ko is), for the debuginfo layer's tests
// that must run everywhere: no kernel, no -dbg package needed.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace cxxtap::test {

// Types appended to the fixture for the target-variable tests: a nested
// struct, a pointer member, a char array, bitfields (one straddling a byte),
// a signed enum, a named and an anonymous union, small integers, an array.
#define CXXTAP_FIXTURE_TV_TYPES                                            \
  "enum tv_kind { TV_NONE, TV_RED = 5, TV_NEG = -2 };\n"                    \
  "struct tv_inner { long x; short y; };\n"                                \
  "union tv_num { long l; unsigned short s[4]; };\n"                       \
  "struct tv_rec {\n"                                                      \
  "\tint a;\n"                                                             \
  "\tstruct tv_inner in;\n"                                                \
  "\tstruct tv_inner *inner;\n"                                            \
  "\tchar name[8];\n"                                                      \
  "\tunsigned int uf : 3;\n"                                               \
  "\tint sf : 7;\n"                                                        \
  "\tunsigned int wide : 20;\n"                                            \
  "\tenum tv_kind kind;\n"                                                 \
  "\tunion tv_num num;\n"                                                  \
  "\tunion { int ai; short as; };\n"                                       \
  "\tstruct pair *pp;\n"                                                   \
  "\tsigned char sc;\n"                                                    \
  "\tshort sh;\n"                                                          \
  "\tint vals[3];\n"                                                       \
  "};\n"

// Line numbers below are asserted by the tests: keep the text as it is.
inline constexpr const char* kFixtureC =
    "struct pair { int a, b; };\n"                                        // 1
    "static inline int helper_add(int a, int b) { return a + b; }\n"      // 2
    "int fixture_sum(int *v, int n)\n"                                    // 3
    "{\n"                                                                 // 4
    "\tint s = 0;\n"                                                      // 5
    "\tfor (int i = 0; i < n; i++)\n"                                     // 6
    "\t\ts = helper_add(s, v[i]);\n"                                      // 7
    "\treturn s;\n"                                                       // 8
    "}\n"                                                                 // 9
    "int fixture_other(const char *name, struct pair *p)\n"               // 10
    "{\n"                                                                 // 11
    "\treturn name[0] + p->a * p->b;\n"                                   // 12
    "}\n"                                                                 // 13
    "__attribute__((noinline)) static long fixture_static(long x)\n"      // 14
    "{\n"                                                                 // 15
    "\tvolatile long y = x * 3;\n"                                        // 16
    "\treturn y + 1;\n"                                                   // 17
    "}\n"                                                                 // 18
    "long fixture_calls_static(long x) { return fixture_static(x) + 2; }\n"  // 19
    "const int __ksymtab_fixture_sum = 1;\n"                              // 20
    // For the target-variable tests (target_code_test.cpp), which also
    // compile these types into their harness: kFixtureTypesC.
    CXXTAP_FIXTURE_TV_TYPES
    "__attribute__((noinline)) long tv_use(struct tv_rec *r, int *arr, const char *name,\n"
    "\t\t\t\t\t   int k, struct pair *q, unsigned char c)\n"
    "{\n"
    "\treturn r->a + r->inner->x + arr[k] + name[1] + q->b + c;\n"
    "}\n"
    "__attribute__((noinline)) short tv_ret(short x) { return x - 1; }\n";

// The types tv_use() takes, as the harness of target_code_test.cpp needs them.
inline constexpr const char* kFixtureTypesC =
    "struct pair { int a, b; };\n" CXXTAP_FIXTURE_TV_TYPES;

// Removes the fixture directory when the test process ends.
struct FixtureCleanup {
  std::string dir;
  ~FixtureCleanup() {
    std::error_code ec;
    if (!dir.empty()) std::filesystem::remove_all(dir, ec);
  }
};

// Compiles kFixtureC as DIR/fixture.c into DIR/fixture-O2.o and
// DIR/fixture-O0.o (once per process). Empty when there is no C compiler.
inline std::string fixture_dir() {
  static const std::string dir = [] {
    namespace fs = std::filesystem;
    fs::path d = fs::temp_directory_path() / ("cxxtap-dwfixture-" + std::to_string(getpid()));
    fs::create_directories(d);
    static FixtureCleanup cleanup{d.string()};
    std::ofstream(d / "fixture.c") << kFixtureC;
    // -fno-asynchronous-unwind-tables as kbuild on x86_64: the call frame
    // information goes to .debug_frame, which libdwfl relocates in an ET_REL
    // file (it does not relocate .eh_frame, whose addresses are then wrong).
    const std::string cc = "cc -g -fno-asynchronous-unwind-tables";
    const std::string cmd = "cd '" + d.string() + "' && " + cc +
                            " -O2 -c fixture.c -o fixture-O2.o && " + cc +
                            " -O0 -c fixture.c -o fixture-O0.o";
    if (std::system(cmd.c_str()) != 0) return std::string();
    return d.string();
  }();
  return dir;
}

}  // namespace cxxtap::test
