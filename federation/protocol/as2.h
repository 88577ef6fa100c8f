// ActivityStreams 2.0 as Guildhall reads and writes it: plain C++ structs
// for activities, objects (Note, Page, Article, Event, Tombstone, ...), actors
// (Person, Group, Application, ...) and collections. AS2 is treated as plain
// JSON, never JSON-LD (security.md §0.3). Wire vocabulary is kept verbatim
// (STYLE 33); converters to local records live elsewhere. Plain values;
// thread-compatible. No JSON library types appear here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/model/clock.h"

namespace guildhall::federation::as {

// The one spelling of public addressing we store and emit; the reader maps
// "as:Public" and "Public" (Fedify's compacted forms) to it.
inline constexpr std::string_view kPublic = "https://www.w3.org/ns/activitystreams#Public";

// A Link-ish reference: icon, image, attachment, url.
struct Link {
  std::string type;  // "Image", "Document", "Link", "PropertyValue", ...
  std::string href;  // url / href; for PropertyValue empty
  std::string media_type;
  std::string name;   // alt text, link text, or PropertyValue name
  std::string value;  // PropertyValue value (HTML, untrusted)
  std::optional<int64_t> width, height;
  std::string blurhash;
};

// tag[]: Mention, Hashtag, Emoji.
struct Tag {
  std::string type;      // "Mention", "Hashtag", "Emoji"
  std::string href;      // the actor (Mention) or tag page (Hashtag)
  std::string name;      // "@alice@remote.example", "#cats", ":blob:"
  std::string icon_url;  // Emoji
};

struct Source {
  std::string content;     // e.g. the Markdown a post was written in
  std::string media_type;  // "text/markdown"
};

// Mobilizon's Event location (schema.org Place + PostalAddress, flattened).
struct Place {
  std::string name;
  std::string street_address, locality, region, postal_code, country;
  std::optional<double> latitude, longitude;
};

// A Question's options (Mastodon, Mbin: `oneOf` single choice, `anyOf`
// multiple choice), each with its vote count (`replies.totalItems`).
struct PollOption {
  std::string name;  // plain text
  int64_t votes = 0;
};
struct Poll {
  bool multiple = false;  // anyOf
  std::vector<PollOption> options;
  int64_t voters = 0;  // votersCount (Mastodon); 0 when not given
  std::optional<TimePoint> closed;
};

struct Object {
  std::string id;
  std::string type;                        // first known type, else the first given
  std::vector<std::string> attributed_to;  // actor ids; Lemmy/PeerTube may list several
  std::string name;                        // title (Page, Event, Article); plain text
  std::string content;                     // HTML, untrusted until sanitized
  std::string summary;                     // HTML: content warning or abstract
  std::string media_type;
  std::optional<Source> source;
  std::string in_reply_to;
  std::string context;   // thread / conversation id
  std::string audience;  // FEP-1b12: the group this belongs to
  std::vector<std::string> to, cc, bto, bcc;
  std::optional<TimePoint> published, updated;
  std::string url;  // first http(s) url given
  std::vector<Tag> tag;
  std::vector<Link> attachment;
  std::optional<Link> image;
  bool sensitive = false;
  // BCP 47 tag of the text: the key of `contentMap` (Mastodon, Mbin,
  // Friendica) or Lemmy's `language.identifier`; "" when unknown.
  std::string language;
  std::optional<Poll> poll;              // a Question with oneOf/anyOf
  std::optional<bool> comments_enabled;  // Lemmy/Mobilizon: false = locked
  std::optional<bool> stickied;          // Lemmy: pinned in the community
  std::string replies;                   // replies collection id
  // Event (Mobilizon).
  std::optional<TimePoint> start_time, end_time;
  std::optional<Place> location;
  std::string timezone;
  std::string join_mode;  // "free", "restricted", "invite"
  std::optional<int64_t> maximum_attendee_capacity;
  std::string status;  // "CONFIRMED", "TENTATIVE", "CANCELLED"
  // Tombstone.
  std::string former_type;
  std::optional<TimePoint> deleted;
};

struct PublicKeyInfo {
  std::string id;     // "https://host/u/alice#main-key"
  std::string owner;  // must equal the actor id
  std::string public_key_pem;
};

// FEP-521a / Fedify: assertionMethod entries. Not all are Ed25519.
struct Multikey {
  std::string id;
  std::string controller;
  std::string public_key_multibase;
};

struct Actor {
  std::string id;
  std::string type;  // Person, Group, Application, Service, Organization
  std::string preferred_username;
  std::string name;
  std::string summary;  // HTML, untrusted
  std::optional<Source> source;
  std::string url;
  std::string inbox, outbox, followers, following, featured;
  std::string shared_inbox;                // endpoints.sharedInbox
  std::vector<PublicKeyInfo> public_keys;  // publicKey: one object or an array
  std::vector<Multikey> assertion_methods;
  std::optional<Link> icon, image;
  bool manually_approves_followers = false;
  bool discoverable = false;
  std::optional<bool> posting_restricted_to_mods;  // Lemmy groups
  std::string moderators;  // Lemmy/Guildhall: moderators collection id (attributedTo of a Group)
  std::vector<std::string> attributed_to;  // raw attributedTo ids (PeerTube channel -> account)
  std::vector<Link> attachment;            // profile fields (PropertyValue)
  // Guildhall's extension `groupKind` (https://guildhall.dev/ns#groupKind,
  // spec/FEDERATION.md): "practice", "interest", "project" or "location";
  // empty when absent or anything else.
  std::string group_kind;
  std::optional<TimePoint> published, updated;
  std::string raw_json;  // the document verbatim, when read from the wire
};

struct Activity {
  std::string id;
  std::string type;  // Create, Update, Delete, Follow, Accept, Reject, Announce, Undo, Like, ...
  std::string actor;
  // `object`: always its id when present; when the sender embedded it, the
  // embedded form is in exactly one of the three pointers below. An embedded
  // copy is a claim by the sender, not a fact: authorize before trusting it.
  std::string object_id;
  std::string object_type;  // the embedded object's type; empty for a bare id
  std::shared_ptr<const Object> object;
  std::shared_ptr<const Activity>
      object_activity;                        // Undo(Follow), Accept(Follow), Announce(Create)
  std::shared_ptr<const Actor> object_actor;  // Update(Person/Group)
  std::string target;                         // id (Add/Remove to a collection, Join target)
  std::string origin;
  std::vector<std::string> to, cc, bto, bcc, audience;
  std::optional<TimePoint> published;
  std::string summary;                     // Flag reason (Lemmy) or Announce note
  std::string content;                     // Flag comment (Mastodon)
  std::vector<std::string> extra_objects;  // Flag: reported object ids beyond the first
  std::string raw_json;                    // the document verbatim, when read from the wire
};

struct Collection {
  std::string id;
  std::string type;  // Collection, OrderedCollection, CollectionPage, OrderedCollectionPage
  std::optional<int64_t> total_items;
  std::string first, last, next, prev, part_of;
  std::vector<std::string>
      item_ids;  // items/orderedItems: ids (embedded items contribute their id)
  // Embedded activities found among the items (outbox pages), in order.
  std::vector<Activity> activities;
  std::vector<Object> objects;  // embedded non-activity items (featured, Lemmy outbox Pages)
  std::string raw_json;
};

// Type classification used by reader and writer.
bool IsActivityType(std::string_view type);
bool IsActorType(std::string_view type);
bool IsCollectionType(std::string_view type);
bool IsObjectType(std::string_view type);  // Note, Page, Article, Event, Question, Tombstone, ...
// True for "https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public".
bool IsPublic(std::string_view recipient);

}  // namespace guildhall::federation::as
