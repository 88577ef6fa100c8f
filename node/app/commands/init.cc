// `guildhall init`: prepares the data directory on first start — the store
// with every migration, the node keys and the first admin account, whose
// password is printed once. Idempotent: on an initialized directory it only
// runs pending migrations and says so.
#include <fmt/format.h>

#include <filesystem>

#include "node/app/bootstrap.h"
#include "node/app/commands/admin_context.h"
#include "node/app/commands/commands.h"
#include "node/app/options.h"

namespace guildhall::app {
namespace {

namespace fs = std::filesystem;

// Creates the first admin account when the node has no active admin yet;
// nullopt when it has one. The password is returned to be shown once.
Result<std::optional<community::NewMember>> CreateInitialAdmin(AdminContext& admin,
                                                               const std::string& username) {
  auto existing = admin.ActingAdmin("");
  if (existing) return std::nullopt;
  if (existing.error().code != Code::kNotFound) return existing.error();
  community::NewMember member{
      .username = username, .password = RandomPassword(), .role = storage::NodeRole::kAdmin};
  auto created = GH_TRY(admin.community->accounts.CreateBootstrap(member));
  member.username = created.username;
  return member;
}

int RunInit(CliContext& ctx, const std::string& admin_name) {
  auto config = LoadConfigOrReport(ctx);
  if (!config) return ctx.exit_code;
  const fs::path& data_dir = config->node.data_dir;
  std::error_code ec;
  bool fresh = !fs::exists(StoreDir(data_dir), ec);
  if (fs::create_directories(data_dir, ec)) {
    // Members' data and the node's private keys: owner only.
    fs::permissions(data_dir, fs::perms::owner_all, ec);
  }
  auto context = OpenAdmin(ctx, OpenMode::kMigrate);
  if (!context) return ctx.exit_code;

  Result<std::optional<community::NewMember>> admin = std::nullopt;
  if (auto keys = EnsureNodeKeys(*context->core); !keys) {
    admin = keys.error();
  } else {
    admin = CreateInitialAdmin(*context, admin_name);
  }
  if (!admin) {
    fmt::print(stderr, "guildhall: init: {}\n", admin.error().message);
    return kExitFailure;
  }
  auto version = context->core->store().SchemaVersion();
  fmt::print("guildhall: {} {} (store schema {})\n", data_dir.string(),
             fresh ? "initialized" : "is already initialized", version ? *version : 0);
  if (*admin) {
    fmt::print(
        "First admin account; the password is shown only this once:\n"
        "  username: {}\n  password: {}\n",
        (*admin)->username, (*admin)->password);
  }
  return kExitOk;
}

}  // namespace

void RegisterInit(Command& root) {
  auto admin_name = std::make_shared<std::string>("admin");
  root.Subcommand("init",
                  "Create the data directory, the store and the first admin account (once).")
      .Option("--admin", admin_name.get(), "Username of the first admin account")
      .Run([admin_name](CliContext& ctx) { return RunInit(ctx, *admin_name); });
}

}  // namespace guildhall::app
