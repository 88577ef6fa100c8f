#include "storage/model/records/session.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string SessionCodec::Key(const Session& s) { return KeyOf(s.token_hash); }
std::string SessionCodec::KeyOf(std::string_view token_hash) {
  return KeyBuilder().Raw(token_hash).Take();
}

std::string SessionCodec::Encode(const Session& s) {
  ValueWriter w(kVersion);
  w.Str(s.token_hash).Id(s.member).I64(s.created).I64(s.expires).Str(s.csrf_secret);
  return w.Take();
}

Result<Session> SessionCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Session s;
  s.token_hash = r.Str();
  s.member = r.Id();
  s.created = r.I64();
  s.expires = r.I64();
  s.csrf_secret = r.Str();
  GH_CHECK(records::FinishDecode(r, true, kVersion, "session"));
  return s;
}

void SessionCodec::Indexes(const Session& s, IndexEntries& out) {
  out.push_back({&tables::kSessionsByMember, KeyBuilder().Id(s.member).Raw(s.token_hash).Take()});
  out.push_back({&tables::kSessionsByExpiry, KeyBuilder().I64(s.expires).Raw(s.token_hash).Take()});
}

std::string SessionCodec::ByMemberPrefix(Id member) { return records::IdKey(member); }
std::string SessionCodec::ExpiryKey(int64_t expires) { return KeyBuilder().I64(expires).Take(); }

}  // namespace guildhall::storage
