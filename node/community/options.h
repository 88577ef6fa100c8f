// CommunityOptions: the community module's slice of the node config
// (node/app parses the config file and hands this struct in; nothing here
// reads files or the environment). Plain value; thread-compatible.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "node/community/group_creation.h"
#include "node/community/login_throttle.h"
#include "node/community/passwords.h"

namespace guildhall::community {

struct CommunityOptions {
  std::chrono::milliseconds session_ttl = std::chrono::hours(24 * 30);
  std::chrono::milliseconds invite_ttl = std::chrono::hours(24 * 7);
  uint64_t max_upload_bytes = 10ull << 20;  // per library file
  uint64_t max_avatar_bytes = 2ull << 20;
  PasswordParams password;
  LoginThrottleOptions login_throttle;
  // Host name used in iCalendar UIDs ("event-42@<node_host>").
  std::string node_host = "localhost";
  // Who may create groups and with which scope until an admin sets the
  // node setting (config `community.group_creation`; group_creation.h).
  GroupCreation group_creation = GroupCreation::kMembersInternal;
  // Where IANA time zones are looked up (tests may point elsewhere).
  std::filesystem::path zoneinfo_dir = "/usr/share/zoneinfo";
};

}  // namespace guildhall::community
