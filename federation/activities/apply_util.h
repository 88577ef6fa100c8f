// Small helpers shared by the Apply functions: reading one value in a read
// transaction, the sender's domain, and "the local group this activity is
// about, if the sender may reach it". Thread-safe as ApplyContext is.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "federation/activities/context.h"
#include "federation/activities/lookup.h"
#include "storage/model/records/group.h"

namespace guildhall::federation {

// Runs fn in one read transaction and returns what it returns.
template <class T>
Result<T> ReadOne(storage::Store& store, const std::function<Result<T>(storage::ReadTxn&)>& fn) {
  std::optional<T> out;
  GH_CHECK(store.Read([&](storage::ReadTxn& tx) -> Result<> {
    out = GH_TRY(fn(tx));
    return Ok();
  }));
  return std::move(*out);
}

// "host[:port]" of an actor URI; empty if it is not an http(s) URL.
std::string DomainOf(std::string_view actor_uri);

// The local, federating group `activity` concerns, when the sender's domain
// may see it (DESIGN §4); nullopt otherwise, also for external and internal
// groups (so the caller ignores the activity without saying why).
Result<std::optional<storage::Group>> SharedLocalGroup(ApplyContext& ctx,
                                                       const as::Activity& activity);

// The content `id` names, if it lives in a local group the sender may see.
Result<std::optional<ContentRef>> SharedLocalContent(ApplyContext& ctx,
                                                     const as::Activity& activity,
                                                     std::string_view id);

}  // namespace guildhall::federation
