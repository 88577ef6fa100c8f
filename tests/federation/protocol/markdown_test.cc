#include "federation/protocol/markdown.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "federation/protocol/html_sanitize.h"
#include "tests/federation/html_checks.h"

namespace guildhall::federation {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::optional<std::string> Directory(std::string_view name, std::string_view host) {
  if (name == "carol" && host.empty()) return "https://guild.example/u/carol";
  if (name == "alice" && host == "mastodon.example") return "https://mastodon.example/users/alice";
  if (name == "bob" && host == "127.0.0.1:8001") return "http://127.0.0.1:8001/users/bob";
  return std::nullopt;
}

TEST(Markdown, RendersCommonMarkAndGfm) {
  auto out = RenderMarkdown(
      "# Title\n\nSome **bold**, *em*, ~~gone~~ and `code`.\n\n"
      "- one\n- two\n\n| a | b |\n|:-:|---|\n| 1 | 2 |\n\n```cpp\nint x;\n```\n");
  EXPECT_THAT(out.html, HasSubstr("<h1>Title</h1>"));
  EXPECT_THAT(out.html, HasSubstr("<strong>bold</strong>"));
  EXPECT_THAT(out.html, HasSubstr("<em>em</em>"));
  EXPECT_THAT(out.html, HasSubstr("<del>gone</del>"));
  EXPECT_THAT(out.html, HasSubstr("<code>code</code>"));
  EXPECT_THAT(out.html, HasSubstr("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"));
  EXPECT_THAT(out.html, HasSubstr("<th align=\"center\">a</th>"));
  EXPECT_THAT(out.html, HasSubstr("<pre><code class=\"language-cpp\">int x;\n</code></pre>"));
  EXPECT_FALSE(testing::FindUnsafeMarkup(out.html));
  EXPECT_EQ(SanitizeHtml(out.html), out.html);
}

TEST(Markdown, AutolinksGetNofollow) {
  auto out = RenderMarkdown("see https://example.com/x and www.example.org");
  EXPECT_THAT(out.html,
              HasSubstr("<a href=\"https://example.com/x\" rel=\"nofollow noopener noreferrer\">"));
  EXPECT_THAT(
      out.html,
      HasSubstr("<a href=\"http://www.example.org\" rel=\"nofollow noopener noreferrer\">"));
}

TEST(Markdown, RawHtmlAndUnsafeLinksAreDropped) {
  auto out = RenderMarkdown(
      "<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
      "![i](data:text/html,boom) <b onclick=x>b</b>");
  EXPECT_THAT(out.html, Not(HasSubstr("<script")));
  EXPECT_THAT(out.html, Not(HasSubstr("onerror")));
  EXPECT_THAT(out.html, Not(HasSubstr("javascript:")));
  EXPECT_THAT(out.html, Not(HasSubstr("data:")));
  EXPECT_THAT(out.html, Not(HasSubstr("onclick")));
  EXPECT_FALSE(testing::FindUnsafeMarkup(out.html));
}

TEST(Markdown, ImagesBecomeLinks) {
  auto out = RenderMarkdown("![a chart](https://cdn.example/chart.png)");
  EXPECT_EQ(out.html,
            "<p><a href=\"https://cdn.example/chart.png\" rel=\"nofollow noopener noreferrer\">a "
            "chart</a></p>\n");
}

TEST(Markdown, LinksLocalAndRemoteMentions) {
  auto out = RenderMarkdown(
      "Hi @carol, @alice@mastodon.example and @bob@127.0.0.1:8001! Not @nobody.", Directory);
  EXPECT_THAT(
      out.html,
      HasSubstr("<span class=\"h-card\"><a href=\"https://guild.example/u/carol\" "
                "rel=\"nofollow noopener noreferrer\" class=\"u-url mention\">@carol</a></span>"));
  EXPECT_THAT(out.html, HasSubstr("class=\"u-url mention\">@alice@mastodon.example</a>"));
  EXPECT_THAT(out.html, HasSubstr("href=\"http://127.0.0.1:8001/users/bob\""));
  EXPECT_THAT(out.html, HasSubstr("Not @nobody."));
  ASSERT_EQ(out.mentions.size(), 3u);
  EXPECT_EQ(out.mentions[0].name, "carol");
  EXPECT_EQ(out.mentions[0].host, "");
  EXPECT_EQ(out.mentions[1].host, "mastodon.example");
  EXPECT_EQ(out.mentions[1].href, "https://mastodon.example/users/alice");
  EXPECT_EQ(SanitizeHtml(out.html), out.html);
}

TEST(Markdown, MentionsAreNotLinkedInCodeLinksOrAddresses) {
  auto out = RenderMarkdown(
      "`@carol` and [@carol](https://x.example/) and mail carol@guild.example\n\n    @carol\n",
      Directory);
  EXPECT_THAT(out.html, Not(HasSubstr("u-url mention")));
  EXPECT_TRUE(out.mentions.empty());
}

// Found by fuzz_html_sanitize: table cells refuse custom inline nodes, and the
// refused node leaked. A mention in a cell becomes a plain link.
TEST(Markdown, MentionInTableCell) {
  auto out = RenderMarkdown("| who |\n|---|\n| @carol |\n", Directory);
  EXPECT_THAT(out.html, HasSubstr("<td><a href=\"https://guild.example/u/carol\" rel=\"nofollow "
                                  "noopener noreferrer\">@carol</a></td>"));
  ASSERT_EQ(out.mentions.size(), 1u);
}

TEST(Markdown, RepeatedMentionsAreListedOnce) {
  auto out = RenderMarkdown("@carol @carol", Directory);
  EXPECT_EQ(out.mentions.size(), 1u);
}

TEST(Markdown, WithoutResolverMentionsStayText) {
  auto out = RenderMarkdown("@carol");
  EXPECT_EQ(out.html, "<p>@carol</p>\n");
}

}  // namespace
}  // namespace guildhall::federation
