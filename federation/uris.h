// Uris: the only place local ActivityPub URIs are minted and parsed
// (STYLE 13). Every id the node publishes is `{scheme}://{domain}{path}`:
//   /actor                      the node's Application actor
//   /u/{username}               a member (Person)        /g/{slug}  a group (Group)
//   /t/{id}  thread (Page)      /r/{id}  reply (Note)    /e/{id}    event (Event)
//   /activities/{id}            an activity we sent
//   {actor}/inbox|outbox|followers|following, /g/{slug}/members|moderators,
//   /inbox                      the shared inbox
// Immutable after construction; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "federation/protocol/url.h"
#include "storage/model/ids.h"

namespace guildhall::federation {

// What a local URI names. `name` is the username or slug, `id` the record id.
struct LocalRef {
  enum class Kind {
    kNodeActor,
    kMember,
    kGroup,
    kThread,
    kReply,
    kEvent,
    kActivity,
    kSharedInbox,
  };
  Kind kind = Kind::kNodeActor;
  std::string name;
  Id id;
  // For actor sub-resources ("/g/x/inbox"): "inbox", "outbox", "followers",
  // "following", "members", "moderators"; empty for the actor itself.
  std::string collection;
};

class Uris {
 public:
  // `scheme` is "http" or "https"; `domain` the public "host[:port]".
  Uris(std::string_view scheme, std::string_view domain);

  const std::string& base() const { return base_; }      // "https://guild.example"
  const std::string& domain() const { return domain_; }  // "guild.example"
  const Origin& origin() const { return origin_; }

  std::string NodeActor() const { return base_ + "/actor"; }
  std::string Member(std::string_view username) const {
    return base_ + "/u/" + std::string(username);
  }
  std::string Group(std::string_view slug) const { return base_ + "/g/" + std::string(slug); }
  std::string Thread(Id id) const { return base_ + "/t/" + id.ToString(); }
  std::string Reply(Id id) const { return base_ + "/r/" + id.ToString(); }
  std::string Event(Id id) const { return base_ + "/e/" + id.ToString(); }
  std::string Activity(Id id) const { return base_ + "/activities/" + id.ToString(); }
  std::string SharedInbox() const { return base_ + "/inbox"; }

  // Sub-resources of any local actor URI.
  static std::string KeyId(std::string_view actor) { return std::string(actor) + "#main-key"; }
  static std::string Inbox(std::string_view actor) { return std::string(actor) + "/inbox"; }
  static std::string Outbox(std::string_view actor) { return std::string(actor) + "/outbox"; }
  static std::string Followers(std::string_view actor) { return std::string(actor) + "/followers"; }
  static std::string Following(std::string_view actor) { return std::string(actor) + "/following"; }
  // Groups only.
  static std::string Members(std::string_view group) { return std::string(group) + "/members"; }
  static std::string Moderators(std::string_view group) {
    return std::string(group) + "/moderators";
  }

  // The profile page of a member or group (HTML face of the same URL).
  std::string MemberPage(std::string_view username) const { return Member(username); }
  std::string GroupPage(std::string_view slug) const { return Group(slug); }

  // True iff `uri` is an http(s) URL on our origin.
  bool IsLocal(std::string_view uri) const;
  // What a local URI names (fragment ignored); nullopt for remote or unknown
  // URIs. Names are returned as they appear (already lower-case ids).
  std::optional<LocalRef> Parse(std::string_view uri) const;
  // The same for a path alone ("/g/news/inbox").
  static std::optional<LocalRef> ParsePath(std::string_view path);

 private:
  std::string domain_;
  std::string base_;
  Origin origin_;
};

}  // namespace guildhall::federation
