#include "federation/actors/serve.h"

#include "federation/activities/lookup.h"
#include "federation/actors/collections.h"
#include "federation/actors/context_collection.h"
#include "federation/actors/documents.h"
#include "federation/outbox/objects.h"
#include "federation/protocol/as2_writer.h"
#include "federation/protocol/url.h"
#include "federation/signatures/signed_request.h"
#include "storage/model/records/outbox_activity.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::LocalActorKind;
using storage::Table;
using Kind = LocalRef::Kind;

namespace {

// The authority of a signature's keyId (cavage `Signature` or RFC 9421
// `Signature-Input`), without verifying anything.
std::string KeyIdDomain(const SignedRequestView& view) {
  for (const char* header : {"signature", "signature-input"}) {
    auto value = view.Header(header);
    if (!value) continue;
    const std::string lower = ToLowerAscii(*value);
    const size_t at = lower.find("keyid=\"");
    if (at == std::string::npos) continue;
    const std::string_view rest = std::string_view(*value).substr(at + 7);
    auto origin = OriginOf(rest.substr(0, rest.find('"')));
    if (origin) return origin->Authority();
  }
  return "";
}

bool IsPartners(const std::optional<storage::Group>& g) {
  return g && g->scope == storage::GroupScope::kPartners;
}

bool IsSigned(const InboxRequest& req) {
  const SignedRequestView view = req.View();
  return view.Header("signature").has_value() || view.Header("signature-input").has_value();
}

// The group actor itself (not a collection of it).
bool IsGroupActor(const std::optional<LocalActor>& actor, const LocalRef& ref) {
  return actor && actor->group && ref.collection.empty();
}

// spec/FEDERATION.md "Keys of partners groups": an unsigned GET of a
// partners group's actor URL gets its key alone. Receivers that fetch a
// signer's key unsigned (Fedify at its shared inbox) must be able to
// verify the group's Accept and Announces; the key discloses nothing else.
ApResponse KeyDocument(LocalKeys& keys, const LocalActors& actors, const LocalActor& group) {
  auto pair = keys.Get(LocalActorKind::kGroup, group.owner());
  if (!pair) return {500, ""};
  return {200, GroupKeyDocument(actors, *group.group, pair->public_pem)};
}

}  // namespace

bool ActivityPubServer::Serves(std::string_view path) {
  auto ref = Uris::ParsePath(path);
  return ref && ref->kind != Kind::kSharedInbox && ref->collection != "inbox";
}

Result<std::optional<ActivityPubServer::Plan>> ActivityPubServer::PlanFor(
    const InboxRequest& req) const {
  using Out = std::optional<Plan>;
  auto ref = Uris::ParsePath(req.path);
  if (!deps_.federation_enabled || !deps_.policy.Enabled() || !ref || !Serves(req.path)) {
    return Out();
  }
  Plan plan;
  plan.ref = *ref;
  bool found = false;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    if (ref->kind == Kind::kNodeActor || ref->kind == Kind::kMember || ref->kind == Kind::kGroup) {
      plan.actor = GH_TRY(deps_.actors.ByRef(tx, *ref));
      if (plan.actor && plan.actor->group) plan.group = plan.actor->group;
      found = plan.actor.has_value();
    } else if (ref->kind == Kind::kActivity) {
      plan.activity = GH_TRY(Table<storage::OutboxActivityCodec>::Get(
          tx, storage::OutboxActivityCodec::KeyOf(ref->id)));
      found = plan.activity.has_value();
      if (found && plan.activity->group) {
        plan.group = GH_TRY(
            Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(plan.activity->group)));
        found = plan.group && LocalActors::Federates(*plan.group);
      } else if (found) {
        found = plan.activity->listed;  // no group: only public activities
      }
    } else {
      // "/t/{id}/context" shows what "/t/{id}" shows, to whom it shows it.
      std::string_view path = req.path;
      if (!ref->collection.empty()) path.remove_suffix(ref->collection.size() + 1);
      plan.content = GH_TRY(
          FindContent(tx, deps_.actors.uris(), deps_.actors.uris().base() + std::string(path)));
      if (plan.content) {
        plan.group = GH_TRY(
            Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(plan.content->group)));
      }
      found = plan.content && plan.group && LocalActors::Federates(*plan.group);
    }
    return Ok();
  }));
  if (!found) return Out();
  plan.require_shared = IsPartners(plan.group);
  plan.want_signer = plan.require_shared || ref->collection == "members";
  return Out(std::move(plan));
}

void ActivityPubServer::Get(std::shared_ptr<const InboxRequest> req,
                            std::function<void(ApResponse)> done) {
  auto plan = PlanFor(*req);
  if (!plan) return done({500, ""});
  if (!*plan) return done({404, ""});
  if (!(*plan)->want_signer || !IsSigned(*req)) return Finish(*req, **plan, std::nullopt, done);
  auto shared_plan = std::make_shared<Plan>(std::move(**plan));
  AuthenticateAsync(
      [this, req](const KeyLookup& lookup) {
        return deps_.authenticator.Authenticate(req->View(), "", lookup);
      },
      deps_.key_sources,
      [this, req, shared_plan, done](Result<Authenticated> auth) {
        // A signature that cannot be checked counts as none (header comment);
        // a key that could not be fetched in time too.
        Finish(*req, *shared_plan, auth ? std::optional(*auth) : std::nullopt, done);
      });
}

