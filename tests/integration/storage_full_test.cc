// Issue 10 item 6: a node whose disk fills up answers writes with 503
// "storage_full" and Retry-After, says so once (not once per refused write)
// in its log, in /metrics (guildhall_storage_full) and /healthz (degraded),
// and recovers by itself when space returns. The data directory is a real
// small tmpfs mounted for the test (CI runs as root); where mounting is not
// permitted the test is skipped and says why.
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/integration/cluster.h"

namespace guildhall::integration {
namespace {

class TmpfsMount {
 public:
  TmpfsMount(const std::filesystem::path& dir, const char* size) : dir_(dir) {
    std::filesystem::create_directories(dir);
    const std::string options = std::string("size=") + size;
    mounted_ = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) == 0;
    if (!mounted_) error_ = std::strerror(errno);
  }
  ~TmpfsMount() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  TmpfsMount(const TmpfsMount&) = delete;
  TmpfsMount& operator=(const TmpfsMount&) = delete;

  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

 private:
  std::filesystem::path dir_;
  bool mounted_ = false;
  std::string error_;
};

// Writes `path` until the filesystem refuses another byte.
void FillDisk(const std::filesystem::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << std::strerror(errno);
  const std::string chunk(4096, 'x');
  while (std::fwrite(chunk.data(), 1, chunk.size(), f) == chunk.size() && std::fflush(f) == 0) {
  }
  std::fclose(f);
}

size_t CountLines(const std::string& text, const std::string& needle) {
  size_t n = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) n += line.find(needle) != std::string::npos;
  return n;
}

class StorageFull : public ::testing::Test {
 protected:
  testutil::HttpReply PostThread(const std::string& title) {
    const std::string body = "{\"title\":" + testutil::JsonQuote(title) +
                             ",\"body\":" + testutil::JsonQuote(std::string(6000, 'w')) + "}";
    return alpha().Request("POST", "/api/v1/groups/team/threads",
                           {{"Authorization", "Bearer " + token_},
                            {"Accept", "application/json"},
                            {"Content-Type", "application/json"}},
                           body);
  }
  std::string Get(const std::string& target, const std::string& accept = "text/plain") {
    return alpha().Request("GET", target, {{"Accept", accept}}).body;
  }
  testutil::NodeProcess& alpha() { return cluster_["alpha"]; }

  Cluster cluster_{std::vector<std::string>{"alpha"}};
  std::string token_;
};

TEST_F(StorageFull, WritesAnswer503UntilSpaceReturns) {
  TmpfsMount disk(alpha().options().dir / "data", "16m");
  if (!disk.mounted()) {
    GTEST_SKIP() << "cannot mount a 16 MiB tmpfs for the data directory (" << disk.error()
                 << "): this test needs root or CAP_SYS_ADMIN";
  }
  ASSERT_TRUE(alpha().Init());
  ASSERT_TRUE(alpha().Start());
  token_ = alpha().CreateUser("ann");
  ASSERT_FALSE(token_.empty());
  ASSERT_TRUE(alpha().CreateGroup("team", "internal", "ann"));
  ASSERT_EQ(PostThread("before").status, 201u) << alpha().LogTail();
  EXPECT_NE(Get("/metrics").find("guildhall_storage_full 0\n"), std::string::npos);

  const std::filesystem::path filler = alpha().options().dir / "data" / "filler";
  FillDisk(filler);
  // The store reuses the free pages its file already has, then needs more.
  testutil::HttpReply refused;
  for (int i = 0; i < 400 && refused.status != 503; ++i) {
    refused = PostThread("while full " + std::to_string(i));
    ASSERT_TRUE(refused.status == 201 || refused.status == 503)
        << refused.status << " " << refused.body << alpha().LogTail();
  }
  const auto first_refusal = std::chrono::steady_clock::now();
  ASSERT_EQ(refused.status, 503u) << "the store never ran out of space";
  EXPECT_NE(refused.body.find("\"error\":\"storage_full\""), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("storage is full"), std::string::npos) << refused.body;
  EXPECT_EQ(refused.Header("Retry-After"), "60");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(PostThread("still full").status, 503u);
  EXPECT_EQ(Get("/healthz"), "degraded: storage full\n");
  EXPECT_EQ(Get("/healthz", "application/json"), R"({"status":"degraded","storage":"full"})");
  EXPECT_NE(Get("/metrics").find("guildhall_storage_full 1\n"), std::string::npos);
  // Reads go on.
  EXPECT_EQ(alpha().Api(token_, "GET", "/groups/team/threads").status, 200u);

  std::filesystem::remove(filler);
  const testutil::HttpReply back = PostThread("after");
  EXPECT_EQ(back.status, 201u) << back.body << alpha().LogTail();
  EXPECT_EQ(Get("/healthz"), "ok\n");
  EXPECT_NE(Get("/metrics").find("guildhall_storage_full 0\n"), std::string::npos);

  std::string log;
  ASSERT_TRUE(testutil::Eventually([&] {
    log = testutil::ReadWholeFile(alpha().log_path());
    return log.find("storage space is back") != std::string::npos;
  })) << alpha().LogTail();
  // Four refused writes, one line (the log repeats it once a minute at most).
  if (std::chrono::steady_clock::now() - first_refusal < std::chrono::seconds(55)) {
    EXPECT_EQ(CountLines(log, "storage full: writes refused"), 1u) << log;
  }
  EXPECT_EQ(log.find("status=500"), std::string::npos) << log;
  ASSERT_TRUE(alpha().Stop());
}

}  // namespace
}  // namespace guildhall::integration
