#include "federation/actors/documents.h"

#include "federation/actors/collections.h"
#include "federation/actors/group_kind.h"
#include "federation/outbox/objects.h"
#include "federation/protocol/as2_writer.h"

namespace guildhall::federation {
namespace {

void AddEndpoints(as::Actor& a, const Uris& uris, std::string_view public_pem) {
  a.inbox = Uris::Inbox(a.id);
  a.outbox = Uris::Outbox(a.id);
  a.followers = Uris::Followers(a.id);
  a.following = Uris::Following(a.id);
  a.shared_inbox = uris.SharedInbox();
  if (!public_pem.empty()) {
    a.public_keys.push_back({Uris::KeyId(a.id), a.id, std::string(public_pem)});
  }
}

// Markdown as the HTML summary, with the Markdown kept as `source`.
void SetSummary(as::Actor& a, const std::string& markdown) {
  if (markdown.empty()) return;
  a.summary = MarkdownToContent(markdown);
  a.source = as::Source{markdown, "text/markdown"};
}

}  // namespace

const std::vector<as::Link>& Implemented() {
  // FEP-844e: peers may sign to us with RFC 9421 (verified inbound,
  // federation/signatures/message_signature.h) rather than guess.
  static const std::vector<as::Link> kImplemented = {
      {.type = "Link",
       .href = "https://datatracker.ietf.org/doc/html/rfc9421",
       .name = "RFC-9421: HTTP Message Signatures"}};
  return kImplemented;
}

std::string NodeActorUsername(const Uris& uris) { return uris.origin().host; }

as::Actor NodeActorToApplication(const Uris& uris, std::string_view node_name,
                                 std::string_view public_pem) {
  as::Actor a;
  a.id = uris.NodeActor();
  a.type = "Application";
  a.preferred_username = NodeActorUsername(uris);
  a.name = std::string(node_name);
  a.url = uris.base() + "/";
  AddEndpoints(a, uris, public_pem);
  a.manually_approves_followers = true;  // nobody follows the node actor
  return a;
}

as::Actor MemberToPerson(const LocalActors& actors, const storage::Member& m,
                         std::string_view public_pem) {
  as::Actor a;
  a.id = actors.UriOf(m);
  a.type = "Person";
  a.preferred_username = m.username;
  a.name = m.display_name.empty() ? m.username : m.display_name;
  SetSummary(a, m.bio);
  a.url = actors.uris().MemberPage(m.username);
  AddEndpoints(a, actors.uris(), public_pem);
  a.discoverable = false;  // the member directory is for the organization only
  a.published = FromUnixMillis(m.created);
  return a;
}

std::string GroupKeyDocument(const LocalActors& actors, const storage::Group& group,
                             std::string_view public_pem) {
  const std::string id = actors.UriOf(group);
  return as::WriteKeyDocument({Uris::KeyId(id), id, std::string(public_pem)});
}

as::Actor GroupToGroupActor(const LocalActors& actors, const storage::Group& g,
                            std::string_view public_pem) {
  as::Actor a;
  a.id = actors.UriOf(g);
  a.type = "Group";
  a.preferred_username = g.slug;
  a.name = g.name;
  SetSummary(a, g.description);
  a.url = actors.uris().GroupPage(g.slug);
  AddEndpoints(a, actors.uris(), public_pem);
  a.moderators = Uris::Moderators(a.id);
  a.featured = FeaturedUri(a.id);
  // Lemmy derives a group's visibility from these two
  // (community_visibility, crates/apub/objects/src/utils/functions.rs):
  // manuallyApprovesFollowers -> private, whose content must not be Public:
  // exactly a partners group. A public group that approves joins still says
  // false, or Lemmy would refuse its Public content (ObjectIsNotPrivate);
  // its followers wait for our Accept all the same. discoverable false ->
  // unlisted.
  const bool is_public = g.scope == storage::GroupScope::kPublic;
  a.manually_approves_followers = g.scope == storage::GroupScope::kPartners;
  a.discoverable = is_public;
  a.posting_restricted_to_mods = false;
  a.group_kind = GroupKindToWire(g.kind);  // shown on the followers' nodes
  a.published = FromUnixMillis(g.created);
  if (g.updated != 0 && g.updated != g.created) a.updated = FromUnixMillis(g.updated);
  return a;
}

}  // namespace guildhall::federation
