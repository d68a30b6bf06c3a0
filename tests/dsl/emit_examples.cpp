// Writes the stap text of each DSL example into DIR/NAME.stp, so that the
// examples can be run end to end by tests/dsl/run_examples.sh.
#include "functions/functions.h"
#include "hello/hello.h"
#include "ip_rcv/ip_rcv.h"
#include "kprobe_read/kprobe_read.h"
#include "netfilter/netfilter.h"
#include "syscall_open/syscall_open.h"
#include "targets/targets.h"
#include "thread_indent/thread_indent.h"
#include "vfs_read/vfs_read.h"
#include "timer_report/timer_report.h"

#include <fstream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::string dir = argv[1];
  auto write = [&](const char* name, const auto& script) {
    std::ofstream out(dir + "/" + name + ".stp");
    cxxtap::ir::print(out, *script.lower(name));
    return static_cast<bool>(out);
  };
  return write("hello", examples::hello) && write("timer_report", examples::timer_report) &&
                 write("functions", examples::functions) &&
                 write("kprobe_read", examples::kprobe_read) &&
                 write("thread_indent", examples::thread_indent) &&
                 write("vfs_read", examples::vfs_read) &&
                 write("netfilter", examples::netfilter) &&
                 write("syscall_open", examples::syscall_open) &&
                 write("targets", examples::targets) && write("ip_rcv", examples::ip_rcv)
             ? 0
             : 1;
}
