#include "federation/inbox/inbox.h"

#include "federation/activities/activities.h"
#include "federation/activities/lookup.h"
#include "federation/activity_list.h"
#include "federation/groups/addressing.h"
#include "federation/inbox/inbox_store.h"
#include "federation/log.h"
#include "federation/protocol/url.h"
#include "storage/model/log_field.h"

namespace guildhall::federation {

struct Inbox::Parsed {
  as::Activity activity;
  std::optional<InboundActivity> typed;
};

namespace {

InboxAnswer Answer(unsigned status, std::string message) { return {status, std::move(message)}; }

// Which statuses a failed step maps to. The inbox speaks HTTP here because
// several answers are its own (202 for "dropped", 415), not Code mappings.
unsigned StatusOf(const Error& e) {
  switch (e.code) {
    case Code::kUnauthorized:
      return 401;
    case Code::kForbidden:
      return 403;
    case Code::kNotFound:
      return 404;
    case Code::kUnavailable:
      return 503;
    case Code::kInternal:
      return 500;
    default:
      return 400;  // kInvalid, and kTooLarge of JSON depth/values
  }
}

std::string_view MediaType(std::string_view content_type) {
  std::string_view t = content_type.substr(0, content_type.find(';'));
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  return t;
}

// activity+json, ld+json (any profile) and plain JSON; nothing compressed.
Result<> CheckContentType(const SignedRequestView& view) {
  if (view.Header("content-encoding")) return Error::Invalid("content-encoding is not supported");
  auto type = view.Header("content-type");
  if (!type) return Ok();
  const std::string t = ToLowerAscii(MediaType(*type));
  if (t == "application/activity+json" || t == "application/ld+json" || t == "application/json") {
    return Ok();
  }
  return Error::Invalid("content-type must be application/activity+json");
}

void LogStep(const InboxRequest& req, unsigned status, const as::Activity* a,
             std::string_view result, std::string_view reason) {
  federation::Log().info("inbox req=#{} status={} activity={} actor={} type={} result={}{}{}",
                         req.req_id, status, a ? LogField(a->id) : "-",
                         a ? LogField(a->actor) : "-", a ? LogField(a->type) : "-", result,
                         reason.empty() ? "" : " reason=", reason.empty() ? "" : LogField(reason));
}

}  // namespace

Inbox::Inbox(InboxDeps deps, InboxOptions options) : deps_(std::move(deps)), options_(options) {}

Result<Inbox::Parsed> Inbox::Precheck(const InboxRequest& req) const {
  auto root = GH_TRY(json::Parse(req.body, options_.limits.json));
  Parsed parsed;
  parsed.activity = GH_TRY(as::ActivityFromJson(root, options_.limits));
  const auto ref = Uris::ParsePath(req.path);
  if (!ref || (ref->kind != LocalRef::Kind::kSharedInbox && ref->collection != "inbox")) {
    return Error::NotFound("no such inbox");
  }
  if (ref->kind == LocalRef::Kind::kMember || ref->kind == LocalRef::Kind::kGroup) {
    std::optional<LocalActor> target;
    GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
      target = GH_TRY(deps_.actors.ByRef(tx, *ref));
      return Ok();
    }));
    if (!target) return Error::NotFound("no such inbox");  // internal groups too
  }
  return parsed;
}

void Inbox::Receive(std::shared_ptr<const InboxRequest> req,
                    std::function<void(InboxAnswer)> done) {
  const SignedRequestView view = req->View();
  if (req->body.size() > options_.max_body_bytes) {
    LogStep(*req, 413, nullptr, "rejected", "body too large");
    return done(Answer(413, "body too large"));
  }
  if (auto type = CheckContentType(view); !type) {
    LogStep(*req, 415, nullptr, "rejected", type.error().message);
    return done(Answer(415, type.error().message));
  }
  auto parsed = Precheck(*req);
  if (!parsed) {
    const unsigned status = StatusOf(parsed.error());
    LogStep(*req, status, nullptr, "rejected", parsed.error().message);
    return done(Answer(status, status == 404 ? "not found" : parsed.error().message));
  }
  auto shared = std::make_shared<Parsed>(std::move(*parsed));
  // Inline when the key is known locally; otherwise after its fetch.
  AuthenticateAsync(
      [this, req, shared](const KeyLookup& lookup) {
        return deps_.authenticator.Authenticate(req->View(), shared->activity.actor, lookup);
      },
      deps_.key_sources,
      [this, req, shared, done = std::move(done)](Result<Authenticated> auth) mutable {
        Continue(std::move(req), std::move(shared), std::move(auth), std::move(done));
      });
}

