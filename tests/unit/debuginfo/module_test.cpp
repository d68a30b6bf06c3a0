// The debuginfo layer (translator/debuginfo/) on objects of our own: a C
// fixture compiled at test time (always runs), and the pass-2 family on it
// through module("PATH").function. The tests against Debian's DWARF
// vmlinux are hidden ([.vmlinux]) and run by the CTest entry
// debuginfo_vmlinux, which reports SKIPPED when the vmlinux is missing.
#include "fixture_module.h"

#include "debuginfo/locate.h"
#include "debuginfo/module.h"
#include "unit/driver/run_stap.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>

using namespace cxxtap::debuginfo;
using cxxtap::test::fixture;
using cxxtap::test::fixture_dir;
using cxxtap::test::run_stap;

namespace {

std::vector<std::string> names(const std::vector<FunctionSite>& sites) {
  std::vector<std::string> out;
  for (const auto& s : sites) out.push_back(s.spec() + (s.inlined ? " inline" : ""));
  return out;
}

FunctionQuery query(std::string name, std::string file = "",
                    FunctionKind kind = FunctionKind::Any) {
  FunctionQuery q;
  q.name = std::move(name);
  q.file = std::move(file);
  q.kind = kind;
  return q;
}

}  // namespace

TEST_CASE("debuginfo: functions by name and glob, with declaring file and line") {
  Session s;
  Module& m = fixture(s);
  using V = std::vector<std::string>;
  CHECK(names(m.functions(query("fixture_sum"))) == V{"fixture_sum@fixture.c:3"});
  CHECK(names(m.functions(query("fixture_*", "", FunctionKind::Call))) ==
        V{"fixture_calls_static@fixture.c:19", "fixture_other@fixture.c:10",
          "fixture_static@fixture.c:14", "fixture_sum@fixture.c:3"});
  CHECK(m.functions(query("no_such_*")).empty());
}

TEST_CASE("debuginfo: @file globs on the declaring file") {
  Session s;
  Module& m = fixture(s);
  CHECK(m.functions(query("fixture_sum", "fixture.c")).size() == 1);
  CHECK(m.functions(query("fixture_sum", "*.c")).size() == 1);
  // fixture_*, and tv_use and tv_ret of the target-variable tests.
  CHECK(m.functions(query("*", "fixture.c", FunctionKind::Call)).size() == 6);
  CHECK(m.functions(query("fixture_sum", "other.c")).empty());
  CHECK(m.functions(query("*", "*/nothing/*.c")).empty());
}

TEST_CASE("debuginfo: .call excludes inlined instances, .inline has only them") {
  Session s;
  Module& m = fixture(s);
  auto inl = m.functions(query("helper_add", "", FunctionKind::Inline));
  REQUIRE(!inl.empty());
  for (const auto& site : inl) {
    CHECK(site.inlined);
    CHECK(site.spec() == "helper_add@fixture.c:2");
    // Inside fixture_sum: probed as that symbol plus an offset.
    CHECK(site.symbol == "fixture_sum");
    CHECK(site.symbol_offset > 0);
    CHECK(site.params.size() <= 2);  // those optimized away are not listed
  }
  CHECK(m.functions(query("helper_add", "", FunctionKind::Call)).empty());
  CHECK(m.functions(query("helper_add")).size() == inl.size());
}

TEST_CASE("debuginfo: parameters with stap's type spelling") {
  Session s;
  Module& m = fixture(s);
  auto sites = m.functions(query("fixture_other"));
  REQUIRE(sites.size() == 1);
  const auto& p = sites[0].params;
  REQUIRE(p.size() == 2);
  CHECK(p[0].name == "name");
  CHECK(p[0].type == "char const*");
  CHECK(p[1].name == "p");
  CHECK(p[1].type == "struct pair*");
  auto sum = m.functions(query("fixture_sum"));
  REQUIRE(sum.size() == 1);
  // The parameters, then the locals with a value at the entry (`s = 0`).
  REQUIRE(sum[0].params.size() >= 2);
  CHECK(sum[0].params[0].name == "v");
  CHECK(sum[0].params[0].type == "int*");
  CHECK(sum[0].params[1].name == "n");
  CHECK(sum[0].params[1].type == "int");
}

