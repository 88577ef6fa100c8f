// What the search index knows about one community record: its kind and id,
// where it lives (group), who wrote it, when, and its text. Read from the
// current records in LMDB both when a document is (re)built and when a hit
// is shown, so a hit never shows text the store no longer has.
// Stateless; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/kv.h"

namespace guildhall::search {

// Stored in the index (as one letter): append only, never reuse a letter.
enum class DocKind : char {
  kThread = 't',
  kReply = 'r',
  kEvent = 'e',
  kResource = 'l',
  kGroup = 'g',
  kMember = 'm',
};
inline constexpr DocKind kDocKinds[] = {DocKind::kThread,   DocKind::kReply, DocKind::kEvent,
                                        DocKind::kResource, DocKind::kGroup, DocKind::kMember};

// "thread", "reply", "event", "resource", "group", "member".
std::string_view KindName(DocKind kind);
std::optional<DocKind> KindOfName(std::string_view name);

struct DocRef {
  DocKind kind = DocKind::kThread;
  Id id;
  bool operator==(const DocRef&) const = default;
};
// "t:123": the document's data and, with a "Q" in front, its unique id term.
std::string EncodeRef(DocRef ref);
std::optional<DocRef> DecodeRef(std::string_view text);
inline std::string IdTerm(DocRef ref) { return "Q" + EncodeRef(ref); }

struct Indexable {
  DocRef ref;
  Id group;                 // 0 for members
  std::string group_slug;   // empty for members
  Id author;                // writer, organizer, uploader, group creator, the member
  std::string author_name;  // username (user@domain for remote authors)
  Id thread;                // a reply's thread
  int64_t at = 0;           // unix ms: created
  std::string title;        // a reply carries its thread's title
  std::string text;         // body, description, bio (Markdown as written)
  std::string extra;        // place, file name, profile fields: indexed, not shown
  bool hidden = false;      // removed or deleted (a reply also when its thread is)
};

// The record behind `ref` as it is now; nullopt if it no longer exists.
Result<std::optional<Indexable>> LoadIndexable(storage::ReadTxn& tx, DocRef ref);

}  // namespace guildhall::search
