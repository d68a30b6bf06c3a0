// The session's temporary directory (stap makes one in $TMPDIR before pass 1
// and later passes write the module sources there). Removed on exit unless
// -k asks to keep it.
#pragma once

#include <optional>
#include <string>

namespace cxxtap::driver {

class TempDir {
 public:
  // Empty with `error` set when $TMPDIR is unusable.
  static std::optional<TempDir> create(std::string& error);
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&&) = delete;
  ~TempDir();

  const std::string& path() const { return path_; }
  void keep() { keep_ = true; }

 private:
  explicit TempDir(std::string p) : path_(std::move(p)) {}
  std::string path_;
  bool keep_ = false;
};

}  // namespace cxxtap::driver
