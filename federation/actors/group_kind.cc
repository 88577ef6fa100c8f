#include "federation/actors/group_kind.h"

#include <array>

namespace guildhall::federation {

namespace {

// In storage::GroupKind's order.
constexpr std::array<std::string_view, 4> kWireNames = {"practice", "interest", "project",
                                                        "location"};

}  // namespace

std::string GroupKindToWire(storage::GroupKind kind) {
  const auto i = static_cast<size_t>(kind);
  return i < kWireNames.size() ? std::string(kWireNames[i]) : std::string();
}

std::optional<storage::GroupKind> GroupKindFromWire(std::string_view value) {
  for (size_t i = 0; i < kWireNames.size(); ++i) {
    if (kWireNames[i] == value) return static_cast<storage::GroupKind>(i);
  }
  return std::nullopt;
}

}  // namespace guildhall::federation
