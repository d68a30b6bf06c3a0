// Global variables (DW_OP_addr locations): @var("name@file"), and a $name
// found among the globals of the probed function's unit. A vmlinux address
// is moved at run time by the kernel's KASLR offset, taken from
// jiffies_64's address; a module's is named by the symbol holding it and
// looked up in the loaded module.
#include "fixture.h"

#include "unit/driver/run_stap.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

using cxxtap::test::fixture_dir;
using cxxtap::test::release_opt;
using cxxtap::test::run_stap;

TEST_CASE("globals: a module's are found by symbol in the loaded module") {
  const std::string obj = fixture_dir() + "/fixture-O2.o";
  auto r = run_stap("-p3 -e 'probe module(\"" + obj +
                    "\").function(\"fixture_sum\") { println(@var(\"__ksymtab_fixture_sum@fixture.c\")) }'");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("_t0 = _stp_module_symbol(\"fixture_O2\", \"__ksymtab_fixture_sum\");") !=
        std::string::npos);
  CHECK(r.out.find("if (!_t0) STAP_ERROR(\"symbol __ksymtab_fixture_sum of module fixture_O2 not "
                   "found (is it loaded?)\");") != std::string::npos);
  CHECK(r.out.find("_stp_tv_read(&_t1, _t0, 4)") != std::string::npos);
  auto none = run_stap("-p2 -e 'probe module(\"" + obj +
                       "\").function(\"fixture_sum\") { println(@var(\"nosuch@fixture.c\")) }'");
  CHECK(none.status != 0);
  CHECK(none.err.find("unable to find global 'nosuch' in a unit of 'fixture.c'") !=
        std::string::npos);
  // Outside DWARF probes @var needs its module named, as in stap.
  auto begin = run_stap("-p2 -e 'probe begin { println(@var(\"x@fixture.c\")) }'");
  CHECK(begin.status != 0);
  CHECK(begin.err.find("unresolved @var() expression") != std::string::npos);
}

TEST_CASE("vmlinux: @var and unit globals are relocated from jiffies_64", "[.vmlinux]") {
  auto r = run_stap(release_opt() +
                    "-p3 -e 'probe kernel.function(\"copy_process\") { println($nr_threads) } "
                    "probe begin { println(@var(\"jiffies_64@kernel/time/timer.c\", \"kernel\")) "
                    "println(@var(\"init_task@init/init_task.c\", \"kernel\")->comm$) }'");
  INFO(r.err);
  CHECK(r.status == 0);
  // jiffies_64 itself, and others at their distance from it in the vmlinux.
  CHECK(r.out.find("_stp_tv_read(&_t0, (uint64_t)&jiffies_64, 8)") != std::string::npos);
  CHECK(r.out.find("((uint64_t)&jiffies_64 + 0x") != std::string::npos);
  // Only the probed function's unit is searched for $name, as in stap.
  auto other = run_stap(release_opt() +
                        "-p2 -e 'probe kernel.function(\"vfs_read\") { println($nr_threads) }'");
  CHECK(other.status != 0);
  CHECK(other.err.find("unable to find local 'nr_threads'") != std::string::npos);
}
