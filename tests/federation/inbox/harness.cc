#include "tests/federation/inbox/harness.h"

#include <future>

#include "federation/dereference/actor_cache.h"
#include "federation/protocol/as2_reader.h"
#include "federation/protocol/json.h"
#include "federation/protocol/json_build.h"
#include "federation/signatures/verify.h"
#include "storage/model/catalog.h"
#include "storage/model/records/membership.h"
#include "storage/model/records/remote_actor.h"
#include "storage/model/table.h"
#include "tests/federation/test_keys.h"

namespace guildhall::federation::testing {

using json::ObjectBuilder;
using json::Value;

namespace {

// 2025-03-01 12:00:00 UTC
constexpr int64_t kStartMillis = 1740830400000;

std::unique_ptr<storage::lmdb::FileBlobStore> OpenBlobs(const std::filesystem::path& dir) {
  auto opened = storage::lmdb::FileBlobStore::Open(dir);
  if (!opened) throw std::runtime_error(opened.error().message);
  return std::move(*opened);
}

Value Context() { return Value::String("https://www.w3.org/ns/activitystreams"); }

}  // namespace

void Must(Result<> r) {
  if (!r) {
    ADD_FAILURE() << "unexpected error: " << CodeName(r.error().code) << ": " << r.error().message;
    throw std::runtime_error(r.error().message);
  }
}

void FakeRemote::Serve(const std::string& id, std::string json) {
  std::lock_guard lock(mu_);
  docs_[id] = std::move(json);
}

int FakeRemote::fetches() const {
  std::lock_guard lock(mu_);
  return fetches_;
}

Result<as::Document> FakeRemote::Fetch(std::string_view id, Deadline) {
  std::string json;
  {
    std::lock_guard lock(mu_);
    ++fetches_;
    auto it = docs_.find(id);
    if (it == docs_.end()) return Error::NotFound("no document at " + std::string(id));
    json = it->second;
  }
  return as::ReadDocument(json);
}

Result<as::Document> FakeRemote::FetchCounting(std::string_view id, Deadline deadline,
                                               size_t& bytes) {
  {
    std::lock_guard lock(mu_);
    auto it = docs_.find(id);
    if (it != docs_.end()) bytes += it->second.size();
  }
  return Fetch(id, deadline);
}

Result<storage::RemoteActor> FakeRemote::Actor(std::string_view id, Deadline deadline) {
  auto doc = GH_TRY(Fetch(id, deadline));
  auto* actor = std::get_if<as::Actor>(&doc);
  if (actor == nullptr) return Error::Invalid("not an actor");
  storage::RemoteActor record = ActorRecord(*actor, clock_.Now());
  GH_CHECK(store_.Write([&](storage::WriteTxn& tx) {
    return storage::Table<storage::RemoteActorCodec>::Put(tx, record);
  }));
  return record;
}

Result<KeyInfo> FakeRemote::Key(std::string_view key_id) {
  const std::string owner(key_id.substr(0, key_id.find('#')));
  auto record = GH_TRY(Actor(owner, Deadline::max()));
  for (const auto& k : record.keys) {
    if (k.id == key_id) return KeyInfo{GH_TRY(PublicKey::FromPem(k.pem)), record.id};
  }
  return Error::Unauthorized("unknown key " + std::string(key_id));
}

FederationHarness::FederationHarness(FederationMode mode, std::vector<std::string> allowed,
                                     const std::function<void(FederationOptions&)>& configure)
    : blobs_(OpenBlobs(blob_dir_.path())), clock_(FromUnixMillis(kStartMillis)) {
  FederationOptions o;
  o.public_scheme = "https";
  o.domain = kDomain;
  o.node_name = "Guild Test";
  o.mode = mode;
  o.group_creation = community::GroupCreation::kMembersAny;  // as `co` below
  o.allowed_domains = std::move(allowed);
  o.key_generator = [] { return PrivateKey::FromPem(kRsaAPrivatePem); };
  o.remote_override = &remote_;
  o.key_lookup_override = [this](std::string_view key_id, KeyFetch) { return remote_.Key(key_id); };
  o.webfinger_override = [this](std::string_view, std::string_view resource,
                                Deadline) -> Result<Jrd> {
    auto it = webfinger_.find(std::string(resource));
    if (it == webfinger_.end()) return Error::NotFound("no such account");
    Jrd jrd;
    jrd.subject = std::string(resource);
    jrd.links.push_back({"self", std::string(kActivityJsonType), it->second, ""});
    return jrd;
  };
  o.start_delivery_workers = false;
  o.processor.threads = 1;
  if (configure) configure(o);
  fed_ = Must(Federation::Create(std::move(o), store_.store(), clock_, ids_));
  community::CommunityOptions co;
  co.password = community::PasswordParams{.t_cost = 1, .m_cost_kib = 64, .parallelism = 1};
  co.node_host = kDomain;
  // Members create groups of any scope here; policy tests that need the
  // default (members-internal) store it (community/group_creation.h).
  co.group_creation = community::GroupCreation::kMembersAny;
  c_ = std::make_unique<community::Community>(store_.store(), *blobs_, clock_, ids_,
                                              fed_->publisher(), co);
  fed_->AttachCommunity(CommunityServices{c_->accounts, c_->memberships, c_->threads, c_->replies,
                                          c_->likes, c_->events, c_->rsvps, c_->moderation});
  Must(fed_->Start());
}

FederationHarness::~FederationHarness() {
  if (fed_) fed_->Stop();  // a test may have stopped and destroyed the node itself
}

Id FederationHarness::LocalMember(const std::string& username) {
  return Must(c_->accounts.CreateBootstrap(
                  {username, "", "correct horse", storage::NodeRole::kMember}))
      .id;
}

Id FederationHarness::LocalGroup(Id owner, const std::string& slug, storage::GroupScope scope,
                                 storage::JoinMode mode) {
  community::GroupDraft d;
  d.slug = slug;
  d.name = "Group " + slug;
  d.description = "About *" + slug + "*";
  d.scope = scope;
  d.join_mode = mode;
  return Must(c_->groups.Create(owner, d)).group.id;
}

Peer FederationHarness::AddPeer(const std::string& name, const std::string& origin,
                                const std::string& type, const std::string& shared_inbox,
                                bool cache) {
  const std::string id = origin + (type == "Group" ? "/c/" : "/users/") + name;
  return AddActor(id, name, type, shared_inbox.empty() ? origin + "/inbox" : shared_inbox, cache);
}

Peer FederationHarness::AddActor(const std::string& id, const std::string& name,
                                 const std::string& type, const std::string& shared_inbox,
                                 bool cache) {
  Peer p;
  p.id = id;
  p.key_id = p.id + "#main-key";
  p.inbox = p.id + "/inbox";
  p.shared_inbox = shared_inbox;
  if (p.shared_inbox.empty()) {
    const size_t path = id.find('/', id.find("//") + 2);
    p.shared_inbox = id.substr(0, path) + "/inbox";
  }
  Value doc = ObjectBuilder()
                  .Set("@context", Context())
                  .Str("id", p.id)
                  .Str("type", type)
                  .Str("preferredUsername", name)
                  .Str("name", "Peer " + name)
                  .Str("summary", "<p>I am <b>" + name + "</b></p>")
                  .Str("inbox", p.inbox)
                  .Str("outbox", p.id + "/outbox")
                  .Str("followers", p.id + "/followers")
                  .Set("endpoints", ObjectBuilder().Str("sharedInbox", p.shared_inbox).Build())
                  .Set("publicKey", ObjectBuilder()
                                        .Str("id", p.key_id)
                                        .Str("owner", p.id)
                                        .Str("publicKeyPem", kRsaBPublicPem)
                                        .Build())
                  .Build();
  remote_.Serve(p.id, json::Serialize(doc));
  if (cache) Must(remote_.Actor(p.id, Deadline::max()));  // as if fetched before
  return p;
}

InboxRequest FederationHarness::Signed(const std::string& path, const std::string& body,
                                       const Peer& peer, const char* private_pem) {
  auto key = Must(PrivateKey::FromPem(private_pem ? private_pem : kRsaBPrivatePem));
  const std::string url = std::string(kBase) + path;
  auto headers =
      Must(SignRequest(OutgoingRequest{"POST", url, body}, key, peer.key_id, clock_.Now()));
  InboxRequest req;
  req.req_id = static_cast<uint64_t>(++seq_);
  req.method = "POST";
  req.target = path;
  req.path = path.substr(0, path.find('?'));
  req.headers = std::move(headers);
  req.body = body;
  return req;
}

unsigned FederationHarness::Post(const InboxRequest& req) {
  std::promise<InboxAnswer> answer;
  fed_->inbox().Receive(std::make_shared<InboxRequest>(req),
                        [&answer](InboxAnswer a) { answer.set_value(std::move(a)); });
  const unsigned status = answer.get_future().get().status;
  fed_->processor().WaitIdle();
  return status;
}

std::string FederationHarness::NewActivityId(const Peer& peer) {
  const size_t path = peer.id.find('/', peer.id.find("://") + 3);
  return peer.id.substr(0, path) + "/activities/" + std::to_string(++seq_);
}

Id FederationHarness::Join(const Peer& peer, const std::string& group_slug) {
  const std::string group = std::string(kBase) + "/g/" + group_slug;
  EXPECT_EQ(
      Post("/g/" + group_slug + "/inbox", Simple("Follow", NewActivityId(peer), peer, group), peer),
      202u);
  return MemberIdOf(peer.id);
}

std::vector<storage::Delivery> FederationHarness::Deliveries() {
  std::vector<storage::Delivery> out;
  Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
    return storage::Table<storage::DeliveryCodec>::Scan(tx, "", "", storage::ScanOrder::kForward,
                                                        [&](const storage::Delivery& d) {
                                                          out.push_back(d);
                                                          return true;
                                                        });
  }));
  return out;
}

