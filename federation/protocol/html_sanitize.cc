// The only translation unit that includes libxml2 (STYLE 6).
#include "federation/protocol/html_sanitize.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <memory>
#include <vector>

#include "federation/protocol/html_policy.h"

namespace guildhall::federation {
namespace {

using html::Action;
using html::Content;
using html::ElementRule;

constexpr size_t kMaxEmittedDepth = 48;  // deeper allowed elements are unwrapped

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

// Parses a fragment inside a <div> so that libxml2 does not wrap leading
// text in an implied <p>. NONET: never fetch; IGNORE_ENC: a <meta charset>
// in the input must not change how we decode it.
DocPtr ParseFragment(std::string_view untrusted) {
  std::string input = "<div>" + html::CleanInput(untrusted, kMaxSanitizeInputBytes) + "</div>";
  int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
                HTML_PARSE_NOIMPLIED | HTML_PARSE_IGNORE_ENC;
  return DocPtr(
      htmlReadMemory(input.data(), static_cast<int>(input.size()), nullptr, "UTF-8", options));
}

std::string_view Name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

// Character references can spell what CleanInput removed from the raw input
// (&#13;, &#1;), so decoded text and attribute values go through it again:
// otherwise a second sanitize would see different text than the first wrote.
std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return {};
  std::string out = html::CleanInput(reinterpret_cast<const char*>(v), kMaxSanitizeInputBytes);
  xmlFree(v);
  return out;
}

std::string TextOf(const xmlNode* n) {
  if (n->content == nullptr) return {};
  return html::CleanInput(reinterpret_cast<const char*>(n->content), kMaxSanitizeInputBytes);
}

// A pre-order walk over libxml2's tree without recursion (input nesting is
// unbounded). Enter() returns true when it wants the children (and then
// Leave() follows once they are done); text nodes go to Text().
template <class Visitor>
void Walk(xmlNode* root, Visitor& v) {
  xmlNode* node = root->children;
  while (node != nullptr) {
    if (node->type == XML_ELEMENT_NODE) {
      if (v.Enter(node)) {
        if (node->children != nullptr) {
          node = node->children;
          continue;
        }
        v.Leave(node);
      }
    } else if (node->type == XML_TEXT_NODE) {
      v.Text(node);
    }
    while (node->next == nullptr) {
      node = node->parent;
      if (node == root || node == nullptr) return;
      v.Leave(node);  // every ancestor below root was entered
    }
    node = node->next;
  }
}

// Emits the allowlisted subset of the tree. One frame per entered element.
class Sanitizer {
 public:
  bool Enter(xmlNode* n) {
    std::string name(Name(n));
    ElementRule rule = html::RuleFor(name);
    if (rule.action == Action::kDrop) return false;
    if (name == "img") return EmitImageLink(n), false;
    Content parent = Context();
    bool keep = rule.action == Action::kKeep && html::Allowed(parent, name, rule) &&
                depth_ < kMaxEmittedDepth && !(name == "a" && in_link_);
    std::string open = keep ? OpenTag(n, name) : std::string();
    if (keep && open.empty()) keep = false;  // <a> without a usable href: keep its text
    if (!keep && rule.separates) out_ += '\n';
    if (keep) out_ += open;
    if (keep && rule.is_void) return false;
    frames_.push_back({keep, name, rule.content, rule.separates});
    if (keep) ++depth_;
    if (name == "a" && keep) in_link_ = true;
    return true;
  }

  void Leave(xmlNode*) {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    if (f.kept) {
      out_ += "</" + f.name + ">";
      --depth_;
      if (f.name == "a") in_link_ = false;
    } else if (f.separates) {
      out_ += '\n';
    }
  }

  void Text(const xmlNode* n) { out_ += EscapeHtml(TextOf(n)); }

  std::string Take() { return std::move(out_); }

 private:
  struct Frame {
    bool kept;
    std::string name;
    Content content;
    bool separates;
  };

  Content Context() const {
    for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
      if (it->kept) return it->content;
    }
    return Content::kFlow;
  }

