#include "storage/model/records/member.h"

#include "storage/model/records/codec_util.h"
#include "storage/model/records/text_tokens.h"

namespace guildhall::storage {
namespace {

constexpr uint8_t kVersion = 1;

void AddTokens(const Member& m, DirectoryField field, std::string_view text, IndexEntries& out,
               std::vector<std::string>& seen) {
  for (auto& token : Tokenize(text)) {
    std::string key = KeyBuilder().U8(static_cast<uint8_t>(field)).Str(token).Id(m.id).Take();
    bool dup = false;
    for (const auto& s : seen) dup = dup || s == key;
    if (dup) continue;
    seen.push_back(key);
    out.push_back({&tables::kMemberTokens, std::move(key)});
  }
}

}  // namespace

std::string MemberCodec::Key(const Member& m) { return KeyOf(m.id); }
std::string MemberCodec::KeyOf(Id id) { return records::IdKey(id); }

std::string MemberCodec::Encode(const Member& m) {
  ValueWriter w(kVersion);
  w.Id(m.id).Str(m.username).Str(m.domain).Str(m.actor_uri).Str(m.display_name).Str(m.bio);
  w.Str(m.avatar).Str(m.title).Str(m.team).Str(m.location).Strs(m.skills).Strs(m.interests);
  records::WriteEnum(w, m.role);
  records::WriteEnum(w, m.state);
  w.Str(m.password_hash).Bool(m.must_change_password).Bool(m.federation);
  w.I64(m.created).I64(m.updated).U64(m.version);
  return w.Take();
}

Result<Member> MemberCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Member m;
  bool ok = true;
  m.id = r.Id();
  m.username = r.Str();
  m.domain = r.Str();
  m.actor_uri = r.Str();
  m.display_name = r.Str();
  m.bio = r.Str();
  m.avatar = r.Str();
  m.title = r.Str();
  m.team = r.Str();
  m.location = r.Str();
  m.skills = r.Strs();
  m.interests = r.Strs();
  m.role = records::ReadEnum(r, NodeRole::kAdmin, ok);
  m.state = records::ReadEnum(r, MemberState::kSuspended, ok);
  m.password_hash = r.Str();
  m.must_change_password = r.Bool();
  m.federation = r.Bool();
  m.created = r.I64();
  m.updated = r.I64();
  m.version = r.U64();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "member"));
  return m;
}

void MemberCodec::Indexes(const Member& m, IndexEntries& out) {
  out.push_back({&tables::kMembersByUsername, UsernameKey(m.domain, m.username), true});
  if (!m.actor_uri.empty()) {
    out.push_back({&tables::kMembersByActorUri, ActorUriKey(m.actor_uri), true});
  }
  // The directory lists active local members only: suspending someone takes
  // them out of search in the same write.
  if (!m.IsLocal() || !m.IsActive()) return;
  std::vector<std::string> seen;
  AddTokens(m, DirectoryField::kName, m.username, out, seen);
  AddTokens(m, DirectoryField::kName, m.display_name, out, seen);
  AddTokens(m, DirectoryField::kTitle, m.title, out, seen);
  AddTokens(m, DirectoryField::kTeam, m.team, out, seen);
  AddTokens(m, DirectoryField::kLocation, m.location, out, seen);
  for (const auto& s : m.skills) AddTokens(m, DirectoryField::kSkill, s, out, seen);
  for (const auto& s : m.interests) AddTokens(m, DirectoryField::kInterest, s, out, seen);
}

std::string MemberCodec::UsernameKey(std::string_view domain, std::string_view username) {
  return KeyBuilder().Str(domain).Str(username).Take();
}

std::string MemberCodec::ActorUriKey(std::string_view actor_uri) {
  return KeyBuilder().Str(actor_uri).Take();
}

std::string MemberCodec::TokenPrefix(uint8_t field, std::string_view token_prefix) {
  return KeyBuilder().U8(field).Raw(token_prefix).Take();
}

std::string MemberCodec::TokenExact(uint8_t field, std::string_view token) {
  return KeyBuilder().U8(field).Str(token).Take();
}

}  // namespace guildhall::storage
