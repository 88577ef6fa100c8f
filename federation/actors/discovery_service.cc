#include "federation/actors/discovery_service.h"

#include <set>

#include "federation/actors/documents.h"
#include "federation/policy/policy_admin.h"
#include "federation/signatures/signed_request.h"
#include "storage/model/records/thread.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::LocalActorKind;
using storage::Table;

namespace {

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;

std::string AcctOf(const LocalActor& actor, const Uris& uris) {
  switch (actor.kind) {
    case LocalActorKind::kNode:
      return "acct:" + NodeActorUsername(uris) + "@" + uris.domain();
    case LocalActorKind::kMember:
      return "acct:" + actor.member->username + "@" + uris.domain();
    case LocalActorKind::kGroup:
      return "acct:" + actor.group->slug + "@" + uris.domain();
  }
  return "";
}

std::string PageOf(const LocalActor& actor, const Uris& uris) {
  if (actor.member) return uris.MemberPage(actor.member->username);
  if (actor.group) return uris.GroupPage(actor.group->slug);
  return uris.base() + "/";
}

// Counts federating members and the content of federating groups.
struct Tally {
  int64_t members = 0, threads = 0, replies = 0;
  std::set<uint64_t> active_month, active_halfyear;
};

Result<> CountGroupContent(storage::ReadTxn& tx, const storage::Group& g, int64_t now, Tally& t) {
  return Table<storage::ThreadCodec>::ScanIndexPrefix(
      tx, storage::tables::kThreadsByGroup, storage::ThreadCodec::ByGroupPrefix(g.id),
      storage::ScanOrder::kForward, [&](const storage::Thread& th) {
        if (th.removed || !th.ap_id.empty()) return true;
        ++t.threads;
        t.replies += static_cast<int64_t>(th.reply_count);
        if (th.created > now - 30 * kDayMs) t.active_month.insert(th.author.value);
        if (th.created > now - 180 * kDayMs) t.active_halfyear.insert(th.author.value);
        return true;
      });
}

}  // namespace

bool Discovery::IsServerResource(std::string_view resource) const {
  const std::string& base = actors_.uris().base();
  return resource == base || resource == base + "/";
}

bool Discovery::Enabled() const {
  return options_.federation_enabled && (!options_.policy || options_.policy->Enabled());
}

Discovery::Discovery(storage::Store& store, const LocalActors& actors, const Clock& clock,
                     DiscoveryOptions options)
    : store_(store), actors_(actors), clock_(clock), options_(std::move(options)) {}

Result<std::optional<LocalActor>> Discovery::ResolveResource(storage::ReadTxn& tx,
                                                             std::string_view resource) {
  const Uris& uris = actors_.uris();
  if (IsServerResource(resource)) return std::optional<LocalActor>(actors_.Node());
  if (resource.starts_with("https://") || resource.starts_with("http://")) {
    return actors_.Resolve(tx, resource);
  }
  if (resource.size() < 5 || !EqualsIgnoreCase(resource.substr(0, 5), "acct:")) {
    return std::optional<LocalActor>();
  }
  std::string_view acct = resource.substr(5);
  if (!acct.empty() && acct.front() == '@')
    acct.remove_prefix(1);  // "acct:@name@host", seen in the wild
  const size_t at = acct.rfind('@');
  if (at == std::string_view::npos) return std::optional<LocalActor>();
  const std::string name = ToLowerAscii(acct.substr(0, at));
  if (ToLowerAscii(acct.substr(at + 1)) != ToLowerAscii(uris.domain()))
    return std::optional<LocalActor>();
  if (name == NodeActorUsername(uris)) return std::optional<LocalActor>(actors_.Node());
  // Members own the name; a group with the same slug answers by URL only.
  if (GH_TRY(FindLocalMember(tx, name))) return actors_.ByUsername(tx, name);
  return actors_.BySlug(tx, name);
}

