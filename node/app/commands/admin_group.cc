// `guildhall admin group create SLUG --name ... --scope ...`: a group owned
// by --owner (default: the acting admin), with the same validation as the
// web (community's Groups::Create).
#include <fmt/format.h>

#include <memory>
#include <string>

#include "node/app/commands/admin_context.h"

namespace guildhall::app {
namespace {

struct GroupArgs {
  std::string slug, name, description, owner, as;
  std::string scope = "internal";
  std::string kind = "practice";
  std::string join = "open";
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

int CreateGroup(CliContext& ctx, const GroupArgs& args) {
  auto draft = DraftOf(args);
  if (!draft) return AdminFailure("group create", draft.error());
  auto admin = OpenAdmin(ctx);
  if (!admin) return ctx.exit_code;
  auto owner = args.owner.empty() ? admin->ActingAdmin(args.as) : admin->User(args.owner);
  if (!owner) return AdminFailure("group create", owner.error());
  auto group = admin->community->groups.Create(owner->id, *draft);
  if (!group) return AdminFailure("group create", group.error());
  fmt::print("created group '{}' ({}, {}, join {}) owned by '{}'\n", group->group.slug, args.scope,
             args.kind, args.join, owner->username);
  return kExitOk;
}

}  // namespace

void RegisterAdminGroup(Command& admin) {
  Command group = admin.Subcommand("group", "Create groups.");
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
      .Option("--as", &args->as, "Acting admin when no --owner (default: the oldest admin)")
      .Run([args](CliContext& ctx) { return CreateGroup(ctx, *args); });
  RegisterAdminGroupShare(group);
}

}  // namespace guildhall::app
