// What the `guildhall admin ...` commands share: the store opened beside a
// possibly running server (LMDB is safe across processes, and the server
// reads the store on every request, so a change applies at once), the
// community services on top of it, and lookups by name with messages fit
// for a terminal ("user 'bob' not found"). One per command run;
// single-threaded.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "node/app/cli.h"
#include "node/app/core.h"
#include "node/community/community.h"
#include "storage/model/blob_store.h"

namespace guildhall::app {

// The admin commands store no files. Opening the real FileBlobStore would
// also clear its temp directory under a running server's uploads, so the
// community services get this stand-in instead.
class NoBlobs final : public storage::BlobStore {
 public:
  Result<std::string> Put(std::string_view) override {
    return Error::Unavailable("the command line stores no files");
  }
  std::optional<std::filesystem::path> PathOf(std::string_view) const override {
    return std::nullopt;
  }
  bool Exists(std::string_view) const override { return false; }
};

struct AdminContext {
  std::unique_ptr<Core> core;
  NoBlobs blobs;
  community::NullPublisher publisher;  // the CLI raises no federation events
  std::unique_ptr<community::Community> community;

  // The local member named `username`; kNotFound "user 'bob' not found".
  Result<community::Profile> User(std::string_view username);
  // Whom the audit log names for the command line's admin actions: the
  // member named by --as, else the oldest active local admin.
  // kNotFound when the node has no admin yet (create one with --admin).
  Result<community::Profile> ActingAdmin(std::string_view as);
};

// Opens the store (and data directory) for an admin command. On failure
// prints why, sets ctx.exit_code and returns null.
std::unique_ptr<AdminContext> OpenAdmin(CliContext& ctx, OpenMode mode = OpenMode::kExisting);

// Prints "guildhall: <what>: <message>" to stderr; returns kExitFailure.
int AdminFailure(std::string_view what, const Error& error);

// The `admin` subcommands (one file each).
void RegisterAdminUser(Command& admin);
void RegisterAdminGroup(Command& admin);
void RegisterAdminToken(Command& admin);
void RegisterAdminInvite(Command& admin);
// Federation policy (admin_peer.cc, admin_mode.cc, admin_group_share.cc).
void RegisterAdminPeer(Command& admin);
void RegisterAdminMode(Command& admin);
void RegisterAdminGroupShare(Command& group);  // `admin group share|scope`

}  // namespace guildhall::app
