// `guildhall admin peer allow|limit|block|remove DOMAIN [--as REL] [--note …]
// [--dry-run]` and `guildhall admin peer list [--all]`: the node's peer list
// (spec/POLICY.md §1), through the same PolicyAdmin as the admin pages.
#include <fmt/format.h>

#include <memory>
#include <string>

#include "node/app/commands/admin_context.h"
#include "node/app/commands/admin_peer_policy.h"

namespace guildhall::app {
namespace {

struct PeerArgs {
  std::string domain, relationship, note, admin;
  bool note_given = false;
  bool dry_run = false;
  bool all = false;
};

int SetPeer(CliContext& ctx, const PeerArgs& a, storage::PeerState state) {
  std::optional<std::string> note;
  if (!a.note.empty()) note = a.note;
  return RunPolicyChange(ctx,
                         federation::PolicyChange::SetPeer(a.domain, state, a.relationship, note),
                         a.dry_run, a.admin, "peer");
}

int ListPeers(CliContext& ctx, const PeerArgs& a) {
  return WithPolicyAdmin(ctx, a.admin, "peer list", [&](federation::PolicyAdmin& p, Id actor) {
    auto peers = p.ListPeers(actor, a.all);
    if (!peers) return AdminFailure("peer list", peers.error());
    fmt::print("{:<32} {:<9} {:<12} {:>9} {:>7} {:>7} {:>6}  {}\n", "DOMAIN", "STATE", "RELATION",
               "FOLLOWERS", "MEMBERS", "PENDING", "FAILED", "NOTE");
    for (const auto& v : *peers) {
      const std::string state =
          v.listed ? storage::PeerStateName(v.peer.state) : (v.allowed ? "unlisted" : "unlisted*");
      fmt::print("{:<32} {:<9} {:<12} {:>9} {:>7} {:>7} {:>6}  {}\n", v.peer.domain, state,
                 v.listed ? storage::PeerRelationshipName(v.peer.relationship) : "-", v.followers,
                 v.members, v.pending_deliveries, v.failed_deliveries, v.peer.note);
    }
    return kExitOk;
  });
}

void AddChange(Command& peer, const char* name, const char* help, std::shared_ptr<PeerArgs> args,
               std::function<int(CliContext&)> run) {
  Command c = peer.Subcommand(name, help);
  c.Option("DOMAIN", &args->domain, "The peer's domain (host or host:port)", /*required=*/true)
      .Flag("--dry-run", &args->dry_run, "Print what would change; change nothing")
      .Option("--admin", &args->admin, "Acting admin (default: the oldest admin)");
  if (std::string_view(name) != "remove") {
    c.Option("--as", &args->relationship, "partner|vendor|association|other")
        .Option("--note", &args->note, "A note for the list");
  }
  c.Run(std::move(run));
}

}  // namespace

void RegisterAdminPeer(Command& admin) {
  Command peer = admin.Subcommand("peer", "The federation peer list (works while the node runs).");
  peer.RequireSubcommand();
  auto args = std::make_shared<PeerArgs>();
  AddChange(peer, "allow", "Allow a peer.", args,
            [args](CliContext& ctx) { return SetPeer(ctx, *args, storage::PeerState::kAllowed); });
  AddChange(peer, "limit", "Limit a peer (public groups only; posts await approval).", args,
            [args](CliContext& ctx) { return SetPeer(ctx, *args, storage::PeerState::kLimited); });
  AddChange(peer, "block", "Block a peer.", args,
            [args](CliContext& ctx) { return SetPeer(ctx, *args, storage::PeerState::kBlocked); });
  AddChange(peer, "remove", "Take a peer off the list.", args, [args](CliContext& ctx) {
    return RunPolicyChange(ctx, federation::PolicyChange::RemovePeer(args->domain), args->dry_run,
                           args->admin, "peer remove");
  });
  peer.Subcommand("list", "List the peers with their counts.")
      .Flag("--all", &args->all, "Also domains not on the list that have members or deliveries")
      .Option("--admin", &args->admin, "Acting admin (default: the oldest admin)")
      .Run([args](CliContext& ctx) { return ListPeers(ctx, *args); });
}

}  // namespace guildhall::app
