#include "federation/signatures/structured_fields.h"

#include "federation/signatures/digest.h"

namespace guildhall::federation::sf {
namespace {

constexpr size_t kMaxMembers = 64;
constexpr size_t kMaxInnerListItems = 64;
constexpr size_t kMaxParams = 16;

bool IsLcAlpha(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlpha(char c) { return IsLcAlpha(c) || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsTchar(char c) {
  return IsAlpha(c) || IsDigit(c) ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}
bool IsB64Char(char c) { return IsAlpha(c) || IsDigit(c) || c == '+' || c == '/' || c == '='; }

Error Invalid(std::string reason) {
  return Error::Invalid("structured field: " + std::move(reason));
}

// A cursor over the field; every parse function advances `pos`.
class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[pos_]; }
  void SkipSp() {
    while (Peek() == ' ') ++pos_;
  }
  void SkipOws() {
    while (Peek() == ' ' || Peek() == '\t') ++pos_;
  }
  bool Consume(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }

  Result<std::string> Key() {
    if (!IsLcAlpha(Peek()) && Peek() != '*') return Invalid("bad key");
    size_t start = pos_;
    while (IsLcAlpha(Peek()) || IsDigit(Peek()) || Peek() == '_' || Peek() == '-' ||
           Peek() == '.' || Peek() == '*')
      ++pos_;
    return std::string(s_.substr(start, pos_ - start));
  }

  Result<Parameters> Params() {
    Parameters params;
    while (Consume(';')) {
      SkipSp();
      std::string key = GH_TRY(Key());
      BareItem value;  // boolean true when there is no '='
      if (Consume('=')) value = GH_TRY(Bare());
      for (const auto& p : params) {
        if (p.first == key) return Invalid("duplicate parameter " + key);
      }
      if (params.size() >= kMaxParams) return Invalid("too many parameters");
      params.emplace_back(std::move(key), std::move(value));
    }
    return params;
  }

  Result<Item> ParseItem() {
    Item item;
    item.value = GH_TRY(Bare());
    item.params = GH_TRY(Params());
    return item;
  }

  Result<InnerList> ParseInnerList() {
    InnerList list;
    ++pos_;  // '('
    while (true) {
      SkipSp();
      if (Consume(')')) break;
      if (list.items.size() >= kMaxInnerListItems) return Invalid("inner list too long");
      list.items.push_back(GH_TRY(ParseItem()));
      if (Peek() != ' ' && Peek() != ')') return Invalid("expected ' ' or ')' in inner list");
    }
    list.params = GH_TRY(Params());
    return list;
  }

  Result<BareItem> Bare() {
    char c = Peek();
    if (c == '-' || IsDigit(c)) return Number();
    if (c == '"') return QuotedString();
    if (c == ':') return ByteSequence();
    if (c == '?') return Boolean();
    if (IsAlpha(c) || c == '*') return Token();
    return Invalid("unexpected character in item");
  }

 private:
  Result<BareItem> Number() {
    BareItem item;
    item.kind = BareItem::Kind::kInteger;
    bool negative = Consume('-');
    size_t start = pos_;
    int64_t whole = 0;
    while (IsDigit(Peek()) && pos_ - start < 16) whole = whole * 10 + (s_[pos_++] - '0');
    size_t int_digits = pos_ - start;
    if (int_digits == 0) return Invalid("number without digits");
    if (!Consume('.')) {
      if (int_digits > 15) return Invalid("integer too long");
      item.integer = negative ? -whole : whole;
      return item;
    }
    if (int_digits > 12) return Invalid("decimal too long");
    size_t frac_start = pos_;
    int64_t frac = 0;
    while (IsDigit(Peek()) && pos_ - frac_start < 4) frac = frac * 10 + (s_[pos_++] - '0');
    size_t frac_digits = pos_ - frac_start;
    if (frac_digits == 0 || frac_digits > 3) return Invalid("bad decimal fraction");
    for (size_t i = frac_digits; i < 3; ++i) frac *= 10;
    item.kind = BareItem::Kind::kDecimal;
    item.integer = (negative ? -1 : 1) * (whole * 1000 + frac);
    return item;
  }

  Result<BareItem> QuotedString() {
    BareItem item;
    item.kind = BareItem::Kind::kString;
    ++pos_;
    while (!AtEnd()) {
      char c = s_[pos_++];
      if (c == '"') return item;
      if (c == '\\') {
        char next = Peek();
        if (next != '"' && next != '\\') return Invalid("bad escape in string");
        ++pos_;
        c = next;
      } else if (c < 0x20 || c > 0x7e) {
        return Invalid("non-printable character in string");
      }
      item.text += c;
    }
    return Invalid("unterminated string");
  }

  Result<BareItem> ByteSequence() {
    ++pos_;
    size_t start = pos_;
    while (IsB64Char(Peek())) ++pos_;
    if (!Consume(':')) return Invalid("unterminated byte sequence");
    auto bytes = Base64Decode(s_.substr(start, pos_ - 1 - start));
    if (!bytes) return Invalid("byte sequence is not valid Base64");
    return Bytes(std::move(*bytes));
  }

  Result<BareItem> Boolean() {
    ++pos_;
    BareItem item;
    if (Consume('1')) return item;
    if (!Consume('0')) return Invalid("bad boolean");
    item.boolean = false;
    return item;
  }

  Result<BareItem> Token() {
    BareItem item;
    item.kind = BareItem::Kind::kToken;
    size_t start = pos_;
    ++pos_;
    while (IsTchar(Peek()) || Peek() == ':' || Peek() == '/') ++pos_;
    item.text = std::string(s_.substr(start, pos_ - start));
    return item;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

Result<Dictionary> ParseDictionary(std::string_view field) {
  if (field.size() > kMaxFieldBytes) return Invalid("field larger than 8 KiB");
  while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
  Parser p(field);
  p.SkipSp();
  Dictionary dict;
  while (!p.AtEnd()) {
    std::string key = GH_TRY(p.Key());
    Member member;
    if (p.Consume('=')) {
      if (p.Peek() == '(') {
        member.is_inner_list = true;
        member.list = GH_TRY(p.ParseInnerList());
      } else {
        member.item = GH_TRY(p.ParseItem());
      }
    } else {
      member.item.params = GH_TRY(p.Params());  // a bare key is boolean true
    }
    if (FindMember(dict, key) != nullptr) return Invalid("duplicate key " + key);
    if (dict.size() >= kMaxMembers) return Invalid("too many members");
    dict.emplace_back(std::move(key), std::move(member));
    p.SkipOws();
    if (p.AtEnd()) break;
    if (!p.Consume(',')) return Invalid("expected ',' between members");
    p.SkipOws();
    if (p.AtEnd()) return Invalid("trailing comma");
  }
  return dict;
}

std::string SerializeBareItem(const BareItem& item) {
  switch (item.kind) {
    case BareItem::Kind::kInteger:
      return std::to_string(item.integer);
    case BareItem::Kind::kDecimal: {
      int64_t v = item.integer < 0 ? -item.integer : item.integer;
      std::string frac = std::to_string(1000 + v % 1000).substr(1);
      while (frac.size() > 1 && frac.back() == '0') frac.pop_back();
      return (item.integer < 0 ? "-" : "") + std::to_string(v / 1000) + "." + frac;
    }
    case BareItem::Kind::kString: {
      std::string out = "\"";
      for (char c : item.text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      return out + "\"";
    }
    case BareItem::Kind::kToken:
      return item.text;
    case BareItem::Kind::kBytes:
      return ":" + Base64Encode(item.text) + ":";
    case BareItem::Kind::kBoolean:
      return item.boolean ? "?1" : "?0";
  }
  return {};
}

std::string SerializeParameters(const Parameters& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    out += ";" + key;
    if (value.kind != BareItem::Kind::kBoolean || !value.boolean)
      out += "=" + SerializeBareItem(value);
  }
  return out;
}

std::string SerializeInnerList(const InnerList& list) {
  std::string out = "(";
  for (size_t i = 0; i < list.items.size(); ++i) {
    if (i > 0) out += ' ';
    out += SerializeBareItem(list.items[i].value) + SerializeParameters(list.items[i].params);
  }
  return out + ")" + SerializeParameters(list.params);
}

namespace {
template <class Value>
const Value* FindKey(const std::vector<std::pair<std::string, Value>>& pairs,
                     std::string_view key) {
  for (const auto& p : pairs) {
    if (p.first == key) return &p.second;
  }
  return nullptr;
}
}  // namespace

const BareItem* FindParam(const Parameters& params, std::string_view key) {
  return FindKey(params, key);
}
const Member* FindMember(const Dictionary& dict, std::string_view key) {
  return FindKey(dict, key);
}

BareItem String(std::string s) {
  BareItem item;
  item.kind = BareItem::Kind::kString;
  item.text = std::move(s);
  return item;
}

BareItem Integer(int64_t v) {
  BareItem item;
  item.kind = BareItem::Kind::kInteger;
  item.integer = v;
  return item;
}

BareItem Bytes(std::string raw) {
  BareItem item;
  item.kind = BareItem::Kind::kBytes;
  item.text = std::move(raw);
  return item;
}

}  // namespace guildhall::federation::sf
