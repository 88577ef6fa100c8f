// The search box's language, parsed into a Xapian query: words (stemmed in
// the index's language), "exact phrases", prefix* matches, AND/OR/NOT and
// +/-, and the fields
//   kind:thread|reply|event|resource|group|member   group:<slug>
//   author:<username>   before:YYYY-MM-DD   after:YYYY-MM-DD
// Field filters restrict without affecting relevance. Input is bounded
// (kMaxQueryBytes, kMaxWildcardExpansion); malformed input is kInvalid with
// a message for the person who typed it. Stateless; thread-safe.
#pragma once

#include <xapian.h>

#include <string_view>

#include "storage/model/result.h"

namespace guildhall::search {

inline constexpr size_t kMaxQueryBytes = 500;
inline constexpr Xapian::termcount kMaxWildcardExpansion = 200;

// `db` expands prefix* terms. An empty query (or filters only) matches
// everything the filters allow.
Result<Xapian::Query> ParseQuery(std::string_view text, const Xapian::Stem& stemmer,
                                 const Xapian::Database& db);

}  // namespace guildhall::search
