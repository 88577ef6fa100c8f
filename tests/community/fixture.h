// CommunityFixture: a real LMDB store and a file blob store in temp dirs, a
// manual clock, and the Community facade over them, plus helpers that create
// members and groups. Password hashing uses cheap argon2 parameters so that
// tests stay fast (one test checks the production defaults separately).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "node/community/community.h"
#include "storage/lmdb/blob_store.h"
#include "tests/testutil/temp_dir.h"
#include "tests/testutil/temp_store.h"

namespace guildhall::community::testing {

// Unwraps a Result in a test, failing with its message.
template <class T>
T Must(Result<T> r) {
  if (!r) {
    ADD_FAILURE() << "unexpected error: " << CodeName(r.error().code) << ": " << r.error().message;
    throw std::runtime_error(r.error().message);
  }
  return std::move(*r);
}
inline void Must(Result<> r) {
  if (!r) {
    ADD_FAILURE() << "unexpected error: " << CodeName(r.error().code) << ": " << r.error().message;
    throw std::runtime_error(r.error().message);
  }
}

// The error code of a failed Result (fails the test if it succeeded).
template <class T>
Code CodeOf(const Result<T>& r) {
  if (r) {
    ADD_FAILURE() << "expected an error";
    return Code::kInternal;
  }
  return r.error().code;
}

CommunityOptions TestOptions();

class CommunityFixture : public ::testing::Test {
 protected:
  CommunityFixture();
  explicit CommunityFixture(Publisher& publisher);

  // A local member (created by the bootstrap path), password "correct horse".
  Id Member(const std::string& username, storage::NodeRole role = storage::NodeRole::kMember);
  Id Admin(const std::string& username = "admin") {
    return Member(username, storage::NodeRole::kAdmin);
  }
  // A remote member from partner.example.
  Id Remote(const std::string& username);
  Id Group(Id owner, const std::string& slug,
           storage::GroupScope scope = storage::GroupScope::kInternal,
           storage::JoinMode mode = storage::JoinMode::kOpen);
  // Joins an open group, or gets invited and accepts for other modes.
  void AddMember(Id owner, Id group, Id member);
  Id NewThread(Id author, Id group, const std::string& title = "Hello",
               const std::string& body = "First post");
  std::vector<storage::Notification> NotificationsOf(Id member);
  // Every test ends by checking every secondary index against its table.
  void TearDown() override;
  void Advance(std::chrono::milliseconds d) { clock_.Advance(d); }
  int64_t Now() const { return UnixMillis(clock_.Now()); }

  static constexpr const char* kPassword = "correct horse";

  testutil::TempStore store_;
  testutil::TempDir blob_dir_{"guildhall-blobs"};
  std::unique_ptr<storage::lmdb::FileBlobStore> blobs_;
  ManualClock clock_;
  IdGenerator ids_{clock_};
  NullPublisher null_publisher_;
  Community c_;
};

}  // namespace guildhall::community::testing
