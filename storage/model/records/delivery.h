// Delivery: one activity to one inbox, the unit of the durable outbound queue
// (federation/delivery). DeliveryBody: the activity JSON, stored once per
// activity and shared by all its deliveries. A pending delivery sits in the
// due index under its next attempt time; claiming it for an attempt moves
// that time one lease ahead, so a crash mid-send retries instead of losing it.
// Plain values + stateless codecs; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

enum class DeliveryState : uint8_t { kPending = 0, kDelivered = 1, kFailed = 2, kDropped = 3 };

// "pending", "delivered", "failed", "dropped".
const char* DeliveryStateName(DeliveryState state);

struct Delivery {
  Id id;
  std::string activity_id;  // the activity's AP id; its body is in delivery_bodies
  std::string inbox;        // target inbox URL (a shared inbox when the peer has one)
  std::string host;         // the inbox's authority, "host[:port]": per-host limits and state
  Id group_id;              // the group the activity is about (policy re-checks); 0 if none
  DeliveryState state = DeliveryState::kPending;
  uint32_t attempts = 0;        // attempts started (a claimed attempt counts)
  int64_t next_attempt_at = 0;  // unix ms; pending only
  int64_t created = 0;          // unix ms
  int64_t last_attempt_at = 0;  // unix ms; 0 before the first attempt
  int64_t finished_at = 0;      // when it became delivered, failed or dropped
  uint32_t last_status = 0;     // HTTP status of the last attempt; 0 if none came back
  std::string last_error;       // why the last attempt failed or why it was dropped
  // A policy notice: the Reject or Undo that tells a peer a relation ended
  // because of a policy change. The re-check at send time lets it through
  // although the policy now refuses the host (telling the peer is the
  // point); it carries no content. Since version 2.
  bool notice = false;
};

// Key: Id. Indexes:
//   deliveries_due         (I64 next_attempt_at, Id) pending only: the queue
//   deliveries_by_activity (Str activity_id, Str inbox) unique: log + dedup
//   deliveries_by_host     (Str host, Id) pending only: host recovery
struct DeliveryCodec {
  using Record = Delivery;
  static constexpr const TableDef& kTable = tables::kDeliveries;
  static std::string Key(const Delivery& d) { return KeyOf(d.id); }
  static std::string KeyOf(Id id);
  static std::string Encode(const Delivery& d);
  static Result<Delivery> Decode(std::string_view value);
  static void Indexes(const Delivery& d, IndexEntries& out);
  static std::string DueKey(int64_t next_attempt_at, Id id);
  static std::string ActivityPrefix(std::string_view activity_id);
  static std::string ActivityInboxKey(std::string_view activity_id, std::string_view inbox);
  static std::string HostPrefix(std::string_view host);
};

struct DeliveryBody {
  std::string activity_id;
  std::string actor_id;     // who signs the POSTs
  std::string json;         // the activity exactly as sent
  int64_t created = 0;      // unix ms
  uint32_t unfinished = 0;  // deliveries not yet delivered/failed/dropped; 0 -> erased
};

// Key: Str activity_id. No indexes.
struct DeliveryBodyCodec {
  using Record = DeliveryBody;
  static constexpr const TableDef& kTable = tables::kDeliveryBodies;
  static std::string Key(const DeliveryBody& b) { return KeyOf(b.activity_id); }
  static std::string KeyOf(std::string_view activity_id);
  static std::string Encode(const DeliveryBody& b);
  static Result<DeliveryBody> Decode(std::string_view value);
  static void Indexes(const DeliveryBody&, IndexEntries&) {}
};

}  // namespace guildhall::storage
