// The catalogue of every table and index the node stores (spec/STORAGE.md
// mirrors this list, with key and value layouts). A table's `index` is its
// slot in kAllTables; append new tables at the end and bump kSchemaVersion
// only when existing data needs a migration.
#pragma once

#include <array>

#include "storage/model/kv.h"

namespace guildhall::storage::tables {

// Node-wide settings and bookkeeping: schema version, node keys, counters.
inline constexpr TableDef kMeta{0, "meta"};

// Community (node/community); key and value layouts in spec/STORAGE.md.
inline constexpr TableDef kMembers{1, "members"};
inline constexpr TableDef kMembersByUsername{2, "members_by_username"};
inline constexpr TableDef kMembersByActorUri{3, "members_by_actor_uri"};
inline constexpr TableDef kMemberTokens{4, "member_tokens"};
inline constexpr TableDef kSessions{5, "sessions"};
inline constexpr TableDef kSessionsByMember{6, "sessions_by_member"};
inline constexpr TableDef kSessionsByExpiry{7, "sessions_by_expiry"};
inline constexpr TableDef kApiTokens{8, "api_tokens"};
inline constexpr TableDef kApiTokensByHash{9, "api_tokens_by_hash"};
inline constexpr TableDef kApiTokensByMember{10, "api_tokens_by_member"};
inline constexpr TableDef kInvites{11, "invites"};
inline constexpr TableDef kInvitesByHash{12, "invites_by_hash"};
inline constexpr TableDef kGroups{13, "groups"};
inline constexpr TableDef kGroupsBySlug{14, "groups_by_slug"};
inline constexpr TableDef kGroupsByApId{15, "groups_by_ap_id"};
inline constexpr TableDef kMemberships{16, "memberships"};
inline constexpr TableDef kMembershipsByMember{17, "memberships_by_member"};
inline constexpr TableDef kMembershipsByGroupState{18, "memberships_by_group_state"};
inline constexpr TableDef kThreads{19, "threads"};
inline constexpr TableDef kThreadsByGroup{20, "threads_by_group"};
inline constexpr TableDef kThreadsByApId{21, "threads_by_ap_id"};
inline constexpr TableDef kReplies{22, "replies"};
inline constexpr TableDef kRepliesByThread{23, "replies_by_thread"};
inline constexpr TableDef kRepliesByApId{24, "replies_by_ap_id"};
inline constexpr TableDef kLikes{25, "likes"};
inline constexpr TableDef kReadMarkers{26, "read_markers"};
inline constexpr TableDef kEvents{27, "events"};
inline constexpr TableDef kEventsByGroup{28, "events_by_group"};
inline constexpr TableDef kEventsByStart{29, "events_by_start"};
inline constexpr TableDef kEventsByApId{30, "events_by_ap_id"};
inline constexpr TableDef kRsvps{31, "rsvps"};
inline constexpr TableDef kRsvpsByMember{32, "rsvps_by_member"};
inline constexpr TableDef kRsvpsWaitlist{33, "rsvps_waitlist"};
inline constexpr TableDef kResources{34, "resources"};
inline constexpr TableDef kResourcesByGroup{35, "resources_by_group"};
inline constexpr TableDef kNotifications{36, "notifications"};
inline constexpr TableDef kNotificationsUnread{37, "notifications_unread"};
inline constexpr TableDef kReports{38, "reports"};
inline constexpr TableDef kReportsByState{39, "reports_by_state"};
inline constexpr TableDef kReportsByGroupState{40, "reports_by_group_state"};
inline constexpr TableDef kBans{41, "bans"};
inline constexpr TableDef kAudit{42, "audit"};
inline constexpr TableDef kAuditByActor{43, "audit_by_actor"};
inline constexpr TableDef kAuditByAction{44, "audit_by_action"};

// Federation delivery queue and remote actor cache (federation/delivery,
// federation/dereference); layouts in spec/STORAGE.md.
inline constexpr TableDef kDeliveries{45, "deliveries"};
inline constexpr TableDef kDeliveriesDue{46, "deliveries_due"};
inline constexpr TableDef kDeliveriesByActivity{47, "deliveries_by_activity"};
inline constexpr TableDef kDeliveriesByHost{48, "deliveries_by_host"};
inline constexpr TableDef kDeliveryBodies{49, "delivery_bodies"};
inline constexpr TableDef kDeliveryHosts{50, "delivery_hosts"};
inline constexpr TableDef kRemoteActors{51, "remote_actors"};
inline constexpr TableDef kRemoteActorsByKeyId{52, "remote_actors_by_key_id"};

// Federation inbox, outbox, actor keys and follows (federation/inbox,
// federation/outbox, federation/actors, federation/follows); layouts in
// spec/STORAGE.md.
inline constexpr TableDef kLocalKeys{53, "local_keys"};
inline constexpr TableDef kInboxActivities{54, "inbox_activities"};
inline constexpr TableDef kInboxPending{55, "inbox_pending"};
inline constexpr TableDef kInboxSeen{56, "inbox_seen"};
inline constexpr TableDef kOutboxActivities{57, "outbox_activities"};
inline constexpr TableDef kOutboxByActor{58, "outbox_by_actor"};
inline constexpr TableDef kFollows{59, "follows"};
inline constexpr TableDef kFollowsByActivity{60, "follows_by_activity"};
inline constexpr TableDef kTombstones{61, "tombstones"};

// Federation policy (federation/policy): node settings (mode), peers, group
// share lists and group-level peer bans; layouts in spec/STORAGE.md.
inline constexpr TableDef kNodeSettings{62, "node_settings"};
inline constexpr TableDef kPeers{63, "peers"};
inline constexpr TableDef kGroupShares{64, "group_shares"};
inline constexpr TableDef kGroupPeerBans{65, "group_peer_bans"};
// Posts from limited peers waiting for a group moderator (federation/policy).
inline constexpr TableDef kHeldPosts{66, "held_posts"};
// The event log and its consumers' positions (node/community/event_log.h).
inline constexpr TableDef kEventLog{67, "event_log"};
inline constexpr TableDef kEventCursors{68, "event_cursors"};

// clang-format off
inline constexpr std::array<const TableDef*, 69> kAllTables{
    &kMeta, &kMembers, &kMembersByUsername, &kMembersByActorUri, &kMemberTokens, &kSessions,
    &kSessionsByMember, &kSessionsByExpiry, &kApiTokens, &kApiTokensByHash, &kApiTokensByMember,
    &kInvites, &kInvitesByHash, &kGroups, &kGroupsBySlug, &kGroupsByApId, &kMemberships,
    &kMembershipsByMember, &kMembershipsByGroupState, &kThreads, &kThreadsByGroup, &kThreadsByApId,
    &kReplies, &kRepliesByThread, &kRepliesByApId, &kLikes, &kReadMarkers, &kEvents,
    &kEventsByGroup, &kEventsByStart, &kEventsByApId, &kRsvps, &kRsvpsByMember, &kRsvpsWaitlist,
    &kResources, &kResourcesByGroup, &kNotifications, &kNotificationsUnread, &kReports,
    &kReportsByState, &kReportsByGroupState, &kBans, &kAudit, &kAuditByActor, &kAuditByAction,
    &kDeliveries, &kDeliveriesDue, &kDeliveriesByActivity, &kDeliveriesByHost,
    &kDeliveryBodies, &kDeliveryHosts, &kRemoteActors, &kRemoteActorsByKeyId,
    &kLocalKeys, &kInboxActivities, &kInboxPending, &kInboxSeen, &kOutboxActivities,
    &kOutboxByActor, &kFollows, &kFollowsByActivity, &kTombstones,
    &kNodeSettings, &kPeers, &kGroupShares, &kGroupPeerBans, &kHeldPosts,
    &kEventLog, &kEventCursors,
};
// clang-format on

}  // namespace guildhall::storage::tables
