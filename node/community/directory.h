// Directory: find colleagues by name, skill, team, location or interest, or
// free text. Profiles are indexed as normalized tokens (field, token,
// member) by the member codec (storage/model/records/text_tokens.h), so every
// criterion is a range scan over token prefixes ("eng" finds "Engineering");
// several words or criteria must all match (intersection). Only active local
// members are listed, ordered by member id (join order), keyset-paginated.
// Local members only. Thread-safe.
#pragma once

#include <string>

#include "node/community/deps.h"
#include "node/community/pagination.h"
#include "node/community/profile.h"

namespace guildhall::community {

struct DirectoryQuery {
  std::string name;  // username or display name
  std::string skill;
  std::string team;
  std::string location;
  std::string interest;
  std::string q;  // free text over name, title, team and skills
  bool empty() const {
    return name.empty() && skill.empty() && team.empty() && location.empty() && interest.empty() &&
           q.empty();
  }
};

class Directory {
 public:
  Directory(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher)
      : deps_{store, clock, ids, publisher} {}
  Directory(const Directory&) = delete;
  Directory& operator=(const Directory&) = delete;

  // An empty query lists everyone.
  Result<Page<Profile>> Search(Id viewer, const DirectoryQuery& query, const PageRequest& page);

 private:
  ServiceDeps deps_;
};

}  // namespace guildhall::community
