// libFuzzer target for passes 1 and 2: the input bytes are a script; it is
// parsed and, when that succeeds, elaborated against an empty tapset library.
// Diagnostics are expected and ignored; crashes, sanitizer reports, hangs and
// escaping exceptions are what the fuzzer looks for. Built with
// -DCXXTAP_FUZZ=ON under clang (see bench/fuzz.sh).
#include "elaborate/elaborate.h"
#include "parse/parser.h"

#include <cxxtap/ir/source.h>
#include <cxxtap/support/diagnostics.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cxxtap;

  auto src = std::make_shared<const ir::SourceFile>(
      "<fuzz>", std::string(reinterpret_cast<const char*>(data), size));

  parse::ParseOptions popts;
  popts.args = {"1", "fuzz"};  // so that $1, @2, $# mean something
  popts.allow_embedded = true;
  popts.pp.guru_mode = true;

  Diagnostics diags;
  ir::FilePtr file = parse::parse_file(src, popts, diags);
  if (!file) return 0;

  std::vector<ir::FilePtr> user;
  user.push_back(std::move(file));
  elaborate::ElaborateOptions eopts;
  eopts.guru = true;
  (void)elaborate::elaborate(std::move(user), elaborate::Library{}, eopts, diags);
  return 0;
}
