// Discovery documents: WebFinger JRD (RFC 7033) and NodeInfo 2.0/2.1, to
// write for our node and to read from peers. Deterministic output (fixed key
// order). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/model/result.h"

namespace guildhall::federation {

inline constexpr std::string_view kActivityJsonType = "application/activity+json";
inline constexpr std::string_view kLdJsonActivityStreamsType =
    "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

struct JrdLink {
  std::string rel;
  std::string type;
  std::string href;
  std::string template_;  // "template" (OStatus subscribe)
};

struct Jrd {
  std::string subject;  // "acct:news@guild.example"
  std::vector<std::string> aliases;
  std::vector<JrdLink> links;

  // The ActivityPub actor: rel=self with an AS2 media type (exactly one of
  // the two Fedify accepts; plain application/ld+json is ignored).
  std::optional<std::string> SelfActivityPubHref() const;
};

std::string WriteJrd(const Jrd& jrd);
// Reads a peer's WebFinger answer. kInvalid/kTooLarge like the AS2 reader.
Result<Jrd> ReadJrd(std::string_view json);

struct NodeInfo {
  std::string software_name;  // must match ^[a-z0-9-]+$ (Fedify's strict parser)
  std::string software_version;
  std::string software_repository;  // 2.1 only
  std::string software_homepage;    // 2.1 only
  bool open_registrations = false;
  int64_t users_total = 0;
  int64_t users_active_month = 0;
  int64_t users_active_halfyear = 0;
  int64_t local_posts = 0;
  int64_t local_comments = 0;
  std::vector<std::pair<std::string, std::string>>
      metadata;  // nodeName, nodeDescription, federationMode
};

// `version` is "2.0" or "2.1".
std::string WriteNodeInfo(const NodeInfo& info, std::string_view version);
// WebFinger rel of a server-level actor (FEP-d556).
inline constexpr std::string_view kServiceActorRel =
    "https://www.w3.org/ns/activitystreams#Service";
// NodeInfo links rel of the application actor (FEP-2677).
inline constexpr std::string_view kApplicationActorRel =
    "https://www.w3.org/ns/activitystreams#Application";

// /.well-known/nodeinfo: links to both documents, and to the application
// actor when `application_actor` is set (FEP-2677).
std::string WriteNodeInfoLinks(std::string_view href_2_0, std::string_view href_2_1,
                               std::string_view application_actor = "");

}  // namespace guildhall::federation