Result<std::optional<storage::Group>> Inbox::GroupOf(const as::Activity& activity) const {
  std::optional<storage::Group> group;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    group = GH_TRY(GroupOfActivity(tx, deps_.actors.uris(), activity));
    return Ok();
  }));
  return group;
}

bool Inbox::InScope(const std::optional<storage::Group>& group,
                    std::string_view sender_domain) const {
  if (!group) return true;  // nothing of a group (a Follow of a person, a Flag of a member)
  if (group->scope == storage::GroupScope::kInternal) return false;  // DESIGN §4: never
  if (!group->ap_id.empty()) return true;  // an external group we follow answers or relays
  return LocalActors::Federates(*group) && deps_.policy.GroupSharedWith(*group, sender_domain);
}

// Content for a local group (a Create, or an Update of content it holds)
// whose addressing is narrower than the group's audience. Relays from
// external groups are checked when applied (their object may be fetched).
Result<std::string> Inbox::AddressingRefusal(const as::Activity& activity,
                                             const std::optional<storage::Group>& group) const {
  if (!group || !group->ap_id.empty() || !activity.object) return std::string();
  if (activity.type != "Create" && activity.type != "Update") return std::string();
  std::string why;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    why = federation::AddressingRefusal(GH_TRY(AudienceOf(tx, deps_.actors, *group)), activity);
    return Ok();
  }));
  return why;
}

void Inbox::Continue(std::shared_ptr<const InboxRequest> req, std::shared_ptr<Parsed> parsed,
                     Result<Authenticated> auth, std::function<void(InboxAnswer)> done) {
  const as::Activity& a = parsed->activity;
  if (!auth) {
    const unsigned status = StatusOf(auth.error());
    LogStep(*req, status, &a, "rejected", auth.error().message);
    return done(Answer(status, status == 403 ? "forbidden" : auth.error().message));
  }
  parsed->typed = Classify(a);
  if (!parsed->typed) {
    LogStep(*req, 202, &a, "ignored", "activity type not handled");
    return done(Answer(202, ""));
  }
  if (auto verified = VerifyActivity(*parsed->typed); !verified) {
    LogStep(*req, 202, &a, "dropped", verified.error().message);
    return done(Answer(202, ""));
  }
  auto group = GroupOf(a);
  if (!group) {
    LogStep(*req, 503, &a, "error", group.error().message);
    return done(Answer(503, "try again later"));
  }
  if (!InScope(*group, auth->domain)) {
    LogStep(*req, 202, &a, "dropped", "out of scope");
    return done(Answer(202, ""));
  }
  auto refusal = AddressingRefusal(a, *group);
  if (!refusal) {
    LogStep(*req, 503, &a, "error", refusal.error().message);
    return done(Answer(503, "try again later"));
  }
  if (!refusal->empty()) {
    LogStep(*req, 422, &a, "refused", *refusal);
    return done(Answer(422, *refusal));
  }
  Persist(std::move(req), std::move(parsed), *auth, std::move(done));
}

void Inbox::Persist(std::shared_ptr<const InboxRequest> req, std::shared_ptr<Parsed> parsed,
                    const Authenticated& sender, std::function<void(InboxAnswer)> done) {
  storage::InboxActivity row;
  row.id = deps_.ids.Next();
  row.activity_id = parsed->activity.id;
  row.actor = sender.actor;
  row.type = parsed->activity.type;
  row.inbox = req->path;
  row.json = req->body;
  row.received = UnixMillis(deps_.clock.Now());
  const Id row_id = row.id;
  PersistInboundAsync(deps_.store, std::move(row),
                      [this, req, parsed, row_id, done = std::move(done)](Result<Persisted> r) {
                        const as::Activity& a = parsed->activity;
                        if (!r) {
                          LogStep(*req, 503, &a, "error", r.error().message);
                          return done(Answer(503, "try again later"));
                        }
                        if (*r == Persisted::kDuplicate) {
                          LogStep(*req, 202, &a, "duplicate", "");
                          return done(Answer(202, ""));
                        }
                        LogStep(*req, 202, &a, "accepted", "");
                        // Queue before answering: whoever waits for the 202
                        // then finds the work already queued.
                        if (deps_.on_persisted) deps_.on_persisted(row_id);
                        done(Answer(202, ""));
                      });
}

}  // namespace guildhall::federation
