#include "node/community/access.h"

#include "storage/model/table.h"

namespace guildhall::community {

using storage::GroupCodec;
using storage::MemberCodec;
using storage::MembershipCodec;
using storage::Table;

Result<storage::Member> LoadMember(storage::ReadTxn& tx, Id id) {
  auto m = GH_TRY(Table<MemberCodec>::Get(tx, MemberCodec::KeyOf(id)));
  if (!m) return Error::NotFound("member not found");
  return std::move(*m);
}

Result<storage::Group> LoadGroup(storage::ReadTxn& tx, Id id) {
  auto g = GH_TRY(Table<GroupCodec>::Get(tx, GroupCodec::KeyOf(id)));
  if (!g) return Error::NotFound("group not found");
  return std::move(*g);
}

Result<std::optional<storage::Membership>> LoadMembership(storage::ReadTxn& tx, Id group,
                                                          Id member) {
  if (!member) return std::optional<storage::Membership>();
  return Table<MembershipCodec>::Get(tx, MembershipCodec::KeyOf(group, member));
}

Result<Viewer> LoadViewer(storage::ReadTxn& tx, Id actor) {
  if (!actor) return Viewer::Anonymous();
  auto m = GH_TRY(Table<MemberCodec>::Get(tx, MemberCodec::KeyOf(actor)));
  if (!m) return Error::Unauthorized("unknown member");
  return Viewer::Of(*m);
}

Result<Viewer> RequireSignedIn(storage::ReadTxn& tx, Id actor) {
  const Viewer v = GH_TRY(LoadViewer(tx, actor));
  if (!v.signed_in()) return Error::Unauthorized("sign in first");
  return v;
}

Decision GroupAccess::Decide(Action action, Id author) const {
  return community::Decide(viewer, group, membership, action, author);
}

Result<> GroupAccess::Require(Action action, std::string_view what, Id author) const {
  // A hidden group hides its content too: the content itself is "not found".
  return ToResult(Decide(action, author), what);
}

GroupCapabilities GroupAccess::Capabilities() const {
  return CapabilitiesOf(viewer, group, membership);
}

bool GroupAccess::IsActiveMember() const {
  return membership && membership->state == storage::MembershipState::kActive && viewer.signed_in();
}

Result<GroupAccess> LoadGroupAccess(storage::ReadTxn& tx, Id actor, Id group) {
  GroupAccess access;
  access.viewer = GH_TRY(LoadViewer(tx, actor));
  access.group = GH_TRY(LoadGroup(tx, group));
  access.membership = GH_TRY(LoadMembership(tx, group, actor));
  return access;
}

Result<Viewer> RequireNode(storage::ReadTxn& tx, Id actor, NodeAction action,
                           bool members_may_create_groups) {
  const Viewer v = GH_TRY(LoadViewer(tx, actor));
  GH_CHECK(ToResult(DecideNode(v, action, members_may_create_groups), "page"));
  return v;
}

}  // namespace guildhall::community
