// A stable 128-bit hash of a sequence of byte strings (FNV-1a, 128-bit), the
// basis of module names and cache keys. Not cryptographic; it only needs to
// be stable across runs, hosts and compilers. Each add() is length-prefixed,
// so ("ab","c") and ("a","bc") differ.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cxxtap::build {

class Hasher {
 public:
  Hasher& add(std::string_view bytes);
  Hasher& add(std::uint64_t n);
  // 32 lowercase hex digits.
  std::string hex() const;
  // Bytes hashed so far (stap's _<N> suffix).
  std::uint64_t bytes() const { return bytes_; }

 private:
  void mix(const unsigned char* p, std::size_t n);
  unsigned __int128 state_ = (static_cast<unsigned __int128>(0x6c62272e07bb0142ULL) << 64) |
                             0x62b821756295c58dULL;  // FNV-128 offset basis
  std::uint64_t bytes_ = 0;
};

// Hex digest of one string.
std::string hash_hex(std::string_view bytes);

}  // namespace cxxtap::build
