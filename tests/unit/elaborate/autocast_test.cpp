// @cast with a module of C headers ("<sys/un.h>", compiled with the host cc
// for their DWARF) and autocast: member access on a value whose DWARF type
// is known (through a local, an assignment, a ternary, a function's
// returns), checked through -p2 listings and pass 2's errors. The header
// cases always run; the kernel ones are [.vmlinux].
#include "unit/driver/run_stap.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using cxxtap::test::release_opt;
using cxxtap::test::run_stap;

namespace {

cxxtap::test::StapRun p2(const std::string& script, const std::string& opts = "") {
  return run_stap(opts + "-p2 -e '" + script + "'");
}

constexpr const char* kSun = "& @cast(0, \"sockaddr_un\", \"<sys/un.h>\")";

}  // namespace

TEST_CASE("autocast: @cast from a user header") {
  auto r = p2(R"(probe begin { println(@cast(0, "sockaddr_un", "<sys/un.h>")->sun_family) })");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("_dwarf_tvar_get_sun_family_0:long (ptr:long)") != std::string::npos);
  // Several headers in tandem, and a search path
  r = p2(R"(probe begin { println(@cast(0, "sockaddr_un", "<sys/socket.h><sys/un.h>")->sun_family) })");
  CHECK(r.status == 0);
  r = p2(R"(probe begin { println(@cast(0, "sockaddr_un", "<stdio.h>:<sys/un.h>")->sun_family) })");
  INFO(r.err);
  CHECK(r.status == 0);
}

TEST_CASE("autocast: a bad header or type is an error, not a crash") {
  auto r = p2(R"(probe begin { println(@cast(0, "x", "<no/such/header.h>")->a) })");
  CHECK(r.status != 0);
  CHECK(r.err.find("cannot compile headers <no/such/header.h>") != std::string::npos);
  r = p2(R"(probe begin { println(@cast(0, "no_such_type", "<sys/un.h>")->a) })");
  CHECK(r.status != 0);
  CHECK(r.err.find("type definition 'no_such_type' not found in '<sys/un.h>'") !=
        std::string::npos);
  r = p2(R"(probe begin { println(@cast(0, "sockaddr_un", "<sys/un.h>")->no_such) })");
  CHECK(r.status != 0);
  r = p2(R"(probe begin { println(@cast(0, "x", "<bad header>")->a) })");
  CHECK(r.status != 0);
  CHECK(r.err.find("bad character in header name") != std::string::npos);
}

TEST_CASE("autocast: the type travels through locals, ternaries, assignments, returns") {
  const std::string sun = kSun;
  for (const std::string& script : std::vector<std::string>{
           "probe begin { println((" + sun + ")->sun_family) }",
           "probe begin { sun = " + sun + "; println(sun->sun_family) }",
           "probe begin { println((randint(2) ? " + sun + " : " + sun + ")->sun_family) }",
           "probe begin { f = (sun = " + sun + ")->sun_family; println(f, sun) }",
           "probe begin { if (randint(2)) s = " + sun + "; else s = " + sun +
               "; println(s->sun_family) }",
           "function g(p) { return & @cast(p, \"sockaddr_un\", \"<sys/un.h>\") } "
           "probe begin { println(g(0)->sun_family) }",
           "probe begin { sun = " + sun + "; println(sun->sun_path$) }",
       }) {
    auto r = p2(script);
    INFO(script << "\n" << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find("_dwarf_tvar_get_sun_") != std::string::npos);
  }
}

TEST_CASE("autocast: writes need guru mode") {
  const std::string s = std::string("probe begin { sun = ") + kSun + "; sun->sun_family = 1 }";
  auto r = p2(s, "-g ");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("_dwarf_tvar_get_set_cast") != std::string::npos);
  r = p2(s);
  CHECK(r.status != 0);
  CHECK(r.err.find("need stap -g") != std::string::npos);
}

TEST_CASE("autocast: an untyped or mixed value keeps the error; @defined sees it") {
  const std::string sun = kSun;
  // Two different types (different modules) for one local: not typed.
  auto r = p2("probe begin { if (randint(2)) s = " + sun +
              "; else s = & @cast(0, \"sockaddr_un\", \"<sys/socket.h><sys/un.h>\"); "
              "println(s->sun_family) }");
  CHECK(r.status != 0);
  CHECK(r.err.find("needs type information (autocast)") != std::string::npos);
  // A global is never typed.
  r = p2("global s; probe begin { s = " + sun + "; println(s->sun_family) }");
  CHECK(r.status != 0);
  // A local read only under @defined goes without a warning (-W).
  r = p2("probe begin { x = " + sun + "; println(@defined(x->sun_family), @defined(x->nope)) }",
         "-W ");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.err.find("Eliding") == std::string::npos);
  // Dead branches by @defined: only a defined access is kept.
  r = p2("probe begin { x = " + sun + "; println(@defined(x->nope) ? x->nope : 1) }");
  CHECK(r.status == 0);
  r = p2("probe begin { x = " + sun + "; if (!@defined(x->sun_family)) println(x->nope); print(1) }");
  CHECK(r.status == 0);
  r = p2("probe begin { x = " + sun + "; if (@defined(x->sun_family)) println(x->nope) }");
  CHECK(r.status != 0);
  CHECK(r.err.find("unable to find member 'nope'") != std::string::npos);
}

TEST_CASE("autocast: kernel types through a local", "[.vmlinux]") {
  auto r = run_stap(release_opt() +
                    "-p2 -e 'probe begin { t = & @cast(0, \"task_struct\", \"kernel\"); "
                    "println(t->mm->mmap_base, @cast(0, \"task_struct\")[2]->tgid) }'");
  INFO(r.err);
  CHECK(r.status == 0);
  // A member through a pointer to a struct the type's own unit only declares.
  r = run_stap(release_opt() +
               "-p2 -e 'probe begin { println(@cast(0, \"task_struct\", "
               "\"kernel<linux/sched.h><linux/fs_struct.h>\")->fs->umask) }'");
  INFO(r.err);
  CHECK(r.status == 0);
  // A $variable's pointer type, saved at entry for a .return probe.
  r = run_stap(release_opt() +
               "-p2 -e 'probe kernel.function(\"schedule_tail\").return { mm = $prev->mm; "
               "println(&mm->mm_mt) }'");
  INFO(r.err);
  CHECK(r.status == 0);
  r = run_stap(release_opt() +
               "-Wp2 -e 'probe kernel.function(\"do_exit\") { x = & @cast(0, \"struct "
               "block_device\"); println(@defined(x->no_such_member)) }'");
  CHECK(r.status == 0);
}
