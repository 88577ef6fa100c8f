#include "storage/model/records/api_token.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string ApiTokenCodec::Key(const ApiToken& t) { return KeyOf(t.id); }
std::string ApiTokenCodec::KeyOf(Id id) { return records::IdKey(id); }

std::string ApiTokenCodec::Encode(const ApiToken& t) {
  ValueWriter w(kVersion);
  w.Id(t.id).Str(t.token_hash).Id(t.member).Str(t.name).I64(t.created);
  return w.Take();
}

Result<ApiToken> ApiTokenCodec::Decode(std::string_view value) {
  ValueReader r(value);
  ApiToken t;
  t.id = r.Id();
  t.token_hash = r.Str();
  t.member = r.Id();
  t.name = r.Str();
  t.created = r.I64();
  GH_CHECK(records::FinishDecode(r, true, kVersion, "api token"));
  return t;
}

void ApiTokenCodec::Indexes(const ApiToken& t, IndexEntries& out) {
  out.push_back({&tables::kApiTokensByHash, HashKey(t.token_hash), true});
  out.push_back({&tables::kApiTokensByMember, records::IdPairKey(t.member, t.id)});
}

std::string ApiTokenCodec::HashKey(std::string_view token_hash) {
  return KeyBuilder().Raw(token_hash).Take();
}
std::string ApiTokenCodec::ByMemberPrefix(Id member) { return records::IdKey(member); }

}  // namespace guildhall::storage