Result<std::string> Discovery::WebFinger(std::string_view resource) {
  if (!Enabled()) return Error::NotFound("not found");
  std::optional<LocalActor> actor;
  GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
    actor = GH_TRY(ResolveResource(tx, resource));
    return Ok();
  }));
  if (!actor) return Error::NotFound("not found");
  const Uris& uris = actors_.uris();
  Jrd jrd;
  jrd.subject = AcctOf(*actor, uris);
  jrd.aliases = {actor->uri};
  if (IsServerResource(resource)) {
    jrd.subject = std::string(resource);  // FEP-d556 answers for the server's URL
    jrd.aliases.push_back(AcctOf(*actor, uris));
  }
  jrd.links.push_back({"self", std::string(kActivityJsonType), actor->uri, ""});
  // FEP-d556: the server-level actor, whichever way it was asked for
  // (its URL, or Mastodon's acct:host@host).
  if (actor->kind == LocalActorKind::kNode) {
    jrd.links.push_back(
        {std::string(kServiceActorRel), std::string(kActivityJsonType), actor->uri, ""});
  }
  jrd.links.push_back(
      {"http://webfinger.net/rel/profile-page", "text/html", PageOf(*actor, uris), ""});
  return WriteJrd(jrd);
}

Result<std::string> Discovery::NodeInfoLinks() const {
  if (!Enabled()) return Error::NotFound("not found");
  const std::string base = actors_.uris().base() + "/nodeinfo/";
  return WriteNodeInfoLinks(base + "2.0", base + "2.1", actors_.uris().NodeActor());
}

Result<std::string> Discovery::HostMeta() const {
  if (!Enabled()) return Error::NotFound("not found");
  return std::string(
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">\n"
             "  <Link rel=\"lrdd\" template=\"") +
         actors_.uris().base() + "/.well-known/webfinger?resource={uri}\"/>\n</XRD>\n";
}

Result<NodeInfo> Discovery::Count() {
  Tally t;
  const int64_t now = UnixMillis(clock_.Now());
  GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
    Result<> status;
    GH_CHECK(Table<storage::MemberCodec>::Scan(tx, "", "", storage::ScanOrder::kForward,
                                               [&](const storage::Member& m) {
                                                 if (LocalActors::Federates(m)) ++t.members;
                                                 return true;
                                               }));
    GH_CHECK(Table<storage::GroupCodec>::Scan(tx, "", "", storage::ScanOrder::kForward,
                                              [&](const storage::Group& g) {
                                                if (!LocalActors::Federates(g))
                                                  return true;  // internal, external
                                                status = CountGroupContent(tx, g, now, t);
                                                return status.has_value();
                                              }));
    return status;
  }));
  NodeInfo info;
  info.software_name = "guildhall";
  info.software_version = options_.software_version;
  info.software_homepage = actors_.uris().base() + "/";
  info.open_registrations = options_.open_registrations;
  info.users_total = t.members;
  info.users_active_month = static_cast<int64_t>(t.active_month.size());
  info.users_active_halfyear = static_cast<int64_t>(t.active_halfyear.size());
  info.local_posts = t.threads;
  info.local_comments = t.replies;
  return info;
}

// Names and the mode only: never a peer, a share list or a group.
std::vector<std::pair<std::string, std::string>> Discovery::Metadata() const {
  std::vector<std::pair<std::string, std::string>> out = {{"nodeName", options_.node_name}};
  if (!options_.node_description.empty())
    out.push_back({"nodeDescription", options_.node_description});
  if (options_.mode) out.push_back({"federationMode", FederationModeName(options_.mode())});
  return out;
}

Result<std::string> Discovery::NodeInfoDocument(std::string_view version) {
  if (!Enabled() || (version != "2.0" && version != "2.1")) {
    return Error::NotFound("not found");
  }
  std::optional<NodeInfo> info;
  {
    std::lock_guard lock(mu_);
    if (cached_ && clock_.Now() - cached_at_ < options_.cache_for) info = cached_;
  }
  if (!info) {
    info = GH_TRY(Count());
    std::lock_guard lock(mu_);
    cached_ = info;
    cached_at_ = clock_.Now();
  }
  info->metadata = Metadata();  // not cached: the mode may change at run time
  return WriteNodeInfo(*info, version);
}

}  // namespace guildhall::federation
