// The actor documents the node serves (DESIGN §3): the node's Application
// actor (/actor), a Person per federating member (/u/{name}) and a Group per
// federating group (/g/{slug}); internal groups and members with federation
// off have no document at all (LocalActors decides). Each names its inbox,
// outbox, followers, following, the shared inbox and its RSA key
// (#main-key). Groups add Lemmy's moderators collection (as attributedTo)
// and postingRestrictedToMods, and manuallyApprovesFollowers for approval
// and invite-only groups. Every actor lists what the node implements
// (FEP-844e). Pure over the records given; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "federation/actors/local_actors.h"
#include "federation/protocol/as2.h"
#include "storage/model/records/group.h"
#include "storage/model/records/member.h"

namespace guildhall::federation {

// `public_pem` may be empty (the key was never made): no publicKey then.
as::Actor NodeActorToApplication(const Uris& uris, std::string_view node_name,
                                 std::string_view public_pem);
as::Actor MemberToPerson(const LocalActors& actors, const storage::Member& member,
                         std::string_view public_pem);
as::Actor GroupToGroupActor(const LocalActors& actors, const storage::Group& group,
                            std::string_view public_pem);

// The key of a group on its own (id `<group>#main-key`, owner, PEM): what
// an unsigned GET of a partners group's actor URL gets (spec/FEDERATION.md
// "Keys of partners groups"), since receivers such as Fedify fetch the key
// of an activity's signer without signing.
std::string GroupKeyDocument(const LocalActors& actors, const storage::Group& group,
                             std::string_view public_pem);

// What the node implements, for every actor document (FEP-844e; written by
// as::WriteActor): RFC 9421 HTTP Message Signatures.
const std::vector<as::Link>& Implemented();

// The preferredUsername of the node actor: our host name, which no member
// or group name can equal (they have no dots), as Mastodon does.
std::string NodeActorUsername(const Uris& uris);

}  // namespace guildhall::federation
