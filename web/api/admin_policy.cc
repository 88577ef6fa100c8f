// /api/v1/admin/{mode,peers,groups/{slug}/scope,groups/{slug}/shares,
// policy/preview} and /api/v1/groups/{slug}/peer-bans: the federation policy
// (spec/POLICY.md) through PolicyAdmin, which checks who may do what (admins;
// group staff for peer bans). Every change takes "dry_run": true to answer
// the impact without changing anything. These handlers only translate.
#include "web/api/handler.h"
#include "web/api/impact_json.h"
#include "web/api/json.h"

namespace guildhall::web::api {
namespace {

using federation::PolicyChange;

Result<federation::PolicyAdmin*> Policy(ApiCall& call) {
  if (!call.state().policy) return Error::Unavailable("federation policy is not served here");
  return call.state().policy;
}

const char* ScopeName(storage::GroupScope s) {
  return s == storage::GroupScope::kPublic     ? "public"
         : s == storage::GroupScope::kPartners ? "partners"
                                               : "internal";
}

Result<storage::GroupScope> ScopeOf(std::string_view s) {
  if (s == "internal") return storage::GroupScope::kInternal;
  if (s == "partners") return storage::GroupScope::kPartners;
  if (s == "public") return storage::GroupScope::kPublic;
  return Error::Invalid("scope: not one of internal|partners|public");
}

// Applies `change`, or previews it when the body says "dry_run": true.
Result<Response> Run(ApiCall& call, const PolicyChange& change, bool dry_run) {
  auto* policy = GH_TRY(Policy(call));
  auto impact =
      GH_TRY(dry_run ? policy->Preview(call.me_id(), change) : policy->Apply(call.me_id(), change));
  return ImpactResponse(impact, dry_run);
}

Result<bool> DryRun(ApiCall& call) {
  if (call.QueryOr("dry_run") == "1" || call.QueryOr("dry_run") == "true") return true;
  if (call.req().method != "POST" && call.req().method != "PATCH") return false;
  const JsonBody* body = GH_TRY(call.Body());
  return GH_TRY(body->Bool("dry_run")).value_or(false);
}

Result<std::vector<std::string>> Domains(const JsonBody& body) {
  auto domains = GH_TRY(body.StringList("domains"));
  if (!domains) return Error::Invalid("domains: an array of domains is required");
  return std::move(*domains);
}

// A PolicyChange from a JSON body ({"change": "mode"|"peer"|"remove_peer"|
// "scope"|"shares"|"peer_ban"|"peer_unban", ...}).
Result<PolicyChange> ChangeOf(const JsonBody& b) {
  const std::string kind = GH_TRY(b.RequiredString("change"));
  if (kind == "mode") {
    federation::FederationMode mode;
    if (!federation::ParseFederationMode(GH_TRY(b.RequiredString("mode")), mode)) {
      return Error::Invalid("mode: not one of closed|allowlist|open");
    }
    return PolicyChange::SetMode(mode);
  }
  if (kind == "peer") {
    storage::PeerState state;
    if (!storage::ParsePeerState(GH_TRY(b.RequiredString("state")), state)) {
      return Error::Invalid("state: not one of allowed|limited|blocked");
    }
    return PolicyChange::SetPeer(GH_TRY(b.RequiredString("domain")), state,
                                 GH_TRY(b.String("relationship")).value_or(""),
                                 GH_TRY(b.String("note")));
  }
  if (kind == "remove_peer") return PolicyChange::RemovePeer(GH_TRY(b.RequiredString("domain")));
  if (kind == "scope") {
    return PolicyChange::SetGroupScope(GH_TRY(b.RequiredString("group")),
                                       GH_TRY(ScopeOf(GH_TRY(b.RequiredString("scope")))));
  }
  if (kind == "shares")
    return PolicyChange::SetShares(GH_TRY(b.RequiredString("group")), GH_TRY(Domains(b)));
  if (kind == "peer_ban") {
    return PolicyChange::BanPeerFromGroup(GH_TRY(b.RequiredString("group")),
                                          GH_TRY(b.RequiredString("domain")),
                                          GH_TRY(b.String("reason")).value_or(""));
  }
  if (kind == "peer_unban") {
    return PolicyChange::UnbanPeerFromGroup(GH_TRY(b.RequiredString("group")),
                                            GH_TRY(b.RequiredString("domain")));
  }
  return Error::Invalid(
      "change: not one of mode|peer|remove_peer|scope|shares|peer_ban|peer_unban");
}

void WritePeer(JsonWriter& w, const federation::PeerView& v) {
  w.BeginObject().Field("domain", v.peer.domain).Field("listed", v.listed);
  if (v.listed) {
    w.Field("state", storage::PeerStateName(v.peer.state));
    w.Field("relationship", storage::PeerRelationshipName(v.peer.relationship));
    w.Field("note", v.peer.note)
        .IdField("set_by", v.peer.set_by)
        .TimeField("set_at", v.peer.set_at);
  }
  w.Field("allowed", v.allowed).Field("followers", v.followers).Field("members", v.members);
  w.Field("pending_deliveries", v.pending_deliveries);
  w.Field("failed_deliveries", v.failed_deliveries).EndObject();
}

Result<Response> GetMode(ApiCall& call) {
  auto mode = GH_TRY(GH_TRY(Policy(call))->Mode(call.me_id()));
  JsonWriter w;
  w.BeginObject().Field("mode", federation::FederationModeName(mode.mode));
  w.Field("from_config", mode.from_config).EndObject();
  return JsonResponse(200, w);
}

Result<Response> SetMode(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  federation::FederationMode mode;
  if (!federation::ParseFederationMode(GH_TRY(body->RequiredString("mode")), mode)) {
    return Error::Invalid("mode: not one of closed|allowlist|open");
  }
  return Run(call, PolicyChange::SetMode(mode), GH_TRY(DryRun(call)));
}

Result<Response> ListPeers(ApiCall& call) {
  const bool all = call.QueryOr("all") == "1" || call.QueryOr("all") == "true";
  auto peers = GH_TRY(GH_TRY(Policy(call))->ListPeers(call.me_id(), all));
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& v : peers) WritePeer(w, v);
  w.EndArray().EndObject();
  return JsonResponse(200, w);
}

Result<Response> GetPeer(ApiCall& call) {
  auto peer = GH_TRY(GH_TRY(Policy(call))->GetPeer(call.me_id(), call.req().Param("domain")));
  if (!peer) return Error::NotFound("peer not found");
  JsonWriter w;
  WritePeer(w, *peer);
  return JsonResponse(200, w);
}

Result<Response> SetPeer(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  storage::PeerState state;
  if (!storage::ParsePeerState(GH_TRY(body->RequiredString("state")), state)) {
    return Error::Invalid("state: not one of allowed|limited|blocked");
  }
  auto change = PolicyChange::SetPeer(std::string(call.req().Param("domain")), state,
                                      GH_TRY(body->String("relationship")).value_or(""),
                                      GH_TRY(body->String("note")));
  return Run(call, change, GH_TRY(DryRun(call)));
}

Result<Response> RemovePeer(ApiCall& call) {
  return Run(call, PolicyChange::RemovePeer(std::string(call.req().Param("domain"))),
             GH_TRY(DryRun(call)));
}

Result<Response> GroupSharing(ApiCall& call) {
  auto s = GH_TRY(GH_TRY(Policy(call))->Sharing(call.me_id(), call.req().Param("slug")));
  JsonWriter w;
  w.BeginObject().IdField("id", s.id).Field("slug", s.slug).Field("scope", ScopeName(s.scope));
  w.Key("shares").BeginArray();
  for (const auto& x : s.shares) w.String(x.domain);
  w.EndArray().Key("peer_bans").BeginArray();
  for (const auto& b : s.bans) {
    w.BeginObject().Field("domain", b.domain).Field("reason", b.reason).IdField("by", b.by);
    w.TimeField("at", b.at).EndObject();
  }
  w.EndArray().EndObject();
  return JsonResponse(200, w);
}

Result<Response> SetScope(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  const auto scope = GH_TRY(ScopeOf(GH_TRY(body->RequiredString("scope"))));
  return Run(call, PolicyChange::SetGroupScope(std::string(call.req().Param("slug")), scope),
             GH_TRY(DryRun(call)));
}

Result<Response> SetShares(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  return Run(call,
             PolicyChange::SetShares(std::string(call.req().Param("slug")), GH_TRY(Domains(*body))),
             GH_TRY(DryRun(call)));
}

Result<Response> Preview(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  return Run(call, GH_TRY(ChangeOf(*body)), /*dry_run=*/true);
}

Result<Response> BanPeer(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  auto change = PolicyChange::BanPeerFromGroup(std::string(call.req().Param("slug")),
                                               GH_TRY(body->RequiredString("domain")),
                                               GH_TRY(body->String("reason")).value_or(""));
  return Run(call, change, GH_TRY(DryRun(call)));
}

Result<Response> UnbanPeer(ApiCall& call) {
  auto change = PolicyChange::UnbanPeerFromGroup(std::string(call.req().Param("slug")),
                                                 std::string(call.req().Param("domain")));
  return Run(call, change, GH_TRY(DryRun(call)));
}

}  // namespace

void RegisterAdminPolicyRoutes(ApiRoutes& api) {
  api.Get("/admin/mode", GetMode);
  api.Post("/admin/mode", SetMode);
  api.Get("/admin/peers", ListPeers);
  api.Get("/admin/peers/{domain}", GetPeer);
  api.Post("/admin/peers/{domain}", SetPeer);
  api.Delete("/admin/peers/{domain}", RemovePeer);
  api.Get("/admin/groups/{slug}/scope", GroupSharing);
  api.Post("/admin/groups/{slug}/scope", SetScope);
  api.Get("/admin/groups/{slug}/shares", GroupSharing);
  api.Post("/admin/groups/{slug}/shares", SetShares);
  api.Post("/admin/policy/preview", Preview);
  api.Get("/groups/{slug}/peer-bans", GroupSharing);
  api.Post("/groups/{slug}/peer-bans", BanPeer);
  api.Delete("/groups/{slug}/peer-bans/{domain}", UnbanPeer);
}

}  // namespace guildhall::web::api
