#include "node/app/commands/admin_peer_policy.h"

#include <fmt/format.h>

#include "node/app/commands/admin_context.h"
#include "node/app/options.h"

namespace guildhall::app {

namespace {

const char* ScopeName(storage::GroupScope s) {
  switch (s) {
    case storage::GroupScope::kInternal:
      return "internal";
    case storage::GroupScope::kPartners:
      return "partners";
    case storage::GroupScope::kPublic:
      return "public";
  }
  return "?";
}

std::string JoinDomains(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& d : v) out += (out.empty() ? "" : ", ") + d;
  return out;
}

}  // namespace

void PrintImpact(const federation::Impact& i, bool dry_run) {
  const char* head = dry_run ? "dry run (nothing changed)" : (i.changed ? "changed" : "no change");
  fmt::print("{}: {} -> {}\n", head, i.before, i.after);
  for (const auto& g : i.groups) {
    fmt::print("  group {} ({}):", g.slug, ScopeName(g.scope));
    if (!g.domains_losing.empty()) fmt::print(" loses {};", JoinDomains(g.domains_losing));
    if (!g.domains_gaining.empty()) fmt::print(" gains {};", JoinDomains(g.domains_gaining));
    fmt::print(" remote members {}, pending deliveries {}, stored remote content {}\n",
               g.remote_members, g.pending_deliveries, g.stored_remote_content);
  }
  fmt::print("groups affected: {}\nremote members leaving: {}\nfollows ending: {}\n",
             i.groups.size(), i.remote_members, i.follows);
  fmt::print("pending deliveries dropped: {}\nstored remote content kept: {}\n",
             i.pending_deliveries, i.stored_remote_content);
  if (!i.exposed.audience.empty()) {
    fmt::print(
        "stored content now readable by {}: {} threads, {} replies, {} events of members; "
        "{} items from other nodes\n",
        i.exposed.audience, i.exposed.local_threads, i.exposed.local_replies,
        i.exposed.local_events, i.exposed.remote());
  }
}

int WithPolicyAdmin(CliContext& ctx, std::string_view as, std::string_view what,
                    const std::function<int(federation::PolicyAdmin&, Id)>& fn) {
  auto admin = OpenAdmin(ctx);
  if (!admin) return ctx.exit_code;
  auto actor = admin->ActingAdmin(as);
  if (!actor) return AdminFailure(what, actor.error());
  const auto fed = FederationOptionsOf(admin->core->config());
  auto policy = federation::PolicyAdmin::Create(
      federation::PolicyAdminOptions{fed.public_scheme, fed.domain, fed.mode, fed.group_creation},
      admin->core->store(), admin->core->clock(), admin->core->ids());
  if (!policy) return AdminFailure(what, policy.error());
  return fn(**policy, actor->id);
}

int RunPolicyChange(CliContext& ctx, const federation::PolicyChange& change, bool dry_run,
                    std::string_view as, std::string_view what) {
  return WithPolicyAdmin(ctx, as, what, [&](federation::PolicyAdmin& policy, Id actor) {
    auto impact = dry_run ? policy.Preview(actor, change) : policy.Apply(actor, change);
    if (!impact) return AdminFailure(what, impact.error());
    PrintImpact(*impact, dry_run);
    return kExitOk;
  });
}

}  // namespace guildhall::app
