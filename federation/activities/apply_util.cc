#include "federation/activities/apply_util.h"

#include "federation/protocol/url.h"
#include "storage/model/table.h"

namespace guildhall::federation {

std::string DomainOf(std::string_view actor_uri) {
  auto origin = OriginOf(actor_uri);
  return origin ? origin->Authority() : std::string();
}

namespace {

bool Reachable(ApplyContext& ctx, const storage::Group& g, std::string_view actor) {
  return LocalActors::Federates(g) && ctx.policy.GroupSharedWith(g, DomainOf(actor));
}

}  // namespace

Result<std::optional<storage::Group>> SharedLocalGroup(ApplyContext& ctx,
                                                       const as::Activity& activity) {
  auto group = GH_TRY(ReadOne<std::optional<storage::Group>>(
      ctx.store, [&](storage::ReadTxn& tx) { return GroupOfActivity(tx, ctx.uris(), activity); }));
  if (group && !Reachable(ctx, *group, activity.actor)) group.reset();
  return group;
}

Result<std::optional<ContentRef>> SharedLocalContent(ApplyContext& ctx,
                                                     const as::Activity& activity,
                                                     std::string_view id) {
  std::optional<ContentRef> out;
  GH_CHECK(ctx.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    auto content = GH_TRY(FindContent(tx, ctx.uris(), id));
    if (!content) return Ok();
    auto group = GH_TRY(
        storage::Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(content->group)));
    if (group && Reachable(ctx, *group, activity.actor)) out = std::move(content);
    return Ok();
  }));
  return out;
}

}  // namespace guildhall::federation
