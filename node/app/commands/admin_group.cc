// `guildhall admin group create SLUG --name ... --scope ...`: a group owned
// by --owner (default: the acting admin), created by the acting admin with
// the same validation as the web (community's Groups::Create). A partners or
// public group is created internal and then widened through the federation
// policy (PolicyAdmin: impact printed, audit "policy.group.scope"), as any
// widening is; --dry-run prints that impact and creates nothing.
// `guildhall admin group creation [SETTING]`: show or set who may create
// groups (spec/POLICY.md §2).
#include <fmt/format.h>

#include <memory>
#include <string>

#include "node/app/commands/admin_context.h"
#include "node/app/commands/admin_peer_policy.h"

namespace guildhall::app {
namespace {

struct GroupArgs {
  std::string slug, name, description, owner, as;
  std::string scope = "internal";
  std::string kind = "practice";
  std::string join = "open";
  bool dry_run = false;
};

struct CreationArgs {
  std::string setting, as;
};

template <class E, size_t N>
Result<E> Choose(const char* const (&names)[N], std::string_view option, std::string_view value) {
  for (size_t i = 0; i < N; ++i) {
    if (value == names[i]) return static_cast<E>(i);
  }
  std::string list;
  for (const char* n : names) list += (list.empty() ? "" : "|") + std::string(n);
  return Error::Invalid(fmt::format("{}: '{}' is not one of {}", option, value, list));
}

constexpr const char* kScopes[] = {"internal", "partners", "public"};
constexpr const char* kKinds[] = {"practice", "interest", "project", "location"};
constexpr const char* kJoinModes[] = {"open", "approval", "invite"};

Result<community::GroupDraft> DraftOf(const GroupArgs& a) {
  community::GroupDraft d{.slug = a.slug, .name = a.name, .description = a.description};
  d.scope = GH_TRY(Choose<storage::GroupScope>(kScopes, "--scope", a.scope));
  d.kind = GH_TRY(Choose<storage::GroupKind>(kKinds, "--kind", a.kind));
  d.join_mode = GH_TRY(Choose<storage::JoinMode>(kJoinModes, "--join", a.join));
  return d;
}

int PreviewCreate(CliContext& ctx, const GroupArgs& args, const community::GroupDraft& d) {
  if (d.scope == storage::GroupScope::kInternal) {
    fmt::print("dry run (nothing changed): an internal group is shared with nobody\n");
    return kExitOk;
  }
  return WithPolicyAdmin(ctx, args.as, "group create", [&](federation::PolicyAdmin& p, Id actor) {
    auto impact = p.PreviewNewGroup(actor, d.slug, d.name, d.scope);
    if (!impact) return AdminFailure("group create", impact.error());
    PrintImpact(*impact, /*dry_run=*/true);
    return kExitOk;
  });
}

// The group internal first; a wider scope through the policy (second step:
// if it fails the group stays internal, shared with nobody).
int CreateGroup(CliContext& ctx, const GroupArgs& args) {
  auto draft = DraftOf(args);
  if (!draft) return AdminFailure("group create", draft.error());
  const storage::GroupScope scope = draft->scope;
  if (args.dry_run) return PreviewCreate(ctx, args, *draft);
  auto admin = OpenAdmin(ctx);
  if (!admin) return ctx.exit_code;
  auto actor = admin->ActingAdmin(args.as);
  if (!actor) return AdminFailure("group create", actor.error());
  auto owner = args.owner.empty() ? actor : admin->User(args.owner);
  if (!owner) return AdminFailure("group create", owner.error());
  draft->owner = owner->id;
  draft->scope = storage::GroupScope::kInternal;
  auto group = admin->community->groups.Create(actor->id, *draft);
  if (!group) return AdminFailure("group create", group.error());
  fmt::print("created group '{}' (internal, {}, join {}) owned by '{}'\n", group->group.slug,
             args.kind, args.join, owner->username);
  if (scope == storage::GroupScope::kInternal) return kExitOk;
  admin.reset();  // the policy opens the store again
  const int widened =
      RunPolicyChange(ctx, federation::PolicyChange::SetGroupScope(args.slug, scope),
                      /*dry_run=*/false, args.as, "group create: scope");
  if (widened != kExitOk) fmt::print(stderr, "the group stays internal\n");
  return widened;
}

int Creation(CliContext& ctx, const CreationArgs& a) {
  auto admin = OpenAdmin(ctx);
  if (!admin) return ctx.exit_code;
  auto actor = admin->ActingAdmin(a.as);
  if (!actor) return AdminFailure("group creation", actor.error());
  auto& groups = admin->community->groups;
  community::GroupCreation setting;
  if (!a.setting.empty() && !community::ParseGroupCreation(a.setting, setting)) {
    return AdminFailure("group creation",
                        Error::Invalid("'" + a.setting +
                                       "' is not one of admins-only|members-internal|members-any"));
  }
  auto view = a.setting.empty() ? groups.CreationPolicy(actor->id)
                                : groups.SetCreationPolicy(actor->id, setting);
  if (!view) return AdminFailure("group creation", view.error());
  fmt::print("{}{}\n", community::GroupCreationName(view->setting),
             view->from_config ? " (from the config file)" : "");
  return kExitOk;
}

}  // namespace

void RegisterAdminGroup(Command& admin) {
  Command group = admin.Subcommand("group", "Create groups; who may; scopes and share lists.");
  group.RequireSubcommand();
  auto args = std::make_shared<GroupArgs>();
  group.Subcommand("create", "Create a group.")
      .Option("SLUG", &args->slug, "URL name: 2-40 of a-z, 0-9 and -", /*required=*/true)
      .Option("--name", &args->name, "Display name (2-80 characters)", /*required=*/true)
      .Option("--scope", &args->scope, "internal|partners|public")
      .Option("--kind", &args->kind, "practice|interest|project|location")
      .Option("--join", &args->join, "open|approval|invite")
      .Option("--description", &args->description, "Markdown description")
      .Option("--owner", &args->owner, "Username of the owner (default: the acting admin)")
      .Option("--as", &args->as, "Acting admin (default: the oldest admin)")
      .Flag("--dry-run", &args->dry_run,
            "Print what a partners or public group would be shared with; create nothing")
      .Run([args](CliContext& ctx) { return CreateGroup(ctx, *args); });
  auto creation = std::make_shared<CreationArgs>();
  group.Subcommand("creation", "Show or set who may create groups (works while the node runs).")
      .Option("SETTING", &creation->setting,
              "admins-only|members-internal|members-any (none: show it)")
      .Option("--as", &creation->as, "Acting admin (default: the oldest admin)")
      .Run([creation](CliContext& ctx) { return Creation(ctx, *creation); });
  RegisterAdminGroupShare(group);
}

}  // namespace guildhall::app
