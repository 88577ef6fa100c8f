// The group library and the blob store under it (node/community/library.cc,
// media_types.cc, file_names.cc; storage/lmdb/blob_store.cc).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "node/community/file_names.h"
#include "tests/community/fixture.h"

namespace guildhall::community {
namespace {

using testing::CodeOf;
using testing::Must;

// The smallest valid PNG: a 1x1 transparent pixel.
const std::string kPng(
    "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    "\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9c\x63\x00\x01\x00\x00\x05\x00\x01\x0d\x0a\x2d\xb4"
    "\x00\x00\x00\x00IEND\xae\x42\x60\x82",
    67);

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class Library : public testing::CommunityFixture {
 protected:
  Library() {
    owner_ = Member("owner");
    group_ = Group(owner_, "docs");
  }
  Id owner_, group_;
};

TEST_F(Library, TooLargeFilesAreRefusedWithSizes) {
  const std::string big((12ull << 20) + (3ull << 20) / 10, 'x');  // 12.3 MB
  auto r = c_.library.AddFile(owner_, group_, {.file_name = "big.bin", .bytes = big});
  ASSERT_EQ(CodeOf(r), Code::kTooLarge);
  EXPECT_EQ(r.error().message, "file is 12.3 MB; the limit is 10 MB");
  EXPECT_EQ(FormatSize(10ull << 20), "10 MB");
  EXPECT_EQ(FormatSize(1536), "1.5 KB");
  EXPECT_EQ(FormatSize(80), "80 bytes");
}

TEST_F(Library, MediaTypeComesFromTheBytesNotTheName) {
  auto png = Must(
      c_.library.AddFile(owner_, group_, {.title = "", .file_name = "notes.txt", .bytes = kPng}));
  EXPECT_EQ(png.media_type, "image/png");
  EXPECT_EQ(png.file_name, "notes.txt.png");
  EXPECT_EQ(png.title, "notes.txt.png");
  EXPECT_EQ(png.size, kPng.size());
  auto text = Must(
      c_.library.AddFile(owner_, group_, {.file_name = "readme.txt", .bytes = "plain words\n"}));
  EXPECT_EQ(text.media_type, "text/plain");
  EXPECT_EQ(text.file_name, "readme.txt");
}

TEST_F(Library, SameContentIsStoredOnce) {
  auto a = Must(c_.library.AddFile(owner_, group_, {.file_name = "a.png", .bytes = kPng}));
  auto b = Must(c_.library.AddFile(owner_, group_, {.file_name = "b.png", .bytes = kPng}));
  EXPECT_NE(a.id, b.id);
  EXPECT_EQ(a.blob_sha256, b.blob_sha256);
  size_t blobs = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(blob_dir_.path() / "blobs")) {
    if (entry.is_regular_file()) ++blobs;
  }
  EXPECT_EQ(blobs, 1u);
  auto download = Must(c_.library.Open(owner_, a.id));
  EXPECT_EQ(ReadFile(download.path), kPng);
  EXPECT_EQ(download.media_type, "image/png");
  EXPECT_EQ(download.path.filename().string(), a.blob_sha256);
  EXPECT_EQ(download.path.parent_path().filename().string(), a.blob_sha256.substr(2, 2));
}

TEST_F(Library, LinksListAndRemove) {
  const Id bob = Member("bob"), carol = Member("carol");
  AddMember(owner_, group_, bob);
  AddMember(owner_, group_, carol);
  EXPECT_EQ(c_.library.AddLink(bob, group_, {"Spec", "", "ftp://x"}).error().message,
            "url: must be an http:// or https:// address");
  auto link =
      Must(c_.library.AddLink(bob, group_, {"Spec", "The RFC", "https://rfc.example/5545"}));
  Must(c_.library.AddFile(bob, group_, {.file_name = "x.txt", .bytes = "x"}));
  EXPECT_EQ(Must(c_.library.List(carol, group_, {})).items.size(), 2u);
  EXPECT_EQ(CodeOf(c_.library.Open(carol, link.id)), Code::kNotFound);  // a link is not a file
  EXPECT_EQ(CodeOf(c_.library.Remove(carol, link.id, "")), Code::kForbidden);
  EXPECT_EQ(CodeOf(c_.library.Remove(owner_, link.id, "")), Code::kInvalid);  // moderators say why
  Must(c_.library.Remove(owner_, link.id, "outdated"));
  EXPECT_EQ(Must(c_.library.List(carol, group_, {})).items.size(), 1u);
  EXPECT_EQ(CodeOf(c_.library.Get(carol, link.id)), Code::kNotFound);
  auto entries = Must(c_.audit.List(owner_, {.group = group_}, {})).items;
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries[0].action, "resource.remove");
}

TEST_F(Library, NonMembersCannotUpload) {
  const Id outsider = Member("outsider");
  EXPECT_EQ(CodeOf(c_.library.AddFile(outsider, group_, {.file_name = "x", .bytes = "x"})),
            Code::kForbidden);
}

TEST(FileNames, AreMadeSafe) {
  EXPECT_EQ(SafeFileName("../../etc/passwd", "text/plain"), "passwd.txt");
  EXPECT_EQ(SafeFileName("C:\\Users\\me\\report final.pdf", "application/pdf"), "report_final.pdf");
  EXPECT_EQ(SafeFileName("...hidden", "application/octet-stream"), "hidden");
  EXPECT_EQ(SafeFileName("", "image/png"), "file.png");
  EXPECT_EQ(SafeFileName("evil\r\nname\".png", "image/png"), "evil_name_.png");
  EXPECT_EQ(SafeFileName("photo.JPEG", "image/jpeg"), "photo.JPEG");
  EXPECT_LE(SafeFileName(std::string(500, 'a') + ".pdf", "application/pdf").size(), 100u);
  EXPECT_EQ(SafeFileName(std::string(500, 'a') + ".pdf", "application/pdf").substr(92), "_aaa.pdf");
}

TEST(BlobStore, NamesAreHashesAndNeverPaths) {
  testutil::TempDir dir("guildhall-blobs");
  auto blobs = std::move(*storage::lmdb::FileBlobStore::Open(dir.path()));
  const std::string hash = Must(blobs->Put("abc"));
  EXPECT_EQ(hash, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(blobs->Exists(hash));
  EXPECT_EQ(Must(blobs->Put("abc")), hash);
  EXPECT_FALSE(blobs->PathOf("../../etc/passwd"));
  EXPECT_FALSE(blobs->PathOf(std::string(64, 'A')));
  EXPECT_FALSE(blobs->Exists(std::string(64, 'a')));
  // Leftovers of a crash mid-write are cleared at the next open.
  std::ofstream(dir.path() / "blobs" / "tmp" / "blob-partial") << "half";
  blobs = std::move(*storage::lmdb::FileBlobStore::Open(dir.path()));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() / "blobs" / "tmp"));
  EXPECT_TRUE(blobs->Exists(hash));
}

}  // namespace
}  // namespace guildhall::community
