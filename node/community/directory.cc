#include "node/community/directory.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <vector>

#include "node/community/access.h"
#include "storage/model/records/member.h"
#include "storage/model/records/text_tokens.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::DirectoryField;
using storage::Member;
using storage::MemberCodec;

namespace {

// A token shared by more members than this stops narrowing the search; its
// scan is cut short (a one-letter prefix on a huge node, say).
constexpr size_t kMaxCandidates = 50000;

using IdSet = std::vector<uint64_t>;  // sorted, distinct

// Members with a token starting with `prefix` in any of `fields`.
Result<IdSet> Matching(storage::ReadTxn& tx, std::initializer_list<DirectoryField> fields,
                       std::string_view prefix) {
  IdSet ids;
  for (DirectoryField f : fields) {
    const std::string begin = MemberCodec::TokenPrefix(static_cast<uint8_t>(f), prefix);
    GH_CHECK(tx.Scan(storage::tables::kMemberTokens, begin, storage::PrefixEnd(begin),
                     storage::ScanOrder::kForward, [&](std::string_view, std::string_view primary) {
                       ids.push_back(storage::KeyReader(primary).U64().value_or(0));
                       return ids.size() < kMaxCandidates;
                     }));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

void Narrow(std::optional<IdSet>& result, IdSet next) {
  if (!result) {
    result = std::move(next);
    return;
  }
  IdSet both;
  std::set_intersection(result->begin(), result->end(), next.begin(), next.end(),
                        std::back_inserter(both));
  result = std::move(both);
}

// Every word of `text` must match in one of `fields`.
Result<> Criterion(storage::ReadTxn& tx, std::optional<IdSet>& result, std::string_view text,
                   std::initializer_list<DirectoryField> fields) {
  for (const auto& token : storage::Tokenize(text)) {
    Narrow(result, GH_TRY(Matching(tx, fields, token)));
    if (result->empty()) return Ok();
  }
  return Ok();
}

Result<std::optional<IdSet>> Candidates(storage::ReadTxn& tx, const DirectoryQuery& q) {
  std::optional<IdSet> result;
  GH_CHECK(Criterion(tx, result, q.name, {DirectoryField::kName}));
  GH_CHECK(Criterion(tx, result, q.skill, {DirectoryField::kSkill}));
  GH_CHECK(Criterion(tx, result, q.team, {DirectoryField::kTeam}));
  GH_CHECK(Criterion(tx, result, q.location, {DirectoryField::kLocation}));
  GH_CHECK(Criterion(tx, result, q.interest, {DirectoryField::kInterest}));
  GH_CHECK(Criterion(tx, result, q.q,
                     {DirectoryField::kName, DirectoryField::kTitle, DirectoryField::kTeam,
                      DirectoryField::kSkill}));
  return result;
}

bool Listed(const Member& m) { return m.IsLocal() && m.IsActive(); }

}  // namespace

Result<Page<Profile>> Directory::Search(Id viewer, const DirectoryQuery& query,
                                        const PageRequest& page) {
  Page<Profile> out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    GH_CHECK(RequireNode(tx, viewer, NodeAction::kUseDirectory));
    if (query.empty()) {
      out.next_cursor = GH_TRY(ScanTablePage<MemberCodec>(
          tx, "", page, storage::ScanOrder::kForward, [&](const Member& m) {
            if (!Listed(m)) return Visit::kSkip;
            out.items.push_back(ToProfile(m));
            return Visit::kTake;
          }));
      return Ok();
    }
    const auto ids = GH_TRY(Candidates(tx, query));
    if (!ids) return Ok();  // the query had no words (only punctuation)
    uint64_t after = 0;
    if (!page.cursor.empty()) {
      auto key = DecodeCursor(page.cursor);
      if (!key || key->size() != 8) return Error::Invalid("cursor: not a cursor of this list");
      after = storage::KeyReader(*key).U64().value_or(0);
    }
    const size_t limit = ClampLimit(page.limit);
    for (auto it = std::upper_bound(ids->begin(), ids->end(), after); it != ids->end(); ++it) {
      if (out.items.size() == limit) {
        out.next_cursor = EncodeCursor(MemberCodec::KeyOf(out.items.back().id));
        break;
      }
      auto m = GH_TRY(storage::Table<MemberCodec>::Get(tx, MemberCodec::KeyOf(Id{*it})));
      if (m && Listed(*m)) out.items.push_back(ToProfile(*m));
    }
    return Ok();
  }));
  return out;
}

}  // namespace guildhall::community
