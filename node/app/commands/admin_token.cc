// `guildhall admin token create NAME`: an API token for user NAME. The token
// is printed alone on the last line, so scripts can take it with `tail -1`.
#include <fmt/format.h>

#include <memory>
#include <string>

#include "node/app/commands/admin_context.h"

namespace guildhall::app {
namespace {

struct TokenArgs {
  std::string user;
  std::string label = "cli";
};

int CreateToken(CliContext& ctx, const TokenArgs& args) {
  auto admin = OpenAdmin(ctx);
  if (!admin) return ctx.exit_code;
  auto user = admin->User(args.user);
  if (!user) return AdminFailure("token create", user.error());
  auto token = admin->community->api_tokens.Create(user->id, args.label);
  if (!token) return AdminFailure("token create", token.error());
  // The token alone on stdout, so `TOKEN=$(guildhall admin token create …)`
  // works; the explanation goes to the terminal on stderr.
  fmt::print(stderr,
             "API token '{}' for '{}' (id {}); use it as \"Authorization: Bearer <token>\":\n",
             args.label, user->username, token->record.id.ToString());
  fmt::print("{}\n", token->token);
  return kExitOk;
}

}  // namespace

void RegisterAdminToken(Command& admin) {
  Command token = admin.Subcommand("token", "Create API tokens.");
  token.RequireSubcommand();
  auto args = std::make_shared<TokenArgs>();
  token.Subcommand("create", "Create an API token for a user; prints it once, on the last line.")
      .Option("NAME", &args->user, "Username the token acts as", /*required=*/true)
      .Option("--label", &args->label, "Name of the token, to tell tokens apart")
      .Run([args](CliContext& ctx) { return CreateToken(ctx, *args); });
}

}  // namespace guildhall::app
