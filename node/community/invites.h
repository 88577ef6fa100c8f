// Invites: single-use sign-up links. Node staff (and a group's moderators,
// for their group) create one; the link's token is shown once and only its
// SHA-256 is stored. Accepting creates the account, marks the invite used,
// joins the group if the invite names one, and logs the new member in - all
// in one write, so a link can never be used twice. Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "node/community/deps.h"
#include "node/community/options.h"
#include "node/community/sessions.h"
#include "storage/model/records/invite.h"

namespace guildhall::community {

struct NewInvite {
  std::string token;  // put this in the link; it is not stored
  storage::Invite invite;
};

struct SignUp {
  std::string username;
  std::string display_name;
  std::string password;
};

class Invites {
 public:
  Invites(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher,
          const CommunityOptions& options)
      : deps_{store, clock, ids, publisher}, options_(options) {}
  Invites(const Invites&) = delete;
  Invites& operator=(const Invites&) = delete;

  // `group` 0 invites to the node only (node moderators and admins); with a
  // group, the group's moderators may invite too. `ttl` defaults to
  // CommunityOptions::invite_ttl.
  Result<NewInvite> Create(Id actor, Id group,
                           std::optional<std::chrono::milliseconds> ttl = std::nullopt);
  // The invite behind a link if it can still be used (to show the sign-up
  // form): kNotFound if unknown, kConflict if used or expired.
  Result<storage::Invite> Check(std::string_view token);
  // Creates the account and logs it in. kInvalid per field, kConflict for a
  // taken username or a used/expired invite.
  Result<LoginResult> Accept(std::string_view token, const SignUp& form);

 private:
  ServiceDeps deps_;
  const CommunityOptions& options_;
};

}  // namespace guildhall::community
