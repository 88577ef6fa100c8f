// SpooledBody (web/http/spooled_body.h): a file's bytes mapped, readable
// after the file is unlinked and its descriptor closed.
#include "web/http/spooled_body.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/testutil/temp_dir.h"

namespace guildhall::web {
namespace {

int MakeUnlinkedFile(const std::filesystem::path& path, std::string_view content) {
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(write(fd, content.data(), content.size()), static_cast<ssize_t>(content.size()));
  unlink(path.c_str());
  return fd;
}

TEST(SpooledBody, MapsTheFileAndOutlivesItsNameAndDescriptor) {
  testutil::TempDir dir("guildhall-spooled");
  const std::string content = std::string("a body\r\nwith\0bytes", 18) + std::string(70000, 'z');
  int fd = MakeUnlinkedFile(dir / "body", content);
  auto body = SpooledBody::Map(fd);
  close(fd);
  ASSERT_TRUE(body) << body.error().message;
  EXPECT_TRUE((*body)->bytes() == content);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(SpooledBody, EmptyFileIsAnEmptyBody) {
  testutil::TempDir dir("guildhall-spooled");
  int fd = MakeUnlinkedFile(dir / "empty", "");
  auto body = SpooledBody::Map(fd);
  close(fd);
  ASSERT_TRUE(body);
  EXPECT_TRUE((*body)->bytes().empty());
}

TEST(SpooledBody, BadDescriptorIsAnError) {
  auto body = SpooledBody::Map(-1);
  ASSERT_FALSE(body);
  EXPECT_NE(body.error().message.find("fstat"), std::string::npos);
}

}  // namespace
}  // namespace guildhall::web
