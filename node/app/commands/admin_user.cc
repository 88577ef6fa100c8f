// `guildhall admin user create|suspend|unsuspend|reset-password NAME`.
// A created account's password comes from stdin (--password-stdin) or is
// generated and printed once. Creation needs no admin (it is how the first
// one is made; the audit log names no actor for it); the other actions are
// recorded as done by the acting admin (--as, or the oldest admin).
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <string>

#include "node/app/bootstrap.h"
#include "node/app/commands/admin_context.h"

namespace guildhall::app {
namespace {

struct UserArgs {
  std::string name;
  std::string as;
  std::string reason;
  bool admin = false;
  bool password_stdin = false;
};

Result<std::string> ReadPasswordLine() {
  std::string line;
  if (!std::getline(std::cin, line) && line.empty()) {
    return Error::Invalid("--password-stdin: no password on standard input");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int CreateUser(CliContext& ctx, const UserArgs& args) {
  auto admin = OpenAdmin(ctx, OpenMode::kMigrate);
  if (!admin) return ctx.exit_code;
  community::NewMember member;
  member.username = args.name;
  if (args.password_stdin) {
    auto line = ReadPasswordLine();
    if (!line) return AdminFailure("user create", line.error());
    member.password = std::move(*line);
  } else {
    member.password = RandomPassword();
  }
  if (args.admin) member.role = storage::NodeRole::kAdmin;
  auto created = admin->community->accounts.CreateBootstrap(member);
  if (!created) return AdminFailure("user create", created.error());
  fmt::print("created {} '{}' (id {})\n", args.admin ? "admin" : "user", created->username,
             created->id.ToString());
  if (!args.password_stdin) {
    fmt::print("password (shown only this once): {}\n", member.password);
  }
  return kExitOk;
}

int ChangeUser(CliContext& ctx, const UserArgs& args, std::string_view action) {
  auto admin = OpenAdmin(ctx);
  if (!admin) return ctx.exit_code;
  const std::string what = fmt::format("user {}", action);
  auto user = admin->User(args.name);
  if (!user) return AdminFailure(what, user.error());
  auto actor = admin->ActingAdmin(args.as);
  if (!actor) return AdminFailure(what, actor.error());
  auto& accounts = admin->community->accounts;
  const std::string reason = args.reason.empty() ? "by the command line" : args.reason;
  if (action == "reset-password") {
    auto password = accounts.ResetPassword(actor->id, user->id);
    if (!password) return AdminFailure(what, password.error());
    fmt::print(
        "every session and API token of '{}' was revoked; new password (shown only this once; "
        "it must be changed at the next login):\n{}\n",
        user->username, *password);
    return kExitOk;
  }
  auto changed = action == "suspend" ? accounts.Suspend(actor->id, user->id, reason)
                                     : accounts.Unsuspend(actor->id, user->id, reason);
  if (!changed) return AdminFailure(what, changed.error());
  fmt::print(
      "user '{}' is {}\n", user->username,
      action == "suspend" ? "suspended: sessions and API tokens stop working now" : "active again");
  return kExitOk;
}

void AddChange(Command& user, const std::string& action, const std::string& help) {
  auto args = std::make_shared<UserArgs>();
  Command cmd = user.Subcommand(action, help);
  cmd.Option("NAME", &args->name, "Username", /*required=*/true)
      .Option("--as", &args->as, "Admin to record in the audit log (default: the oldest admin)");
  if (action != "reset-password") cmd.Option("--reason", &args->reason, "Reason for the audit log");
  cmd.Run([args, action](CliContext& ctx) { return ChangeUser(ctx, *args, action); });
}

}  // namespace

void RegisterAdminUser(Command& admin) {
  Command user = admin.Subcommand("user", "Create, suspend and reinstate accounts.");
  user.RequireSubcommand();
  auto args = std::make_shared<UserArgs>();
  user.Subcommand("create", "Create a local account; prints a generated password once.")
      .Option("NAME", &args->name, "Username: 1-30 of a-z, 0-9 and _", /*required=*/true)
      .Flag("--admin", &args->admin, "Make the account a node admin")
      .Flag("--password-stdin", &args->password_stdin,
            "Read the password from the first line of standard input")
      .Run([args](CliContext& ctx) { return CreateUser(ctx, *args); });
  AddChange(user, "suspend", "Suspend an account: its sessions and tokens stop working at once.");
  AddChange(user, "unsuspend", "Reinstate a suspended account.");
  AddChange(user, "reset-password", "Set a one-time password and print it.");
}

}  // namespace guildhall::app
