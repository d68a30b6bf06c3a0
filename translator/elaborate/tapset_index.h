// Which file defines which function, global and probe alias: the user's files
// (always in) and the tapset library's (pulled in on demand, a whole file at
// a time, as stap does). `private` declarations are visible only inside
// their own file.
#pragma once

#include "match_tree.h"

#include <cxxtap/ir/ast.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cxxtap::elaborate {

class TapsetIndex {
 public:
  struct FunctionDef {
    const ir::FunctionDecl* decl = nullptr;
    std::size_t file = 0;
  };
  struct GlobalDef {
    const ir::GlobalDecl* decl = nullptr;
    std::size_t file = 0;
  };

  // Files are numbered user files first, then library files.
  TapsetIndex(std::vector<const ir::File*> user, std::vector<const ir::File*> library);

  std::size_t file_count() const { return files_.size(); }
  const ir::File& file(std::size_t i) const { return *files_[i].file; }
  bool is_library(std::size_t i) const { return files_[i].library; }
  bool is_in(std::size_t i) const { return !files_[i].library || files_[i].pulled; }
  std::optional<std::size_t> index_of(const ir::File* f) const;

  // Marks a library file as used; true the first time (the caller then takes
  // in its probes and embedded code).
  bool pull(std::size_t i);
  // Library files in the order they were pulled in.
  const std::vector<std::size_t>& pulled() const { return pulled_; }

  // Function definitions named `name` visible from file `from`: the user's
  // first (in source order), then the library's.
  std::vector<FunctionDef> functions(std::string_view name, std::size_t from) const;
  // The global `name` as seen from file `from`: its own private one, else a
  // user global (only from user files), else a library global.
  std::optional<GlobalDef> global(std::string_view name, std::size_t from) const;

  // Every function and global name (for "similar:" suggestions).
  std::vector<std::string> function_names() const;
  // Every probe alias name of every file.
  std::vector<AliasRef> aliases() const;

 private:
  struct Entry {
    const ir::File* file = nullptr;
    bool library = false;
    bool pulled = false;
  };
  bool visible(bool is_private, std::size_t def_file, std::size_t from) const {
    return !is_private || def_file == from;
  }

  std::vector<Entry> files_;
  std::vector<std::size_t> pulled_;
  std::unordered_map<std::string, std::vector<FunctionDef>> functions_;
  std::unordered_map<std::string, std::vector<GlobalDef>> globals_;
};

}  // namespace cxxtap::elaborate
