// SearchIndex: the full-text index of the community (Xapian, a directory of
// its own at <data_dir>/search/ beside the store), kept current as an event
// consumer (node/community/event_feed.h) and rebuildable from LMDB at any
// time: the store is the truth, the index is derived from it.
//
// One Xapian document per object (thread, reply, event, resource, group,
// member), found by its unique id term Q<kind>:<id>, so re-applying an event
// replaces the document rather than adding another: a crash between the
// index commit and the saved position re-applies the batch harmlessly.
// Removed or vanished records lose their document. Permissions are NOT in
// the index: every hit is checked against the viewer when it is shown
// (search.h), so a membership that ends, a group that turns invite-only or a
// removal applies at once, whatever the index holds.
//
// The writable database stays open here and is committed once per batch;
// readers open their own Database (Reader()) and see the last commit.
// Thread-safe.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "node/community/event_feed.h"
#include "node/search/indexable.h"

namespace guildhall::search {

// Value slots of every document.
inline constexpr Xapian::valueno kSlotTime = 0;        // sortable_serialise(unix ms)
inline constexpr Xapian::valueno kSlotRecency = 1;     // boost: years since 1970
inline constexpr Xapian::valueno kSlotGeneration = 2;  // the Rebuild that last wrote it
// Boolean term prefixes (query.h maps the user's field names onto them).
inline constexpr std::string_view kKindPrefix = "XK";    // kind:thread
inline constexpr std::string_view kGroupPrefix = "XG";   // group:<slug>
inline constexpr std::string_view kAuthorPrefix = "XA";  // author:<username>

struct SearchIndexOptions {
  // Snowball stemmer name: the node's language (records carry none yet).
  std::string language = "english";
  // Records per read transaction and per commit while rebuilding.
  size_t rebuild_chunk = 1000;
};

struct IndexDrift {
  uint64_t indexed = 0;   // documents in the index
  uint64_t expected = 0;  // records that should have one (not removed)
  uint64_t missing = 0;   // expected records without a document
  uint64_t extra = 0;     // documents without a live record
  bool ok() const { return missing == 0 && extra == 0; }
};

// Compares `db` with the records of `store` (guildhall check; safe beside a
// running node, whose last commit `db` reads).
Result<IndexDrift> MeasureDrift(storage::Store& store, const Xapian::Database& db,
                                size_t chunk = 1000);

// For Rebuild's progress lines: the kind being walked and records done so far.
using RebuildProgress = std::function<void(DocKind kind, uint64_t done)>;

class SearchIndex final : public community::EventConsumer {
 public:
  // Creates the directory and database if needed. kConflict if another
  // process (a running node) holds the index open for writing.
  static Result<std::unique_ptr<SearchIndex>> Open(const std::filesystem::path& dir,
                                                   storage::Store& store,
                                                   SearchIndexOptions options = {});
  ~SearchIndex() override;

  static constexpr std::string_view kConsumerName = "search";
  std::string_view name() const override { return kConsumerName; }
  Result<> Consume(std::span<const storage::LoggedEvent> events) override;
  // Rewrites every document from LMDB, then drops documents it did not
  // write; searches keep working meanwhile (online).
  Result<> Rebuild() override { return RebuildWithProgress({}); }
  Result<> RebuildWithProgress(const RebuildProgress& progress);

  // Compares the index with the records (guildhall check).
  Result<IndexDrift> Drift();

  // A read-only view of the last commit, for one query.
  Result<Xapian::Database> Reader() const;
  const Xapian::Stem& stemmer() const { return stemmer_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  SearchIndex(std::filesystem::path dir, storage::Store& store, SearchIndexOptions options,
              Xapian::WritableDatabase db);
  Result<> RebuildLocked(const RebuildProgress& progress);  // REQUIRES: mu_ held
  // (Re)writes or deletes the documents of `refs` from the records now.
  Result<> Apply(std::span<const DocRef> refs, uint64_t generation);
  Xapian::Document Build(const Indexable& item, uint64_t generation);

  const std::filesystem::path dir_;
  storage::Store& store_;
  const SearchIndexOptions options_;
  const Xapian::Stem stemmer_;
  std::mutex mu_;                // serializes writers of db_
  Xapian::WritableDatabase db_;  // GUARDED_BY(mu_)
  Xapian::TermGenerator terms_;  // GUARDED_BY(mu_)
};

}  // namespace guildhall::search
