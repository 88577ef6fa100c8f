// HTML from remote servers (and our own Markdown output) made safe to store
// and display: parsed with libxml2 (confined to html_sanitize.cc), then
// re-serialized from our own walk of the tree, emitting only an allowlist
// (html_policy.h) with every text and attribute value escaped. What is never
// emitted: script/style/svg/math/iframe/object/form/... (dropped with their
// content), on* and style attributes, non-http(s)/mailto links, images (an
// <img> becomes a link to its src: no remote image is ever embedded).
// Idempotent: SanitizeHtml(SanitizeHtml(x)) == SanitizeHtml(x). Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace guildhall::federation {

// Inputs larger than this are cut (at a character boundary) before parsing.
inline constexpr size_t kMaxSanitizeInputBytes = 1024 * 1024;

std::string SanitizeHtml(std::string_view untrusted);

// & < > " ' as entities; for text and attribute values alike.
std::string EscapeHtml(std::string_view text);

// The visible text of an HTML fragment (entities decoded, tags removed,
// blocks and <br> as line breaks, runs of spaces collapsed), for summaries,
// notifications and search. Not HTML: escape it before putting it in a page.
std::string HtmlToText(std::string_view html);

}  // namespace guildhall::federation
