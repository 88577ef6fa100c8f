// Remote content to local text. Threads, replies and events store Markdown,
// which the node renders (and sanitizes) on output; remote objects carry
// HTML. We take the Markdown source when the sender gives one (Lemmy and
// Guildhall send `source` with mediaType text/markdown) and otherwise turn
// the HTML into Markdown text: paragraphs, line breaks, emphasis and links
// survive,
// every other tag is dropped and Markdown punctuation in the text is
// escaped, so remote markup can never become active on our pages.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "federation/protocol/as2.h"

namespace guildhall::federation {

// Drops control characters but newline and tab, and cuts at `max_chars`
// characters: what the community's text validation accepts.
std::string CleanText(std::string_view text, size_t max_chars);

// The body of a remote object as Markdown (may be empty), at most 50,000
// characters.
std::string RemoteMarkdown(const as::Object& object);

// HTML (untrusted) to escaped Markdown text; see above.
std::string HtmlToMarkdownText(std::string_view html);

// A one-line title of at most `max_chars` characters: the object's name, or
// the start of its text when it has none (a Note posted as a thread).
std::string RemoteTitle(const as::Object& object, size_t max_chars = 200);

}  // namespace guildhall::federation