ApResponse ActivityPubServer::GetSync(const InboxRequest& req) {
  auto plan = PlanFor(req);
  if (!plan) return {500, ""};
  if (!*plan) return {404, ""};
  ApResponse out;
  const auto done = [&out](ApResponse r) { out = std::move(r); };
  if (!(*plan)->want_signer || !IsSigned(req)) {
    Finish(req, **plan, std::nullopt, done);
    return out;
  }
  auto auth = deps_.authenticator.Authenticate(req.View(), "", deps_.key_sources.lookup);
  Finish(req, **plan, auth ? std::optional(*auth) : std::nullopt, done);
  return out;
}

void ActivityPubServer::Finish(const InboxRequest& req, const Plan& plan,
                               std::optional<Authenticated> signer,
                               const std::function<void(ApResponse)>& done) {
  // A signed GET from a domain we refuse, or one the group's moderators
  // banned, sees no group content, public or not (spec/POLICY.md rows 4
  // and 6, and "a group peer ban"), the same 404 as a missing path.
  if (plan.group && SignedByRefusedDomain(req, *plan.group)) return done({404, ""});
  if (plan.require_shared &&
      (!signer || !plan.group || !deps_.policy.GroupSharedWith(*plan.group, signer->domain))) {
    if (IsGroupActor(plan.actor, plan.ref) && !IsSigned(req)) {
      return done(KeyDocument(deps_.keys, deps_.actors, *plan.actor));
    }
    return done({404, ""});
  }
  auto body = Render(req, plan, signer);
  if (!body) return done({body.error().code == Code::kNotFound ? 404u : 500u, ""});
  done({200, std::move(*body)});
}

bool ActivityPubServer::SignedByRefusedDomain(const InboxRequest& req,
                                              const storage::Group& group) const {
  const std::string domain = KeyIdDomain(req.View());
  return !domain.empty() && !deps_.policy.GroupSharedWith(group, domain);
}

Result<std::string> ActivityPubServer::Render(const InboxRequest& req, const Plan& plan,
                                              const std::optional<Authenticated>& signer) {
  if (plan.activity) return plan.activity->json;
  if (plan.content && plan.ref.collection == "context") return RenderContext(req, plan);
  if (plan.content) return RenderContent(plan);
  if (!plan.ref.collection.empty()) return RenderCollection(req, plan, signer);
  return RenderActor(plan);
}

Result<std::string> ActivityPubServer::RenderActor(const Plan& plan) {
  const LocalActor& actor = *plan.actor;
  auto keys = GH_TRY(deps_.keys.Get(actor.kind, actor.owner()));
  switch (actor.kind) {
    case LocalActorKind::kNode:
      return as::WriteActor(
          NodeActorToApplication(deps_.actors.uris(), deps_.node_name, keys.public_pem),
          Implemented());
    case LocalActorKind::kMember:
      return as::WriteActor(MemberToPerson(deps_.actors, *actor.member, keys.public_pem),
                            Implemented());
    case LocalActorKind::kGroup:
      return as::WriteActor(GroupToGroupActor(deps_.actors, *actor.group, keys.public_pem),
                            Implemented());
  }
  return Error::NotFound("not found");
}

Result<std::string> ActivityPubServer::RenderContext(const InboxRequest& req, const Plan& plan) {
  const ContentRef& c = *plan.content;
  if (c.kind != ContentRef::Kind::kThread || c.thread->removed) {
    return Error::NotFound("no conversation");
  }
  const size_t q = req.target.find('?');
  const auto page = PageCursor(q == std::string::npos ? "" : req.target.substr(q + 1));
  std::string out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    out = GH_TRY(ContextCollection(tx, deps_.actors, *plan.group, *c.thread, page));
    return Ok();
  }));
  return out;
}

Result<std::string> ActivityPubServer::RenderContent(const Plan& plan) {
  const ContentRef& c = *plan.content;
  as::Object object;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    switch (c.kind) {
      case ContentRef::Kind::kThread:
        object = GH_TRY(ThreadToPage(tx, deps_.actors, *plan.group, *c.thread));
        break;
      case ContentRef::Kind::kReply:
        object = GH_TRY(ReplyToNote(tx, deps_.actors, *plan.group, *c.reply));
        break;
      case ContentRef::Kind::kEvent:
        object = GH_TRY(EventToAsEvent(tx, deps_.actors, *plan.group, *c.event));
        break;
    }
    return Ok();
  }));
  return as::WriteObject(object);
}

}  // namespace guildhall::federation
