// cxxtap-pass4: pass 4 on a hand-written module C file, through the same
// API the driver uses (translator/build/pass4.h). For tests and for trying
// runtime changes without pass 3:
//
//   cxxtap-pass4 [-v] [-k] [-r R] [-m NAME] [-D X]... [-B X]... [-R RUNTIME]
//                [--no-cache] [--no-session] FILE.c
//
// --no-session: the file has its own module_init (see ModuleSource::session).
// --no-cache implies -k (the .ko printed is the one in the kept directory).
//
// Prints stap's pass-4 lines on stderr (-v), the .ko path on stdout; exit 1
// on failure with the compiler's first errors.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "pass4.h"

namespace fs = std::filesystem;
using namespace cxxtap::build;

int main(int argc, char** argv) {
  Pass4Options o;
  o.translator_version = CXXTAP_VERSION;
  o.runtime_dir = CXXTAP_SOURCE_DIR "/runtime";
  int verbose = 0;
  bool keep = false;
  std::string file;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "cxxtap-pass4: " << a << " needs an argument\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "-v") ++verbose;
    else if (a == "-k") keep = true;
    else if (a == "-r") o.release = next();
    else if (a == "-m") o.module_name = next();
    else if (a == "-D") o.defines.push_back(next());
    else if (a == "-B") o.make_vars.push_back(next());
    else if (a == "-R") o.runtime_dir = next();
    else if (a == "--no-cache") o.use_cache = false;
    else if (a == "--no-session") o.session = false;
    else if (!a.empty() && a[0] != '-' && file.empty()) file = a;
    else {
      std::cerr << "usage: cxxtap-pass4 [-v] [-k] [-r R] [-m NAME] [-D X] [-B X] [-R DIR] "
                   "[--no-cache] [--no-session] FILE.c\n";
      return 2;
    }
  }
  if (!o.use_cache) keep = true;  // else the printed .ko would be deleted
  if (file.empty()) {
    std::cerr << "cxxtap-pass4: no C file\n";
    return 2;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "cxxtap-pass4: cannot read " << file << "\n";
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();

  std::string error;
  auto p4 = Pass4::prepare(o, text.str(), error);
  if (!p4) {
    std::cerr << "ERROR: " << error << "\n" << failure_line();
    return 1;
  }
  if (verbose > 1)
    std::cerr << "Build tree: " << p4->kernel().dir << " (release " << p4->kernel().release
              << ")\n";
  if (auto hit = p4->cached()) {
    if (verbose) std::cerr << cached_lines(*hit);
    std::cout << hit->ko_path << "\n";
    return 0;
  }
  char tmpl[] = "/tmp/cxxtap-pass4.XXXXXX";
  if (!mkdtemp(tmpl)) {
    std::cerr << "cxxtap-pass4: mkdtemp failed\n";
    return 1;
  }
  auto t0 = std::chrono::steady_clock::now();
  std::string cache_error;
  KbuildResult r = p4->build(tmpl, &cache_error);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - t0).count();
  if (verbose)
    std::cerr << "Pass 4: compiled C into \"" << p4->module_name() << ".ko\" in " << ms
              << "real ms.\n";
  int status = 0;
  if (!r.ok) {
    std::cerr << r.first_errors << failure_line();
    status = 1;
  } else {
    if (!cache_error.empty()) std::cerr << "WARNING: module cache: " << cache_error << "\n";
    // Like stap -p4: the cached copy, or the temporary one when kept.
    std::cout << (o.use_cache && !keep ? p4->cache().paths(p4->key()).ko_path : r.ko_path)
              << "\n";
  }
  if (keep) {
    std::cerr << "Keeping temporary directory \"" << tmpl << "\"\n";
  } else {
    std::error_code ec;
    fs::remove_all(tmpl, ec);
  }
  return status;
}