TEST_CASE("debuginfo: optimized code is probed at the entry, unoptimized after the prologue") {
  Session s;
  auto opt = fixture(s, "fixture-O2.o").functions(query("fixture_static"));
  REQUIRE(opt.size() == 1);
  CHECK(opt[0].probe == opt[0].entry);
  CHECK(opt[0].symbol == "fixture_static");
  CHECK(opt[0].symbol_offset == 0);

  Module& o0 = fixture(s, "fixture-O0.o");
  auto un = o0.functions(query("fixture_static"));
  REQUIRE(un.size() == 1);
  CHECK(un[0].prologue_end > un[0].entry);
  CHECK(un[0].probe == un[0].prologue_end);
  CHECK(un[0].symbol_offset == un[0].probe - un[0].entry);
  // Never: the entry, whatever the optimization.
  FunctionQuery q = query("fixture_static");
  q.prologue = PrologueMode::Never;
  CHECK(o0.functions(q)[0].probe == un[0].entry);
  // Always on optimized code: the line-table rule (a later address or the entry).
  q.prologue = PrologueMode::Always;
  CHECK(fixture(s, "fixture-O2.o").functions(q)[0].probe >= opt[0].entry);
}

TEST_CASE("debuginfo: .exported means a __ksymtab_ symbol") {
  Session s;
  Module& m = fixture(s);
  FunctionQuery q = query("fixture_*", "", FunctionKind::Call);
  q.exported = true;
  auto sites = m.functions(q);
  REQUIRE(sites.size() == 1);
  CHECK(sites[0].name == "fixture_sum");
}

TEST_CASE("debuginfo: one session per file, errors remembered") {
  Session s;
  Module& a = fixture(s);
  Module& b = fixture(s);
  CHECK(&a == &b);
  std::string error;
  CHECK(s.module("/nonexistent/x.ko", error) == nullptr);
  CHECK(!error.empty());
  std::string again;
  CHECK(s.module("/nonexistent/x.ko", again) == nullptr);
  CHECK(again == error);
}

TEST_CASE("debuginfo: a missing vmlinux names the package to install") {
  std::string error;
  CHECK_FALSE(find_kernel_debuginfo("0.0.0-cxxtap-test", error));
  CHECK(error.find("linux-image-0.0.0-cxxtap-test-dbg") != std::string::npos);
  CHECK(error.find("/usr/lib/debug/boot/vmlinux-0.0.0-cxxtap-test") != std::string::npos);
  CHECK_FALSE(find_module_debuginfo("0.0.0-cxxtap-test", "nomod", error));
  CHECK(error.find("linux-image-0.0.0-cxxtap-test-dbg") != std::string::npos);
}

TEST_CASE("debuginfo: CXXTAP_DEBUGINFO_ROOT is searched first") {
  namespace fs = std::filesystem;
  const std::string dir = fixture_dir();
  REQUIRE(!dir.empty());
  fs::path root = fs::path(dir) / "root";
  fs::create_directories(root / "usr/lib/debug/boot");
  fs::create_directories(root / "usr/lib/debug/lib/modules/0.0.0-t/extra");
  fs::copy_file(fs::path(dir) / "fixture-O2.o", root / "usr/lib/debug/boot/vmlinux-0.0.0-t",
                fs::copy_options::overwrite_existing);
  fs::copy_file(fs::path(dir) / "fixture-O2.o",
                root / "usr/lib/debug/lib/modules/0.0.0-t/extra/my-mod.ko",
                fs::copy_options::overwrite_existing);
  setenv("CXXTAP_DEBUGINFO_ROOT", root.c_str(), 1);
  std::string error;
  auto k = find_kernel_debuginfo("0.0.0-t", error);
  auto mod = find_module_debuginfo("0.0.0-t", "my_mod", error);
  unsetenv("CXXTAP_DEBUGINFO_ROOT");
  REQUIRE(k);
  CHECK(*k == (root / "usr/lib/debug/boot/vmlinux-0.0.0-t").string());
  REQUIRE(mod);
  CHECK(fs::path(*mod).filename() == "my-mod.ko");
}

