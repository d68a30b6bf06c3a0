// stap --vm and staprun --vm: a module run by staprun in a QEMU guest of the
// target kernel. The module and the static staprun go into a guest/ batch
// (guest/run-batch.sh boots the kernel once and runs it), with the files a
// -c command names by relative path (`-c './prog input'`); staprun's stdout,
// stderr and exit status come back as the caller's own, and a kernel
// oops/BUG/WARNING in the guest is an error.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace cxxtap::vm {

struct VmRun {
  std::string release;                    // the kernel to boot
  std::string staprun;                    // the (static) staprun binary
  std::string module_path, module_name;   // NAME.ko on the host
  std::vector<std::string> staprun_args;  // as for a local run
  std::size_t ko_index = 0;               // where the module is in them
  std::string output_file;                // -o FILE: brought back to the host
  std::string command;                    // -c CMD: the files it names by
                                          // relative path go to the guest too
  std::string work_dir;                   // the batch is made here
  int verbose = 0;
  std::string tool = "stap";              // who speaks in messages
};

// The guest/ scripts: installed beside the binary, else the source tree's.
std::string guest_dir();

// Returns staprun's exit status in the guest, or 1 when the guest could not
// run it or its kernel logged a problem.
int run_in_vm(const VmRun& r);

}  // namespace cxxtap::vm
