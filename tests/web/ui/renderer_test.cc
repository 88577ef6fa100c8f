// The templates: every page composes and parses, raw (triple-mustache)
// inserts only ever take fields named *_html, and only SetHtml (from
// SafeHtml: Markdown or sanitized HTML) ever fills such a field.
#include "web/html/renderer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "web/html/assets.h"
#include "web/html/safe_html.h"

namespace guildhall::web::html {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(Renderer, EveryPageComposesWithTheLayout) {
  const Renderer& renderer = Renderer::Shared();
  EXPECT_GE(renderer.PageNames().size(), 25u);
  View view = Object();
  view["page_title"] = "T";
  for (const auto& name : renderer.PageNames()) {
    const std::string html = renderer.Page(name, view);
    EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos) << name;
    EXPECT_NE(html.find("<main id=\"main\""), std::string::npos) << name;
    EXPECT_EQ(html.find("{{"), std::string::npos) << name;
  }
}

TEST(Renderer, EscapesByDefault) {
  View view = Object();
  view["page_title"] = "<script>alert(1)</script>";
  view["message"] = "\"><img src=x onerror=alert(1)>";
  const std::string html = Renderer::Shared().Page("error", view);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
}

TEST(Templates, RawInsertsAreOnlyForHtmlFields) {
  static const std::regex triple(R"(\{\{\{\s*([^}\s]+)\s*\}\}\})");
  static const std::regex ampersand(R"(\{\{&)");
  for (const auto& file : EmbeddedFiles()) {
    if (!file.path.ends_with(".mustache")) continue;
    const std::string text(file.content);
    EXPECT_FALSE(std::regex_search(text, ampersand)) << file.path << " uses {{& }}";
    for (auto it = std::sregex_iterator(text.begin(), text.end(), triple);
         it != std::sregex_iterator(); ++it) {
      EXPECT_TRUE((*it)[1].str().ends_with("_html")) << file.path << ": " << it->str();
    }
  }
}

TEST(Templates, HandlersFillHtmlFieldsOnlyThroughSetHtml) {
  // `view["x_html"] = ...` would bypass SafeHtml; `= false` is the one allowed form.
  static const std::regex direct(R"re(\["[a-z_]*_html"\]\s*=(?!\s*false))re");
  const std::filesystem::path root = GUILDHALL_SOURCE_DIR;
  size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "web" / "ui")) {
    if (entry.path().extension() != ".cc") continue;
    ++files;
    const std::string text = ReadFile(entry.path());
    EXPECT_FALSE(std::regex_search(text, direct)) << entry.path();
  }
  EXPECT_GE(files, 10u);
}

TEST(SafeHtml, MarkdownIsSanitized) {
  const auto html = SafeHtml::FromMarkdown(
      "**hi** <script>alert(1)</script> [x](javascript:alert(1)) @alice", "https://guild.example");
  EXPECT_NE(html.str().find("<strong>hi</strong>"), std::string::npos);
  EXPECT_EQ(html.str().find("<script"), std::string::npos);
  EXPECT_EQ(html.str().find("javascript:"), std::string::npos);
  EXPECT_NE(html.str().find("href=\"https://guild.example/u/alice\""), std::string::npos)
      << html.str();
  EXPECT_EQ(SafeHtml::FromText("a<b>\nc").str(), "a&lt;b&gt;<br>c");
}

}  // namespace
}  // namespace guildhall::web::html
