#include "federation/protocol/html_policy.h"

#include <array>
#include <utility>

#include "federation/protocol/url.h"

namespace guildhall::federation::html {
namespace {

struct Entry {
  std::string_view name;
  ElementRule rule;
};

constexpr ElementRule Inline() { return {Action::kKeep, false, false, Content::kPhrasing}; }
constexpr ElementRule Block(Content content) { return {Action::kKeep, true, false, content}; }
constexpr ElementRule Drop() { return {Action::kDrop}; }
constexpr ElementRule Separator() {
  return {Action::kUnwrap, false, false, Content::kPhrasing, true};
}

// Images from remote servers are never embedded (tracking, mixed content,
// huge payloads); the walker turns <img> into a link to its src instead.
constexpr std::array<Entry, 78> kRules = {{
    {"a", Inline()},
    {"b", Inline()},
    {"code", Inline()},
    {"del", Inline()},
    {"em", Inline()},
    {"i", Inline()},
    {"s", Inline()},
    {"span", Inline()},
    {"strong", Inline()},
    {"u", Inline()},
    {"br", {Action::kKeep, false, true, Content::kPhrasing}},
    {"hr", {Action::kKeep, true, true, Content::kPhrasing}},
    {"p", Block(Content::kPhrasing)},
    {"pre", Block(Content::kPhrasing)},
    {"h1", Block(Content::kPhrasing)},
    {"h2", Block(Content::kPhrasing)},
    {"h3", Block(Content::kPhrasing)},
    {"h4", Block(Content::kPhrasing)},
    {"h5", Block(Content::kPhrasing)},
    {"h6", Block(Content::kPhrasing)},
    {"blockquote", Block(Content::kFlow)},
    {"ul", Block(Content::kList)},
    {"ol", Block(Content::kList)},
    {"li", Block(Content::kFlow)},
    {"table", Block(Content::kTable)},
    {"thead", Block(Content::kSection)},
    {"tbody", Block(Content::kSection)},
    {"tr", Block(Content::kRow)},
    {"th", Block(Content::kFlow)},
    {"td", Block(Content::kFlow)},
    // Dropped with everything inside: active content, foreign content (mXSS),
    // raw-text elements and document furniture.
    {"script", Drop()},
    {"style", Drop()},
    {"svg", Drop()},
    {"math", Drop()},
    {"iframe", Drop()},
    {"object", Drop()},
    {"embed", Drop()},
    {"template", Drop()},
    {"noscript", Drop()},
    {"form", Drop()},
    {"textarea", Drop()},
    {"select", Drop()},
    {"option", Drop()},
    {"optgroup", Drop()},
    {"title", Drop()},
    {"head", Drop()},
    {"meta", Drop()},
    {"link", Drop()},
    {"base", Drop()},
    {"noembed", Drop()},
    {"noframes", Drop()},
    {"xmp", Drop()},
    {"plaintext", Drop()},
    {"frameset", Drop()},
    {"frame", Drop()},
    {"applet", Drop()},
    {"canvas", Drop()},
    {"audio", Drop()},
    {"video", Drop()},
    {"source", Drop()},
    {"track", Drop()},
    {"input", Drop()},
    {"button", Drop()},
    {"param", Drop()},
    {"picture", Drop()},
    {"image", Drop()},
    // Block-like elements we unwrap but whose text must not run together.
    {"div", Separator()},
    {"section", Separator()},
    {"article", Separator()},
    {"header", Separator()},
    {"footer", Separator()},
    {"aside", Separator()},
    {"figure", Separator()},
    {"figcaption", Separator()},
    {"dl", Separator()},
    {"dt", Separator()},
    {"dd", Separator()},
    {"address", Separator()},
}};

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Percent-encodes bytes a URL may not contain literally (non-ASCII, space,
// quotes, angle brackets, ...); '%' itself is kept, so this is idempotent.
std::string EncodeUnsafe(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f ||
        std::string_view("\"'<>\\^`{|}").find(c) != std::string_view::npos) {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

bool KeepClassToken(std::string_view element, std::string_view token) {
  for (std::string_view prefix : {"h-", "p-", "u-", "dt-", "e-"}) {
    if (token.starts_with(prefix) && token.size() > prefix.size()) return true;
  }
  if (token == "mention" || token == "hashtag" || token == "ellipsis" || token == "invisible")
    return true;
  if (element == "code" && token.starts_with("language-") && token.size() > 9 && token.size() <= 41)
    return true;
  return false;
}

void AppendUtf8(std::string& out, std::string_view in, size_t& i) {
  auto c = static_cast<unsigned char>(in[i]);
  size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
  uint32_t cp = len == 4 ? (c & 0x07) : len == 3 ? (c & 0x0f) : (c & 0x1f);
  bool ok = len >= 2 && c <= 0xf4 && i + len <= in.size();
  for (size_t k = 1; ok && k < len; ++k) {
    auto cc = static_cast<unsigned char>(in[i + k]);
    ok = (cc & 0xc0) == 0x80;
    cp = cp << 6 | (cc & 0x3f);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (ok && cp >= kMin[len] && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
    out.append(in.substr(i, len));
    i += len;
  } else {
    out += "\xEF\xBF\xBD";  // U+FFFD
    i += 1;
  }
}

}  // namespace

ElementRule RuleFor(std::string_view name) {
  for (const Entry& e : kRules) {
    if (e.name == name) return e.rule;
  }
  return ElementRule{};
}

bool Allowed(Content parent, std::string_view child, const ElementRule& rule) {
  switch (parent) {
    case Content::kList:
      return child == "li";
    case Content::kTable:
      return child == "thead" || child == "tbody" || child == "tr";
    case Content::kSection:
      return child == "tr";
    case Content::kRow:
      return child == "th" || child == "td";
    case Content::kPhrasing:
      return !rule.is_block;
    case Content::kFlow:
      return child != "li" && child != "thead" && child != "tbody" && child != "tr" &&
             child != "th" && child != "td";
  }
  return false;
}

std::optional<std::string> CleanHref(std::string_view raw) {
  // What browsers strip before resolving a URL (WHATWG URL parser).
  std::string s;
  for (char c : raw) {
    if (c != '\t' && c != '\n' && c != '\r') s += c;
  }
  size_t begin = 0, end = s.size();
  while (begin < end && static_cast<unsigned char>(s[begin]) <= 0x20) ++begin;
  while (end > begin && static_cast<unsigned char>(s[end - 1]) <= 0x20) --end;
  s = s.substr(begin, end - begin);
  std::string lower = LowerAscii(s.substr(0, 8));
  if (lower.starts_with("mailto:")) {
    std::string encoded = EncodeUnsafe(s);
    if (encoded.size() > kMaxUrlBytes || encoded.size() <= 7) return std::nullopt;
    return "mailto:" + encoded.substr(7);
  }
  if (!lower.starts_with("http://") && !lower.starts_with("https://")) return std::nullopt;
  std::string encoded = EncodeUnsafe(s);
  if (!ParseHttpUrl(encoded)) return std::nullopt;
  return encoded;
}

std::string FilterClass(std::string_view element, std::string_view raw) {
  std::string out;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t end = raw.find_first_of(" \t\n\f\r", pos);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view token = raw.substr(pos, end - pos);
    bool safe = !token.empty();
    for (char c : token)
      safe = safe && (IsAsciiAlnum(c) || c == '-' || c == '_' || c == '+' || c == '#' || c == '.');
    if (safe && KeepClassToken(element, token) &&
        (" " + out + " ").find(" " + std::string(token) + " ") == std::string::npos) {
      if (!out.empty()) out += ' ';
      out += token;
    }
    pos = end + 1;
  }
  return out;
}

std::string FilterStart(std::string_view raw) {
  if (raw.empty() || raw.size() > 9) return {};
  for (char c : raw) {
    if (c < '0' || c > '9') return {};
  }
  return std::string(raw);
}

std::string FilterAlign(std::string_view raw) {
  std::string lower = LowerAscii(raw);
  return lower == "left" || lower == "center" || lower == "right" ? lower : std::string();
}

std::string CleanInput(std::string_view in, size_t max) {
  std::string out;
  out.reserve(std::min(in.size(), max));
  size_t i = 0;
  while (i < in.size() && out.size() < max) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      if (c >= 0x20 || c == '\t' || c == '\n') out += static_cast<char>(c);
      ++i;
    } else {
      AppendUtf8(out, in, i);
    }
  }
  return out;
}

}  // namespace guildhall::federation::html
