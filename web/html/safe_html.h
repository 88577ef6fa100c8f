// SafeHtml: HTML that may be inserted unescaped into a page, because it came
// out of the Markdown renderer or the sanitizer (federation/protocol), both of
// which emit only an allowlist of elements and attributes. Handlers cannot
// construct one from arbitrary text, and SetHtml is the only way such text
// reaches a template, under a key ending in "_html" (the templates' `{{{ }}}`
// fields; tests check both sides). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "web/html/view.h"

namespace guildhall::web::html {

class SafeHtml {
 public:
  // Markdown as the community stores it; `@name` links to
  // <origin>/u/name (the sanitizer keeps absolute http(s) links only; an
  // empty origin leaves mentions as text).
  static SafeHtml FromMarkdown(std::string_view markdown, std::string_view origin);
  // Untrusted HTML (remote content), sanitized.
  static SafeHtml FromUntrusted(std::string_view html);
  // Plain text, escaped, with line breaks kept (<br>).
  static SafeHtml FromText(std::string_view text);

  // A custom emoji (`:blobcat:`) and the URL on this node that serves its
  // image (the media proxy, "/media/..."). Others are skipped.
  struct Emoji {
    std::string shortcode;  // ':', letters, digits or '_', ':'
    std::string src;        // "/media/t/123/e0"
  };
  // This HTML with each emoji's shortcode in its text (never inside a tag or
  // an attribute) drawn as an <img> of its src, as Mastodon shows them.
  SafeHtml WithEmoji(const std::vector<Emoji>& emoji) const;

  const std::string& str() const { return html_; }
  bool empty() const { return html_.empty(); }

 private:
  explicit SafeHtml(std::string html) : html_(std::move(html)) {}
  std::string html_;
};

// view[key] = html. REQUIRES: key ends in "_html".
void SetHtml(View& view, const std::string& key, const SafeHtml& html);

}  // namespace guildhall::web::html
