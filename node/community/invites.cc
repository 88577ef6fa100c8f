#include "node/community/invites.h"

#include "node/community/access.h"
#include "node/community/account_ops.h"
#include "node/community/audit.h"
#include "node/community/group_ops.h"
#include "node/community/passwords.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::Invite;
using storage::InviteCodec;
using storage::Table;

namespace {

Result<Invite> FindUsable(storage::ReadTxn& tx, std::string_view token, int64_t now) {
  auto invite = GH_TRY(Table<InviteCodec>::FindUnique(tx, storage::tables::kInvitesByHash,
                                                      InviteCodec::HashKey(HashToken(token))));
  if (!invite) return Error::NotFound("invite not found");
  if (invite->used_by) return Error::Conflict("this invite was already used");
  if (invite->expires <= now) return Error::Conflict("this invite has expired");
  return std::move(*invite);
}

Result<> RequireMayInvite(storage::ReadTxn& tx, Id actor, Id group) {
  const Viewer v = GH_TRY(LoadViewer(tx, actor));
  if (DecideNode(v, NodeAction::kCreateInvite) == Decision::kAllow) {
    if (group) GH_CHECK(LoadGroup(tx, group));
    return Ok();
  }
  if (!group) return ToResult(DecideNode(v, NodeAction::kCreateInvite), "page");
  auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
  return access.Require(Action::kInvite);
}

}  // namespace

Result<NewInvite> Invites::Create(Id actor, Id group,
                                  std::optional<std::chrono::milliseconds> ttl) {
  auto secret = GH_TRY(NewSecret());
  NewInvite out;
  out.token = secret.token;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    GH_CHECK(RequireMayInvite(tx, actor, group));
    Invite i;
    i.id = deps_.ids.Next();
    i.token_hash = secret.hash;
    i.created_by = actor;
    i.group = group;
    i.created = deps_.NowMs();
    i.expires = i.created + ttl.value_or(options_.invite_ttl).count();
    GH_CHECK(Table<InviteCodec>::Insert(tx, i));
    GH_CHECK(AppendAudit(tx, deps_,
                         {.actor = actor,
                          .action = "invite.create",
                          .target = "invite:" + i.id.ToString(),
                          .group = group}));
    out.invite = i;
    return Ok();
  }));
  return out;
}

Result<Invite> Invites::Check(std::string_view token) {
  Invite out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    out = GH_TRY(FindUsable(tx, token, deps_.NowMs()));
    return Ok();
  }));
  return out;
}

Result<LoginResult> Invites::Accept(std::string_view token, const SignUp& form) {
  const std::string username = NormalizeUsername(form.username);
  GH_CHECK(ValidateAccountFields(username, form.display_name, form.password));
  GH_CHECK(Check(token));  // fail fast before the slow hash
  auto hash = GH_TRY(HashPassword(form.password, options_.password));
  auto session_token = GH_TRY(NewSecret());
  auto csrf = GH_TRY(RandomBytes(32));
  LoginResult out;
  out.token = session_token.token;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto invite = GH_TRY(FindUsable(tx, token, deps_.NowMs()));
    auto member = GH_TRY(InsertLocalMember(tx, deps_, username, form.display_name, hash,
                                           storage::NodeRole::kMember));
    invite.used_by = member.id;
    invite.used_at = deps_.NowMs();
    GH_CHECK(Table<InviteCodec>::Put(tx, invite));
    if (invite.group) {
      auto group = GH_TRY(LoadGroup(tx, invite.group));
      GH_CHECK(ActivateMembership(tx, deps_, group, member, storage::GroupRole::kMember,
                                  invite.created_by));
    }
    out.member = ToProfile(member);
    out.session = GH_TRY(
        PutSession(tx, deps_, member.id, session_token, HexEncode(csrf), options_.session_ttl));
    return Ok();
  }));
  return out;
}

}  // namespace guildhall::community
