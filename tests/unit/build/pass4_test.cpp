// Pass 4's pieces that need no kernel build: hashing, cache keys and the
// cache's files, the Kbuild text, and picking the compiler's first errors
// out of a make log. (CTest pass4_kbuild runs real kbuilds.)
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cache.h"
#include "hash.h"
#include "kbuild.h"
#include "kernel_build.h"
#include "pass4.h"

using namespace cxxtap::build;
namespace fs = std::filesystem;

namespace {

KeyInputs sample() {
  KeyInputs in;
  in.translator_version = "0.1.0";
  in.kernel = {"6.1.0-56-amd64", "/usr/src/linux-headers-6.1.0-56-amd64", "abc"};
  in.runtime_dir = CXXTAP_SOURCE_DIR "/runtime";
  in.options = {"-D MAXACTION=10"};
  in.c_text = "int x;\n";
  return in;
}

struct TempDir {
  std::string path;
  TempDir() {
    char t[] = "/tmp/cxxtap-unit.XXXXXX";
    path = mkdtemp(t);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

TEST_CASE("build: the hash is stable and length-prefixed") {
  CHECK(Hasher().hex() == "6c62272e07bb014262b821756295c58d");
  CHECK(hash_hex("abc") == hash_hex("abc"));
  CHECK(hash_hex("abc") != hash_hex("abd"));
  CHECK(Hasher().add("ab").add("c").hex() != Hasher().add("a").add("bc").hex());
  Hasher h;
  h.add("hello").add("world!");
  CHECK(h.bytes() == 11);
  CHECK(h.hex().size() == 32);
}

TEST_CASE("build: the cache key covers C text, options, kernel and version") {
  CacheKey base = cache_key(sample());
  CHECK(base.hex == cache_key(sample()).hex);
  CHECK(base.stem().rfind("stap_" + base.hex + "_", 0) == 0);
  CHECK(base.stem().size() <= 55);
  auto differs = [&](auto change) {
    KeyInputs in = sample();
    change(in);
    return cache_key(in).hex != base.hex;
  };
  CHECK(differs([](KeyInputs& in) { in.c_text += " "; }));
  CHECK(differs([](KeyInputs& in) { in.options.push_back("-m x"); }));
  CHECK(differs([](KeyInputs& in) { in.kernel.release = "6.12.117+deb12-amd64"; }));
  CHECK(differs([](KeyInputs& in) { in.kernel.config_hash = "abd"; }));
  CHECK(differs([](KeyInputs& in) { in.translator_version = "0.1.1"; }));
  CHECK(base.log.find("runtime outbuf.c: ") != std::string::npos);
  CHECK(base.log.find("runtime linux/transport/ctl.c: ") != std::string::npos);
}

TEST_CASE("build: the cache stores and finds a module") {
  TempDir d;
  ModuleCache cache(d.path + "/cache");
  CacheKey key = cache_key(sample());
  CHECK_FALSE(cache.lookup(key));
  std::ofstream(d.path + "/m.c") << "int x;\n";
  std::ofstream(d.path + "/m.ko") << "ELF";
  std::string err;
  REQUIRE(cache.store(key, d.path + "/m.c", d.path + "/m.ko", err));
  auto hit = cache.lookup(key);
  REQUIRE(hit);
  CHECK(hit->ko_path == d.path + "/cache/" + key.hex.substr(0, 2) + "/" + key.stem() + ".ko");
  CHECK(fs::exists(d.path + "/cache/" + key.hex.substr(0, 2) + "/" + key.stem() + "_hash.log"));
  CHECK(cached_lines(*hit) == "Pass 3: using cached " + hit->c_path +
                                  "\nPass 4: using cached " + hit->ko_path + "\n");
}

TEST_CASE("build: the cache root follows CXXTAP_CACHE_DIR") {
  setenv("CXXTAP_CACHE_DIR", "/x/y", 1);
  CHECK(ModuleCache::default_root() == "/x/y");
  unsetenv("CXXTAP_CACHE_DIR");
  CHECK(ModuleCache::default_root().find("cxxtap") != std::string::npos);
}

TEST_CASE("build: the runtime is one unit, and Kbuild passes -D through ccflags-y") {
  auto files = runtime_files(CXXTAP_SOURCE_DIR "/runtime");
  REQUIRE_FALSE(files.empty());
  CHECK(std::find(files.begin(), files.end(), "linux/transport/ring.c") != files.end());
  CHECK(std::none_of(files.begin(), files.end(),
                     [](const std::string& f) { return f.rfind("user/", 0) == 0; }));
  ModuleSource src;
  src.name = "stap_x";
  src.defines = {"MAXACTION=5", "MSG=\"a b\""};
  std::string k = kbuild_text(src);
  CHECK(k.find("obj-m := stap_x.o\n") != std::string::npos);
  CHECK(k.find("stap_x-y := stap_x_src.o stap_x_runtime.o\n") != std::string::npos);
  std::string u = runtime_unity_text(src, files);
  CHECK(u.find("#include \"runtime/linux/transport/ctl.c\"\n") != std::string::npos);
  CHECK(u.find("#include \"runtime/linux/session/session.c\"\n") != std::string::npos);
  CHECK(u.find(".h\"") == std::string::npos);
  // session.c #includes its netfilter part
  CHECK(u.find("session/netfilter.c") == std::string::npos);
  CHECK(std::find(files.begin(), files.end(), "linux/session/netfilter.c") != files.end());
  src.session = false;  // a hand-written module has its own module_init
  CHECK(runtime_unity_text(src, files).find("session/session.c") == std::string::npos);
  CHECK(k.find("ccflags-y := -Werror") != std::string::npos);
  CHECK(k.find("ccflags-y += '-DMAXACTION=5'\n") != std::string::npos);
  CHECK(k.find("ccflags-y += '-DMSG=\"a b\"'\n") != std::string::npos);
  CHECK(make_shell_quote("a'b$c") == "'a'\\''b$$c'");
}

TEST_CASE("build: first_errors keeps the compiler's errors, not make's noise") {
  std::string log =
      "make: Entering directory '/usr/src/linux-headers-6.1.0-56-common'\n"
      "  CC [M]  /tmp/d/m_src.o\n"
      "In file included from /tmp/d/m_src.c:3:\n"
      "/tmp/d/runtime/a.h:4:40: error: \"/*\" within comment [-Werror=comment]\n"
      "    4 |  * (transport/*.c)\n"
      "      |                                         \n"
      "/tmp/d/m_src.c: In function 'f':\n"
      "/tmp/d/m_src.c:9:3: warning: unused variable 'x' [-Wunused-variable]\n"
      "    9 |   int x;\n"
      "/tmp/d/m_src.c:10:3: error: 'y' undeclared (first use in this function)\n"
      "   10 |   y = 1;\n"
      "      |   ^\n"
      "/tmp/d/m_src.c:10:3: note: each undeclared identifier is reported only once\n"
      "cc1: all warnings being treated as errors\n"
      "make[1]: *** [scripts/Makefile.build:255: /tmp/d/m_src.o] Error 1\n"
      "make: *** [Makefile:2065: /tmp/d] Error 2\n";
  std::string e = first_errors(log);
  CHECK(e.find("In file included from /tmp/d/m_src.c:3:") != std::string::npos);
  CHECK(e.find("a.h:4:40: error:") != std::string::npos);
  CHECK(e.find("m_src.c:10:3: error: 'y' undeclared") != std::string::npos);
  CHECK(e.find("   10 |   y = 1;") != std::string::npos);
  CHECK(e.find("note: each undeclared") != std::string::npos);
  CHECK(e.find("warning") == std::string::npos);
  CHECK(e.find("make") == std::string::npos);
  CHECK(e.find("CC [M]") == std::string::npos);
  CHECK(first_errors(log, 1).find("'y' undeclared") == std::string::npos);

  std::string modpost = "  MODPOST /tmp/d/Module.symvers\n"
                        "ERROR: modpost: \"nope\" [/tmp/d/m.ko] undefined!\n"
                        "make[2]: *** [scripts/Makefile.modpost:126] Error 1\n";
  CHECK(first_errors(modpost) == "ERROR: modpost: \"nope\" [/tmp/d/m.ko] undefined!\n");
  CHECK(first_errors("something odd\n") == "something odd\n");
}

TEST_CASE("build: kernel build trees") {
  std::string err;
  CHECK_FALSE(find_kernel_build("/nonexistent/tree", err));
  CHECK(err.find("/nonexistent/tree") != std::string::npos);
  err.clear();
  CHECK_FALSE(find_kernel_build("0.0.0-nosuch", err));
  CHECK(err.find("0.0.0-nosuch") != std::string::npos);
  if (auto newest = newest_installed_release()) {
    auto k = find_kernel_build(*newest, err);
    REQUIRE(k);
    CHECK(k->release == *newest);
    CHECK(k->config_hash.size() == 32);
    auto by_dir = find_kernel_build("/usr/src/linux-headers-" + *newest, err);
    REQUIRE(by_dir);
    CHECK(by_dir->release == *newest);
    // No -r on a host without a build tree for its own kernel: the newest.
    CHECK(find_kernel_build("", err));
  }
}

TEST_CASE("build: Pass4::prepare names the module from the key unless -m") {
  Pass4Options o;
  o.runtime_dir = CXXTAP_SOURCE_DIR "/runtime";
  o.translator_version = "0.1.0";
  o.cache_dir = "/nonexistent-cache";
  auto newest = newest_installed_release();
  if (!newest) return;
  o.release = *newest;
  std::string err;
  auto a = Pass4::prepare(o, "int x;\n", err);
  REQUIRE(a);
  CHECK(a->module_name() == a->key().stem());
  CHECK_FALSE(a->cached());
  o.module_name = "mine";
  auto b = Pass4::prepare(o, "int x;\n", err);
  REQUIRE(b);
  CHECK(b->module_name() == "mine");
  CHECK(b->key().hex != a->key().hex);
}
