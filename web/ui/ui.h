// The server-rendered HTML interface: every page and form of the internal
// community (login, invites, profiles, directory, groups, threads, events,
// library, notifications, moderation, admin) plus its stylesheet. Pages work
// without JavaScript; every state change is a POST form carrying a CSRF token
// and answered with a 303 back to a page with a flash message.
// RegisterUiRoutes is called once by the composition root (node/app) before
// the server starts. Thread-safe afterwards (handlers share only the
// thread-safe community services and the read-only renderer).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "node/community/community.h"
#include "storage/model/blob_store.h"
#include "web/http/router.h"

namespace guildhall::federation {
class MediaCache;
class PolicyAdmin;
}  // namespace guildhall::federation

namespace guildhall::web {

class ExternalFollows;  // web/api/api.h

struct UiOptions {
  std::string node_name = "Guildhall";
  // "https://community.example.org": the origin invite links are built on.
  std::string public_origin = "http://localhost";
  // Cookies get Secure when the request came over TLS or this is set
  // (config http.public_scheme = "https", TLS ending at a reverse proxy).
  bool public_https = false;
  size_t form_body_limit_bytes = 256 * 1024;  // ordinary forms
  size_t upload_body_limit_bytes = 26 << 20;  // http.upload_body_limit_bytes
  std::filesystem::path zoneinfo_dir = "/usr/share/zoneinfo";
  // Threads that run form submissions (each write waits for its group commit).
  size_t write_threads = 8;
};

// The ActivityStreams face of the URLs an HTML page shares with ActivityPub
// (/u/{name}, /g/{slug}, /t/{id}, /e/{id}, and the group's member collection
// at /g/{slug}/members). When set, a request that asks for
// application/activity+json (WantsActivityJson) goes to it instead of the
// page. web/routes/activitypub.h MakeActivityFaces provides them.
struct ActivityFaces {
  SyncHandler member;
  SyncHandler group;
  SyncHandler thread;
  SyncHandler event;
  SyncHandler members;
};

struct UiDeps {
  community::Community& community;
  storage::BlobStore& blobs;  // avatars are served from here
  UiOptions options;
  ActivityFaces activity;
  // The federation policy pages (/admin/federation/..., /g/{slug}/sharing)
  // call it; null: those pages answer 404 (a node without federation).
  federation::PolicyAdmin* policy_admin = nullptr;
  // Members following groups on other nodes (/communities); null: 404.
  ExternalFollows* follows = nullptr;
  // The media proxy (/media/...): images of remote content; null: 404.
  federation::MediaCache* media = nullptr;
};

// Registers every HTML route. `deps` is copied; the services it references
// must outlive the router.
void RegisterUiRoutes(Router& router, const UiDeps& deps);

}  // namespace guildhall::web
