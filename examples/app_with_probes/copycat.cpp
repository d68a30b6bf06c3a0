// copycat: copies a file ROUNDS times in CHUNK-byte pieces, with plain
// read(2)/write(2) calls, so its I/O is known in advance. For a SIZE-byte
// file each round makes ceil(SIZE / CHUNK) writes and one read more (the
// read that returns 0 at the end of the file). It prints nothing: the probe
// module built beside it (probes.h) reports what the kernel saw.
//
//   copycat [SRC [DST [ROUNDS [CHUNK]]]]
//   defaults: SRC /proc/self/exe (itself), DST copycat.out, 4 rounds, 512 bytes
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

namespace {

// A file descriptor closed at the end of its scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

bool fail(std::string_view what, std::string_view path) {
  std::fprintf(stderr, "copycat: %.*s %.*s: %s\n", int(what.size()), what.data(),
               int(path.size()), path.data(), std::strerror(errno));
  return false;
}

// One copy of src to dst; every read and write is one system call.
bool copy_once(const char* src, const char* dst, std::vector<char>& buf) {
  Fd in(open(src, O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) return fail("cannot open", src);
  Fd out(open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (out.get() < 0) return fail("cannot create", dst);
  for (;;) {
    ssize_t n = read(in.get(), buf.data(), buf.size());
    if (n < 0) return fail("cannot read", src);
    if (n == 0) return true;
    // Regular files take the whole chunk in one write.
    if (write(out.get(), buf.data(), size_t(n)) != n) return fail("cannot write", dst);
  }
}

long number(const char* s, long fallback) {
  long v = 0;
  std::string_view t(s);
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  return ec == std::errc{} && end == t.data() + t.size() && v > 0 ? v : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const char* src = argc > 1 ? argv[1] : "/proc/self/exe";
  const char* dst = argc > 2 ? argv[2] : "copycat.out";
  long rounds = argc > 3 ? number(argv[3], -1) : 4;
  long chunk = argc > 4 ? number(argv[4], -1) : 512;
  if (argc > 5 || rounds < 0 || chunk < 0) {
    std::fprintf(stderr, "usage: copycat [SRC [DST [ROUNDS [CHUNK]]]]\n");
    return 2;
  }
  std::vector<char> buf(static_cast<size_t>(chunk));
  for (long i = 0; i < rounds; ++i)
    if (!copy_once(src, dst, buf)) return 1;
  return 0;
}
