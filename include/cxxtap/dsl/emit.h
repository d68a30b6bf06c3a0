// Turning a DSL script into the input of the stap pipeline. A probes.cpp
// ends with CXXTAP_MAIN(script); the build (cxxtap_add_module) runs the
// resulting program, which writes the script's canonical stap text, and hands
// that to `stap`. The printer is lossless, so stap elaborates exactly the IR
// the DSL built.
#pragma once

#include <cxxtap/ir/printer.h>

#include <fstream>
#include <iostream>

namespace cxxtap::dsl {

template <class S>
int emit(const S& script, int argc, char** argv) {
  auto file = script.lower(argc > 1 ? argv[1] : "<dsl>");
  if (argc > 1) {
    std::ofstream out(argv[1]);
    if (!out) {
      std::cerr << "cxxtap: cannot write " << argv[1] << '\n';
      return 1;
    }
    ir::print(out, *file);
    return out ? 0 : 1;
  }
  ir::print(std::cout, *file);
  return 0;
}

}  // namespace cxxtap::dsl

// The program a DSL probe file becomes: `probes-gen OUT.stp`.
#define CXXTAP_MAIN(script) \
  int main(int argc, char** argv) { return ::cxxtap::dsl::emit(script, argc, argv); }
