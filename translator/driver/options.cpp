#include "options.h"

#include <fmt/format.h>
#include <getopt.h>

#include <cstdlib>
#include <cstring>

namespace cxxtap::driver {

namespace {

enum LongOnly {
  kCompatible = 1000, kDumpFunctions, kDumpProbeTypes, kDumpProbeAliases, kPrivilege,
  kVm, kDisableCache, kUnprivileged, kRuntime, kPrologue, kRlimit, kIgnored, kIgnoredArg, kOptionalArg,
  kColor, kInteractive, kMonitor, kDyninst, kBpf, kVp,
};

bool parse_long(const char* s, long& out) {
  if (!s || !*s) return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtol(s, &end, 10);
  return errno == 0 && *end == '\0';
}

bool valid_module_name(const std::string& m) {
  if (m.empty() || m.size() > 55) return false;
  for (char c : m)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

}  // namespace

std::string version_text() {
  return fmt::format(
      "cxxtap translator/driver (version {}, a clean-room SystemTap)\n"
      "Language compatible with SystemTap 5.6.\n"
      "Enabled features: LIBDW\n",
      CXXTAP_VERSION);
}

std::string usage_text() {
  return version_text() +
         "\nUsage: stap [options] FILE [ARGS ...]        Run script in file.\n"
         "   or: stap [options] - [ARGS ...]           Run script on stdin.\n"
         "   or: stap [options] -e SCRIPT [ARGS ...]   Run given script.\n"
         "   or: stap [options] -l PROBE               List matching probes.\n"
         "   or: stap [options] -L PROBE               List matching probes and local variables.\n"
         "\nOptions (in ~/.systemtap/rc too):\n"
         "   --         end of translator options, script options follow\n"
         "   -h --help  show help\n"
         "   -V --version  show version\n"
         "   -p NUM     stop after pass NUM 1-5, instead of 5\n"
         "              (parse, elaborate, translate, compile, run)\n"
         "   -v         add verbosity to all passes\n"
         "   -k         keep temporary directory\n"
         "   -u         unoptimized translation\n"
         "   -w         suppress warnings\n"
         "   -W         turn warnings into errors\n"
         "   -g         guru mode\n"
         "   -I DIR     look in DIR for additional .stp script files\n"
         "   -D NM=VAL  emit macro definition into generated C code\n"
         "   -G VAR=VAL set global variable to value\n"
         "   -r RELEASE cross-compile to kernel RELEASE\n"
         "   -m MODULE  set probe module name\n"
         "   -o FILE    send script output to file\n"
         "   -c CMD     start the probes, run CMD, and exit when it finishes\n"
         "   -x PID     sets target() to PID\n"
         "   -e SCRIPT  run given script\n"
         "   --dump-probe-types     show available probe types\n"
         "   --dump-functions       show available tapset functions\n"
         "   --dump-probe-aliases   show available probe aliases\n"
         "   --compatible=VERSION   emulate language version VERSION\n"
         "   --vm                   run pass 5 in a QEMU guest of the target kernel\n";
}

ParseResult parse_command_line(int argc, char** argv) {
  Options o;
  auto usage = [](std::string msg) { return ParseResult{std::nullopt, std::move(msg)}; };

  static const struct option kLong[] = {
      {"help", no_argument, nullptr, 'h'},
      {"version", no_argument, nullptr, 'V'},
      {"compatible", required_argument, nullptr, kCompatible},
      {"dump-functions", no_argument, nullptr, kDumpFunctions},
      {"dump-probe-types", no_argument, nullptr, kDumpProbeTypes},
      {"dump-probe-aliases", no_argument, nullptr, kDumpProbeAliases},
      {"privilege", required_argument, nullptr, kPrivilege},
      {"unprivileged", no_argument, nullptr, kUnprivileged},
      {"runtime", required_argument, nullptr, kRuntime},
      {"dyninst", no_argument, nullptr, kDyninst},
      {"bpf", no_argument, nullptr, kBpf},
      {"prologue-searching", optional_argument, nullptr, kPrologue},
      {"rlimit-as", required_argument, nullptr, kRlimit},
      {"rlimit-cpu", required_argument, nullptr, kRlimit},
      {"rlimit-nproc", required_argument, nullptr, kRlimit},
      {"rlimit-stack", required_argument, nullptr, kRlimit},
      {"rlimit-fsize", required_argument, nullptr, kRlimit},
      {"interactive", no_argument, nullptr, kInteractive},
      {"monitor", optional_argument, nullptr, kMonitor},
      {"color", optional_argument, nullptr, kColor},
      {"colour", optional_argument, nullptr, kColor},
      {"vp", required_argument, nullptr, kVp},
      {"skip-badvars", no_argument, nullptr, kIgnored},
      {"suppress-handler-errors", no_argument, nullptr, kIgnored},
      {"suppress-time-limits", no_argument, nullptr, kIgnored},
      {"disable-cache", no_argument, nullptr, kDisableCache},
      {"vm", no_argument, nullptr, kVm},
      {"poison-cache", no_argument, nullptr, kIgnored},
      {"clean-cache", no_argument, nullptr, kIgnored},
      {"ldd", no_argument, nullptr, kIgnored},
      {"all-modules", no_argument, nullptr, kIgnored},
      {"no-global-var-display", no_argument, nullptr, kIgnored},
      {"check-version", no_argument, nullptr, kIgnored},
      {"semantic-keep-going", no_argument, nullptr, kIgnored},
      {"debug", no_argument, nullptr, kIgnored},
      {"tmpdir", required_argument, nullptr, kIgnoredArg},
      {"sysroot", required_argument, nullptr, kIgnoredArg},
      {"sysenv", required_argument, nullptr, kIgnoredArg},
      {"modinfo", required_argument, nullptr, kIgnoredArg},
      {"target-namespaces", required_argument, nullptr, kIgnoredArg},
      {"build-as", required_argument, nullptr, kIgnoredArg},
      {"download-debuginfo", optional_argument, nullptr, kOptionalArg},
      {nullptr, 0, nullptr, 0},
  };

  bool interactive = false, monitor = false;
  optind = 1;
  opterr = 0;
  for (;;) {
    int longidx = 0;
    // `+` stops at the first non-option: the script and its arguments.
    int c = getopt_long(argc, argv, "+hVvtp:I:e:E:o:R:r:a:m:kgPc:x:D:bs:uqiwl:d:L:FS:B:WG:T:",
                        kLong, &longidx);
    if (c == -1) break;
    std::string arg = optarg ? optarg : "";
    long n = 0;
    switch (c) {
      case 'h': o.show_help = true; break;
      case 'V': o.show_version = true; break;
      case 'v': ++o.verbose; break;
      case 't': o.timing = true; break;
      case 'p':
        if (!parse_long(optarg, n) || n < 1 || n > 5)
          return usage("Invalid pass number (should be 1-5).");
        o.last_pass = static_cast<int>(n);
        break;
      case 'I': o.include_dirs.push_back(arg); break;
      case 'e':
        if (o.script_text) return usage("Only one script can be given on the command line.");
        o.script_text = arg;
        break;
      case 'E': o.extra_scripts.push_back(arg); break;
      case 'o': o.output_file = arg; break;
      case 'R': o.runtime_dir = arg; break;
      case 'r': o.kernel_release = arg; break;
      case 'a': break;
      case 'm':
        if (!valid_module_name(arg))
          return usage("Invalid module name (must contain only alphanumerics and underscores, "
                       "at most 55 characters).");
        o.module_name = arg;
        break;
      case 'k': o.keep_temps = true; break;
      case 'g': o.guru = true; break;
      case 'P': o.prologue_always = true; break;
      case 'c':
        if (o.target_pid) return usage("You can't specify -c and -x options together.");
        o.target_command = arg;
        break;
      case 'x':
        if (!o.target_command.empty()) return usage("You can't specify -c and -x options together.");
        if (!parse_long(optarg, n) || n <= 0) return usage("Invalid target process ID number.");
        o.target_pid = n;
        break;
      case 'D': o.defines.push_back(arg); break;
      case 'G':
        if (arg.find('=') == std::string::npos || arg.front() == '=')
          return usage("Invalid -G global setting, expected VAR=VALUE.");
        o.globals.push_back(arg);
        break;
      case 'b': o.bulk = true; break;
      case 's':
        if (!parse_long(optarg, n) || n < 1 || n > 4095)
          return usage("Invalid buffer size (should be 1-4095).");
        break;
      case 'u': o.unoptimized = true; break;
      case 'q': break;
      case 'i': interactive = true; break;
      case kInteractive: interactive = true; break;
      case 'w': o.no_warnings = true; break;
      case 'W': o.warnings_as_errors = true; break;
      case 'l': o.list_pattern = arg; o.list_with_vars = false; break;
      case 'L': o.list_pattern = arg; o.list_with_vars = true; break;
      case 'B': o.make_vars.push_back(arg); break;
      case 'd': case 'F': break;
      case 'S': case 'T': break;
      case kCompatible: o.compatible = arg; break;
      case kDumpFunctions: o.dump_functions = true; break;
      case kDumpProbeTypes: o.dump_probe_types = true; break;
      case kDumpProbeAliases: o.dump_probe_aliases = true; break;
      case kPrivilege:
        if (arg != "stapusr" && arg != "stapsys" && arg != "stapdev")
          return usage(fmt::format("Invalid argument '{}' for --privilege.", arg));
        o.privilege = arg;
        break;
      case kUnprivileged: o.privilege = "stapusr"; break;
      case kRuntime:
        if (arg != "kernel" && arg != "dyninst" && arg != "bpf" && arg != "user")
          return usage(fmt::format("Invalid argument '{}' for --runtime.", arg));
        o.runtime = arg;
        break;
      case kDyninst: o.runtime = "dyninst"; break;
      case kBpf: o.runtime = "bpf"; break;
      case kPrologue:
        if (optarg && std::strcmp(optarg, "always") && std::strcmp(optarg, "never") &&
            std::strcmp(optarg, "auto"))
          return usage(fmt::format("Invalid argument '{}' for --prologue-searching.", arg));
        o.prologue_always = !optarg || std::strcmp(optarg, "always") == 0;
        break;
      case kRlimit:
        if (!parse_long(optarg, n) || n < 0)
          return usage(fmt::format("Invalid resource limit '{}' for --{}.", arg,
                                   kLong[longidx].name));
        break;
      case kMonitor: monitor = true; break;
      case kColor:
        if (optarg && std::strcmp(optarg, "always") && std::strcmp(optarg, "never") &&
            std::strcmp(optarg, "auto"))
          return usage(fmt::format("Invalid argument '{}' for --color.", arg));
        break;
      case kVp:
        for (char ch : arg)
          if (ch < '0' || ch > '9') return usage("Invalid --vp argument: it takes 1 to 5 digits.");
        if (arg.empty() || arg.size() > 5) return usage("Invalid --vp argument: it takes 1 to 5 digits.");
        for (char ch : arg) o.verbose = std::max(o.verbose, ch - '0');
        break;
      case kVm: o.vm = true; break;
      case kDisableCache: o.disable_cache = true; break;
      case kIgnored: case kIgnoredArg: case kOptionalArg: break;
      case '?':
      default:
        if (optopt && std::strchr("pIeEoRramcxDsldLSBGT", optopt))
          return usage(fmt::format("option requires an argument -- '{}'", static_cast<char>(optopt)));
        return usage(fmt::format("unrecognized option '{}'",
                                 optind > 0 && optind <= argc ? argv[optind - 1] : "?"));
    }
  }

  int rest = optind;
  if (!o.script_text && !o.list_pattern && !o.dump_functions && !o.dump_probe_types &&
      !o.dump_probe_aliases && rest < argc) {
    o.script_file = argv[rest++];
  }
  for (; rest < argc; ++rest) o.args.push_back(argv[rest]);

  if (o.list_pattern && (interactive || monitor))
    return usage("Listing probes (-l/-L) cannot be combined with --interactive or --monitor.");
  if (interactive)
    return usage("Interactive mode (-i) is not supported by cxxtap.");
  if (o.list_pattern && (o.script_text || o.script_file))
    return usage("A script cannot be given together with -l/-L.");
  if (!o.show_help && !o.show_version && !o.list_pattern && !o.dump_functions &&
      !o.dump_probe_types && !o.dump_probe_aliases && !o.script_text && !o.script_file)
    return usage("A script must be specified.");
  return {std::move(o), {}};
}

}  // namespace cxxtap::driver
