// Readers of what an object carries beside its text: the language of that
// text and a Question's poll. Split from as2_fields.cc, whose readers are
// one per wire shape; these are one per property.
#include <algorithm>
#include <cctype>

#include "federation/protocol/as2_fields.h"

namespace guildhall::federation::as::fields {
namespace {

// RFC 5646 in the shape the fediverse sends ("en", "pt-BR", "zh-Hant"):
// subtags of 1-8 letters or digits, the first of 2-8 letters, 35 bytes at
// most. Anything else is dropped: the tag ends up in a `lang` attribute.
bool WellFormedTag(std::string_view tag) {
  if (tag.empty() || tag.size() > 35) return false;
  size_t start = 0;
  bool first = true;
  while (start <= tag.size()) {
    size_t end = tag.find('-', start);
    if (end == std::string_view::npos) end = tag.size();
    const std::string_view sub = tag.substr(start, end - start);
    if (sub.empty() || sub.size() > 8) return false;
    for (char c : sub) {
      const auto u = static_cast<unsigned char>(c);
      if (first ? !std::isalpha(u) : !std::isalnum(u)) return false;
    }
    if (first && sub.size() < 2) return false;
    first = false;
    start = end + 1;
  }
  return true;
}

std::optional<PollOption> OptionFrom(const Value& item, const ReadLimits& limits) {
  if (!item.is_object()) return std::nullopt;
  auto name = Text(item, "name", limits.max_name_bytes);
  if (!name || name->empty()) return std::nullopt;
  PollOption option{.name = std::move(*name)};
  if (const Value* replies = item.Find("replies"); replies != nullptr && replies->is_object()) {
    option.votes = std::max<int64_t>(0, Int(*replies, "totalItems").value_or(0));
  }
  return option;
}

}  // namespace

std::string Language(const Value& obj) {
  if (const Value* map = obj.Find("contentMap"); map != nullptr && map->is_object()) {
    for (const auto& member : map->members()) {
      if (WellFormedTag(member.name)) return std::string(member.name);
    }
  }
  // Lemmy: "language": {"identifier": "fr", "name": "Français"}.
  if (const Value* lang = obj.Find("language"); lang != nullptr && lang->is_object()) {
    const std::string id = Truncated(*lang, "identifier", 35);
    if (WellFormedTag(id)) return id;
  }
  return {};
}

Result<std::optional<Poll>> PollOf(const Value& obj, const ReadLimits& limits) {
  Poll poll;
  const Value* options = obj.Find("oneOf");
  if (options == nullptr || !options->is_array()) {
    options = obj.Find("anyOf");
    poll.multiple = true;
  }
  if (options == nullptr || !options->is_array()) return std::optional<Poll>();
  if (options->items().size() > limits.max_poll_options) {
    return Error::TooLarge("as2: poll: more than " + std::to_string(limits.max_poll_options) +
                           " options");
  }
  for (const Value& item : options->items()) {
    if (auto option = OptionFrom(item, limits)) poll.options.push_back(std::move(*option));
  }
  poll.voters = std::max<int64_t>(0, Int(obj, "votersCount").value_or(0));
  poll.closed = Time(obj, "closed");
  return std::optional<Poll>(std::move(poll));
}

}  // namespace guildhall::federation::as::fields
