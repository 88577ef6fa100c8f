#include "node/community/sessions.h"

#include "node/community/account_ops.h"
#include "node/community/log.h"
#include "node/community/passwords.h"
#include "storage/model/log_field.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::MemberCodec;
using storage::SessionCodec;
using storage::Table;

const std::string& Sessions::DummyHash() {
  std::call_once(dummy_once_, [&] {
    auto h = HashPassword("guildhall-no-such-user", options_.password);
    dummy_hash_ = h ? *h : std::string();
  });
  return dummy_hash_;
}

Result<LoginResult> Sessions::Login(std::string_view username, std::string_view password,
                                    std::string_view address) {
  const std::string name = NormalizeUsername(username);
  if (throttle_.RetryAfter(name, address).count() > 0) {
    return Error::Unavailable(std::string(kThrottledMessage));
  }
  std::optional<storage::Member> member;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    member = GH_TRY(Table<MemberCodec>::FindUnique(tx, storage::tables::kMembersByUsername,
                                                   MemberCodec::UsernameKey("", name)));
    return Ok();
  }));
  // Verify even for unknown users so response time does not reveal who exists.
  const bool ok = VerifyPassword(member ? member->password_hash : DummyHash(), password);
  if (!member || !ok) {
    throttle_.Failed(name, address);
    Log().info("login failed user={}", LogField(name));
    return Error::Unauthorized("wrong username or password");
  }
  if (!member->IsActive()) return Error::Forbidden("account suspended");
  throttle_.Succeeded(name);
  auto token = GH_TRY(NewSecret());
  auto csrf = GH_TRY(RandomBytes(32));
  LoginResult out;
  out.token = token.token;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    // Re-read: an admin may have suspended the member since the check above.
    auto now = GH_TRY(Table<MemberCodec>::Get(tx, MemberCodec::KeyOf(member->id)));
    if (!now || !now->IsActive()) return Error::Forbidden("account suspended");
    out.member = ToProfile(*now);
    out.session =
        GH_TRY(PutSession(tx, deps_, now->id, token, HexEncode(csrf), options_.session_ttl));
    return Ok();
  }));
  Log().info("login member={}", member->id.value);
  return out;
}

Result<> Sessions::Logout(std::string_view token) {
  const std::string key = SessionCodec::KeyOf(HashToken(token));
  return deps_.store.Write(
      [key](storage::WriteTxn& tx) { return Table<SessionCodec>::Erase(tx, key); });
}

Result<Authenticated> Sessions::Authenticate(std::string_view token) {
  const std::string key = SessionCodec::KeyOf(HashToken(token));
  const int64_t now = deps_.NowMs();
  Authenticated out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    auto s = GH_TRY(Table<SessionCodec>::Get(tx, key));
    if (!s || s->expires <= now) return Error::Unauthorized("session expired; sign in again");
    auto m = GH_TRY(Table<MemberCodec>::Get(tx, MemberCodec::KeyOf(s->member)));
    if (!m || !m->IsActive()) return Error::Unauthorized("session expired; sign in again");
    out.session = std::move(*s);
    out.member = ToProfile(*m);
    return Ok();
  }));
  return out;
}

bool Sessions::CheckCsrf(const storage::Session& session, std::string_view csrf_token) {
  return !session.csrf_secret.empty() && ConstantTimeEquals(session.csrf_secret, csrf_token);
}

Result<size_t> Sessions::PurgeExpired(size_t max) {
  const std::string end = SessionCodec::ExpiryKey(deps_.NowMs());
  size_t purged = 0;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    std::vector<std::string> keys;
    GH_CHECK(tx.Scan(storage::tables::kSessionsByExpiry, "", end, storage::ScanOrder::kForward,
                     [&](std::string_view, std::string_view primary) {
                       keys.emplace_back(primary);
                       return keys.size() < max;
                     }));
    for (const auto& k : keys) GH_CHECK(Table<SessionCodec>::Erase(tx, k));
    purged = keys.size();
    return Ok();
  }));
  return purged;
}

}  // namespace guildhall::community
