// FederationHarness: one real node (real LMDB in a temp dir, the real
// community services, the real Federation facade: inbox door, processor,
// outbox, publisher, discovery) with a fake network around it:
//  - FakeRemote serves remote actors and objects from memory (and stores the
//    actors in the remote_actors table, as the ActorCache would);
//  - the KeyLookup reads keys from those actor documents;
//  - delivery workers do not run: queued deliveries stay in the store, where
//    tests read them (the "recording transport").
// The clock is manual; local actors all use the fixed test key A, remote
// actors key B. Single-threaded test helper (the node itself is threaded).
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "federation/federation.h"
#include "federation/inbox/inbox.h"
#include "federation/signatures/keys.h"
#include "node/community/community.h"
#include "storage/lmdb/blob_store.h"
#include "storage/model/records/delivery.h"
#include "tests/testutil/temp_dir.h"
#include "tests/testutil/temp_store.h"

namespace guildhall::federation::testing {

inline constexpr char kDomain[] = "guild.test";
inline constexpr char kBase[] = "https://guild.test";
inline constexpr char kPeer[] = "https://peer.test";

// Unwraps a Result in a test, failing with its message.
template <class T>
T Must(Result<T> r) {
  if (!r) {
    ADD_FAILURE() << "unexpected error: " << CodeName(r.error().code) << ": " << r.error().message;
    throw std::runtime_error(r.error().message);
  }
  return std::move(*r);
}
void Must(Result<> r);

class FakeRemote final : public Remote {
 public:
  FakeRemote(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}
  void Serve(const std::string& id, std::string json);
  Result<storage::RemoteActor> Actor(std::string_view id, Deadline deadline) override;
  Result<as::Document> Fetch(std::string_view id, Deadline deadline) override;
  // Counts the bytes of the document served.
  Result<as::Document> FetchCounting(std::string_view id, Deadline deadline,
                                     size_t& bytes) override;
  // The key and owner an actor document publishes, for the test KeyLookup.
  Result<KeyInfo> Key(std::string_view key_id);
  int fetches() const;

 private:
  storage::Store& store_;
  const Clock& clock_;
  mutable std::mutex mu_;
  std::map<std::string, std::string, std::less<>> docs_;
  int fetches_ = 0;
};

// An actor on another node.
struct Peer {
  std::string id;      // https://peer.test/users/alice
  std::string key_id;  // id#main-key
  std::string inbox;   // id/inbox
  std::string shared_inbox;
};

class FederationHarness : public ::testing::Test {
 protected:
  // `configure` may change the options last, before the node is built (a
  // real network instead of the fakes, key-fetch limits).
  explicit FederationHarness(FederationMode mode = FederationMode::kOpen,
                             std::vector<std::string> allowed = {},
                             const std::function<void(FederationOptions&)>& configure = nullptr);
  ~FederationHarness() override;

  // Local members and groups, through the community services.
  Id LocalMember(const std::string& username);
  Id LocalGroup(Id owner, const std::string& slug,
                storage::GroupScope scope = storage::GroupScope::kPublic,
                storage::JoinMode mode = storage::JoinMode::kOpen);

  // A remote actor served by FakeRemote (key B), on `origin`; `cache`: its
  // document is already in the remote actor cache (its key is known).
  Peer AddPeer(const std::string& name, const std::string& origin = kPeer,
               const std::string& type = "Person", const std::string& shared_inbox = "",
               bool cache = true);
  // The same for an actor whose id has another shape ("https://host/@name",
  // as Mobilizon mints them); its shared inbox is "{origin}/inbox".
  Peer AddActor(const std::string& id, const std::string& name, const std::string& type,
                const std::string& shared_inbox = "", bool cache = true);

  // A signed POST of `body` to `path` as `peer` (draft-cavage, key B).
  InboxRequest Signed(const std::string& path, const std::string& body, const Peer& peer,
                      const char* private_pem = nullptr);
  // Receives `req` and waits until it has been applied; the status.
  unsigned Post(const InboxRequest& req);
  unsigned Post(const std::string& path, const std::string& body, const Peer& peer) {
    return Post(Signed(path, body, peer));
  }
  // A remote member `peer` joins local group `group` (Follow -> Accept).
  Id Join(const Peer& peer, const std::string& group_slug);

  // Inspection.
  std::vector<storage::Delivery> Deliveries();
  std::vector<storage::Delivery> DeliveriesOfType(const std::string& type);
  std::string BodyOf(const storage::Delivery& d);
  // Every key and value of every table, for "nothing changed" assertions.
  std::string Snapshot();
  template <class Codec>
  std::optional<typename Codec::Record> FindByApId(const storage::TableDef& index,
                                                   std::string_view ap_id);
  std::optional<storage::Membership> MembershipOf(Id group, Id member);
  Id MemberIdOf(const std::string& actor_uri);

  std::string NewActivityId() {
    return std::string(kPeer) + "/activities/" + std::to_string(++seq_);
  }
  // An activity id on `peer`'s origin.
  std::string NewActivityId(const Peer& peer);

  // WebFinger answers: "acct:name@host" -> actor URL.
  std::map<std::string, std::string> webfinger_;
  testutil::TempStore store_;
  testutil::TempDir blob_dir_{"guildhall-blobs"};
  std::unique_ptr<storage::lmdb::FileBlobStore> blobs_;
  ManualClock clock_;
  IdGenerator ids_{clock_};
  FakeRemote remote_{store_.store(), clock_};
  std::unique_ptr<Federation> fed_;
  std::unique_ptr<community::Community> c_;
  int seq_ = 0;
};

template <class Codec>
std::optional<typename Codec::Record> FederationHarness::FindByApId(const storage::TableDef& index,
                                                                    std::string_view ap_id) {
  std::optional<typename Codec::Record> out;
  Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
    out = GH_TRY(storage::Table<Codec>::FindUnique(tx, index, Codec::ApIdKey(ap_id)));
    return Ok();
  }));
  return out;
}

// JSON builders for activities peers send.
std::string CreateNote(const std::string& id, const Peer& author, const std::string& object_id,
                       const std::string& group, const std::string& in_reply_to,
                       const std::string& content);
std::string CreatePage(const std::string& id, const Peer& author, const std::string& object_id,
                       const std::string& group, const std::string& title,
                       const std::string& content);
std::string Simple(const std::string& type, const std::string& id, const Peer& actor,
                   const std::string& object);

}  // namespace guildhall::federation::testing
