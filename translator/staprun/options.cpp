#include "options.h"

#include <getopt.h>

#include <cstdlib>
#include <string_view>

namespace cxxtap::staprun {
namespace {

bool parse_int(const char* s, long lo, long hi, long& out) {
  if (!s || !*s) return false;
  char* end = nullptr;
  long v = std::strtol(s, &end, 10);
  if (*end || v < lo || v > hi) return false;
  out = v;
  return true;
}

ParseResult fail(std::string msg, bool usage = false) {
  ParseResult r;
  r.error = std::move(msg);
  r.usage = usage;
  return r;
}

}  // namespace

bool is_module_path(const std::string& m) {
  return m.find('/') != std::string::npos ||
         (m.size() > 3 && m.compare(m.size() - 3, 3, ".ko") == 0);
}

std::string module_name_of(const std::string& m) {
  std::string base = m.substr(m.rfind('/') == std::string::npos ? 0 : m.rfind('/') + 1);
  if (base.size() > 3 && base.compare(base.size() - 3, 3, ".ko") == 0)
    base.resize(base.size() - 3);
  return base;
}

std::string usage_text() {
  return "Usage: staprun [-v] [-V] [-w] [-c CMD | -x PID] [-o FILE] [-b MB] [-L | -A]\n"
         "               [-D] [-R] [-C WHEN] [-S MB[,N]] MODULE [NAME=VALUE ...]\n"
         "       staprun -d MODULE...\n"
         "  -v        more verbose (repeatable)      -V  print the version\n"
         "  -w        suppress the script's warnings\n"
         "  -c CMD    run CMD, exit when it exits    -x PID  set target() to PID\n"
         "  -o FILE   send output to FILE (strftime patterns allowed)\n"
         "  -b MB     output buffer per cpu, 1-4095 MB\n"
         "  -L        load and start, then detach    -A  attach to a loaded module\n"
         "  -D        run in the background (needs -o)\n"
         "  -R        rename the module to a unique name before loading\n"
         "  -d        unload the named modules\n"
         "  --vm      run in a QEMU guest booting the kernel the module was built for\n"
         "  NAME=VALUE  set a global of the script (a module parameter)\n";
}

ParseResult parse_options(int argc, char** argv) {
  Options o;
  if (const char* v = std::getenv("SYSTEMTAP_VERBOSE")) o.verbose = std::atoi(v);
  bool saw_b = false, saw_x = false, saw_c = false;
  optind = 1;
  opterr = 0;
  int c;
  enum { kVm = 256 };
  static const option longopts[] = {{"vm", no_argument, nullptr, kVm}, {nullptr, 0, nullptr, 0}};
  while ((c = getopt_long(argc, argv, "+vVwuc:x:N:o:b:LAC:M:dDRr:S:T:iF:", longopts, nullptr)) !=
         -1) {
    long n = 0;
    switch (c) {
      case 'v': o.verbose++; break;
      case 'V': o.version = true; break;
      case 'w': o.suppress_warnings = true; break;
      case 'u': break;  // uprobes.ko: the kernel has uprobes built in
      case 'c': o.command = optarg; saw_c = true; break;
      case 'x':
        if (!parse_int(optarg, 1, 0x7fffffff, n)) return fail("invalid target process ID");
        o.target_pid = static_cast<int>(n);
        saw_x = true;
        break;
      case 'N': break;  // namespaces pid: accepted, not used
      case 'o': o.output_file = optarg; break;
      case 'b':
        if (!parse_int(optarg, 1, 4095, n))
          return fail("The buffer size must be between 1 and 4095 (MB).");
        o.buffer_mb = static_cast<int>(n);
        saw_b = true;
        break;
      case 'L': o.load_only = true; break;
      case 'A': o.attach = true; break;
      case 'C':
        if (std::string_view w = optarg; w != "never" && w != "always" && w != "auto")
          return fail("Invalid color mode '" + std::string(optarg) +
                      "': must be never, always or auto.");
        o.color = optarg;
        break;
      case 'M': break;  // monitor mode: not supported, accepted
      case 'd': o.delete_mode = true; break;
      case 'D': o.daemon = true; break;
      case 'R': o.rename = true; break;
      case 'r': break;  // remote id: accepted
      case 'S': o.size_limit = optarg; break;
      case 'T': break;  // reader timeout: accepted
      case 'i': return fail("interactive mode (-i) is not supported by this staprun");
      case 'F': return fail("the -F option is for stapio, not staprun", true);
      case kVm: o.vm = true; break;
      default:
        if (optopt && std::string_view("cxNobCMrST").find(static_cast<char>(optopt)) !=
                          std::string_view::npos)
          return fail(std::string("option -") + static_cast<char>(optopt) +
                          " needs an argument", true);
        return fail(std::string("invalid option -") + static_cast<char>(optopt), true);
    }
  }
  if (o.version) return ParseResult{o, {}, false};

  if (o.attach && saw_b)
    return fail("You can't specify the '-A' and '-b' options together (the buffer size "
                "is set when the module is loaded).");
  if (o.attach && o.load_only) return fail("You can't specify the '-L' and '-A' options together.");
  if (o.attach && saw_c) return fail("You can't specify the '-A' and '-c' options together.");
  if (o.attach && saw_x) return fail("You can't specify the '-A' and '-x' options together.");
  if (saw_c && saw_x) return fail("You can't specify the '-c' and '-x' options together.");
  if (o.daemon && o.output_file.empty())
    return fail("You have to specify the output file with '-o' for the daemon mode ('-D').");
  if (!o.size_limit.empty() && o.output_file.empty())
    return fail("You have to specify the output file with '-o' for '-S'.");
  if (o.daemon && saw_c) return fail("You can't specify the '-D' and '-c' options together.");

  if (o.vm && (o.attach || o.load_only || o.delete_mode || o.daemon))
    return fail("--vm runs a module from load to unload: not with -A, -L, -d or -D.");

  if (optind >= argc) return fail("You have to specify a module.", true);
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--vm") continue;
    if (i == optind) o.vm_module_index = o.vm_args.size();
    o.vm_args.push_back(argv[i]);
  }
  o.module = argv[optind++];
  for (; optind < argc; ++optind) {
    std::string a = argv[optind];
    if (o.delete_mode) {
      o.module_args.push_back(a);  // more modules to delete
      continue;
    }
    auto eq = a.find('=');
    if (eq == 0 || eq == std::string::npos)
      return fail("invalid module option '" + a + "': expected NAME=VALUE");
    if (o.attach) return fail("module options can only be given when the module is loaded");
    o.module_args.push_back(std::move(a));
  }
  if (o.module.empty()) return fail("You have to specify a module.", true);
  if (!(o.delete_mode && o.module == "*")) {
    std::string name = module_name_of(o.module);
    if (name.empty()) return fail("invalid module name '" + o.module + "'");
    if (name.size() > kMaxModuleName)
      return fail("Module name '" + name + "' is too long: at most " +
                  std::to_string(kMaxModuleName) + " characters.");
    for (char ch : name)
      if (!(ch == '_' || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
            (ch >= 'A' && ch <= 'Z')))
        return fail("Invalid module name '" + name +
                    "': only letters, digits and '_' are allowed.");
  }
  return ParseResult{o, {}, false};
}

}  // namespace cxxtap::staprun
