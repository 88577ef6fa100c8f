#include "node/search/query.h"

#include <charconv>
#include <chrono>
#include <string>
#include <vector>

#include "node/search/search_index.h"

namespace guildhall::search {
namespace {

// Unix ms of the start of the day `text` (YYYY-MM-DD, UTC).
std::optional<int64_t> DayStart(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto num = [&](std::string_view part, auto& out) {
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return ec == std::errc() && p == part.data() + part.size();
  };
  if (!num(text.substr(0, 4), y) || !num(text.substr(5, 2), m) || !num(text.substr(8, 2), d)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!day.ok()) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::sys_days{day}.time_since_epoch())
      .count();
}

Xapian::Query TimeBound(Xapian::Query::op op, int64_t ms) {
  return Xapian::Query(op, kSlotTime, Xapian::sortable_serialise(static_cast<double>(ms)));
}

}  // namespace

Result<Xapian::Query> ParseQuery(std::string_view text, const Xapian::Stem& stemmer,
                                 const Xapian::Database& db) {
  if (text.size() > kMaxQueryBytes) {
    return Error::Invalid("the search is too long (at most " + std::to_string(kMaxQueryBytes) +
                          " characters)");
  }
  // before:/after: are not terms but value ranges; take them out first.
  std::vector<Xapian::Query> filters;
  std::string rest;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t end = std::min(text.find(' ', pos), text.size());
    const std::string_view word = text.substr(pos, end - pos);
    pos = end + 1;
    for (const auto& [field, op] :
         {std::pair{std::string_view("before:"), Xapian::Query::OP_VALUE_LE},
          std::pair{std::string_view("after:"), Xapian::Query::OP_VALUE_GE}}) {
      if (!word.starts_with(field)) continue;
      auto day = DayStart(word.substr(field.size()));
      if (!day) {
        return Error::Invalid(std::string(field) + " wants a date as YYYY-MM-DD");
      }
      // before: the day excluded; after: the day included.
      filters.push_back(op == Xapian::Query::OP_VALUE_LE ? TimeBound(op, *day - 1)
                                                         : TimeBound(op, *day));
      goto next_word;
    }
    rest.append(word).push_back(' ');
  next_word:;
  }
  try {
    Xapian::QueryParser parser;
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_database(db);
    parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    parser.set_default_op(Xapian::Query::OP_AND);
    parser.add_boolean_prefix("kind", std::string(kKindPrefix));
    parser.add_boolean_prefix("group", std::string(kGroupPrefix));
    parser.add_boolean_prefix("author", std::string(kAuthorPrefix));
    const unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                           Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_PURE_NOT;
    Xapian::Query query = parser.parse_query(rest, flags);
    if (query.empty()) query = Xapian::Query::MatchAll;
    for (const auto& f : filters) query = Xapian::Query(Xapian::Query::OP_FILTER, query, f);
    return query;
  } catch (const Xapian::QueryParserError& e) {
    return Error::Invalid("the search could not be read: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return Error::Unavailable("search: " + e.get_msg());
  }
}

}  // namespace guildhall::search
