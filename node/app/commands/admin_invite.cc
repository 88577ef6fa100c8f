// `guildhall admin invite create [--group SLUG]`: a single-use sign-up link,
// printed as the full URL on the node's public origin.
#include <fmt/format.h>

#include <memory>
#include <string>

#include "node/app/commands/admin_context.h"
#include "node/app/options.h"

namespace guildhall::app {
namespace {

struct InviteArgs {
  std::string group, as;
};

int CreateInvite(CliContext& ctx, const InviteArgs& args) {
  auto admin = OpenAdmin(ctx);
  if (!admin) return ctx.exit_code;
  auto actor = admin->ActingAdmin(args.as);
  if (!actor) return AdminFailure("invite create", actor.error());
  Id group;
  if (!args.group.empty()) {
    auto view = admin->community->groups.GetBySlug(actor->id, args.group);
    if (!view) {
      return AdminFailure("invite create",
                          Error::NotFound(fmt::format("group '{}' not found", args.group)));
    }
    group = view->group.id;
  }
  auto invite = admin->community->invites.Create(actor->id, group);
  if (!invite) return AdminFailure("invite create", invite.error());
  fmt::print("{}/invite/{}\n", PublicOrigin(admin->core->config()), invite->token);
  return kExitOk;
}

}  // namespace

void RegisterAdminInvite(Command& admin) {
  Command invite = admin.Subcommand("invite", "Create sign-up invite links.");
  invite.RequireSubcommand();
  auto args = std::make_shared<InviteArgs>();
  invite.Subcommand("create", "Create a single-use sign-up link and print its URL.")
      .Option("--group", &args->group, "Also join this group on sign-up")
      .Option("--as", &args->as, "Admin to record as the inviter (default: the oldest admin)")
      .Run([args](CliContext& ctx) { return CreateInvite(ctx, *args); });
}

}  // namespace guildhall::app
