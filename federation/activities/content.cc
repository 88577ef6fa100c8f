#include "federation/activities/content.h"

#include <array>
#include <cstdint>

#include "federation/protocol/html_sanitize.h"

namespace guildhall::federation {
namespace {

constexpr std::string_view kMarkdownSpecials = "\\`*_[]<>!|~#";

void AppendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    if (kMarkdownSpecials.find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
}

// The few entities HTML serializers emit; others stay as written (escaped).
std::string DecodeEntities(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, char>, 6> kEntities = {{
      {"&amp;", '&'},
      {"&lt;", '<'},
      {"&gt;", '>'},
      {"&quot;", '"'},
      {"&#39;", '\''},
      {"&apos;", '\''},
  }};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool matched = false;
    if (s[i] == '&') {
      for (const auto& [name, c] : kEntities) {
        if (s.substr(i, name.size()) == name) {
          out.push_back(c);
          i += name.size();
          matched = true;
          break;
        }
      }
    }
    if (!matched) out.push_back(s[i++]);
  }
  return out;
}

std::string TagName(std::string_view tag) {
  size_t i = (!tag.empty() && tag[0] == '/') ? 1 : 0;
  std::string name;
  while (i < tag.size() && ((tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= 'A' && tag[i] <= 'Z') ||
                            (tag[i] >= '0' && tag[i] <= '9'))) {
    name.push_back(static_cast<char>(tag[i] | 0x20));
    ++i;
  }
  return name;
}

// The value of href="..." (or '...') in a start tag; empty if none.
std::string Href(std::string_view tag) {
  size_t at = tag.find("href=");
  if (at == std::string_view::npos || at + 5 >= tag.size()) return "";
  const char quote = tag[at + 5];
  if (quote != '"' && quote != '\'') return "";
  size_t end = tag.find(quote, at + 6);
  if (end == std::string_view::npos) return "";
  std::string href = DecodeEntities(tag.substr(at + 6, end - at - 6));
  if (!href.starts_with("https://") && !href.starts_with("http://")) return "";
  if (href.find_first_of(" ()<>\n") != std::string::npos) return "";
  return href;
}

struct Converter {
  std::string out;
  std::string link_href;  // inside <a href>: set
  size_t link_start = 0;

  void Text(std::string_view raw) { AppendEscaped(out, DecodeEntities(raw)); }

  void Tag(std::string_view tag) {
    const bool closing = !tag.empty() && tag[0] == '/';
    const std::string name = TagName(tag);
    if (name == "br") {
      out += "  \n";
    } else if (name == "strong" || name == "b") {
      out += "**";
    } else if (name == "em" || name == "i") {
      out += "*";
    } else if (name == "p" || name == "div" || name == "li" || name == "blockquote" ||
               (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6')) {
      if (!out.empty() && !out.ends_with("\n\n")) out += out.ends_with("\n") ? "\n" : "\n\n";
    } else if (name == "a" && !closing) {
      link_href = Href(tag);
      link_start = out.size();
    } else if (name == "a" && closing && !link_href.empty()) {
      std::string text = out.substr(link_start);
      out.resize(link_start);
      out += "[" + (text.empty() ? link_href : text) + "](" + link_href + ")";
      link_href.clear();
    }
  }
};

// Drops the content of elements whose text is never meant to be read.
size_t SkipRawText(std::string_view html, size_t pos, const std::string& name) {
  if (name != "script" && name != "style") return pos;
  size_t end = html.find("</" + name, pos);
  return end == std::string_view::npos ? html.size() : end;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  size_t start = s.find_first_not_of("\n ");
  return start == std::string::npos ? "" : s.substr(start);
}

// Walks HTML that SanitizeHtml produced (well-formed, allowlisted), so a
// plain scan over tags and text is enough here.
std::string Convert(std::string_view html) {
  Converter c;
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    c.Text(html.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i));
    if (lt == std::string_view::npos) break;
    const size_t gt = html.find('>', lt);
    if (gt == std::string_view::npos) break;  // an unterminated tag: drop the rest
    std::string_view tag = html.substr(lt + 1, gt - lt - 1);
    c.Tag(tag);
    i = SkipRawText(html, gt + 1, TagName(tag));
  }
  return Trim(std::move(c.out));
}

}  // namespace

std::string HtmlToMarkdownText(std::string_view html) { return Convert(SanitizeHtml(html)); }

std::string CleanText(std::string_view text, size_t max_chars) {
  std::string out;
  size_t chars = 0;
  for (char c : text) {
    const auto u = static_cast<uint8_t>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f) continue;
    if ((u & 0xC0) != 0x80 && ++chars > max_chars) break;
    out.push_back(c);
  }
  return out;
}

std::string RemoteMarkdown(const as::Object& object) {
  constexpr size_t kMaxBody = 50000;
  if (object.source && object.source->media_type == "text/markdown" &&
      !object.source->content.empty()) {
    return CleanText(object.source->content, kMaxBody);
  }
  if (object.media_type == "text/markdown") return CleanText(object.content, kMaxBody);
  return CleanText(HtmlToMarkdownText(object.content), kMaxBody);
}

std::string RemoteTitle(const as::Object& object, size_t max_chars) {
  std::string title = object.name;
  if (title.empty()) title = HtmlToText(object.content);
  for (char& c : title) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  // Cut at a character boundary (UTF-8 continuation bytes are 10xxxxxx).
  size_t chars = 0;
  for (size_t i = 0; i < title.size(); ++i) {
    if ((static_cast<uint8_t>(title[i]) & 0xC0) != 0x80 && ++chars > max_chars) {
      title.resize(i);
      break;
    }
  }
  if (title.empty()) title = "(untitled)";
  return title;
}

}  // namespace guildhall::federation
