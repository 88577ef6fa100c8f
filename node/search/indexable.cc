#include "node/search/indexable.h"

#include <charconv>

#include "storage/model/records/event.h"
#include "storage/model/records/group.h"
#include "storage/model/records/member.h"
#include "storage/model/records/reply.h"
#include "storage/model/records/resource.h"
#include "storage/model/records/thread.h"
#include "storage/model/table.h"

namespace guildhall::search {
namespace {

using storage::Table;

template <class Codec>
Result<std::optional<typename Codec::Record>> Find(storage::ReadTxn& tx, Id id) {
  return Table<Codec>::Get(tx, Codec::KeyOf(id));
}

std::string NameOf(const storage::Member& m) {
  return m.IsLocal() ? m.username : m.username + "@" + m.domain;
}

// Fills the group and author fields shared by every content kind.
Result<> FillPlace(storage::ReadTxn& tx, Indexable& out) {
  if (out.group) {
    auto group = GH_TRY(Find<storage::GroupCodec>(tx, out.group));
    if (group) out.group_slug = group->slug;
  }
  if (out.author) {
    auto author = GH_TRY(Find<storage::MemberCodec>(tx, out.author));
    if (author) out.author_name = NameOf(*author);
  }
  return Ok();
}

void AppendLine(std::string& to, std::string_view text) {
  if (text.empty()) return;
  if (!to.empty()) to += '\n';
  to += text;
}

}  // namespace

std::string_view KindName(DocKind kind) {
  switch (kind) {
    case DocKind::kThread:
      return "thread";
    case DocKind::kReply:
      return "reply";
    case DocKind::kEvent:
      return "event";
    case DocKind::kResource:
      return "resource";
    case DocKind::kGroup:
      return "group";
    case DocKind::kMember:
      return "member";
  }
  return "unknown";
}

std::optional<DocKind> KindOfName(std::string_view name) {
  for (DocKind k : kDocKinds) {
    if (KindName(k) == name) return k;
  }
  return std::nullopt;
}

std::string EncodeRef(DocRef ref) {
  return std::string(1, static_cast<char>(ref.kind)) + ":" + ref.id.ToString();
}

std::optional<DocRef> DecodeRef(std::string_view text) {
  if (text.size() < 3 || text[1] != ':') return std::nullopt;
  const auto kind = static_cast<DocKind>(text[0]);
  bool known = false;
  for (DocKind k : kDocKinds) known = known || k == kind;
  auto id = Id::Parse(text.substr(2));
  if (!known || !id || !*id) return std::nullopt;
  return DocRef{kind, *id};
}

Result<std::optional<Indexable>> LoadIndexable(storage::ReadTxn& tx, DocRef ref) {
  Indexable out{.ref = ref};
  switch (ref.kind) {
    case DocKind::kThread: {
      auto t = GH_TRY(Find<storage::ThreadCodec>(tx, ref.id));
      if (!t) return std::optional<Indexable>();
      out.group = t->group;
      out.author = t->author;
      out.at = t->created;
      out.title = t->title;
      out.text = t->body;
      out.hidden = t->removed;
      break;
    }
    case DocKind::kReply: {
      auto r = GH_TRY(Find<storage::ReplyCodec>(tx, ref.id));
      if (!r) return std::optional<Indexable>();
      auto t = GH_TRY(Find<storage::ThreadCodec>(tx, r->thread));
      out.group = r->group;
      out.author = r->author;
      out.thread = r->thread;
      out.at = r->created;
      out.title = t ? t->title : std::string();
      out.text = r->body;
      out.hidden = r->removed || !t || t->removed;
      break;
    }
    case DocKind::kEvent: {
      auto e = GH_TRY(Find<storage::EventCodec>(tx, ref.id));
      if (!e) return std::optional<Indexable>();
      out.group = e->group;
      out.author = e->organizer;
      out.at = e->created;
      out.title = e->title;
      out.text = e->description;
      out.extra = e->place;
      break;
    }
    case DocKind::kResource: {
      auto r = GH_TRY(Find<storage::ResourceCodec>(tx, ref.id));
      if (!r) return std::optional<Indexable>();
      out.group = r->group;
      out.author = r->uploader;
      out.at = r->created;
      out.title = r->title;
      out.text = r->description;
      out.extra = r->file_name;
      out.hidden = r->removed;
      break;
    }
    case DocKind::kGroup: {
      auto g = GH_TRY(Find<storage::GroupCodec>(tx, ref.id));
      if (!g) return std::optional<Indexable>();
      out.group = g->id;
      out.author = g->created_by;
      out.at = g->created;
      out.title = g->name;
      out.text = g->description;
      break;
    }
    case DocKind::kMember: {
      auto m = GH_TRY(Find<storage::MemberCodec>(tx, ref.id));
      if (!m) return std::optional<Indexable>();
      out.author = m->id;
      out.author_name = NameOf(*m);
      out.at = m->created;
      out.title = m->display_name.empty() ? m->username : m->display_name;
      out.text = m->bio;
      AppendLine(out.extra, m->username);
      AppendLine(out.extra, m->title);
      AppendLine(out.extra, m->team);
      AppendLine(out.extra, m->location);
      for (const auto& s : m->skills) AppendLine(out.extra, s);
      for (const auto& i : m->interests) AppendLine(out.extra, i);
      // The directory lists local, active members only (directory.h).
      out.hidden = !m->IsLocal() || !m->IsActive();
      return std::optional<Indexable>(std::move(out));
    }
  }
  GH_CHECK(FillPlace(tx, out));
  return std::optional<Indexable>(std::move(out));
}

}  // namespace guildhall::search
