// An independent, strict re-parser for SanitizeHtml's output, used by the
// sanitizer tests and the fuzz target. Because the sanitizer escapes every
// '<' in text, each '<' in its output must open or close an allowlisted tag
// whose attributes are allowlisted and double-quoted; anything else is a
// finding. Header-only; no libxml2. Thread-compatible.
#pragma once

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace guildhall::federation::testing {

inline std::string LowerCopy(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Decodes the entities the sanitizer emits (and numeric ones), enough to see
// what a browser would see in an attribute value.
inline std::string DecodeEntities(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos) return out + std::string(s.substr(i));
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp")
      out += '&';
    else if (ent == "lt")
      out += '<';
    else if (ent == "gt")
      out += '>';
    else if (ent == "quot")
      out += '"';
    else if (ent == "#39")
      out += '\'';
    else
      out += "&" + std::string(ent) + ";";
    i = semi;
  }
  return out;
}

// nullopt when `html` is clean; otherwise what is wrong and where.
inline std::optional<std::string> FindUnsafeMarkup(std::string_view html) {
  static const std::set<std::string, std::less<>> kTags = {
      "a",    "b",      "blockquote", "br",    "code", "del", "em",    "h1", "h2",  "h3",
      "h4",   "h5",     "h6",         "hr",    "i",    "li",  "ol",    "p",  "pre", "s",
      "span", "strong", "table",      "tbody", "td",   "th",  "thead", "tr", "u",   "ul"};
  static const std::set<std::string, std::less<>> kAttrs = {"href", "rel", "class", "start",
                                                            "align"};
  if (html.find('\0') != std::string_view::npos) return "NUL byte";
  size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string_view::npos) {
    size_t end = html.find('>', pos);
    if (end == std::string_view::npos) return "unterminated tag at " + std::to_string(pos);
    std::string_view tag = html.substr(pos + 1, end - pos - 1);
    pos = end + 1;
    if (!tag.empty() && tag.front() == '/') tag.remove_prefix(1);
    size_t name_end = std::min(tag.find(' '), tag.size());
    std::string name(tag.substr(0, name_end));
    if (!kTags.count(name)) return "tag <" + name + "> is not allowed";
    std::string_view rest = tag.substr(name_end);
    while (!rest.empty()) {
      if (rest.front() != ' ') return "garbage in <" + name + ">";
      rest.remove_prefix(1);
      size_t eq = rest.find("=\"");
      if (eq == std::string_view::npos) return "attribute without quoted value in <" + name + ">";
      std::string attr(rest.substr(0, eq));
      if (!kAttrs.count(attr)) return "attribute " + attr + " is not allowed";
      size_t close = rest.find('"', eq + 2);
      if (close == std::string_view::npos) return "unterminated attribute value";
      std::string value = LowerCopy(DecodeEntities(rest.substr(eq + 2, close - eq - 2)));
      if (value.find('<') != std::string::npos || value.find('>') != std::string::npos)
        return "markup in attribute";
      if (attr == "href" && !value.starts_with("http://") && !value.starts_with("https://") &&
          !value.starts_with("mailto:")) {
        return "href with a disallowed scheme: " + value;
      }
      for (std::string_view bad : {"javascript:", "vbscript:", "data:"}) {
        if (value.find(bad) != std::string::npos && attr != "href")
          return "dangerous value in " + attr;
      }
      rest.remove_prefix(close + 1);
    }
  }
  if (html.find('>') != std::string_view::npos) {
    // Every '>' must close a tag we saw; a stray one means text was not escaped.
    size_t opens = std::count(html.begin(), html.end(), '<');
    size_t closes = std::count(html.begin(), html.end(), '>');
    if (opens != closes) return "unescaped '>' in text";
  }
  return std::nullopt;
}

}  // namespace guildhall::federation::testing
