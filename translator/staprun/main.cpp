// staprun: loads a module made by stap (cxxtap or SystemTap 4.8's transport
// protocol), streams its output, stops it on exit()/^C/end of -c CMD, and
// always unloads it.
#include <sys/utsname.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "guest_run.h"
#include "module_file.h"
#include "options.h"
#include "session.h"

#ifndef CXXTAP_VERSION
#define CXXTAP_VERSION "0"
#endif

using namespace cxxtap::staprun;

namespace {

int fail(const std::string& msg) {
  std::cerr << "ERROR: " << msg << '\n';
  return 1;
}

int delete_modules(const Options& o) {
  int status = 0;
  std::vector<std::string> names{o.module};
  names.insert(names.end(), o.module_args.begin(), o.module_args.end());
  for (const auto& n : names) {
    if (n == "*") {
      std::cerr << "ERROR: staprun -d '*' is not supported; name the modules\n";
      status = 1;
      continue;
    }
    std::string err;
    if (!unload_module(module_name_of(n), err)) status = fail(err);
  }
  return status;
}

// staprun --vm: the same command line, run by this (static) binary in a
// guest booting the kernel named by the module's vermagic.
int run_in_guest(const Options& o, const std::string& path, const std::vector<char>& image) {
  namespace fs = std::filesystem;
  const std::string release = module_release(image);
  if (release.empty()) return fail(path + " has no vermagic: not a kernel module?");
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return fail("cannot find this staprun binary: " + ec.message());
  std::string dir = (fs::temp_directory_path(ec) / "staprun-vm.XXXXXX").string();
  if (!mkdtemp(dir.data())) return fail("cannot create a temporary directory");
  cxxtap::vm::VmRun vr;
  vr.release = release;
  vr.staprun = self.string();
  vr.module_path = path;
  vr.module_name = module_name_of(path);
  vr.staprun_args = o.vm_args;
  vr.ko_index = o.vm_module_index;
  vr.output_file = o.output_file;
  vr.command = o.command;
  vr.work_dir = dir;
  vr.verbose = o.verbose;
  vr.tool = "staprun";
  if (o.verbose) std::cerr << "staprun: running " << path << " in a " << release << " guest\n";
  const int status = cxxtap::vm::run_in_vm(vr);
  fs::remove_all(dir, ec);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  auto parsed = parse_options(argc, argv);
  if (!parsed.options) {
    std::cerr << "ERROR: " << parsed.error << '\n';
    if (parsed.usage) std::cerr << usage_text();
    return 1;
  }
  const Options& o = *parsed.options;
  if (o.version) {
    std::cerr << "cxxtap staprun " CXXTAP_VERSION " (module protocol of SystemTap 4.8)\n";
    return 0;
  }
  if (o.delete_mode) return delete_modules(o);

  std::string name = module_name_of(o.module);
  if (o.attach) {
    SessionResult r = run_session(o, name);
    if (r.connected && r.end == SessionEnd::kFinished) {
      std::string err;
      if (!unload_module(name, err)) r.status = fail(err);
    }
    return r.status;
  }

  std::string path = o.module;
  if (!is_module_path(path)) {
    utsname u{};
    uname(&u);
    path = std::string("/lib/modules/") + u.release + "/systemtap/" + path + ".ko";
  }
  std::string err;
  std::vector<char> image = read_module(path, err);
  if (image.empty()) return fail(err);
  if (o.vm) return run_in_guest(o, path, image);
  if (o.rename) {
    name = rename_module(image, name, static_cast<int>(getpid()), err);
    if (!err.empty()) return fail(err);
  }
  if (o.verbose) std::cerr << "staprun: loading " << path << " as module " << name << '\n';
  if (!load_module(image, module_params(o.buffer_mb, o.module_args), name, err))
    return fail(err);

  SessionResult r = run_session(o, name);
  if (r.end == SessionEnd::kFinished) {
    if (!unload_module(name, err)) r.status = fail(err);
    else if (o.verbose) std::cerr << "staprun: unloaded module " << name << '\n';
  }
  return r.status;
}
