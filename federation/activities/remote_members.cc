#include "federation/activities/remote_members.h"

#include "federation/activities/content.h"
#include "federation/protocol/as2_reader.h"
#include "federation/signatures/signed_request.h"
#include "node/community/accounts.h"
#include "storage/model/table.h"

namespace guildhall::federation {

namespace {

// preferredUsername, or the last path segment of the id, lower-cased and
// limited to what handles contain.
std::string UsernameOf(const storage::RemoteActor& actor) {
  std::string raw = actor.preferred_username;
  if (raw.empty()) {
    const size_t slash = actor.id.find_last_of('/');
    raw = slash == std::string::npos ? actor.id : actor.id.substr(slash + 1);
  }
  std::string out;
  for (char c : ToLowerAscii(raw)) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (ok && out.size() < 64) out.push_back(c);
  }
  return out.empty() ? "actor" : out;
}

community::RemoteActor ProfileOf(const storage::RemoteActor& actor) {
  community::RemoteActor r;
  r.actor_uri = actor.id;
  r.username = UsernameOf(actor);
  r.domain = actor.domain;
  r.display_name = CleanText(actor.name, 200);
  if (auto doc = as::ReadActor(actor.raw_json)) {
    r.bio = CleanText(HtmlToMarkdownText(doc->summary), 5000);
    if (doc->icon &&
        (doc->icon->href.starts_with("https://") || doc->icon->href.starts_with("http://"))) {
      r.avatar_url = doc->icon->href;
    }
  }
  return r;
}

Result<storage::Member> Load(storage::Store& store, Id id) {
  std::optional<storage::Member> m;
  GH_CHECK(store.Read([&](storage::ReadTxn& tx) -> Result<> {
    m = GH_TRY(storage::Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(id)));
    return Ok();
  }));
  if (!m) return Error::Internal("remote member vanished");
  return std::move(*m);
}

}  // namespace

Result<storage::Member> EnsureRemoteMember(ApplyContext& ctx, std::string_view actor_uri,
                                           Deadline deadline) {
  if (ctx.uris().IsLocal(actor_uri)) return Error::Invalid("a local actor cannot act remotely");
  const auto actor = GH_TRY(ctx.remote.Actor(actor_uri, deadline));
  community::RemoteActor profile = ProfileOf(actor);
  // Two actors of one domain may share a name (a Lemmy person and a
  // community): the later one gets a numbered name.
  const std::string base = profile.username;
  for (int n = 2;; ++n) {
    auto upserted = ctx.community.accounts.UpsertRemote(profile);
    if (upserted) return Load(ctx.store, upserted->id);
    if (upserted.error().code != Code::kConflict || n > 20) return upserted.error();
    profile.username = base + "-" + std::to_string(n);
  }
}

}  // namespace guildhall::federation
