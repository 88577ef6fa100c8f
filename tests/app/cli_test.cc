// Drives the built `guildhall` binary (GUILDHALL_BINARY) as a person or a
// script would: --version, init, check, backup, a bad config, and config
// sample. Each test works in its own temp dir with the default data_dir.
#include <gtest/gtest.h>

#include <fstream>

#include "node/app/config_schema.h"
#include "tests/app/child_process.h"
#include "tests/testutil/temp_dir.h"

namespace guildhall::app {
namespace {

using testing::RunGuildhall;

TEST(Cli, VersionPrintsNameAndVersion) {
  testutil::TempDir dir;
  auto run = RunGuildhall({"--version"}, dir.path());
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_TRUE(run.out.starts_with("guildhall 0.1.0")) << run.out;
}

TEST(Cli, InitCheckBackupAndCheckTheBackup) {
  testutil::TempDir dir;
  auto init = RunGuildhall({"init"}, dir.path());
  ASSERT_EQ(init.exit_code, 0) << init.out << init.err;
  EXPECT_NE(init.out.find("./data initialized (store schema 1)"), std::string::npos) << init.out;
  EXPECT_NE(init.out.find("  username: admin\n  password: "), std::string::npos) << init.out;
  EXPECT_TRUE(std::filesystem::exists(dir / "data/store/data.mdb"));

  // The admin is created once; its password is never shown again.
  auto again = RunGuildhall({"init"}, dir.path());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("is already initialized"), std::string::npos) << again.out;
  EXPECT_EQ(again.out.find("password"), std::string::npos) << again.out;

  auto check = RunGuildhall({"check"}, dir.path());
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("schema_version=1"), std::string::npos) << check.out;
  EXPECT_EQ(check.out.find("records=0 "), std::string::npos) << check.out;  // the admin
  EXPECT_NE(check.out.find("\nok\n"), std::string::npos) << check.out;

  auto backup = RunGuildhall({"backup", (dir / "copy").string()}, dir.path());
  ASSERT_EQ(backup.exit_code, 0) << backup.out << backup.err;
  std::ofstream(dir / "copy.toml") << "[node]\ndata_dir = \"copy\"\n";
  auto check_copy = RunGuildhall({"--config", "copy.toml", "check"}, dir.path());
  EXPECT_EQ(check_copy.exit_code, 0) << check_copy.out << check_copy.err;
  EXPECT_NE(check_copy.out.find("schema_version=1"), std::string::npos) << check_copy.out;

  // A second backup into the same place must not overwrite the first.
  auto twice = RunGuildhall({"backup", (dir / "copy").string()}, dir.path());
  EXPECT_EQ(twice.exit_code, 1) << twice.out;
}

TEST(Cli, CheckWithoutInitFails) {
  testutil::TempDir dir;
  auto check = RunGuildhall({"check"}, dir.path());
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.err.find("guildhall init"), std::string::npos) << check.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "data/store"));
}

TEST(Cli, BadConfigExitsTwoNamingFileKeyAndReason) {
  testutil::TempDir dir;
  std::ofstream(dir / "guildhall.toml") << "[http]\nlisten = \"8080\"\n";
  // --config is accepted before and after the command.
  for (auto args : {std::vector<std::string>{"--config", "guildhall.toml", "serve"},
                    std::vector<std::string>{"check", "--config", "guildhall.toml"}}) {
    auto run = RunGuildhall(args, dir.path());
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_EQ(run.err, "guildhall.toml: http.listen: \"8080\" is not host:port\n");
  }
}

TEST(Cli, UnknownCommandIsAUsageError) {
  testutil::TempDir dir;
  EXPECT_EQ(RunGuildhall({"frobnicate"}, dir.path()).exit_code, 2);
  EXPECT_EQ(RunGuildhall({}, dir.path()).exit_code, 2);
}

TEST(Cli, ConfigSampleAndHelpComeFromTheKeyTable) {
  testutil::TempDir dir;
  auto sample = RunGuildhall({"config", "sample"}, dir.path());
  EXPECT_EQ(sample.exit_code, 0);
  EXPECT_EQ(sample.out, SampleConfig());
  auto help = RunGuildhall({"config", "--help"}, dir.path());
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("federation.allow_private_addresses"), std::string::npos) << help.out;
  std::ofstream(dir / "sample.toml") << sample.out;
  auto check = RunGuildhall({"--config", "sample.toml", "config", "check"}, dir.path());
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

}  // namespace
}  // namespace guildhall::app
