// begin, end, error (each with an optional sequence number) and never.
#include "probe_families.h"

namespace cxxtap::elaborate {

namespace {

class SessionFamily final : public ProbeFamily {
 public:
  explicit SessionFamily(std::string_view name) : name_(name) {}
  std::string_view name() const override { return name_; }
  std::vector<std::string> patterns() const override {
    return {std::string(name_), std::string(name_) + "(number)"};
  }
  std::optional<FamilyError> resolve(std::span<const PointComponent> comps,
                                     ResolvedPoint& out) const override {
    out.family = std::string(name_);
    out.numbers["sequence"] = comps[0].number().value_or(0);
    out.text = point_text(comps);
    return std::nullopt;
  }

 private:
  std::string_view name_;
};

class NeverFamily final : public ProbeFamily {
 public:
  std::string_view name() const override { return "never"; }
  std::vector<std::string> patterns() const override { return {"never"}; }
  std::optional<FamilyError> resolve(std::span<const PointComponent> comps,
                                     ResolvedPoint& out) const override {
    out.family = "never";
    out.text = point_text(comps);
    return std::nullopt;
  }
};

}  // namespace

void register_been_families(FamilyRegistry& r) {
  r.add(std::make_unique<SessionFamily>("begin"));
  r.add(std::make_unique<SessionFamily>("end"));
  r.add(std::make_unique<SessionFamily>("error"));
  r.add(std::make_unique<NeverFamily>());
}

}  // namespace cxxtap::elaborate