TEST_CASE("kernel.function family: module(GLOB) over the modules with debuginfo") {
  namespace fs = std::filesystem;
  const std::string dir = fixture_dir();
  REQUIRE(!dir.empty());
  fs::path root = fs::path(dir) / "globroot";
  const fs::path extra = root / "usr/lib/debug/lib/modules/0.0.0-g/extra";
  fs::create_directories(extra);
  for (const char* name : {"glob-one.ko", "glob_two.ko", "other.ko"})
    fs::copy_file(fs::path(dir) / "fixture-O2.o", extra / name, fs::copy_options::overwrite_existing);
  std::string error;
  setenv("CXXTAP_DEBUGINFO_ROOT", root.c_str(), 1);
  auto found = find_modules_debuginfo("0.0.0-g", "glob-*", error);
  auto l = run_stap("-r 0.0.0-g -l 'module(\"glob*\").function(\"fixture_sum\")'");
  auto st = run_stap("-r 0.0.0-g -l 'module(\"glob_t?o\").statement(\"fixture_sum@fixture.c:*\")'");
  auto none = run_stap("-r 0.0.0-g -p2 -e 'probe module(\"zzz*\").function(\"f\") {}'");
  unsetenv("CXXTAP_DEBUGINFO_ROOT");
  REQUIRE(found.size() == 2);  // '-' and '_' are the same
  CHECK(found[0].first == "glob_one");
  CHECK(found[1].first == "glob_two");
  CHECK(l.out == "module(\"glob_one\").function(\"fixture_sum@fixture.c:3\")\n"
                 "module(\"glob_two\").function(\"fixture_sum@fixture.c:3\")\n");
  CHECK(st.out.find("module(\"glob_two\").statement(\"fixture_sum@fixture.c:") == 0);
  CHECK(none.status != 0);
  CHECK(none.err.find("no module matching 'zzz*' has debuginfo") != std::string::npos);
}

TEST_CASE("kernel.function family: module(PATH).function through the driver") {
  const std::string dir = fixture_dir();
  REQUIRE(!dir.empty());
  const std::string obj = dir + "/fixture-O2.o";
  auto l = run_stap("-L 'module(\"" + obj + "\").function(\"fixture_*\").call'");
  CHECK(l.status == 0);
  CHECK(l.out.find("module(\"" + obj +
                   "\").function(\"fixture_other@fixture.c:10\").call $name:char const* "
                   "$p:struct pair*\n") != std::string::npos);
  auto p2 = run_stap("-p2 -e 'probe module(\"" + obj +
                     "\").function(\"helper_add\").inline, module(\"" + obj +
                     "\").function(\"fixture_sum\").return { println(1) }'");
  CHECK(p2.status == 0);
  CHECK(p2.out.find(".function(\"fixture_sum@fixture.c:3\").return /* pc=fixture_O2:fixture_sum+0x0 */") !=
        std::string::npos);
  CHECK(p2.out.find(".function(\"helper_add@fixture.c:2\").inline /* pc=fixture_O2:fixture_sum+0x") !=
        std::string::npos);
  // Pass 3: kprobe rows by symbol + offset, a kretprobe at the entry.
  auto p3 = run_stap("-p3 -e 'probe module(\"" + obj +
                     "\").function(\"helper_add\").inline, module(\"" + obj +
                     "\").function(\"fixture_sum\").return { println(1) }'");
  CHECK(p3.status == 0);
  CHECK(p3.out.find(".symbol = \"fixture_O2:fixture_sum\", .offset = 0x0UL") != std::string::npos);
  CHECK(p3.out.find(".kind = STP_PROBE_KRETPROBE") != std::string::npos);
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (auto at = p3.out.find(needle); at != std::string::npos; at = p3.out.find(needle, at + 1))
      ++n;
    return n;
  };
  // The return probe at the entry; the inlined instances inside the function.
  CHECK(count(".symbol = \"fixture_O2:fixture_sum\", .offset = 0x0UL") == 1);
  CHECK(count(".symbol = \"fixture_O2:fixture_sum\", .offset = 0x") >= 2);
  auto none = run_stap("-p2 -e 'probe module(\"" + obj + "\").function(\"nothing_*\") {}'");
  CHECK(none.status != 0);
  CHECK(none.err.find("no match") != std::string::npos);
}

