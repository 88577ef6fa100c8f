// Profiles: reading and editing member profiles (display name, bio, avatar,
// title, team, location, skills, interests). Local members may read every
// local profile; members edit their own, admins anyone's. Each field is
// validated with its own message. Public "cards" (name and avatar) are for
// showing authors next to content the viewer can already see.
// Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "node/community/deps.h"
#include "node/community/media_types.h"
#include "node/community/options.h"
#include "node/community/profile.h"
#include "storage/model/blob_store.h"

namespace guildhall::community {

// Fields left empty stay as they are.
struct ProfileUpdate {
  std::optional<std::string> display_name;            // 1-80 characters
  std::optional<std::string> bio;                     // Markdown, up to 2,000 characters
  std::optional<std::string> title;                   // up to 100 characters
  std::optional<std::string> team;                    // up to 100 characters
  std::optional<std::string> location;                // up to 100 characters
  std::optional<std::vector<std::string>> skills;     // up to 30, each 1-50 characters
  std::optional<std::vector<std::string>> interests;  // up to 30, each 1-50 characters
  std::optional<bool> federation;                     // may be seen by and follow other nodes
  uint64_t expected_version = 0;  // 0: don't check; else kConflict if changed meanwhile
};

// What anyone who can see a member's post may see of its author.
struct MemberCard {
  Id id;
  std::string username;
  std::string domain;
  std::string display_name;
  std::string avatar;
  bool suspended = false;
};

class Profiles {
 public:
  Profiles(storage::Store& store, storage::BlobStore& blobs, const Clock& clock, IdGenerator& ids,
           Publisher& publisher, const CommunityOptions& options)
      : deps_{store, clock, ids, publisher}, blobs_(blobs), options_(options) {}
  Profiles(const Profiles&) = delete;
  Profiles& operator=(const Profiles&) = delete;

  // The member themself or an admin. kInvalid lists every bad field.
  Result<Profile> Update(Id actor, Id member, const ProfileUpdate& update);
  // The actor's avatar: PNG, JPEG, GIF or WebP (detected from the bytes), up
  // to CommunityOptions::max_avatar_bytes. Empty bytes remove the avatar.
  Result<Profile> SetAvatar(Id actor, std::string_view image_bytes);

  // Local members (and the member themself). kNotFound for unknown members.
  Result<Profile> Get(Id viewer, Id member);
  // "alice" (local) or "alice@example.org" (remote).
  Result<Profile> GetByHandle(Id viewer, std::string_view handle);
  // Cards for the given ids, in order; unknown ids are left out. No check:
  // only call for authors of content the viewer may see.
  Result<std::vector<MemberCard>> Cards(std::span<const Id> ids);

 private:
  Result<Profile> Save(Id actor, Id member, uint64_t expected_version,
                       const std::function<void(storage::Member&)>& apply);

  ServiceDeps deps_;
  storage::BlobStore& blobs_;
  const CommunityOptions& options_;
  MediaTypeDetector detector_;
};

}  // namespace guildhall::community
