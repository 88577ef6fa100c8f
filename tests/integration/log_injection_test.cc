// Issue 10 item 4: a peer cannot write lines of its own into the node's log.
// An unsigned inbox POST whose activity type carries CR, LF and ESC is
// refused (401) and logged as exactly one line, with those characters
// escaped (storage/model/log_field.h), read back from a real node's log.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "tests/integration/cluster.h"

namespace guildhall::integration {
namespace {

std::vector<std::string> LinesWith(const std::string& text, const std::string& needle) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.find(needle) != std::string::npos) out.push_back(line);
  }
  return out;
}

TEST(LogInjection, InboxTypeWithLineBreaksIsOneEscapedLogLine) {
  Cluster cluster({"alpha"});
  testutil::NodeProcess& alpha = cluster["alpha"];
  ASSERT_TRUE(alpha.Init());
  ASSERT_TRUE(alpha.Start());
  ASSERT_TRUE(testutil::ServesFederation(alpha));

  // JSON escapes: the parsed type holds a real LF, CR and ESC.
  const std::string marker = "FORGED-7c1e";
  const std::string body =
      R"({"@context":"https://www.w3.org/ns/activitystreams","id":"https://evil.test/a/1",)"
      R"("type":"Create\n2026-01-01T00:00:00.000+0000 info federation: inbox )" +
      marker +
      R"( result=accepted\r\u001b[2K","actor":"https://evil.test/u/x",)"
      R"("object":"https://evil.test/o/1"})";
  testutil::HttpReply reply =
      alpha.Request("POST", "/inbox", {{"Content-Type", "application/activity+json"}}, body);
  EXPECT_EQ(reply.status, 401u) << reply.error << reply.body;

  std::string log;
  ASSERT_TRUE(testutil::Eventually([&] {
    log = testutil::ReadWholeFile(alpha.log_path());
    return log.find(marker) != std::string::npos;
  })) << alpha.LogTail();
  const auto lines = LinesWith(log, marker);
  ASSERT_EQ(lines.size(), 1u) << log;
  const std::string& line = lines[0];
  EXPECT_NE(line.find(" info federation: inbox req=#"), std::string::npos) << line;
  EXPECT_NE(line.find("status=401"), std::string::npos) << line;
  EXPECT_NE(line.find(R"(type="Create\n2026-01-01T00:00:00.000+0000 info federation: inbox )" +
                      marker + R"( result=accepted\r\x1b[2K")"),
            std::string::npos)
      << line;
  EXPECT_NE(line.find("result=rejected"), std::string::npos) << line;
  EXPECT_EQ(log.find('\r'), std::string::npos);
  EXPECT_EQ(log.find('\x1b'), std::string::npos);
}

}  // namespace
}  // namespace guildhall::integration
