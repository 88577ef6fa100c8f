// Access to the interop corpus under tests/fixtures/ap/ for federation tests.
// GUILDHALL_FIXTURES_DIR is set by tests/federation/CMakeLists.txt.
// Set GUILDHALL_UPDATE_GOLDEN=1 to rewrite golden files instead of comparing.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace guildhall::federation::testing {

inline std::filesystem::path FixturePath(const std::string& relative) {
  return std::filesystem::path(GUILDHALL_FIXTURES_DIR) / relative;
}

// The file's text; Mbin's snapshot placeholders (SCRUBBED_ID, SCRUBBED_DATE,
// tests/fixtures/ap/SOURCES.md) become distinct ids and a fixed time, as
// Mbin's own tests fill them.
inline std::string ReadFixture(const std::string& relative) {
  std::ifstream in(FixturePath(relative), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  int n = 0;
  for (size_t at = text.find("SCRUBBED_ID"); at != std::string::npos;
       at = text.find("SCRUBBED_ID", at)) {
    text.replace(at, 11, "https://kbin.test/scrubbed/" + std::to_string(++n));
  }
  for (size_t at = text.find("SCRUBBED_DATE"); at != std::string::npos;
       at = text.find("SCRUBBED_DATE", at)) {
    text.replace(at, 13, "2026-01-01T00:00:00+00:00");
  }
  return text;
}

// Every AS2 *.json below tests/fixtures/ap/ (not the discovery/ goldens, which
// are WebFinger and NodeInfo documents), as "ap/server/file.json", sorted.
inline std::vector<std::string> CorpusFiles() {
  std::vector<std::string> out;
  auto root = FixturePath("ap");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json" &&
        entry.path().parent_path().filename() != "discovery") {
      out.push_back(std::filesystem::relative(entry.path(), FixturePath("")).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline bool UpdatingGolden() {
  const char* v = std::getenv("GUILDHALL_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// Compares `actual` with the golden file, or rewrites it when updating.
inline std::string Golden(const std::string& relative, const std::string& actual) {
  if (UpdatingGolden()) {
    std::filesystem::create_directories(FixturePath(relative).parent_path());
    std::ofstream(FixturePath(relative), std::ios::binary) << actual;
    return actual;
  }
  return ReadFixture(relative);
}

}  // namespace guildhall::federation::testing
