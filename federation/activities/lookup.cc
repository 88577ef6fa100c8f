#include "federation/activities/lookup.h"

#include "storage/model/records/follow.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::Table;

namespace {

template <class Codec>
Result<std::optional<typename Codec::Record>> ById(storage::ReadTxn& tx, Id id) {
  return Table<Codec>::Get(tx, Codec::KeyOf(id));
}

template <class Codec>
Result<std::optional<typename Codec::Record>> ByApId(storage::ReadTxn& tx,
                                                     const storage::TableDef& index,
                                                     std::string_view ap_id) {
  return Table<Codec>::FindUnique(tx, index, Codec::ApIdKey(ap_id));
}

ContentRef FromThread(storage::Thread t) {
  ContentRef c{ContentRef::Kind::kThread, t.id, t.group, t.author, t.ap_id, {}, {}, {}};
  c.thread = std::move(t);
  return c;
}

ContentRef FromReply(storage::Reply r) {
  ContentRef c{ContentRef::Kind::kReply, r.id, r.group, r.author, r.ap_id, {}, {}, {}};
  c.reply = std::move(r);
  return c;
}

ContentRef FromEvent(storage::Event e) {
  ContentRef c{ContentRef::Kind::kEvent, e.id, e.group, e.organizer, e.ap_id, {}, {}, {}};
  c.event = std::move(e);
  return c;
}

// A local URI names local content only: a remote record's id is its ap_id.
Result<std::optional<ContentRef>> FindLocalContent(storage::ReadTxn& tx, const LocalRef& ref) {
  using Kind = LocalRef::Kind;
  std::optional<ContentRef> out;
  if (ref.kind == Kind::kThread) {
    auto t = GH_TRY(ById<storage::ThreadCodec>(tx, ref.id));
    if (t && t->ap_id.empty()) out = FromThread(std::move(*t));
  } else if (ref.kind == Kind::kReply) {
    auto r = GH_TRY(ById<storage::ReplyCodec>(tx, ref.id));
    if (r && r->ap_id.empty()) out = FromReply(std::move(*r));
  } else if (ref.kind == Kind::kEvent) {
    auto e = GH_TRY(ById<storage::EventCodec>(tx, ref.id));
    if (e && e->ap_id.empty()) out = FromEvent(std::move(*e));
  }
  return out;
}

Result<std::optional<storage::Group>> GroupById(storage::ReadTxn& tx, Id id) {
  return ById<storage::GroupCodec>(tx, id);
}

Result<std::optional<storage::Group>> GroupOfContent(storage::ReadTxn& tx, const Uris& uris,
                                                     std::string_view id) {
  auto content = GH_TRY(FindContent(tx, uris, id));
  if (!content) return std::optional<storage::Group>();
  return GroupById(tx, content->group);
}

// Accept/Reject/Undo name a Follow by id: ours (to an external group) or a
// remote actor's (to a local group), both remembered in the follows table.
Result<std::optional<storage::Group>> GroupOfFollow(storage::ReadTxn& tx, std::string_view id) {
  auto follow = GH_TRY(Table<storage::FollowCodec>::FindUnique(
      tx, storage::tables::kFollowsByActivity, storage::FollowCodec::ActivityKey(id)));
  if (!follow || follow->kind == storage::FollowKind::kToLocalMember) {
    return std::optional<storage::Group>();
  }
  return GroupById(tx, follow->object);
}

}  // namespace

Result<std::optional<ContentRef>> FindContent(storage::ReadTxn& tx, const Uris& uris,
                                              std::string_view id) {
  if (id.empty()) return std::optional<ContentRef>();
  if (auto ref = uris.Parse(id)) return FindLocalContent(tx, *ref);
  if (auto t = GH_TRY(ByApId<storage::ThreadCodec>(tx, storage::tables::kThreadsByApId, id))) {
    return std::optional<ContentRef>(FromThread(std::move(*t)));
  }
  if (auto r = GH_TRY(ByApId<storage::ReplyCodec>(tx, storage::tables::kRepliesByApId, id))) {
    return std::optional<ContentRef>(FromReply(std::move(*r)));
  }
  if (auto e = GH_TRY(ByApId<storage::EventCodec>(tx, storage::tables::kEventsByApId, id))) {
    return std::optional<ContentRef>(FromEvent(std::move(*e)));
  }
  return std::optional<ContentRef>();
}

Result<std::optional<storage::Group>> FindGroup(storage::ReadTxn& tx, const Uris& uris,
                                                std::string_view id) {
  if (id.empty()) return std::optional<storage::Group>();
  if (auto ref = uris.Parse(id)) {
    if (ref->kind != LocalRef::Kind::kGroup || !ref->collection.empty()) {
      return std::optional<storage::Group>();
    }
    auto g = GH_TRY(FindGroupBySlug(tx, ref->name));
    if (g && !g->ap_id.empty()) g.reset();
    return g;
  }
  return FindGroupByApId(tx, id);
}

Result<std::optional<storage::Group>> GroupOfObject(
    storage::ReadTxn& tx, const Uris& uris, const as::Object& object,
    const std::vector<std::string>& extra_audience) {
  std::vector<const std::string*> candidates = {&object.audience};
  for (const auto* list : {&extra_audience, &object.to, &object.cc}) {
    for (const auto& id : *list) candidates.push_back(&id);
  }
  for (const std::string* id : candidates) {
    if (id->empty() || as::IsPublic(*id)) continue;
    if (auto g = GH_TRY(FindGroup(tx, uris, *id))) return g;
  }
  return GroupOfContent(tx, uris, object.in_reply_to);
}

Result<std::optional<storage::Group>> GroupOfActivity(storage::ReadTxn& tx, const Uris& uris,
                                                      const as::Activity& a) {
  const std::string& t = a.type;
  if (t == "Follow") return FindGroup(tx, uris, a.object_id);
  if (t == "Announce") return FindGroup(tx, uris, a.actor);
  if (t == "Block") {
    if (auto g = GH_TRY(FindGroup(tx, uris, a.target))) return g;
    return FindGroup(tx, uris, a.actor);
  }
  if (t == "Undo" && a.object_activity) return GroupOfActivity(tx, uris, *a.object_activity);
  if (t == "Accept" || t == "Reject" || t == "Undo") {
    if (auto g = GH_TRY(GroupOfFollow(tx, a.object_id))) return g;
  }
  if ((t == "Create" || t == "Update") && a.object) {
    std::vector<std::string> addressed = a.audience;
    addressed.insert(addressed.end(), a.to.begin(), a.to.end());
    addressed.insert(addressed.end(), a.cc.begin(), a.cc.end());
    if (auto g = GH_TRY(GroupOfContent(tx, uris, a.object->id))) return g;
    return GroupOfObject(tx, uris, *a.object, addressed);
  }
  if (auto g = GH_TRY(GroupOfContent(tx, uris, a.object_id))) return g;
  for (const auto& extra : a.extra_objects) {  // Flag lists several objects
    if (auto g = GH_TRY(GroupOfContent(tx, uris, extra))) return g;
  }
  return std::optional<storage::Group>();
}

}  // namespace guildhall::federation
