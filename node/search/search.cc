#include "node/search/search.h"

#include <algorithm>
#include <map>

#include "node/search/query.h"
#include "node/search/visibility.h"

namespace guildhall::search {
namespace {

constexpr size_t kSnippetChars = 240;
// Weight per year of age (the recency slot holds years since 1970): one year
// newer outranks about a third of a typical single-term BM25 score.
constexpr double kRecencyScale = 0.3;

std::vector<FacetCount> Sorted(const std::map<std::string, uint64_t>& counts) {
  std::vector<FacetCount> out;
  for (const auto& [value, count] : counts) out.push_back({value, count});
  std::stable_sort(out.begin(), out.end(),
                   [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
  return out;
}

}  // namespace

Result<SearchResults> Search::Run(Id viewer, const SearchRequest& request) const {
  if (request.limit == 0 || request.limit > kMaxPageSize) {
    return Error::Invalid("limit must be between 1 and " + std::to_string(kMaxPageSize));
  }
  Xapian::Database db = GH_TRY(index_.Reader());
  Xapian::Query query = GH_TRY(ParseQuery(request.q, index_.stemmer(), db));
  auto filter = [&](std::string term) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(term));
  };
  if (request.kind) filter(std::string(kKindPrefix) + std::string(KindName(*request.kind)));
  if (!request.group.empty()) filter(std::string(kGroupPrefix) + request.group);

  SearchResults out;
  std::vector<std::pair<SearchHit, std::string>> visible;  // hit, text for its snippet
  Xapian::MSet mset;
  try {
    Xapian::ValueWeightPostingSource recency(kSlotRecency);
    const Xapian::Query boosted(
        Xapian::Query::OP_AND_MAYBE, query,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(&recency), kRecencyScale));
    Xapian::Enquire enquire(db);
    enquire.set_query(boosted);
    mset = enquire.get_mset(0, kMaxCandidates);
    out.total_capped = mset.get_matches_lower_bound() > mset.size();
    std::map<std::string, uint64_t> kinds, groups;
    GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
      VisibilityCheck check(tx, viewer);
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        auto ref = DecodeRef(it.get_document().get_data());
        if (!ref) continue;
        auto item = GH_TRY(LoadIndexable(tx, *ref));
        if (!item || !GH_TRY(check.Visible(*item))) continue;
        ++kinds[std::string(KindName(ref->kind))];
        if (!item->group_slug.empty()) ++groups[item->group_slug];
        visible.push_back({SearchHit{.ref = *ref,
                                     .group = item->group,
                                     .group_slug = item->group_slug,
                                     .author = item->author,
                                     .author_name = item->author_name,
                                     .thread = item->thread,
                                     .at = item->at,
                                     .title = item->title},
                           item->text.empty() ? item->extra : item->text});
      }
      return Ok();
    }));
    out.kinds = Sorted(kinds);
    out.groups = Sorted(groups);
    out.total = visible.size();
    const size_t begin = std::min(request.offset, visible.size());
    const size_t end = std::min(begin + request.limit, visible.size());
    for (size_t i = begin; i < end; ++i) {
      auto& [hit, text] = visible[i];
      // Xapian escapes the text (SNIPPET flags leave HTML escaping on).
      hit.snippet_html =
          mset.snippet(text, kSnippetChars, index_.stemmer(),
                       Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                       "<mark>", "</mark>", "…");
      out.hits.push_back(std::move(hit));
    }
    if (end < visible.size()) out.next_offset = end;
  } catch (const Xapian::Error& e) {
    return Error::Unavailable("search: " + e.get_msg());
  }
  return out;
}

}  // namespace guildhall::search
