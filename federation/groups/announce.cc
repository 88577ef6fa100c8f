#include "federation/groups/announce.h"

#include "federation/groups/audience.h"
#include "federation/protocol/as2_writer.h"

namespace guildhall::federation {

namespace {

std::string InnerId(const json::Value& inner) {
  const json::Value* id = inner.Find("id");
  return id != nullptr && id->is_string() ? id->text() : std::string();
}

}  // namespace

Result<> AnnounceToFollowers(storage::WriteTxn& tx, Outbox& outbox, const PeerPolicy& policy,
                             const storage::Group& group, json::Value inner) {
  if (!LocalActors::Federates(group))
    return Error::Internal("announce from a non-federating group");
  const std::string group_uri = outbox.actors().UriOf(group);
  const Id id = outbox.NewId();
  as::Activity announce;
  announce.id = outbox.uris().Activity(id);
  announce.type = "Announce";
  announce.actor = group_uri;
  announce.object_id = InnerId(inner);
  if (group.scope == storage::GroupScope::kPublic) announce.to = {std::string(as::kPublic)};
  announce.cc = {Uris::Followers(group_uri)};
  announce.audience = {group_uri};
  announce.published = outbox.Now();
  json::Value body = as::ActivityToJson(announce);
  for (auto& m : body.mutable_members()) {
    if (m.name == "object") m.value = std::move(inner);
  }
  json::Value doc = json::Value::Object();
  doc.mutable_members().push_back({"@context", as::StandardContext()});
  for (auto& m : body.mutable_members()) doc.mutable_members().push_back(std::move(m));
  const auto inboxes = GH_TRY(GroupFollowerInboxes(tx, group, policy));
  Sender from{storage::LocalActorKind::kGroup, group.id, group_uri, &group,
              group.scope == storage::GroupScope::kPublic};
  return outbox.SendJson(tx, from, id, "Announce", json::Serialize(doc), inboxes);
}

Result<> AnnounceJsonToFollowers(storage::WriteTxn& tx, Outbox& outbox, const PeerPolicy& policy,
                                 const storage::Group& group, std::string_view inner_json) {
  auto inner = GH_TRY(json::Parse(inner_json));
  return AnnounceToFollowers(tx, outbox, policy, group, std::move(inner));
}

}  // namespace guildhall::federation
