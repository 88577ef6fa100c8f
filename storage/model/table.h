// Typed tables over the KV seam, with secondary indexes kept in the same
// transaction as the record.
//
// A record type is stored through a Codec:
//
//   struct MemberCodec {
//     using Record = Member;
//     static constexpr const TableDef& kTable = tables::kMembers;
//     static std::string Key(const Member&);                 // primary key bytes
//     static std::string Encode(const Member&);              // versioned value
//     static Result<Member> Decode(std::string_view value);
//     static void Indexes(const Member&, IndexEntries& out); // zero or more
//   };
//
// An index entry is (index table, index key) -> primary key. Index keys must be
// unique per record (end them with the primary id) unless the index is meant to
// be unique, in which case Insert/Put refuse a second record with kConflict.
// Stateless; thread-compatible (all state is in the transaction).
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/model/encoding.h"
#include "storage/model/kv.h"

namespace guildhall::storage {

struct IndexEntry {
  const TableDef* index;
  std::string key;
  bool unique = false;  // a second record with the same key is a kConflict
  bool operator==(const IndexEntry& o) const { return index == o.index && key == o.key; }
};
using IndexEntries = std::vector<IndexEntry>;

template <class Codec>
class Table {
 public:
  using Record = typename Codec::Record;

  static Result<std::optional<Record>> Get(ReadTxn& tx, std::string_view key) {
    auto bytes = tx.Get(Codec::kTable, key);
    if (!bytes) return std::optional<Record>();
    auto rec = Codec::Decode(*bytes);
    if (!rec) return std::move(rec).error();
    return std::optional<Record>(std::move(*rec));
  }

  // Inserts or replaces the record under Codec::Key(rec), updating indexes.
  static Result<> Put(WriteTxn& tx, const Record& rec) {
    const std::string key = Codec::Key(rec);
    IndexEntries old_entries;
    if (auto old_bytes = tx.Get(Codec::kTable, key)) {
      auto old = Codec::Decode(*old_bytes);
      if (!old) return std::move(old).error();
      Codec::Indexes(*old, old_entries);
    }
    IndexEntries new_entries;
    Codec::Indexes(rec, new_entries);
    for (const auto& e : old_entries) {
      if (std::find(new_entries.begin(), new_entries.end(), e) == new_entries.end()) {
        GH_CHECK(tx.Del(*e.index, e.key));
      }
    }
    for (const auto& e : new_entries) {
      if (e.unique) {
        auto holder = tx.Get(*e.index, e.key);
        if (holder && *holder != key) {
          return Error::Conflict(std::string(e.index->name) + " is already taken");
        }
      }
      GH_CHECK(tx.Put(*e.index, e.key, key));
    }
    return tx.Put(Codec::kTable, key, Codec::Encode(rec));
  }

  // Like Put, but kConflict if a record with the same primary key exists.
  static Result<> Insert(WriteTxn& tx, const Record& rec) {
    if (tx.Get(Codec::kTable, Codec::Key(rec))) {
      return Error::Conflict(std::string(Codec::kTable.name) + " record exists");
    }
    return Put(tx, rec);
  }

  // Removes the record and its index entries; absent is not an error.
  static Result<> Erase(WriteTxn& tx, std::string_view key) {
    auto old_bytes = tx.Get(Codec::kTable, key);
    if (!old_bytes) return Ok();
    auto old = Codec::Decode(*old_bytes);
    if (!old) return std::move(old).error();
    IndexEntries entries;
    Codec::Indexes(*old, entries);
    for (const auto& e : entries) GH_CHECK(tx.Del(*e.index, e.key));
    return tx.Del(Codec::kTable, key);
  }

  // Visits records whose primary key is in [begin, end) (empty end: to the end).
  template <class Fn>  // bool(const Record&)
  static Result<> Scan(ReadTxn& tx, std::string_view begin, std::string_view end, ScanOrder order,
                       Fn&& fn) {
    Result<> decode_status;
    auto visit = [&](std::string_view, std::string_view value) {
      auto rec = Codec::Decode(value);
      if (!rec) {
        decode_status = std::move(rec).error();
        return false;
      }
      return static_cast<bool>(fn(*rec));
    };
    GH_CHECK(tx.Scan(Codec::kTable, begin, end, order, visit));
    return decode_status;
  }

  template <class Fn>
  static Result<> ScanPrefix(ReadTxn& tx, std::string_view prefix, ScanOrder order, Fn&& fn) {
    return Scan(tx, prefix, PrefixEnd(prefix), order, std::forward<Fn>(fn));
  }

  // Visits records through an index: entries of `index` with keys in
  // [begin, end), resolved to their records, in index order.
  template <class Fn>  // bool(const Record&)
  static Result<> ScanIndex(ReadTxn& tx, const TableDef& index, std::string_view begin,
                            std::string_view end, ScanOrder order, Fn&& fn) {
    Result<> status;
    auto visit = [&](std::string_view, std::string_view primary) {
      auto rec = Get(tx, primary);
      if (!rec) {
        status = std::move(rec).error();
        return false;
      }
      if (!*rec) {
        status = Error::Internal(std::string(index.name) + " points at a missing record");
        return false;
      }
      return static_cast<bool>(fn(**rec));
    };
    GH_CHECK(tx.Scan(index, begin, end, order, visit));
    return status;
  }

  template <class Fn>
  static Result<> ScanIndexPrefix(ReadTxn& tx, const TableDef& index, std::string_view prefix,
                                  ScanOrder order, Fn&& fn) {
    return ScanIndex(tx, index, prefix, PrefixEnd(prefix), order, std::forward<Fn>(fn));
  }

  // The record an exact (unique) index key points at.
  static Result<std::optional<Record>> FindUnique(ReadTxn& tx, const TableDef& index,
                                                  std::string_view index_key) {
    auto primary = tx.Get(index, index_key);
    if (!primary) return std::optional<Record>();
    return Get(tx, *primary);
  }

  // The first record whose index key starts with `prefix`.
  static Result<std::optional<Record>> FindFirst(ReadTxn& tx, const TableDef& index,
                                                 std::string_view prefix) {
    std::optional<Record> found;
    GH_CHECK(ScanIndexPrefix(tx, index, prefix, ScanOrder::kForward, [&](const Record& r) {
      found = r;
      return false;
    }));
    return found;
  }
};

}  // namespace guildhall::storage
