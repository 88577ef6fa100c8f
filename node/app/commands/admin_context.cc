// `guildhall admin`: the shared opening of the store and lookups; the
// subcommands live in admin_user.cc, admin_group.cc, admin_token.cc and
// admin_invite.cc.
#include "node/app/commands/admin_context.h"

#include <fmt/format.h>

#include "node/app/commands/commands.h"
#include "node/app/options.h"
#include "node/community/validation.h"
#include "storage/model/table.h"

namespace guildhall::app {

using storage::Member;
using storage::MemberCodec;

Result<community::Profile> AdminContext::User(std::string_view username) {
  const std::string name = community::AsciiLower(community::Trim(username));
  std::optional<Member> member;
  GH_CHECK(core->store().Read([&](storage::ReadTxn& tx) -> Result<> {
    auto primary = tx.Get(storage::tables::kMembersByUsername, MemberCodec::UsernameKey("", name));
    if (primary) member = GH_TRY(storage::Table<MemberCodec>::Get(tx, *primary));
    return Ok();
  }));
  if (!member) return Error::NotFound(fmt::format("user '{}' not found", name));
  return community::ToProfile(*member);
}

Result<community::Profile> AdminContext::ActingAdmin(std::string_view as) {
  if (!as.empty()) {
    auto admin = GH_TRY(User(as));
    if (admin.role != storage::NodeRole::kAdmin || admin.state != storage::MemberState::kActive) {
      return Error::Forbidden(fmt::format("user '{}' is not an active admin", admin.username));
    }
    return admin;
  }
  std::optional<Member> found;
  GH_CHECK(core->store().Read([&](storage::ReadTxn& tx) -> Result<> {
    // Ids are time-ordered: the first admin in key order is the oldest.
    return storage::Table<MemberCodec>::Scan(
        tx, "", "", storage::ScanOrder::kForward, [&](const Member& m) {
          if (m.IsLocal() && m.IsActive() && m.role == storage::NodeRole::kAdmin) found = m;
          return !found;
        });
  }));
  if (!found) {
    return Error::NotFound(
        "the node has no active admin yet; create one with `guildhall admin user create NAME "
        "--admin`");
  }
  return community::ToProfile(*found);
}

std::unique_ptr<AdminContext> OpenAdmin(CliContext& ctx, OpenMode mode) {
  auto core = OpenCoreForCommand(ctx, mode);
  if (!core) return nullptr;
  auto admin = std::make_unique<AdminContext>();
  admin->core = std::move(core);
  Core& c = *admin->core;
  admin->community =
      std::make_unique<community::Community>(c.store(), admin->blobs, c.clock(), c.ids(),
                                             admin->publisher, CommunityOptionsOf(c.config()));
  return admin;
}

int AdminFailure(std::string_view what, const Error& error) {
  fmt::print(stderr, "guildhall: {}: {}\n", what, error.message);
  return kExitFailure;
}

void RegisterAdmin(Command& root) {
  Command admin = root.Subcommand(
      "admin", "Administer accounts, groups, tokens and invites (also while the node runs).");
  admin.RequireSubcommand();
  RegisterAdminUser(admin);
  RegisterAdminGroup(admin);
  RegisterAdminToken(admin);
  RegisterAdminInvite(admin);
  RegisterAdminPeer(admin);
  RegisterAdminMode(admin);
}

}  // namespace guildhall::app
