// A group's kind on the wire: Guildhall's `groupKind` extension property
// (JSON-LD term `guildhall:groupKind`, namespace https://guildhall.dev/ns#;
// spec/FEDERATION.md "Extension: groupKind"), carried by our Group actors
// and read from a followed group's actor document so that the follower's
// node shows the kind its home node gives it. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "storage/model/records/group.h"

namespace guildhall::federation {

// "practice", "interest", "project" or "location".
std::string GroupKindToWire(storage::GroupKind kind);
// The kind a `groupKind` value names; nullopt for anything else (absent,
// another server's vocabulary).
std::optional<storage::GroupKind> GroupKindFromWire(std::string_view value);

}  // namespace guildhall::federation
