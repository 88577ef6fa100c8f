// The part of RFC 8941 Structured Field Values that RFC 9421 needs:
// dictionaries whose members are items or inner lists, with parameters;
// bare items of every type. Parsing is strict (duplicate keys refused, unlike
// the RFC's last-wins, since a signature header with two meanings is an attack)
// and bounded. Serialization is canonical (§4.1), which is what RFC 9421's
// @signature-params line requires. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/model/result.h"

namespace guildhall::federation::sf {

struct BareItem {
  enum class Kind { kInteger, kDecimal, kString, kToken, kBytes, kBoolean };
  Kind kind = Kind::kBoolean;
  int64_t integer = 0;  // kInteger; kDecimal as thousandths (3 fractional digits)
  std::string text;     // kString, kToken; kBytes holds the decoded bytes
  bool boolean = true;  // kBoolean
};

using Parameters = std::vector<std::pair<std::string, BareItem>>;

struct Item {
  BareItem value;
  Parameters params;
};

struct InnerList {
  std::vector<Item> items;
  Parameters params;
};

struct Member {
  bool is_inner_list = false;
  Item item;       // when !is_inner_list
  InnerList list;  // when is_inner_list
};

using Dictionary = std::vector<std::pair<std::string, Member>>;

inline constexpr size_t kMaxFieldBytes = 8 * 1024;

// kInvalid with a reason on any syntax error, duplicate key, or bound exceeded.
Result<Dictionary> ParseDictionary(std::string_view field);

std::string SerializeBareItem(const BareItem& item);
std::string SerializeParameters(const Parameters& params);
std::string SerializeInnerList(const InnerList& list);

// The value of parameter `key`, or nullptr.
const BareItem* FindParam(const Parameters& params, std::string_view key);
// The member `key`, or nullptr.
const Member* FindMember(const Dictionary& dict, std::string_view key);

BareItem String(std::string s);
BareItem Integer(int64_t v);
BareItem Bytes(std::string raw);

}  // namespace guildhall::federation::sf
