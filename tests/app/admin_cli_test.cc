// `guildhall admin ...` (node/app/commands/admin_*.cc) driven as an operator
// would, beside a running `guildhall serve` on the same data directory: the
// token printed on the last line works against the server at once, and a
// suspension made by the CLI stops that token at the server's next request.
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdlib>
#include <fstream>

#include "tests/app/child_process.h"
#include "tests/testutil/temp_dir.h"

namespace guildhall::app {
namespace {

using testing::Child;
using testing::RunGuildhall;
using testing::WaitForFile;

constexpr auto kTimeout = std::chrono::seconds(60);

std::string LastLine(const std::string& out) {
  std::string s = out;
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s.substr(s.rfind('\n') == std::string::npos ? 0 : s.rfind('\n') + 1);
}

// The status code of `GET target` with a bearer token, or 0 on a socket error.
int GetStatus(const std::string& address, const std::string& target, const std::string& token) {
  std::string response =
      testing::HttpGet(address, target, "Authorization: Bearer " + token + "\r\n");
  return response.size() > 12 ? std::stoi(response.substr(9, 3)) : 0;
}

class AdminCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "guildhall.toml") << "[node]\ndomain = \"guild.example\"\n"
                                           << "[http]\nlisten = \"127.0.0.1:0\"\n"
                                           << "public_scheme = \"https\"\n";
  }
  testing::RunResult Admin(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", "guildhall.toml", "admin"});
    return RunGuildhall(args, dir_.path());
  }
  std::string ServeLog() {
    std::ifstream in(dir_ / "serve.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  testutil::TempDir dir_;
};

TEST_F(AdminCli, TokenWorksAndSuspensionTakesEffectOnARunningServer) {
  auto admin = Admin({"user", "create", "root", "--admin"});
  ASSERT_EQ(admin.exit_code, 0) << admin.out << admin.err;
  EXPECT_NE(admin.out.find("password (shown only this once): "), std::string::npos) << admin.out;
  ASSERT_EQ(Admin({"user", "create", "alice"}).exit_code, 0);

  Child node({"--config", "guildhall.toml", "serve", "--ready-file", "ready"}, dir_.path(),
             dir_ / "serve.log");
  std::string address = WaitForFile(dir_ / "ready", node, kTimeout);
  ASSERT_FALSE(address.empty()) << ServeLog();
  address.pop_back();

  // Made while the server runs; works there at once.
  auto token = Admin({"token", "create", "alice"});
  ASSERT_EQ(token.exit_code, 0) << token.out << token.err;
  const std::string alice_token = LastLine(token.out);
  EXPECT_EQ(alice_token.size(), 64u) << token.out;
  EXPECT_EQ(GetStatus(address, "/api/v1/me", alice_token), 200) << ServeLog();
  EXPECT_EQ(GetStatus(address, "/api/v1/me", "not-a-token"), 401);

  auto group = Admin({"group", "create", "ops", "--name", "Operations", "--scope", "internal",
                      "--kind", "project", "--join", "approval", "--owner", "alice"});
  ASSERT_EQ(group.exit_code, 0) << group.out << group.err;
  EXPECT_EQ(GetStatus(address, "/api/v1/groups/ops", alice_token), 200);

  auto suspend = Admin({"user", "suspend", "alice", "--reason", "left the company"});
  ASSERT_EQ(suspend.exit_code, 0) << suspend.out << suspend.err;
  EXPECT_EQ(GetStatus(address, "/api/v1/me", alice_token), 401);
  ASSERT_EQ(Admin({"user", "unsuspend", "alice"}).exit_code, 0);
  EXPECT_EQ(GetStatus(address, "/api/v1/me", alice_token), 200);

  node.Signal(SIGTERM);
  EXPECT_EQ(node.Wait(kTimeout), 0) << ServeLog();
}

// Scripts take a command's result from stdout (`TOKEN=$(guildhall admin token
// create alice)`): even at log level debug, nothing else may be printed there.
TEST_F(AdminCli, ResultsGoToStdoutAndLogsToStderr) {
  std::ofstream(dir_ / "guildhall.toml", std::ios::app) << "[log]\nlevel = \"debug\"\n";
  ASSERT_EQ(Admin({"user", "create", "alice"}).exit_code, 0);
  auto token = Admin({"token", "create", "alice"});
  ASSERT_EQ(token.exit_code, 0) << token.out << token.err;
  EXPECT_FALSE(token.err.empty()) << "debug logging wrote nothing to stderr";
  ASSERT_EQ(token.out.size(), 65u) << "stdout must hold the token line only:\n" << token.out;
  EXPECT_EQ(token.out.back(), '\n');
}

TEST_F(AdminCli, PasswordFromStdinAndResetPassword) {
  std::ofstream(dir_ / "pw") << "a good long password\n";
  const std::string cmd = "cd '" + dir_.path().string() +
                          "' && '" GUILDHALL_BINARY
                          "' --config guildhall.toml admin user create bob --password-stdin "
                          "< pw > out 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(dir_ / "out");
  std::string out((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(out.find("created user 'bob'"), std::string::npos) << out;
  EXPECT_EQ(out.find("password"), std::string::npos) << out;  // nothing to show

  ASSERT_EQ(Admin({"user", "create", "root", "--admin"}).exit_code, 0);
  auto reset = Admin({"user", "reset-password", "bob"});
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  EXPECT_EQ(LastLine(reset.out).size(), 20u) << reset.out;
}

TEST_F(AdminCli, ErrorsNameWhatIsWrong) {
  auto missing = Admin({"token", "create", "bob"});
  EXPECT_EQ(missing.exit_code, 1);  // no store yet
  ASSERT_EQ(Admin({"user", "create", "alice"}).exit_code, 0);

  auto no_user = Admin({"user", "suspend", "bob"});
  EXPECT_EQ(no_user.exit_code, 1);
  EXPECT_NE(no_user.err.find("user 'bob' not found"), std::string::npos) << no_user.err;
  auto no_admin = Admin({"user", "suspend", "alice"});
  EXPECT_EQ(no_admin.exit_code, 1);
  EXPECT_NE(no_admin.err.find("no active admin"), std::string::npos) << no_admin.err;

  auto taken = Admin({"user", "create", "alice"});
  EXPECT_EQ(taken.exit_code, 1);
  EXPECT_NE(taken.err.find("username: is already taken"), std::string::npos) << taken.err;
  auto bad_name = Admin({"user", "create", "Not Valid"});
  EXPECT_EQ(bad_name.exit_code, 1);
  EXPECT_NE(bad_name.err.find("username:"), std::string::npos) << bad_name.err;

  auto scope =
      Admin({"group", "create", "ops", "--name", "Ops", "--scope", "secret", "--owner", "alice"});
  EXPECT_EQ(scope.exit_code, 1);
  EXPECT_NE(scope.err.find("--scope: 'secret' is not one of internal|partners|public"),
            std::string::npos)
      << scope.err;
  // Creating a group acts as an admin (community.group_creation): with one
  // in place, the slug is what is wrong.
  ASSERT_EQ(Admin({"user", "create", "root", "--admin"}).exit_code, 0);
  auto slug = Admin({"group", "create", "Bad Slug", "--name", "Ops", "--owner", "alice"});
  EXPECT_EQ(slug.exit_code, 1);
  EXPECT_NE(slug.err.find("slug:"), std::string::npos) << slug.err;
  auto no_name = Admin({"group", "create", "ops"});
  EXPECT_EQ(no_name.exit_code, 2);  // usage: --name is required
}

TEST_F(AdminCli, InviteCreatePrintsTheLink) {
  ASSERT_EQ(Admin({"user", "create", "root", "--admin"}).exit_code, 0);
  ASSERT_EQ(Admin({"group", "create", "ops", "--name", "Operations"}).exit_code, 0);
  auto invite = Admin({"invite", "create", "--group", "ops"});
  ASSERT_EQ(invite.exit_code, 0) << invite.err;
  EXPECT_TRUE(LastLine(invite.out).starts_with("https://guild.example/invite/")) << invite.out;
  auto unknown = Admin({"invite", "create", "--group", "nope"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("group 'nope' not found"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace guildhall::app
