#include "node/search/search_index.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "node/community/event_cursor.h"
#include "storage/model/records/event.h"
#include "storage/model/records/group.h"
#include "storage/model/records/member.h"
#include "storage/model/records/reply.h"
#include "storage/model/records/resource.h"
#include "storage/model/records/thread.h"

namespace guildhall::search {
namespace {

using storage::EventKind;

constexpr double kMsPerYear = 365.25 * 24 * 3600 * 1000;
constexpr const char* kGenerationKey = "generation";

Error XapianError(std::string_view what, const Xapian::Error& e) {
  return Error::Unavailable("search index " + std::string(what) + ": " + e.get_type() + ": " +
                            e.get_msg());
}

// The document an event is about (nullopt: none, e.g. likes and RSVPs, whose
// counters the index does not hold).
std::optional<DocRef> RefOf(const storage::LoggedEvent& e) {
  switch (e.kind) {
    case EventKind::kGroupCreated:
    case EventKind::kGroupChanged:
      return DocRef{DocKind::kGroup, e.group};
    case EventKind::kThreadCreated:
    case EventKind::kThreadUpdated:
    case EventKind::kThreadModerated:
    case EventKind::kThreadDeleted:
      return DocRef{DocKind::kThread, e.subject};
    case EventKind::kReplyCreated:
    case EventKind::kReplyUpdated:
    case EventKind::kReplyDeleted:
      return DocRef{DocKind::kReply, e.subject};
    case EventKind::kEventCreated:
    case EventKind::kEventUpdated:
    case EventKind::kEventCancelled:
      return DocRef{DocKind::kEvent, e.subject};
    case EventKind::kResourceAdded:
    case EventKind::kResourceRemoved:
      return DocRef{DocKind::kResource, e.subject};
    // A member is first indexed when they join a group or edit their profile
    // (accounts are created outside the event log); Rebuild finds the rest.
    case EventKind::kMemberJoined:
    case EventKind::kProfileUpdated:
      return DocRef{DocKind::kMember, e.subject};
    default:
      return std::nullopt;
  }
}

uint64_t GenerationOf(const Xapian::Database& db) {
  const std::string stored = db.get_metadata(kGenerationKey);
  return stored.empty() ? 0 : std::stoull(stored);
}

// Visits the ids of every record of `Codec`'s table, `chunk` per read
// transaction (a rebuild must not pin old pages for its whole run).
template <class Codec, class Fn>  // Result<>(std::vector<Id>)
Result<> ForEachIdChunk(storage::Store& store, size_t chunk, Fn&& fn) {
  std::string begin;
  for (bool more = true; more;) {
    std::vector<Id> ids;
    GH_CHECK(store.Read([&](storage::ReadTxn& tx) -> Result<> {
      Result<> status;
      more = false;
      GH_CHECK(tx.Scan(Codec::kTable, begin, "", storage::ScanOrder::kForward,
                       [&](std::string_view key, std::string_view value) {
                         if (ids.size() == chunk) {
                           more = true;
                           begin = std::string(key);
                           return false;
                         }
                         auto rec = Codec::Decode(value);
                         if (!rec) {
                           status = std::move(rec).error();
                           return false;
                         }
                         ids.push_back(rec->id);
                         return true;
                       }));
      return status;
    }));
    GH_CHECK(fn(std::move(ids)));
  }
  return Ok();
}

template <class Fn>  // Result<>(DocKind, std::vector<Id>)
Result<> ForEachRecordChunk(storage::Store& store, size_t chunk, Fn&& fn) {
  auto each = [&](DocKind kind) {
    return [&fn, kind](std::vector<Id> ids) { return fn(kind, std::move(ids)); };
  };
  GH_CHECK(ForEachIdChunk<storage::GroupCodec>(store, chunk, each(DocKind::kGroup)));
  GH_CHECK(ForEachIdChunk<storage::MemberCodec>(store, chunk, each(DocKind::kMember)));
  GH_CHECK(ForEachIdChunk<storage::ThreadCodec>(store, chunk, each(DocKind::kThread)));
  GH_CHECK(ForEachIdChunk<storage::ReplyCodec>(store, chunk, each(DocKind::kReply)));
  GH_CHECK(ForEachIdChunk<storage::EventCodec>(store, chunk, each(DocKind::kEvent)));
  GH_CHECK(ForEachIdChunk<storage::ResourceCodec>(store, chunk, each(DocKind::kResource)));
  return Ok();
}

}  // namespace

Result<std::unique_ptr<SearchIndex>> SearchIndex::Open(const std::filesystem::path& dir,
                                                       storage::Store& store,
                                                       SearchIndexOptions options) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::Unavailable("search index " + dir.string() + ": " + ec.message());
  try {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OPEN);
    // An index never rebuilt is not the one a saved position belongs to: the
    // directory was lost, or the store restored from a backup (which holds
    // the position but not the index). Forgetting the position makes the
    // feed rebuild before anything else.
    if (GenerationOf(db) == 0) {
      GH_CHECK(store.Write([](storage::WriteTxn& tx) {
        return community::ForgetConsumerPosition(tx, kConsumerName);
      }));
    }
    return std::unique_ptr<SearchIndex>(
        new SearchIndex(dir, store, std::move(options), std::move(db)));
  } catch (const Xapian::DatabaseLockError& e) {
    return Error::Conflict("search index " + dir.string() +
                           " is open in another process (a running node)");
  } catch (const Xapian::Error& e) {
    return XapianError("open " + dir.string(), e);
  } catch (const std::exception& e) {  // an unknown stemmer language
    return Error::Invalid("search index: " + std::string(e.what()));
  }
}

