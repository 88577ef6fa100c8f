#include "node/community/profile.h"

namespace guildhall::community {

Profile ToProfile(const storage::Member& m) {
  Profile p;
  p.id = m.id;
  p.username = m.username;
  p.domain = m.domain;
  p.actor_uri = m.actor_uri;
  p.display_name = m.display_name;
  p.bio = m.bio;
  p.avatar = m.avatar;
  p.title = m.title;
  p.team = m.team;
  p.location = m.location;
  p.skills = m.skills;
  p.interests = m.interests;
  p.role = m.role;
  p.state = m.state;
  p.federation = m.federation;
  p.must_change_password = m.must_change_password;
  p.created = m.created;
  p.updated = m.updated;
  p.version = m.version;
  return p;
}

}  // namespace guildhall::community
