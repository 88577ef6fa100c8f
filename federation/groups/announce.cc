#include "federation/groups/announce.h"

#include <optional>
#include <span>

#include "federation/groups/audience.h"
#include "federation/protocol/as2_writer.h"

namespace guildhall::federation {

namespace {

std::string InnerId(const json::Value& inner) {
  const json::Value* id = inner.Find("id");
  return id != nullptr && id->is_string() ? id->text() : std::string();
}

// The object of a Create of a Page or Note (embedded), to announce on its own.
std::optional<json::Value> CompatObject(const json::Value& inner) {
  const json::Value* type = inner.Find("type");
  const json::Value* object = inner.Find("object");
  if (type == nullptr || !type->is_string() || type->text() != "Create") return std::nullopt;
  if (object == nullptr || !object->is_object()) return std::nullopt;
  const json::Value* object_type = object->Find("type");
  if (object_type == nullptr || !object_type->is_string()) return std::nullopt;
  if (object_type->text() != "Page" && object_type->text() != "Note") return std::nullopt;
  json::Value copy = *object;
  std::erase_if(copy.mutable_members(), [](const json::Member& m) { return m.name == "@context"; });
  return copy;
}

// Addressing as Lemmy's AnnounceActivity::new: Public for a public group,
// the group's followers otherwise; cc the followers. `listed`: shown in the
// group's outbox (Lemmy backfills from it and reads only activities there).
Result<> SendAnnounce(storage::WriteTxn& tx, Outbox& outbox, const storage::Group& group,
                      json::Value inner, std::span<const std::string> inboxes, bool listed) {
  const std::string group_uri = outbox.actors().UriOf(group);
  const bool is_public = group.scope == storage::GroupScope::kPublic;
  const Id id = outbox.NewId();
  as::Activity announce;
  announce.id = outbox.uris().Activity(id);
  announce.type = "Announce";
  announce.actor = group_uri;
  announce.object_id = InnerId(inner);
  announce.to = {is_public ? std::string(as::kPublic) : Uris::Followers(group_uri)};
  if (is_public) announce.cc = {Uris::Followers(group_uri)};
  announce.audience = {group_uri};
  announce.published = outbox.Now();
  json::Value body = as::ActivityToJson(announce);
  for (auto& m : body.mutable_members()) {
    if (m.name == "object") m.value = std::move(inner);
  }
  json::Value doc = json::Value::Object();
  doc.mutable_members().push_back({"@context", as::StandardContext()});
  for (auto& m : body.mutable_members()) doc.mutable_members().push_back(std::move(m));
  Sender from{storage::LocalActorKind::kGroup, group.id, group_uri, &group, is_public && listed};
  return outbox.SendJson(tx, from, id, "Announce", json::Serialize(doc), inboxes);
}

}  // namespace

Result<> AnnounceToFollowers(storage::WriteTxn& tx, Outbox& outbox, const PeerPolicy& policy,
                             const storage::Group& group, json::Value inner) {
  if (!LocalActors::Federates(group))
    return Error::Internal("announce from a non-federating group");
  const auto inboxes = GH_TRY(GroupFollowerInboxes(tx, group, policy));
  // Mastodon-family servers drop Announce(Create(...)) (they resolve the
  // announced object as a status), so, as Lemmy's AnnounceActivity::send
  // does (crates/apub/activities/src/community/announce.rs), a Create of a
  // post or reply is also announced as the object itself. Public groups
  // only: Mastodon refuses to boost content that is not public (its
  // activity/announce.rb `announceable?`), and a partners group's content is
  // never addressed wider than the group. Lemmy refuses the second Announce
  // (CannotReceivePage); a Guildhall peer finds the object already stored.
  std::optional<json::Value> compat;
  if (group.scope == storage::GroupScope::kPublic) compat = CompatObject(inner);
  GH_CHECK(SendAnnounce(tx, outbox, group, std::move(inner), inboxes, true));
  if (!compat || inboxes.empty()) return Ok();
  return SendAnnounce(tx, outbox, group, std::move(*compat), inboxes, false);
}

Result<> AnnounceJsonToFollowers(storage::WriteTxn& tx, Outbox& outbox, const PeerPolicy& policy,
                                 const storage::Group& group, std::string_view inner_json) {
  auto inner = GH_TRY(json::Parse(inner_json));
  return AnnounceToFollowers(tx, outbox, policy, group, std::move(inner));
}

}  // namespace guildhall::federation
