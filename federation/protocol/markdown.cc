#include "federation/protocol/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

#include "federation/protocol/html_sanitize.h"

namespace guildhall::federation {
namespace {

constexpr size_t kMaxMarkdownBytes = 256 * 1024;
constexpr int kOptions =
    CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;  // "safe" is cmark-gfm's default

struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterFree {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

cmark_parser* NewParser() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
  cmark_parser* parser = cmark_parser_new(kOptions);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser, ext);
  }
  return parser;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool IsHostChar(char c) { return IsNameChar(c) || c == '.' || c == '-' || c == ':'; }
// A mention starts after nothing, whitespace or punctuation that is not part of a word or address.
bool IsBoundary(std::string_view text, size_t at) {
  if (at == 0) return true;
  char c = text[at - 1];
  return !IsNameChar(c) && c != '@' && c != '.' && c != '/' && c != '-' && c != ':';
}

struct Handle {
  size_t begin = 0, end = 0;  // [begin, end) in the text, including '@'
  std::string name, host;
};

// The next `@name` or `@name@host` at or after `from`.
std::optional<Handle> NextHandle(std::string_view text, size_t from) {
  for (size_t at = text.find('@', from); at != std::string_view::npos;
       at = text.find('@', at + 1)) {
    if (!IsBoundary(text, at)) continue;
    size_t p = at + 1;
    while (p < text.size() && (IsNameChar(text[p]) || text[p] == '.' || text[p] == '-')) ++p;
    while (p > at + 1 && (text[p - 1] == '.' || text[p - 1] == '-'))
      --p;  // "@alice." ends the sentence
    if (p == at + 1) continue;
    Handle h{at, p, std::string(text.substr(at + 1, p - at - 1)), ""};
    if (p + 1 < text.size() && text[p] == '@' && IsHostChar(text[p + 1])) {
      size_t q = p + 1;
      while (q < text.size() && IsHostChar(text[q])) ++q;
      while (q > p + 1 && (text[q - 1] == '.' || text[q - 1] == '-' || text[q - 1] == ':')) --q;
      if (q > p + 1) {
        h.host = std::string(text.substr(p + 1, q - p - 1));
        h.end = q;
      }
    }
    return h;
  }
  return std::nullopt;
}

class MentionLinker {
 public:
  explicit MentionLinker(const MentionResolver& resolver) : resolver_(resolver) {}

  // Splits a text node around every resolvable handle.
  void LinkText(cmark_node* text_node) {
    std::string text = cmark_node_get_literal(text_node);
    size_t done = 0;
    for (auto h = NextHandle(text, 0); h; h = NextHandle(text, h->end)) {
      auto href = Resolve(h->name, h->host);
      if (!href) continue;
      Insert(text_node, TextNode(text.substr(done, h->begin - done)));
      std::string label = text.substr(h->begin, h->end - h->begin);
      if (!InsertMention(text_node, label, *href)) Insert(text_node, TextNode(label));
      done = h->end;
    }
    if (done > 0) cmark_node_set_literal(text_node, text.substr(done).c_str());
  }

  // cmark's autolink extension reads "@alice@remote.example" as "@" followed
  // by a mailto: link; turn that back into a mention.
  void LinkAutolinkedAddress(cmark_node* link) {
    cmark_node* prev = cmark_node_previous(link);
    std::string url = cmark_node_get_url(link);
    if (prev == nullptr || cmark_node_get_type(prev) != CMARK_NODE_TEXT ||
        !url.starts_with("mailto:"))
      return;
    std::string before = cmark_node_get_literal(prev);
    if (before.empty() || before.back() != '@' || !IsBoundary(before, before.size() - 1)) return;
    std::string address = url.substr(7);
    auto h = NextHandle("@" + address, 0);
    if (!h || h->host.empty() || h->end != address.size() + 1) return;
    auto href = Resolve(h->name, h->host);
    if (!href) return;
    if (!InsertMention(link, "@" + address, *href)) return;
    before.pop_back();
    cmark_node_set_literal(prev, before.c_str());
    cmark_node_free(link);  // unlinks it
  }

  std::vector<ResolvedMention> Take() { return std::move(mentions_); }

 private:
  std::optional<std::string> Resolve(const std::string& name, const std::string& host) {
    auto href = resolver_(name, host);
    if (!href) return std::nullopt;
    bool seen = false;
    for (const auto& m : mentions_) seen = seen || m.href == *href;
    if (!seen) mentions_.push_back({name, host, *href});
    return href;
  }

  // Inserts `node` before `anchor`, or frees it when the parent may not hold
  // it (cmark's table cells refuse custom inlines). Null is a no-op.
  static bool Insert(cmark_node* anchor, cmark_node* node) {
    if (node == nullptr) return true;
    if (cmark_node_insert_before(anchor, node)) return true;
    cmark_node_free(node);
    return false;
  }

  static cmark_node* TextNode(const std::string& text) {
    if (text.empty()) return nullptr;
    cmark_node* node = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(node, text.c_str());
    return node;
  }

  // Mastodon's mention markup where the parent allows a custom inline, a
  // plain link otherwise; false (nothing inserted) if neither fits. The
  // sanitizer checks href and classes again.
  static bool InsertMention(cmark_node* anchor, const std::string& label, const std::string& href) {
    cmark_node* custom = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
    std::string open =
        "<span class=\"h-card\"><a href=\"" + EscapeHtml(href) + "\" class=\"u-url mention\">";
    cmark_node_set_on_enter(custom, open.c_str());
    cmark_node_set_on_exit(custom, "</a></span>");
    cmark_node_append_child(custom, TextNode(label));
    if (Insert(anchor, custom)) return true;
    cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
    cmark_node_set_url(link, href.c_str());
    cmark_node_append_child(link, TextNode(label));
    return Insert(anchor, link);
  }

  const MentionResolver& resolver_;
  std::vector<ResolvedMention> mentions_;
};

void LinkMentions(cmark_node* doc, MentionLinker& linker) {
  // Collect first, in document order: the tree must not change under the iterator.
  std::vector<cmark_node*> nodes;
  int link_depth = 0;
  std::unique_ptr<cmark_iter, IterFree> iter(cmark_iter_new(doc));
  for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      if (ev == CMARK_EVENT_ENTER && type == CMARK_NODE_LINK) nodes.push_back(node);
      link_depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
    } else if (type == CMARK_NODE_TEXT && link_depth == 0) {
      nodes.push_back(node);
    }
  }
  for (cmark_node* n : nodes) {
    if (cmark_node_get_type(n) == CMARK_NODE_TEXT) {
      linker.LinkText(n);
    } else {
      linker.LinkAutolinkedAddress(n);
    }
  }
}

}  // namespace

RenderedMarkdown RenderMarkdown(std::string_view markdown, const MentionResolver& resolver) {
  std::unique_ptr<cmark_parser, ParserFree> parser(NewParser());
  std::string_view input = markdown.substr(0, kMaxMarkdownBytes);
  cmark_parser_feed(parser.get(), input.data(), input.size());
  std::unique_ptr<cmark_node, NodeFree> doc(cmark_parser_finish(parser.get()));
  RenderedMarkdown out;
  if (resolver) {
    MentionLinker linker(resolver);
    LinkMentions(doc.get(), linker);
    out.mentions = linker.Take();
  }
  char* html =
      cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()));
  out.html = SanitizeHtml(html);
  free(html);  // cmark's default allocator is malloc
  return out;
}

}  // namespace guildhall::federation
