// The DSL's typed tapset declarations agree with the stap-language tapsets
// that define the functions: same name, arity and (annotated) types.
#include <cxxtap/tapset/core.h>
#include <cxxtap/tapset/kernel_functions.h>

#include "parse/parser.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::vector<cxxtap::ir::FilePtr> parse_tapsets() {
  std::vector<cxxtap::ir::FilePtr> out;
  for (const auto& e : fs::directory_iterator(std::string(CXXTAP_SOURCE_DIR) + "/tapset-cpp/stap")) {
    if (e.path().extension() != ".stp") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    cxxtap::Diagnostics d;
    cxxtap::parse::ParseOptions po;
    po.allow_embedded = true;
    auto f = cxxtap::parse::parse_file(
        std::make_shared<cxxtap::ir::SourceFile>(e.path().string(), ss.str(), true), po, d);
    REQUIRE(f);
    out.push_back(std::move(f));
  }
  return out;
}

// An unannotated long parameter is inferred; an unannotated result is a
// function used for its effect (Void in the DSL).
bool same_param(cxxtap::ir::Type stap, cxxtap::ir::Type dsl) {
  return stap == dsl || (stap == cxxtap::ir::Type::Unknown && dsl == cxxtap::ir::Type::Long);
}

}  // namespace

TEST_CASE("dsl: every typed tapset declaration matches its stap definition") {
  auto files = parse_tapsets();
  std::vector<cxxtap::dsl::SigInfo> sigs(cxxtap::dsl::core_signatures.begin(),
                                         cxxtap::dsl::core_signatures.end());
  sigs.insert(sigs.end(), cxxtap::dsl::kernel_signatures.begin(),
              cxxtap::dsl::kernel_signatures.end());
  for (const auto& sig : sigs) {
    INFO(sig.name);
    const cxxtap::ir::FunctionDecl* found = nullptr;
    for (const auto& f : files)
      for (const auto& d : f->decls)
        if (auto fn = cxxtap::ir::as<cxxtap::ir::FunctionDecl>(d.get()))
          if (fn->name == sig.name && fn->params.size() == sig.arity) found = fn;
    REQUIRE(found);
    bool result_ok = found->return_type == sig.result ||
                     (found->return_type == cxxtap::ir::Type::Unknown &&
                      sig.result == cxxtap::ir::Type::Unknown);
    CHECK(result_ok);
    for (std::size_t i = 0; i < sig.arity; ++i) CHECK(same_param(found->params[i].type, sig.params[i]));
  }
}
