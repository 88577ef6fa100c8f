// Fuzzes the HTML sanitizer and the Markdown renderer.
// Invariants: the output passes the strict re-parse in html_checks.h (only
// allowlisted tags and attributes, http(s)/mailto links, all text escaped),
// and sanitizing it again changes nothing (idempotence).
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "federation/protocol/html_sanitize.h"
#include "federation/protocol/markdown.h"
#include "tests/federation/html_checks.h"
#include "tests/fuzz/fuzz_check.h"

using namespace guildhall::federation;

namespace {

void CheckSafe(std::string_view input, const std::string& out) {
  auto finding = testing::FindUnsafeMarkup(out);
  if (finding)
    std::fprintf(stderr, "unsafe: %s\ninput: %.*s\noutput: %s\n", finding->c_str(),
                 (int)input.size(), input.data(), out.c_str());
  FUZZ_CHECK(!finding);
  std::string again = SanitizeHtml(out);
  if (again != out)
    std::fprintf(stderr, "not idempotent\ninput: %.*s\nonce:  %s\ntwice: %s\n", (int)input.size(),
                 input.data(), out.c_str(), again.c_str());
  FUZZ_CHECK(again == out);
}

std::optional<std::string> Resolver(std::string_view name, std::string_view host) {
  if (name.size() > 3) return std::nullopt;
  return "https://guild.example/u/" + std::string(name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckSafe(input, SanitizeHtml(input));
  (void)HtmlToText(input);
  CheckSafe(input, RenderMarkdown(input, Resolver).html);
  return 0;
}
