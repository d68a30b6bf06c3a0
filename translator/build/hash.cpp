#include "hash.h"

namespace cxxtap::build {
namespace {
// FNV-128 prime: 2^88 + 2^8 + 0x3b.
constexpr unsigned __int128 kPrime = (static_cast<unsigned __int128>(1) << 88) + 0x13b;
}  // namespace

void Hasher::mix(const unsigned char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    state_ ^= p[i];
    state_ *= kPrime;
  }
}

Hasher& Hasher::add(std::uint64_t n) {
  unsigned char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(n >> (8 * i));
  mix(b, 8);
  return *this;
}

Hasher& Hasher::add(std::string_view bytes) {
  add(static_cast<std::uint64_t>(bytes.size()));
  mix(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  bytes_ += bytes.size();
  return *this;
}

std::string Hasher::hex() const {
  static const char digits[] = "0123456789abcdef";
  std::string s(32, '0');
  unsigned __int128 v = state_;
  for (int i = 31; i >= 0; --i) {
    s[i] = digits[static_cast<unsigned>(v & 0xf)];
    v >>= 4;
  }
  return s;
}

std::string hash_hex(std::string_view bytes) { return Hasher().add(bytes).hex(); }

}  // namespace cxxtap::build
