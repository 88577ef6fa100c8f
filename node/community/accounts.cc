#include "node/community/accounts.h"

#include "node/community/access.h"
#include "node/community/account_ops.h"
#include "node/community/audit.h"
#include "node/community/passwords.h"
#include "node/community/sessions.h"
#include "node/community/validation.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::Member;
using storage::MemberCodec;
using storage::NodeRole;
using storage::Table;

namespace {

const char* RoleName(NodeRole r) {
  switch (r) {
    case NodeRole::kMember:
      return "member";
    case NodeRole::kModerator:
      return "moderator";
    case NodeRole::kAdmin:
      return "admin";
  }
  return "member";
}

// A temporary password: 20 characters from an alphabet without look-alikes.
Result<std::string> TempPassword() {
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  auto raw = GH_TRY(RandomBytes(20));
  std::string out;
  for (unsigned char c : raw) out.push_back(kAlphabet[c % kAlphabet.size()]);
  return out;
}

Result<Member> LoadLocal(storage::ReadTxn& tx, Id id) {
  auto m = GH_TRY(LoadMember(tx, id));
  if (!m.IsLocal()) return Error::Invalid("member: is not a local account");
  return m;
}

Result<bool> HasOtherAdmin(storage::ReadTxn& tx, Id except) {
  bool found = false;
  GH_CHECK(storage::Table<MemberCodec>::Scan(
      tx, "", "", storage::ScanOrder::kForward, [&](const Member& m) {
        found = m.id != except && m.IsLocal() && m.role == NodeRole::kAdmin && m.IsActive();
        return !found;
      }));
  return found;
}

}  // namespace

Result<Profile> Accounts::Create(Id actor, const NewMember& member) {
  return Insert(actor, member, true);
}

Result<Profile> Accounts::CreateBootstrap(const NewMember& member) {
  return Insert(Id{}, member, false);
}

Result<Profile> Accounts::Insert(Id actor, const NewMember& nm, bool check_admin) {
  const std::string username = NormalizeUsername(nm.username);
  GH_CHECK(ValidateAccountFields(username, nm.display_name, nm.password));
  if (check_admin) {  // before spending a password hash on a request that must fail
    GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
      GH_CHECK(RequireNode(tx, actor, NodeAction::kManageAccounts));
      return Ok();
    }));
  }
  auto hash = GH_TRY(HashPassword(nm.password, options_.password));
  Profile out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    if (check_admin) GH_CHECK(RequireNode(tx, actor, NodeAction::kManageAccounts));
    auto m = GH_TRY(InsertLocalMember(tx, deps_, username, nm.display_name, hash, nm.role));
    GH_CHECK(AppendAudit(
        tx, deps_,
        {.actor = actor,
         .action = "member.create",
         .target = "member:" + m.id.ToString(),
         .after = std::string("username=") + m.username + " role=" + RoleName(m.role)}));
    out = ToProfile(m);
    return Ok();
  }));
  return out;
}

Result<> Accounts::ChangePassword(Id actor, std::string_view old_password,
                                  std::string_view new_password, CurrentCredential keep,
                                  std::string_view address) {
  Member before;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    GH_CHECK(RequireSignedIn(tx, actor));
    before = GH_TRY(LoadLocal(tx, actor));
    return Ok();
  }));
  if (throttle_.RetryAfter(before.username, address).count() > 0) {
    return Error::Unavailable(std::string(kThrottledMessage));
  }
  GH_CHECK(ValidatePassword(new_password, before.username, before.display_name));
  if (!VerifyPassword(before.password_hash, old_password)) {
    throttle_.Failed(before.username, address);
    return Error::Unauthorized("old_password: is not your current password");
  }
  throttle_.Succeeded(before.username);
  auto hash = GH_TRY(HashPassword(new_password, options_.password));
  const std::string keep_session = keep.session_token.empty() ? "" : HashToken(keep.session_token);
  const std::string keep_token = keep.api_token.empty() ? "" : HashToken(keep.api_token);
  return deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto m = GH_TRY(LoadLocal(tx, actor));
    // Another change won the race: the old password no longer holds.
    if (m.password_hash != before.password_hash) {
      return Error::Conflict("password changed meanwhile");
    }
    m.password_hash = hash;
    m.must_change_password = false;
    m.updated = deps_.NowMs();
    ++m.version;
    GH_CHECK(Table<MemberCodec>::Put(tx, m));
    // Whoever knew the old password may hold a session or a token: only the
    // credential that made this change survives it.
    GH_CHECK(RevokeSessions(tx, actor, keep_session));
    return RevokeApiTokens(tx, actor, keep_token);
  });
}