SearchIndex::SearchIndex(std::filesystem::path dir, storage::Store& store,
                         SearchIndexOptions options, Xapian::WritableDatabase db)
    : dir_(std::move(dir)),
      store_(store),
      options_(std::move(options)),
      stemmer_(options_.language),
      db_(std::move(db)) {
  terms_.set_stemmer(stemmer_);
  terms_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

SearchIndex::~SearchIndex() {
  std::lock_guard lock(mu_);
  try {
    db_.close();
  } catch (const Xapian::Error& e) {
    spdlog::warn("search_index close error={}", e.get_msg());
  }
}

Xapian::Document SearchIndex::Build(const Indexable& item, uint64_t generation) {
  Xapian::Document doc;
  terms_.set_document(doc);
  // Title words count double: a match in the title says more about the
  // object than one in the body.
  terms_.index_text(item.title, 2);
  terms_.increase_termpos();
  terms_.index_text(item.text);
  terms_.increase_termpos();
  terms_.index_text(item.extra);
  doc.add_boolean_term(std::string(kKindPrefix) + std::string(KindName(item.ref.kind)));
  if (!item.group_slug.empty()) doc.add_boolean_term(std::string(kGroupPrefix) + item.group_slug);
  if (!item.author_name.empty())
    doc.add_boolean_term(std::string(kAuthorPrefix) + item.author_name);
  doc.add_boolean_term(IdTerm(item.ref));
  doc.add_value(kSlotTime, Xapian::sortable_serialise(static_cast<double>(item.at)));
  doc.add_value(kSlotRecency, Xapian::sortable_serialise(std::max(0.0, item.at / kMsPerYear)));
  doc.add_value(kSlotGeneration, Xapian::sortable_serialise(static_cast<double>(generation)));
  doc.set_data(EncodeRef(item.ref));
  return doc;
}

Result<> SearchIndex::Apply(std::span<const DocRef> refs, uint64_t generation) {
  std::vector<std::pair<DocRef, std::optional<Indexable>>> items;
  items.reserve(refs.size());
  GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
    for (const DocRef& ref : refs) items.emplace_back(ref, GH_TRY(LoadIndexable(tx, ref)));
    return Ok();
  }));
  try {
    for (auto& [ref, item] : items) {
      if (!item || item->hidden) {
        db_.delete_document(IdTerm(ref));
      } else {
        db_.replace_document(IdTerm(ref), Build(*item, generation));
      }
    }
    db_.commit();
  } catch (const Xapian::Error& e) {
    return XapianError("update", e);
  }
  return Ok();
}

