// `guildhall admin mode [closed|allowlist|open] [--dry-run]`: show or set the
// node's federation mode (spec/POLICY.md §1); the stored mode wins over the
// config's `federation.mode` from then on.
#include <fmt/format.h>

#include <memory>
#include <string>

#include "node/app/commands/admin_context.h"
#include "node/app/commands/admin_peer_policy.h"

namespace guildhall::app {
namespace {

struct ModeArgs {
  std::string mode, admin;
  bool dry_run = false;
};

int Mode(CliContext& ctx, const ModeArgs& a) {
  if (a.mode.empty()) {
    return WithPolicyAdmin(ctx, a.admin, "mode", [](federation::PolicyAdmin& p, Id actor) {
      auto mode = p.Mode(actor);
      if (!mode) return AdminFailure("mode", mode.error());
      fmt::print("{}{}\n", federation::FederationModeName(mode->mode),
                 mode->from_config ? " (from the config file)" : "");
      return kExitOk;
    });
  }
  federation::FederationMode mode;
  if (!federation::ParseFederationMode(a.mode, mode)) {
    return AdminFailure("mode",
                        Error::Invalid("'" + a.mode + "' is not one of closed|allowlist|open"));
  }
  return RunPolicyChange(ctx, federation::PolicyChange::SetMode(mode), a.dry_run, a.admin, "mode");
}

}  // namespace

void RegisterAdminMode(Command& admin) {
  auto args = std::make_shared<ModeArgs>();
  admin.Subcommand("mode", "Show or set the federation mode (works while the node runs).")
      .Option("MODE", &args->mode, "closed|allowlist|open (none: show the mode)")
      .Flag("--dry-run", &args->dry_run, "Print what would change; change nothing")
      .Option("--admin", &args->admin, "Acting admin (default: the oldest admin)")
      .Run([args](CliContext& ctx) { return Mode(ctx, *args); });
}

}  // namespace guildhall::app
