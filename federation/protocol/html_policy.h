// The allowlist behind SanitizeHtml, kept apart from the libxml2 tree walk so
// that it reads as a policy: which elements exist for us, where each may
// appear, and how href/class/... values are cleaned. Pure functions and
// constant tables; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace guildhall::federation::html {

// What a parent accepts as children.
enum class Content {
  kFlow,      // blocks and inline (root, blockquote, li, td, th)
  kPhrasing,  // inline only (p, h1-h6, pre, span, a, em, ...)
  kList,      // li only (ul, ol)
  kTable,     // thead, tbody, tr
  kSection,   // tr (thead, tbody)
  kRow,       // th, td (tr)
};

enum class Action {
  kKeep,    // emit the element (attributes filtered)
  kUnwrap,  // drop the tags, keep the children
  kDrop,    // drop the element and everything inside it
};

struct ElementRule {
  Action action = Action::kUnwrap;
  bool is_block = false;                 // needs a kFlow parent (or its specific parent below)
  bool is_void = false;                  // br, hr: no children, no end tag
  Content content = Content::kPhrasing;  // what it accepts
  bool separates = false;                // unwrapped block-like element: keep words apart
};

// The rule for a lower-case element name (unknown names: kUnwrap).
ElementRule RuleFor(std::string_view name);

// True iff `child` (lower-case, with its rule) may appear in a parent whose
// content model is `parent`.
bool Allowed(Content parent, std::string_view child, const ElementRule& rule);

// A link target we are willing to emit, or nullopt: http, https and mailto
// only, after removing what browsers ignore (leading/trailing C0 controls and
// spaces, embedded tab/CR/LF) and percent-encoding what a URL may not contain.
std::optional<std::string> CleanHref(std::string_view raw);

// The class tokens we keep: microformats (h-, p-, u-, dt-, e-) and mention,
// hashtag, ellipsis, invisible; on <code>, language-xxx. "" if none is left.
std::string FilterClass(std::string_view element, std::string_view raw);

// <ol start>: digits only; <td/th align>: left, center, right. "" if refused.
std::string FilterStart(std::string_view raw);
std::string FilterAlign(std::string_view raw);

// UTF-8 cleanup before parsing: invalid sequences become U+FFFD, NUL and C0
// controls other than TAB and LF are removed (CR dropped), at most `max` bytes.
std::string CleanInput(std::string_view in, size_t max);

}  // namespace guildhall::federation::html
