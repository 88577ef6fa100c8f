#include "web/html/safe_html.h"

#include <cassert>
#include <cctype>

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

bool SafeShortcode(std::string_view s) {
  if (s.size() < 3 || s.front() != ':' || s.back() != ':') return false;
  for (char c : s.substr(1, s.size() - 2)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// Only our own proxy paths: "/media/", then letters, digits and '/'.
bool SafeSrc(std::string_view s) {
  if (!s.starts_with("/media/")) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/') return false;
  }
  return true;
}

}  // namespace

SafeHtml SafeHtml::WithEmoji(const std::vector<Emoji>& emoji) const {
  std::vector<const Emoji*> usable;
  for (const Emoji& e : emoji) {
    if (SafeShortcode(e.shortcode) && SafeSrc(e.src)) usable.push_back(&e);
  }
  if (usable.empty()) return *this;
  std::string out;
  bool in_tag = false, quoted = false;
  for (size_t i = 0; i < html_.size();) {
    const char c = html_[i];
    if (in_tag) {
      if (c == '"') quoted = !quoted;
      if (c == '>' && !quoted) in_tag = false;
    } else if (c == '<') {
      in_tag = true;
    } else if (c == ':') {
      const Emoji* hit = nullptr;
      for (const Emoji* e : usable) {
        if (std::string_view(html_).substr(i, e->shortcode.size()) == e->shortcode) hit = e;
      }
      if (hit != nullptr) {
        out += "<img class=\"emoji\" src=\"" + hit->src + "\" alt=\"" + hit->shortcode +
               "\" title=\"" + hit->shortcode + "\">";
        i += hit->shortcode.size();
        continue;
      }
    }
    out.push_back(c);
    ++i;
  }
  return SafeHtml(std::move(out));
}

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
