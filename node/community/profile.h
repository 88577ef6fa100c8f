// Profile: what the rest of the node may know about a member - the Member
// record without its password hash. Every service returns members as
// Profiles. Plain value; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/model/ids.h"
#include "storage/model/records/member.h"

namespace guildhall::community {

struct Profile {
  Id id;
  std::string username;
  std::string domain;     // empty for local members
  std::string actor_uri;  // remote members only
  std::string display_name;
  std::string bio;     // Markdown
  std::string avatar;  // local: blob sha256; remote: image URL; empty: none
  std::string title;
  std::string team;
  std::string location;
  std::vector<std::string> skills;
  std::vector<std::string> interests;
  storage::NodeRole role = storage::NodeRole::kMember;
  storage::MemberState state = storage::MemberState::kActive;
  bool federation = true;
  bool must_change_password = false;
  int64_t created = 0;
  int64_t updated = 0;
  uint64_t version = 0;  // pass back as expected_version when editing

  bool IsLocal() const { return domain.empty(); }
  // "alice" for local members, "alice@example.org" for remote ones.
  std::string Handle() const { return domain.empty() ? username : username + "@" + domain; }
};

Profile ToProfile(const storage::Member& m);

}  // namespace guildhall::community
