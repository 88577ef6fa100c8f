#include "node/community/api_tokens.h"

#include "node/community/access.h"
#include "node/community/crypto.h"
#include "node/community/validation.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::ApiToken;
using storage::ApiTokenCodec;
using storage::Table;

Result<NewApiToken> ApiTokens::Create(Id actor, std::string_view name) {
  GH_CHECK(Validator().Text("name", name, 1, 100).Finish());
  auto secret = GH_TRY(NewSecret());
  NewApiToken out;
  out.token = secret.token;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    const Viewer v = GH_TRY(RequireSignedIn(tx, actor));
    if (v.remote) return Error::Forbidden("not allowed");
    ApiToken t;
    t.id = deps_.ids.Next();
    t.token_hash = secret.hash;
    t.member = actor;
    t.name = std::string(Trim(name));
    t.created = deps_.NowMs();
    GH_CHECK(Table<ApiTokenCodec>::Insert(tx, t));
    out.record = t;
    return Ok();
  }));
  return out;
}

Result<> ApiTokens::Revoke(Id actor, Id token_id) {
  return deps_.store.Write([=](storage::WriteTxn& tx) -> Result<> {
    const Viewer v = GH_TRY(RequireSignedIn(tx, actor));
    auto t = GH_TRY(Table<ApiTokenCodec>::Get(tx, ApiTokenCodec::KeyOf(token_id)));
    const bool admin = DecideNode(v, NodeAction::kManageAccounts) == Decision::kAllow;
    if (!t || (t->member != actor && !admin)) return Error::NotFound("token not found");
    return Table<ApiTokenCodec>::Erase(tx, ApiTokenCodec::KeyOf(token_id));
  });
}

Result<std::vector<ApiToken>> ApiTokens::List(Id actor) {
  std::vector<ApiToken> out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    GH_CHECK(RequireSignedIn(tx, actor));
    return Table<ApiTokenCodec>::ScanIndexPrefix(
        tx, storage::tables::kApiTokensByMember, ApiTokenCodec::ByMemberPrefix(actor),
        storage::ScanOrder::kForward, [&](const ApiToken& t) {
          out.push_back(t);
          return true;
        });
  }));
  return out;
}

Result<Profile> ApiTokens::Authenticate(std::string_view token) {
  const std::string key = ApiTokenCodec::HashKey(HashToken(token));
  Profile out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    auto t = GH_TRY(Table<ApiTokenCodec>::FindUnique(tx, storage::tables::kApiTokensByHash, key));
    if (!t) return Error::Unauthorized("unknown or revoked token");
    auto m = GH_TRY(LoadMember(tx, t->member));
    if (!m.IsActive()) return Error::Unauthorized("unknown or revoked token");
    out = ToProfile(m);
    return Ok();
  }));
  return out;
}

}  // namespace guildhall::community
