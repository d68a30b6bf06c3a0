#include "tapset_index.h"

namespace cxxtap::elaborate {

TapsetIndex::TapsetIndex(std::vector<const ir::File*> user,
                         std::vector<const ir::File*> library) {
  for (auto* f : user) files_.push_back({f, false, false});
  for (auto* f : library) files_.push_back({f, true, false});
  for (std::size_t i = 0; i < files_.size(); ++i) {
    for (const auto& d : files_[i].file->decls) {
      if (auto fn = ir::as<ir::FunctionDecl>(d.get()))
        functions_[fn->name].push_back({fn, i});
      else if (auto g = ir::as<ir::GlobalDecl>(d.get()))
        globals_[g->name].push_back({g, i});
    }
  }
}

std::optional<std::size_t> TapsetIndex::index_of(const ir::File* f) const {
  for (std::size_t i = 0; i < files_.size(); ++i)
    if (files_[i].file == f) return i;
  return std::nullopt;
}

bool TapsetIndex::pull(std::size_t i) {
  if (!files_[i].library || files_[i].pulled) return false;
  files_[i].pulled = true;
  pulled_.push_back(i);
  return true;
}

std::vector<TapsetIndex::FunctionDef> TapsetIndex::functions(std::string_view name,
                                                             std::size_t from) const {
  std::vector<FunctionDef> out;
  auto it = functions_.find(std::string(name));
  if (it == functions_.end()) return out;
  for (bool library : {false, true})
    for (const auto& def : it->second)
      if (files_[def.file].library == library && visible(def.decl->is_private, def.file, from))
        out.push_back(def);
  return out;
}

std::optional<TapsetIndex::GlobalDef> TapsetIndex::global(std::string_view name,
                                                          std::size_t from) const {
  auto it = globals_.find(std::string(name));
  if (it == globals_.end()) return std::nullopt;
  for (const auto& def : it->second)
    if (def.decl->is_private && def.file == from) return def;
  // Tapset code never sees the user's globals (so its locals cannot be
  // captured by them); user code sees its own first, then the library's.
  for (bool library : {false, true}) {
    if (!library && files_[from].library) continue;
    for (const auto& def : it->second)
      if (files_[def.file].library == library && !def.decl->is_private) return def;
  }
  return std::nullopt;
}

std::vector<std::string> TapsetIndex::function_names() const {
  std::vector<std::string> out;
  for (const auto& [name, defs] : functions_) out.push_back(name);
  return out;
}

std::vector<AliasRef> TapsetIndex::aliases() const {
  std::vector<AliasRef> out;
  for (std::size_t i = 0; i < files_.size(); ++i)
    for (const auto& d : files_[i].file->decls)
      if (auto a = ir::as<ir::AliasDecl>(d.get()))
        for (const auto& n : a->names) out.push_back({a, n.get(), i});
  return out;
}

}  // namespace cxxtap::elaborate
