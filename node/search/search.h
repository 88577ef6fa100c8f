// Search: runs a query for a viewer and returns only what that viewer may see
// now (visibility.h). Xapian ranks by BM25 plus a recency boost; the best
// kMaxCandidates are re-checked against the store and the visible ones make
// the page, the total and the facets, so neither a count nor a facet nor a
// snippet reveals a hidden object. Snippets are HTML-escaped with the
// matched terms in <mark>. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "node/search/search_index.h"

namespace guildhall::search {

// Candidates re-checked per query: past them, totals are lower bounds.
inline constexpr size_t kMaxCandidates = 1000;
inline constexpr size_t kMaxPageSize = 50;

struct SearchRequest {
  std::string q;
  std::optional<DocKind> kind;  // type= filter
  std::string group;            // group= filter (slug); empty: all
  size_t offset = 0;            // the cursor
  size_t limit = 20;            // 1..kMaxPageSize
};

struct SearchHit {
  DocRef ref;
  Id group;
  std::string group_slug;
  Id author;
  std::string author_name;
  Id thread;  // a reply's thread
  int64_t at = 0;
  std::string title;
  std::string snippet_html;  // escaped; matches in <mark>
};

struct FacetCount {
  std::string value;  // a kind name or a group slug
  uint64_t count = 0;
};

struct SearchResults {
  std::vector<SearchHit> hits;
  uint64_t total = 0;         // visible matches among the candidates
  bool total_capped = false;  // more candidates matched than were checked
  std::optional<size_t> next_offset;
  std::vector<FacetCount> kinds;   // most first
  std::vector<FacetCount> groups;  // most first
};

class Search {
 public:
  Search(storage::Store& store, const SearchIndex& index) : store_(store), index_(index) {}

  Result<SearchResults> Run(Id viewer, const SearchRequest& request) const;

 private:
  storage::Store& store_;
  const SearchIndex& index_;
};

}  // namespace guildhall::search
