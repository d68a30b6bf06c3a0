#include "module_file.h"

#include <algorithm>

#include <elf.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>

namespace cxxtap::staprun {

std::vector<char> read_module(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "Couldn't open '" + path + "': " + std::strerror(errno);
    return {};
  }
  std::vector<char> image{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (image.size() < sizeof(Elf64_Ehdr) || std::memcmp(image.data(), ELFMAG, SELFMAG) != 0) {
    error = "'" + path + "' is not a kernel module (no ELF header)";
    return {};
  }
  return image;
}

std::string rename_module(std::vector<char>& image, const std::string& name, int pid,
                          std::string& error) {
  std::string suffix = "_" + std::to_string(pid);
  if (name.size() <= suffix.size()) return name;
  std::string fresh = name.substr(0, name.size() - suffix.size()) + suffix;

  if (image[EI_CLASS] != ELFCLASS64) {
    error = "-R: only 64-bit modules can be renamed";
    return name;
  }
  Elf64_Ehdr eh;
  std::memcpy(&eh, image.data(), sizeof eh);
  auto shdr = [&](unsigned i) {
    Elf64_Shdr s{};
    std::size_t off = eh.e_shoff + std::size_t(i) * eh.e_shentsize;
    if (off + sizeof s <= image.size()) std::memcpy(&s, image.data() + off, sizeof s);
    return s;
  };
  Elf64_Shdr strtab = shdr(eh.e_shstrndx);
  for (unsigned i = 0; i < eh.e_shnum; ++i) {
    Elf64_Shdr s = shdr(i);
    std::size_t noff = strtab.sh_offset + s.sh_name;
    if (noff >= image.size()) continue;
    if (std::strcmp(image.data() + noff, ".gnu.linkonce.this_module") != 0) continue;
    if (s.sh_offset + s.sh_size > image.size()) break;
    // The name is the first NUL-terminated copy of the old name in the section.
    char* sec = image.data() + s.sh_offset;
    for (std::size_t k = 0; k + name.size() < s.sh_size; ++k) {
      if (std::memcmp(sec + k, name.data(), name.size()) == 0 && sec[k + name.size()] == '\0') {
        std::memcpy(sec + k, fresh.data(), fresh.size());
        return fresh;
      }
    }
    break;
  }
  error = "-R: the module's name was not found in .gnu.linkonce.this_module";
  return name;
}

std::string module_release(const std::vector<char>& image) {
  // .modinfo is a run of NUL-terminated "key=value" strings; a scan of the
  // image for the key is enough (it cannot occur elsewhere after a NUL).
  static const std::string key = std::string(1, '\0') + "vermagic=";
  auto it = std::search(image.begin(), image.end(), key.begin(), key.end());
  if (it == image.end()) return {};
  std::string release;
  for (it += static_cast<std::ptrdiff_t>(key.size()); it != image.end() && *it && *it != ' '; ++it)
    release += *it;
  return release;
}

std::string module_params(int buffer_mb, const std::vector<std::string>& args) {
  std::string p = "_stp_bufsize=" + std::to_string(buffer_mb);
  for (const auto& a : args) {
    auto eq = a.find('=');
    std::string value = a.substr(eq + 1);
    p += ' ';
    p += a.substr(0, eq + 1);
    if (value.find_first_of(" \t\n") != std::string::npos)
      p += '"' + value + '"';
    else
      p += value;
  }
  return p;
}

namespace {

// Kernel log records written after `fd` was opened and moved to the end.
std::string new_kernel_messages(int fd) {
  std::string out;
  if (fd < 0) return out;
  char rec[8192];
  for (;;) {
    ssize_t n = read(fd, rec, sizeof rec - 1);
    if (n < 0 && errno == EPIPE) continue;  // overwritten records
    if (n <= 0) break;
    rec[n] = '\0';
    // "prio,seq,time,flags;text\n"
    const char* text = std::strchr(rec, ';');
    text = text ? text + 1 : rec;
    std::string line(text, std::strcspn(text, "\n"));
    out += "  kernel: " + line + "\n";
  }
  return out;
}

}  // namespace

bool load_module(const std::vector<char>& image, const std::string& params,
                 const std::string& name, std::string& error) {
  int kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (kmsg >= 0) lseek(kmsg, 0, SEEK_END);
  long rc = syscall(SYS_init_module, image.data(), image.size(), params.c_str());
  int err = errno;
  if (rc == 0) {
    if (kmsg >= 0) close(kmsg);
    return true;
  }
  error = "Couldn't insert module '" + name + "': " + std::strerror(err);
  switch (err) {
    case EEXIST: error += " (a module of that name is already loaded; staprun -d " + name + " unloads it)"; break;
    case ENOSYS: error += " (this kernel has no loadable module support)"; break;
    case EPERM: error += " (loading modules needs root, and may be disabled or need a signed module)"; break;
    case ENOEXEC: error += " (the module was built for another kernel or is damaged)"; break;
    default: break;
  }
  std::string log = new_kernel_messages(kmsg);
  if (kmsg >= 0) close(kmsg);
  if (!log.empty()) error += "\n" + log.substr(0, log.size() - 1);
  return false;
}

bool unload_module(const std::string& name, std::string& error) {
  for (int attempt = 0;; ++attempt) {
    if (syscall(SYS_delete_module, name.c_str(), O_NONBLOCK) == 0) return true;
    if (errno != EAGAIN && errno != EBUSY && errno != EWOULDBLOCK) break;
    if (attempt == 50) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  error = "Couldn't remove module '" + name + "': " + std::strerror(errno);
  return false;
}

}  // namespace cxxtap::staprun