std::string FederationHarness::BodyOf(const storage::Delivery& d) {
  std::string body;
  Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
    auto b = GH_TRY(storage::Table<storage::DeliveryBodyCodec>::Get(
        tx, storage::DeliveryBodyCodec::KeyOf(d.activity_id)));
    if (b) body = b->json;
    return Ok();
  }));
  return body;
}

std::vector<storage::Delivery> FederationHarness::DeliveriesOfType(const std::string& type) {
  std::vector<storage::Delivery> out;
  for (auto& d : Deliveries()) {
    auto parsed = json::Parse(BodyOf(d));
    const Value* t = parsed ? parsed->Find("type") : nullptr;
    if (t != nullptr && t->text() == type) out.push_back(d);
  }
  return out;
}

std::string FederationHarness::Snapshot() {
  std::string out;
  Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
    for (const auto* table : storage::AllTables()) {
      GH_CHECK(tx.Scan(
          *table, "", "", storage::ScanOrder::kForward,
          [&](std::string_view k, std::string_view v) {
            out.append(table->name).append("|").append(k).append("|").append(v).append("\n");
            return true;
          }));
    }
    return Ok();
  }));
  return out;
}

std::optional<storage::Membership> FederationHarness::MembershipOf(Id group, Id member) {
  std::optional<storage::Membership> out;
  Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
    out = GH_TRY(storage::Table<storage::MembershipCodec>::Get(
        tx, storage::MembershipCodec::KeyOf(group, member)));
    return Ok();
  }));
  return out;
}

