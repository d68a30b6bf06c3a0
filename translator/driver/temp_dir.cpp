#include "temp_dir.h"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace cxxtap::driver {

std::optional<TempDir> TempDir::create(std::string& error) {
  const char* base = std::getenv("TMPDIR");
  std::string dir = base && *base ? base : "/tmp";
  // kbuild cannot build in a path with spaces or shell metacharacters.
  for (char c : dir) {
    if (std::isspace(static_cast<unsigned char>(c)) || std::strchr("\"'$`\\;&|<>*?", c)) {
      error = fmt::format("Invalid temporary directory path '{}' (TMPDIR): it may not contain "
                          "spaces or shell metacharacters",
                          dir);
      return std::nullopt;
    }
  }
  std::string templ = dir + "/stapXXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data())) {
    error = fmt::format("Failed to create temporary directory \"{}\": {}", templ,
                        std::strerror(errno));
    return std::nullopt;
  }
  return TempDir(buf.data());
}

TempDir::TempDir(TempDir&& other) noexcept : path_(std::move(other.path_)), keep_(other.keep_) {
  other.path_.clear();
}

TempDir::~TempDir() {
  if (path_.empty() || keep_) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace cxxtap::driver
