// DomainEvent: one change of the community, as data (DESIGN §7). A service
// raises it inside the write transaction of its change (ServiceDeps::Raise):
// the event log keeps its persisted form for the consumers that read after
// commit (event_log.h, event_feed.h), and the Publisher hands it to
// federation in that same transaction (publisher.h).
// An event refers to the records of the change by reference: it is valid for
// the duration of the Raise/Publish call only and must not be kept.
#pragma once

#include <variant>

#include "storage/model/records/event.h"
#include "storage/model/records/group.h"
#include "storage/model/records/like.h"
#include "storage/model/records/member.h"
#include "storage/model/records/membership.h"
#include "storage/model/records/reply.h"
#include "storage/model/records/report.h"
#include "storage/model/records/resource.h"
#include "storage/model/records/rsvp.h"
#include "storage/model/records/thread.h"

namespace guildhall::community {

namespace events {

using storage::Group;

struct GroupCreated {
  const Group& group;
};
// Its name, description, settings or scope changed (after the change).
struct GroupChanged {
  const Group& group;
};

struct ThreadCreated {
  const Group& group;
  const storage::Thread& thread;
};
// Edited by its author (or an edit arrived from its origin).
struct ThreadUpdated {
  const Group& group;
  const storage::Thread& thread;
};
// Moderator `actor` pinned, unpinned, locked or unlocked `thread` (which
// holds the new state).
enum class ModerationFlag { kPinned, kLocked };
struct ThreadModerated {
  const Group& group;
  const storage::Thread& thread;
  Id actor;
  ModerationFlag flag;
};
// Deleted by its author or removed by a moderator (thread.removed_by says who).
struct ThreadDeleted {
  const Group& group;
  const storage::Thread& thread;
};

struct ReplyCreated {
  const Group& group;
  const storage::Thread& thread;
  const storage::Reply& reply;
};
struct ReplyUpdated {
  const Group& group;
  const storage::Thread& thread;
  const storage::Reply& reply;
};
struct ReplyDeleted {
  const Group& group;
  const storage::Thread& thread;
  const storage::Reply& reply;
};

struct LikeAdded {
  const Group& group;
  const storage::Like& like;
};
struct LikeRemoved {
  const Group& group;
  const storage::Like& like;
};

struct EventCreated {
  const Group& group;
  const storage::Event& event;
};
struct EventUpdated {
  const Group& group;
  const storage::Event& event;
};
struct EventCancelled {
  const Group& group;
  const storage::Event& event;
};
struct RsvpChanged {
  const Group& group;
  const storage::Event& event;
  const storage::Rsvp& rsvp;
};

struct ResourceAdded {
  const Group& group;
  const storage::Resource& resource;
};
struct ResourceRemoved {
  const Group& group;
  const storage::Resource& resource;
};

// The membership became active (joined, approved, accepted an invite).
struct MemberJoined {
  const Group& group;
  const storage::Member& member;
  const storage::Membership& membership;
};
struct MemberLeft {
  const Group& group;
  const storage::Member& member;
};
struct MemberBanned {
  const Group& group;
  const storage::Member& member;
};
// A moderator declined a pending join request.
struct JoinDenied {
  const Group& group;
  const storage::Member& member;
};

struct ProfileUpdated {
  const storage::Member& member;
};
struct ReportFiled {
  const storage::Report& report;
};

}  // namespace events

using DomainEvent = std::variant<
    events::GroupCreated, events::GroupChanged, events::ThreadCreated, events::ThreadUpdated,
    events::ThreadModerated, events::ThreadDeleted, events::ReplyCreated, events::ReplyUpdated,
    events::ReplyDeleted, events::LikeAdded, events::LikeRemoved, events::EventCreated,
    events::EventUpdated, events::EventCancelled, events::RsvpChanged, events::ResourceAdded,
    events::ResourceRemoved, events::MemberJoined, events::MemberLeft, events::MemberBanned,
    events::JoinDenied, events::ProfileUpdated, events::ReportFiled>;

}  // namespace guildhall::community