Id FederationHarness::MemberIdOf(const std::string& actor_uri) {
  std::optional<storage::Member> m;
  Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
    m = GH_TRY(FindMemberByActorUri(tx, actor_uri));
    return Ok();
  }));
  return m ? m->id : Id{};
}

std::string Simple(const std::string& type, const std::string& id, const Peer& actor,
                   const std::string& object) {
  return json::Serialize(ObjectBuilder()
                             .Set("@context", Context())
                             .Str("id", id)
                             .Str("type", type)
                             .Str("actor", actor.id)
                             .Str("object", object)
                             .Build());
}

namespace {

std::string CreateOf(const std::string& id, const Peer& author, Value object,
                     const std::string& group) {
  return json::Serialize(
      ObjectBuilder()
          .Set("@context", Context())
          .Str("id", id)
          .Str("type", "Create")
          .Str("actor", author.id)
          .Set("to", json::StringArray({group, "https://www.w3.org/ns/activitystreams#Public"}))
          .Str("audience", group)
          .Set("object", std::move(object))
          .Build());
}

}  // namespace

std::string CreatePage(const std::string& id, const Peer& author, const std::string& object_id,
                       const std::string& group, const std::string& title,
                       const std::string& content) {
  return CreateOf(
      id, author,
      ObjectBuilder()
          .Str("id", object_id)
          .Str("type", "Page")
          .Str("attributedTo", author.id)
          .Str("name", title)
          .Str("content", content)
          .Str("audience", group)
          // Lemmy's shape: a post in a public community is
          // addressed to it and to Public (spec/FEDERATION.md).
          .Set("to", json::StringArray({group, "https://www.w3.org/ns/activitystreams#Public"}))
          .Build(),
      group);
}

std::string CreateNote(const std::string& id, const Peer& author, const std::string& object_id,
                       const std::string& group, const std::string& in_reply_to,
                       const std::string& content) {
  return CreateOf(id, author,
                  ObjectBuilder()
                      .Str("id", object_id)
                      .Str("type", "Note")
                      .Str("attributedTo", author.id)
                      .Str("content", content)
                      .Str("inReplyTo", in_reply_to)
                      .Str("audience", group)
                      .Build(),
                  group);
}

}  // namespace guildhall::federation::testing
