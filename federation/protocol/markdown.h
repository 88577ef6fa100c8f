// Markdown (CommonMark + GFM tables, strikethrough, autolinks) to safe HTML
// with cmark-gfm: raw HTML and unsafe link schemes are dropped by cmark's
// safe mode and the result still goes through SanitizeHtml. `@name` and
// `@name@host` become mention links through a caller-supplied resolver.
// Lives in federation/protocol because node/community must not depend on
// federation; web calls it for display. Thread-safe if the resolver is.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guildhall::federation {

// Returns the actor URL for a handle, or nullopt to leave the text alone.
// `host` is empty for `@name`.
using MentionResolver =
    std::function<std::optional<std::string>(std::string_view name, std::string_view host)>;

struct ResolvedMention {
  std::string name;
  std::string host;  // empty for a local `@name`
  std::string href;  // the actor URL the resolver returned
};

struct RenderedMarkdown {
  std::string html;                       // sanitized
  std::vector<ResolvedMention> mentions;  // distinct by href, in order of first use
};

RenderedMarkdown RenderMarkdown(std::string_view markdown,
                                const MentionResolver& resolver = nullptr);

}  // namespace guildhall::federation