TEST_CASE("kernel.function family: errors") {
  auto missing = run_stap("-r 0.0.0-cxxtap-test -p2 -e 'probe kernel.function(\"vfs_read\") {}'");
  CHECK(missing.status != 0);
  CHECK(missing.err.find("install the package linux-image-0.0.0-cxxtap-test-dbg") !=
        std::string::npos);
  const std::string obj = fixture_dir() + "/fixture-O2.o";
  // Target variables become calls of generated embedded-C functions.
  auto target = run_stap("-p2 -e 'probe module(\"" + obj +
                         "\").function(\"fixture_sum\") { println($n) }'");
  INFO(target.err);
  CHECK(target.status == 0);
  CHECK(target.out.find("_dwarf_tvar_get_n_") != std::string::npos);
  auto unknown = run_stap("-p2 -e 'probe module(\"" + obj +
                          "\").function(\"fixture_sum\") { println($nosuch) }'");
  CHECK(unknown.status != 0);
  CHECK(unknown.err.find("unable to find local 'nosuch'") != std::string::npos);
  CHECK(unknown.err.find("in fixture_sum (alternatives: $v $n") != std::string::npos);
  // A line part does not narrow a function probe (stap 4.8 does the same).
  auto line = run_stap("-p2 -e 'probe module(\"" + obj +
                       "\").function(\"fixture_sum@fixture.c:5\") { println(1) }'");
  CHECK(line.status == 0);
  CHECK(line.out.find(".function(\"fixture_sum@fixture.c:3\") /* pc=fixture_O2:fixture_sum+0x0 */") !=
        std::string::npos);
}

TEST_CASE("kernel.function family: @defined of a target variable leaves other calls alone") {
  // The call target lowering made for $n is dropped by @defined's folding;
  // a later call must not be taken for it (it once became a read of $n).
  const std::string obj = fixture_dir() + "/fixture-O2.o";
  for (int copies = 1; copies <= 8; copies *= 2) {
    std::string script;
    for (int i = 0; i < copies; ++i)
      script += "probe module(\"" + obj + "\").function(\"fixture_sum\") { println(@defined($n) ? 1 : 0) } ";
    script += "probe begin { println(pid()) }";
    auto r = run_stap("-p2 -e '" + script + "'");
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find("pid:long ()") != std::string::npos);
    CHECK(r.out.find("_dwarf_tvar_get") == std::string::npos);
  }
}

// ---- against Debian's DWARF vmlinux (CTest debuginfo_vmlinux) --------------

namespace {
std::string vmlinux() {
  const char* r = std::getenv("CXXTAP_TEST_RELEASE");
  std::string error;
  auto p = find_kernel_debuginfo(r ? r : "", error);
  REQUIRE(p);
  return *p;
}
}  // namespace

TEST_CASE("vmlinux: vfs_read, its parameters, entry probe", "[.vmlinux]") {
  Session s;
  std::string error;
  Module* m = s.module(vmlinux(), error);
  REQUIRE(m);
  auto sites = m->functions(query("vfs_read"));
  REQUIRE(sites.size() == 1);
  CHECK(sites[0].decl_file == "fs/read_write.c");
  CHECK(sites[0].symbol == "vfs_read");
  CHECK(sites[0].symbol_offset == 0);
  REQUIRE(sites[0].params.size() == 4);
  CHECK(sites[0].params[0].type == "struct file*");
  CHECK(sites[0].params[1].type == "char*");
  CHECK(sites[0].params[2].type == "size_t");
  CHECK(sites[0].params[3].type == "loff_t*");
}

TEST_CASE("vmlinux: a wildcard over the whole kernel is fast", "[.vmlinux]") {
  Session s;
  std::string error;
  auto t0 = std::chrono::steady_clock::now();
  Module* m = s.module(vmlinux(), error);
  REQUIRE(m);
  auto fs_sites = m->functions(query("*", "fs/*.c"));
  auto vfs = m->functions(query("vfs_*"));
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - t0)
                .count();
  WARN("open + *@fs/*.c (" << fs_sites.size() << ") + vfs_* (" << vfs.size() << "): " << ms
                           << " ms");
  CHECK(fs_sites.size() > 3000);
  CHECK(vfs.size() > 80);
  CHECK(ms < 20000);
  // Header inlines are found by their declaring file.
  auto lstat = m->functions(query("vfs_lstat", "", FunctionKind::Inline));
  REQUIRE(!lstat.empty());
  CHECK(lstat[0].decl_file == "include/linux/fs.h");
}