  std::string OpenTag(const xmlNode* n, const std::string& name) {
    std::string tag = "<" + name;
    if (name == "a") {
      auto href = html::CleanHref(Attr(n, "href"));
      if (!href) return {};
      tag += " href=\"" + EscapeHtml(*href) + "\" rel=\"nofollow noopener noreferrer\"";
    }
    if (name == "a" || name == "span" || name == "code") {
      std::string cls = html::FilterClass(name, Attr(n, "class"));
      if (!cls.empty()) tag += " class=\"" + EscapeHtml(cls) + "\"";
    }
    if (name == "ol") {
      std::string start = html::FilterStart(Attr(n, "start"));
      if (!start.empty()) tag += " start=\"" + start + "\"";
    }
    if (name == "th" || name == "td") {
      std::string align = html::FilterAlign(Attr(n, "align"));
      if (!align.empty()) tag += " align=\"" + align + "\"";
    }
    return tag + ">";
  }

  // <img src alt> -> <a href=src>alt</a> where a link may go; alt text otherwise.
  void EmitImageLink(const xmlNode* n) {
    std::string alt = Attr(n, "alt");
    auto src = html::CleanHref(Attr(n, "src"));
    bool can_link = src && !src->starts_with("mailto:") && !in_link_ && depth_ < kMaxEmittedDepth &&
                    html::Allowed(Context(), "a", html::RuleFor("a"));
    if (!can_link) {
      out_ += EscapeHtml(alt);
      return;
    }
    out_ += "<a href=\"" + EscapeHtml(*src) + "\" rel=\"nofollow noopener noreferrer\">" +
            EscapeHtml(alt.empty() ? *src : alt) + "</a>";
  }

  std::string out_;
  std::vector<Frame> frames_;
  size_t depth_ = 0;
  bool in_link_ = false;
};

// Collects visible text: <br>, list items and table rows end a line; other
// blocks end a paragraph (a blank line).
class TextCollector {
 public:
  bool Enter(xmlNode* n) {
    std::string name(Name(n));
    ElementRule rule = html::RuleFor(name);
    if (rule.action == Action::kDrop) return false;
    if (name == "br") {
      out_ += kLine;
      return false;
    }
    if (name == "img") {
      Append(Attr(n, "alt"));
      return false;
    }
    Break(name, rule);
    return true;
  }
  void Leave(xmlNode* n) {
    std::string name(Name(n));
    Break(name, html::RuleFor(name));
  }
  void Text(const xmlNode* n) { Append(TextOf(n)); }

  std::string Take() {
    std::string text;
    bool line = false, paragraph = false;
    for (char c : out_) {
      if (c == kLine || c == kParagraph) {
        line = true;
        paragraph = paragraph || c == kParagraph;
        continue;
      }
      if (line && !text.empty()) text += paragraph ? "\n\n" : "\n";
      line = paragraph = false;
      text += c;
    }
    return text;
  }

 private:
  // Markers, never present in cleaned input (CleanInput drops C0 controls).
  static constexpr char kLine = '\x01';
  static constexpr char kParagraph = '\x02';

  void Break(const std::string& name, const ElementRule& rule) {
    if (name == "li" || name == "tr" || name == "td" || name == "th") {
      out_ += kLine;
    } else if (rule.is_block || rule.separates) {
      out_ += kParagraph;
    }
  }

  // Whitespace inside text collapses to one space, as a browser shows it.
  void Append(const std::string& s) {
    for (char c : s) {
      bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
      if (!space) {
        out_ += c;
      } else if (!out_.empty() && out_.back() != ' ' && out_.back() != kLine &&
                 out_.back() != kParagraph) {
        out_ += ' ';
      }
    }
  }

  std::string out_;
};

xmlNode* Wrapper(xmlDoc* doc) {
  // The <div> we added; fall back to the document if libxml2 restructured it.
  xmlNode* root = xmlDocGetRootElement(doc);
  return root != nullptr && root->next == nullptr && Name(root) == "div"
             ? root
             : reinterpret_cast<xmlNode*>(doc);
}

}  // namespace

std::string SanitizeHtml(std::string_view untrusted) {
  DocPtr doc = ParseFragment(untrusted);
  if (!doc) return EscapeHtml(html::CleanInput(untrusted, kMaxSanitizeInputBytes));
  Sanitizer sanitizer;
  Walk(Wrapper(doc.get()), sanitizer);
  return sanitizer.Take();
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string HtmlToText(std::string_view html) {
  DocPtr doc = ParseFragment(html);
  if (!doc) return html::CleanInput(html, kMaxSanitizeInputBytes);
  TextCollector collector;
  Walk(Wrapper(doc.get()), collector);
  std::string text = collector.Take();
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
  while (!text.empty() && text.front() == ' ') text.erase(0, 1);
  return text;
}

}  // namespace guildhall::federation
