// Likes on threads and replies. Liking twice or unliking what was not liked
// changes nothing (idempotent), and the object's like_count is updated in the
// same write as the Like record, so concurrent likes never lose a count.
// Thread-safe.
#pragma once

#include <cstdint>

#include "node/community/deps.h"

namespace guildhall::community {

class Likes {
 public:
  Likes(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher)
      : deps_{store, clock, ids, publisher} {}
  Likes(const Likes&) = delete;
  Likes& operator=(const Likes&) = delete;

  // `object` is a thread or reply id. Needs the right to reply in its group.
  // Returns the object's like count afterwards. kConflict for removed content.
  Result<uint64_t> Like(Id actor, Id object);
  Result<uint64_t> Unlike(Id actor, Id object);

 private:
  Result<uint64_t> Toggle(Id actor, Id object, bool like);
  ServiceDeps deps_;
};

}  // namespace guildhall::community
