// ContentExtras: what a post carries beside its title and Markdown body, as
// received from another node (spec/FEDERATION.md, "Content received"): a
// content warning, the sensitive mark, the language, the link of a link
// post, attachments, custom emoji, hashtags and a poll. Threads and replies
// append it to their values (spec/STORAGE.md); an old value without it reads
// as empty extras. Plain value + stateless encoding; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/model/encoding.h"

namespace guildhall::storage {

struct Attachment {
  enum class Kind : uint8_t { kImage = 0, kDocument = 1, kLink = 2 };
  Kind kind = Kind::kLink;
  std::string url;         // http(s), as the sender gave it
  std::string media_type;  // "image/png"; may be empty
  std::string name;        // alt text or link text, plain
};

struct CustomEmoji {
  std::string shortcode;  // ":blobcat:"
  std::string image_url;  // http(s)
};

struct PollChoice {
  std::string name;  // plain text
  uint64_t votes = 0;
};

struct PollState {
  bool multiple = false;  // anyOf: a voter may pick several
  std::vector<PollChoice> choices;
  uint64_t voters = 0;
  int64_t ends_at = 0;  // unix ms; 0 unknown
  bool closed = false;
};

struct ContentExtras {
  std::string content_warning;  // plain text; shown as the label of a collapsed <details>
  bool sensitive = false;       // media and text hidden until opened
  std::string language;         // BCP 47 tag; "" unknown
  std::string link_url;         // the link a link post is about
  std::vector<Attachment> attachments;
  std::vector<CustomEmoji> emoji;
  std::vector<std::string> hashtags;  // without '#'
  bool has_poll = false;
  PollState poll;

  bool empty() const {
    return content_warning.empty() && !sensitive && language.empty() && link_url.empty() &&
           attachments.empty() && emoji.empty() && hashtags.empty() && !has_poll;
  }
};

// Hard caps, so that a stored value never holds more than a page can show.
inline constexpr size_t kMaxAttachments = 16;
inline constexpr size_t kMaxCustomEmoji = 50;
inline constexpr size_t kMaxHashtags = 50;
inline constexpr size_t kMaxPollChoices = 20;

// Appends the extras to a record's value: a version byte for the block, then
// its fields (spec/STORAGE.md, "Content extras").
void WriteExtras(ValueWriter& w, const ContentExtras& e);
// Reads what WriteExtras wrote, or empty extras when the value ends before
// (a value written before the extras existed). An unknown block version or
// a count above the caps clears `ok` (the codec then reports the record as
// corrupt, as records::ReadEnum does).
ContentExtras ReadExtras(ValueReader& r, bool& ok);

}  // namespace guildhall::storage
