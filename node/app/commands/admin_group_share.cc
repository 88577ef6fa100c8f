// `guildhall admin group share SLUG [DOMAIN...]` (the whole share list of a
// partners group; none: unshare) and `guildhall admin group scope SLUG
// internal|partners|public`, both with --dry-run (spec/POLICY.md §1).
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "node/app/commands/admin_context.h"
#include "node/app/commands/admin_peer_policy.h"

namespace guildhall::app {
namespace {

struct ShareArgs {
  std::string slug, scope, admin;
  std::vector<std::string> domains;
  bool dry_run = false;
};

Result<storage::GroupScope> ParseScope(std::string_view s) {
  if (s == "internal") return storage::GroupScope::kInternal;
  if (s == "partners") return storage::GroupScope::kPartners;
  if (s == "public") return storage::GroupScope::kPublic;
  return Error::Invalid("'" + std::string(s) + "' is not one of internal|partners|public");
}

}  // namespace

void RegisterAdminGroupShare(Command& group) {
  auto args = std::make_shared<ShareArgs>();
  group
      .Subcommand("share",
                  "Set the peers a partners group is shared with (works while the node runs).")
      .Option("SLUG", &args->slug, "The group", /*required=*/true)
      .Options("DOMAIN", &args->domains,
               "Peer domains: the whole new list (none: share with nobody)")
      .Flag("--dry-run", &args->dry_run, "Print what would change; change nothing")
      .Option("--admin", &args->admin, "Acting admin (default: the oldest admin)")
      .Run([args](CliContext& ctx) {
        return RunPolicyChange(ctx, federation::PolicyChange::SetShares(args->slug, args->domains),
                               args->dry_run, args->admin, "group share");
      });
  group.Subcommand("scope", "Set a group's scope (works while the node runs).")
      .Option("SLUG", &args->slug, "The group", /*required=*/true)
      .Option("SCOPE", &args->scope, "internal|partners|public", /*required=*/true)
      .Flag("--dry-run", &args->dry_run, "Print what would change; change nothing")
      .Option("--admin", &args->admin, "Acting admin (default: the oldest admin)")
      .Run([args](CliContext& ctx) {
        auto scope = ParseScope(args->scope);
        if (!scope) return AdminFailure("group scope", scope.error());
        return RunPolicyChange(ctx, federation::PolicyChange::SetGroupScope(args->slug, *scope),
                               args->dry_run, args->admin, "group scope");
      });
}

}  // namespace guildhall::app
