// A small record type for storage tests: Note, stored through NoteCodec in
// `test_notes`, with a unique index by handle and a multi-valued index by tag
// (tag, score, id). Its tables are passed to LmdbStore::Open by the tests and
// by the crash-test child; they are not in the node's catalogue.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "storage/model/catalog.h"
#include "storage/model/encoding.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage::testing {

inline constexpr TableDef kNotes{1, "test_notes"};
inline constexpr TableDef kNotesByHandle{2, "test_notes_by_handle"};
inline constexpr TableDef kNotesByTag{3, "test_notes_by_tag"};
inline constexpr std::array<const TableDef*, 4> kNoteTables{&tables::kMeta, &kNotes,
                                                            &kNotesByHandle, &kNotesByTag};

struct Note {
  Id id;
  std::string handle;  // unique when not empty
  int64_t score = 0;
  std::vector<std::string> tags;
  std::string body = {};  // not indexed
  bool operator==(const Note&) const = default;
};

struct NoteCodec {
  using Record = Note;
  static constexpr const TableDef& kTable = kNotes;
  static constexpr uint8_t kVersion = 1;

  static std::string Key(const Note& n) { return KeyBuilder().Id(n.id).Take(); }
  static std::string Encode(const Note& n) {
    return ValueWriter(kVersion)
        .Id(n.id)
        .Str(n.handle)
        .I64(n.score)
        .Strs(n.tags)
        .Str(n.body)
        .Take();
  }
  static Result<Note> Decode(std::string_view bytes) {
    ValueReader r(bytes);
    Note n;
    n.id = r.Id();
    n.handle = r.Str();
    n.score = r.I64();
    n.tags = r.Strs();
    n.body = r.Str();
    GH_CHECK(r.Finish("test note"));
    return n;
  }
  static void Indexes(const Note& n, IndexEntries& out) {
    if (!n.handle.empty()) {
      out.push_back({&kNotesByHandle, KeyBuilder().Str(n.handle).Take(), /*unique=*/true});
    }
    for (const auto& tag : n.tags) {
      out.push_back({&kNotesByTag, KeyBuilder().Str(tag).I64(n.score).Id(n.id).Take()});
    }
  }
};

using Notes = Table<NoteCodec>;

inline std::vector<IndexedTable> NoteIndexedTables() {
  std::vector<IndexedTable> out;
  out.push_back(DescribeTable<NoteCodec>({&kNotesByHandle, &kNotesByTag}));
  return out;
}

inline std::string TagPrefix(std::string_view tag) { return KeyBuilder().Str(tag).Take(); }

}  // namespace guildhall::storage::testing
