#include "web/html/safe_html.h"

#include <cassert>

#include "federation/protocol/html_sanitize.h"
#include "federation/protocol/markdown.h"
#include "node/community/validation.h"

namespace guildhall::web::html {
namespace {

// `@name` of a local member links to their profile; remote handles stay text
// here (the ActivityPub layer links them in federated copies).
std::optional<std::string> LocalMention(std::string_view origin, std::string_view name,
                                        std::string_view host) {
  if (!host.empty() || origin.empty()) return std::nullopt;
  const std::string lower = community::AsciiLower(name);
  if (!community::IsValidUsername(lower)) return std::nullopt;
  return std::string(origin) + "/u/" + lower;
}

}  // namespace

SafeHtml SafeHtml::FromMarkdown(std::string_view markdown, std::string_view origin) {
  return SafeHtml(
      federation::RenderMarkdown(markdown, [origin](std::string_view name, std::string_view host) {
        return LocalMention(origin, name, host);
      }).html);
}

SafeHtml SafeHtml::FromUntrusted(std::string_view html) {
  return SafeHtml(federation::SanitizeHtml(html));
}

SafeHtml SafeHtml::FromText(std::string_view text) {
  std::string out = federation::EscapeHtml(text);
  std::string with_breaks;
  with_breaks.reserve(out.size());
  for (char c : out) {
    if (c == '\n') {
      with_breaks += "<br>";
    } else {
      with_breaks.push_back(c);
    }
  }
  return SafeHtml(std::move(with_breaks));
}

void SetHtml(View& view, const std::string& key, const SafeHtml& html) {
  assert(key.size() > 5 && key.ends_with("_html"));
  view[key] = html.str();
}

}  // namespace guildhall::web::html