Result<> SearchIndex::Consume(std::span<const storage::LoggedEvent> events) {
  std::vector<DocRef> refs;
  for (const auto& e : events) {
    auto ref = RefOf(e);
    if (ref && ref->id && std::find(refs.begin(), refs.end(), *ref) == refs.end()) {
      refs.push_back(*ref);
    }
  }
  std::lock_guard lock(mu_);
  uint64_t generation = 0;
  try {
    generation = GenerationOf(db_);
  } catch (const Xapian::Error& e) {
    return XapianError("read generation", e);
  }
  return Apply(refs, generation);
}

Result<> SearchIndex::RebuildWithProgress(const RebuildProgress& progress) {
  std::lock_guard lock(mu_);
  return RebuildLocked(progress);
}

Result<> SearchIndex::RebuildLocked(const RebuildProgress& progress) {
  uint64_t generation = 0;
  try {
    generation = GenerationOf(db_) + 1;
    db_.set_metadata(kGenerationKey, std::to_string(generation));
  } catch (const Xapian::Error& e) {
    return XapianError("rebuild", e);
  }
  uint64_t done = 0;
  std::optional<DocKind> current;
  GH_CHECK(ForEachRecordChunk(store_, options_.rebuild_chunk,
                              [&](DocKind kind, std::vector<Id> ids) -> Result<> {
                                if (current != kind) done = 0;
                                current = kind;
                                std::vector<DocRef> refs;
                                for (Id id : ids) refs.push_back({kind, id});
                                GH_CHECK(Apply(refs, generation));
                                done += ids.size();
                                if (progress) progress(kind, done);
                                return Ok();
                              }));
  // Whatever this pass did not write has no record any more.
  try {
    const Xapian::Query stale(Xapian::Query::OP_VALUE_LE, kSlotGeneration,
                              Xapian::sortable_serialise(static_cast<double>(generation - 1)));
    for (;;) {
      Xapian::Enquire enquire(db_);
      enquire.set_query(stale);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      const Xapian::MSet mset = enquire.get_mset(0, options_.rebuild_chunk);
      if (mset.empty()) break;
      for (auto it = mset.begin(); it != mset.end(); ++it) db_.delete_document(*it);
      db_.commit();
    }
    db_.commit();
  } catch (const Xapian::Error& e) {
    return XapianError("rebuild", e);
  }
  spdlog::info("search_index rebuilt generation={} documents={}", generation, db_.get_doccount());
  return Ok();
}

Result<IndexDrift> MeasureDrift(storage::Store& store, const Xapian::Database& db, size_t chunk) {
  IndexDrift drift;
  uint64_t present = 0;  // expected records that have their document
  try {
    GH_CHECK(ForEachRecordChunk(store, chunk, [&](DocKind kind, std::vector<Id> ids) -> Result<> {
      return store.Read([&](storage::ReadTxn& tx) -> Result<> {
        for (Id id : ids) {
          auto item = GH_TRY(LoadIndexable(tx, {kind, id}));
          if (!item || item->hidden) continue;
          ++drift.expected;
          if (db.term_exists(IdTerm(item->ref))) ++present;
        }
        return Ok();
      });
    }));
    drift.indexed = db.get_doccount();
  } catch (const Xapian::Error& e) {
    return XapianError("check", e);
  }
  drift.missing = drift.expected - present;
  drift.extra = drift.indexed - present;
  return drift;
}

Result<IndexDrift> SearchIndex::Drift() {
  std::lock_guard lock(mu_);
  return MeasureDrift(store_, db_, options_.rebuild_chunk);
}

Result<Xapian::Database> SearchIndex::Reader() const {
  try {
    return Xapian::Database(dir_.string());
  } catch (const Xapian::Error& e) {
    return XapianError("open for reading", e);
  }
}

}  // namespace guildhall::search
