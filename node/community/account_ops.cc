#include "node/community/account_ops.h"

#include "node/community/access.h"
#include "node/community/audit.h"
#include "node/community/password_policy.h"
#include "node/community/validation.h"
#include "storage/model/records/api_token.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::MemberCodec;
using storage::SessionCodec;
using storage::Table;

Result<storage::Session> PutSession(storage::WriteTxn& tx, const ServiceDeps& deps, Id member,
                                    const Secret& token, std::string_view csrf_secret,
                                    std::chrono::milliseconds ttl) {
  storage::Session s;
  s.token_hash = token.hash;
  s.member = member;
  s.created = deps.NowMs();
  s.expires = s.created + ttl.count();
  s.csrf_secret = std::string(csrf_secret);
  GH_CHECK(Table<SessionCodec>::Insert(tx, s));
  return s;
}

Result<> RevokeSessions(storage::WriteTxn& tx, Id member, std::string_view keep_hash) {
  std::vector<std::string> keys;
  const std::string prefix = SessionCodec::ByMemberPrefix(member);
  GH_CHECK(tx.Scan(storage::tables::kSessionsByMember, prefix, storage::PrefixEnd(prefix),
                   storage::ScanOrder::kForward, [&](std::string_view, std::string_view primary) {
                     if (primary != keep_hash) keys.emplace_back(primary);
                     return true;
                   }));
  for (const auto& key : keys) GH_CHECK(Table<SessionCodec>::Erase(tx, key));
  return Ok();
}

Result<> RevokeApiTokens(storage::WriteTxn& tx, Id member, std::string_view keep_hash) {
  std::vector<std::string> keys;
  GH_CHECK(Table<storage::ApiTokenCodec>::ScanIndexPrefix(
      tx, storage::tables::kApiTokensByMember, storage::ApiTokenCodec::ByMemberPrefix(member),
      storage::ScanOrder::kForward, [&](const storage::ApiToken& t) {
        if (t.token_hash != keep_hash) keys.push_back(storage::ApiTokenCodec::Key(t));
        return true;
      }));
  for (const auto& key : keys) GH_CHECK(Table<storage::ApiTokenCodec>::Erase(tx, key));
  return Ok();
}

Result<storage::Member> SetSuspended(storage::WriteTxn& tx, const ServiceDeps& deps, Id actor,
                                     Id member, bool suspended, std::string_view reason) {
  if (actor == member) return Error::Conflict("you cannot suspend yourself");
  auto m = GH_TRY(Table<MemberCodec>::Get(tx, MemberCodec::KeyOf(member)));
  if (!m) return Error::NotFound("member not found");
  const auto before = m->state;
  m->state = suspended ? storage::MemberState::kSuspended : storage::MemberState::kActive;
  if (before == m->state) return std::move(*m);
  m->updated = deps.NowMs();
  ++m->version;
  GH_CHECK(Table<MemberCodec>::Put(tx, *m));
  if (suspended) GH_CHECK(RevokeSessions(tx, member));
  GH_CHECK(AppendAudit(tx, deps,
                       {.actor = actor,
                        .action = suspended ? "member.suspend" : "member.unsuspend",
                        .target = "member:" + member.ToString(),
                        .before = suspended ? "state=active" : "state=suspended",
                        .after = suspended ? "state=suspended" : "state=active",
                        .reason = std::string(reason)}));
  GH_CHECK(deps.publisher.Publish(tx, events::ProfileUpdated{*m}));
  return std::move(*m);
}

Result<storage::Member> SuspendByAdmin(const ServiceDeps& deps, Id actor, Id member, bool suspended,
                                       std::string_view reason) {
  storage::Member out;
  GH_CHECK(deps.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    GH_CHECK(RequireNode(tx, actor, NodeAction::kManageAccounts));
    out = GH_TRY(SetSuspended(tx, deps, actor, member, suspended, reason));
    return Ok();
  }));
  return out;
}

std::string NormalizeUsername(std::string_view username) { return AsciiLower(Trim(username)); }

namespace {
void CheckPassword(Validator& v, std::string_view password, std::string_view username,
                   std::string_view display_name) {
  if (password.size() > 1024) {  // before counting characters of a huge input
    v.Check(false, "password", "must be at most 256 characters");
    return;
  }
  v.Text("password", password, 10, 256);
  if (v.HasProblem("password")) return;
  const std::string weak = WeakPasswordReason(password, username, display_name);
  v.Check(weak.empty(), "password", weak);
}
}  // namespace

Result<> ValidatePassword(std::string_view password, std::string_view username,
                          std::string_view display_name) {
  Validator v;
  CheckPassword(v, password, username, display_name);
  return v.Finish();
}

Result<> ValidateAccountFields(std::string_view username, std::string_view display_name,
                               std::string_view password) {
  Validator v;
  v.Check(IsValidUsername(username), "username",
          "must be 1 to 30 characters: letters a-z, digits 0-9 or _");
  v.Text("display_name", display_name, 0, 80);
  CheckPassword(v, password, username, display_name);
  return v.Finish();
}

Result<storage::Member> InsertLocalMember(storage::WriteTxn& tx, const ServiceDeps& deps,
                                          std::string_view username, std::string_view display_name,
                                          std::string password_hash, storage::NodeRole role) {
  if (tx.Get(storage::tables::kMembersByUsername, MemberCodec::UsernameKey("", username))) {
    return Error::Conflict("username: is already taken");
  }
  storage::Member m;
  m.id = deps.ids.Next();
  m.username = std::string(username);
  m.display_name = display_name.empty() ? m.username : std::string(Trim(display_name));
  m.password_hash = std::move(password_hash);
  m.role = role;
  m.created = m.updated = deps.NowMs();
  GH_CHECK(Table<MemberCodec>::Insert(tx, m));
  return m;
}

}  // namespace guildhall::community