Result<std::string> Accounts::ResetPassword(Id actor, Id member) {
  auto temp = GH_TRY(TempPassword());
  auto hash = GH_TRY(HashPassword(temp, options_.password));
  std::string username;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    GH_CHECK(RequireNode(tx, actor, NodeAction::kManageAccounts));
    auto m = GH_TRY(LoadLocal(tx, member));
    m.password_hash = hash;
    m.must_change_password = true;
    m.updated = deps_.NowMs();
    ++m.version;
    GH_CHECK(Table<MemberCodec>::Put(tx, m));
    GH_CHECK(RevokeSessions(tx, member));
    GH_CHECK(RevokeApiTokens(tx, member));
    username = m.username;
    return AppendAudit(tx, deps_,
                       {.actor = actor,
                        .action = "member.reset_password",
                        .target = "member:" + member.ToString(),
                        .after = "must_change_password=true sessions=revoked api_tokens=revoked"});
  }));
  // The member must be able to sign in with the new password at once.
  throttle_.Clear(ThrottleKind::kAccount, username);
  return temp;
}

Result<std::vector<ThrottleLock>> Accounts::LoginLocks(Id actor) {
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    GH_CHECK(RequireNode(tx, actor, NodeAction::kManageAccounts));
    return Ok();
  }));
  return throttle_.Locks();
}

Result<> Accounts::ClearLoginLock(Id actor, ThrottleKind kind, std::string_view key) {
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    GH_CHECK(RequireNode(tx, actor, NodeAction::kManageAccounts));
    return Ok();
  }));
  const std::string shown(key.substr(0, LoginThrottle::kMaxKeyBytes));
  if (!throttle_.Clear(kind, key)) return Error::NotFound("no sign-in lock for " + shown);
  return deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    const bool account = kind == ThrottleKind::kAccount;
    return AppendAudit(tx, deps_,
                       {.actor = actor,
                        .action = "login_lock.clear",
                        .target = std::string(account ? "account:" : "address:") + shown});
  });
}

Result<Profile> Accounts::Suspend(Id actor, Id member, std::string_view reason) {
  return ToProfile(GH_TRY(SuspendByAdmin(deps_, actor, member, true, reason)));
}

Result<Profile> Accounts::Unsuspend(Id actor, Id member, std::string_view reason) {
  return ToProfile(GH_TRY(SuspendByAdmin(deps_, actor, member, false, reason)));
}

Result<Profile> Accounts::SetRole(Id actor, Id member, NodeRole role) {
  Profile out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    GH_CHECK(RequireNode(tx, actor, NodeAction::kManageAccounts));
    auto m = GH_TRY(LoadLocal(tx, member));
    const NodeRole before = m.role;
    if (before == NodeRole::kAdmin && role != NodeRole::kAdmin &&
        !GH_TRY(HasOtherAdmin(tx, m.id))) {
      return Error::Conflict("role: the node needs at least one admin");
    }
    m.role = role;
    m.updated = deps_.NowMs();
    ++m.version;
    GH_CHECK(Table<MemberCodec>::Put(tx, m));
    GH_CHECK(AppendAudit(tx, deps_,
                         {.actor = actor,
                          .action = "member.role",
                          .target = "member:" + member.ToString(),
                          .before = std::string("role=") + RoleName(before),
                          .after = std::string("role=") + RoleName(role)}));
    out = ToProfile(m);
    return Ok();
  }));
  return out;
}

Result<Profile> Accounts::UpsertRemote(const RemoteActor& actor) {
  Validator v;
  v.Check(IsValidWebUrl(actor.actor_uri), "actor_uri", "must be an http(s) URL");
  v.Text("username", actor.username, 1, 100).Text("domain", actor.domain, 1, 253);
  v.Text("display_name", actor.display_name, 0, 200).Text("bio", actor.bio, 0, 5000, true);
  GH_CHECK(v.Finish());
  Profile out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto found = GH_TRY(Table<MemberCodec>::FindUnique(tx, storage::tables::kMembersByActorUri,
                                                       MemberCodec::ActorUriKey(actor.actor_uri)));
    Member m = found ? std::move(*found) : Member{};
    if (!found) {
      m.id = deps_.ids.Next();
      m.created = deps_.NowMs();
      m.actor_uri = actor.actor_uri;
    } else {
      ++m.version;
    }
    m.username = AsciiLower(actor.username);
    m.domain = AsciiLower(actor.domain);
    m.display_name = actor.display_name;
    m.bio = actor.bio;
    m.avatar = actor.avatar_url;
    m.updated = deps_.NowMs();
    GH_CHECK(Table<MemberCodec>::Put(tx, m));
    out = ToProfile(m);
    return Ok();
  }));
  return out;
}

}  // namespace guildhall::community
