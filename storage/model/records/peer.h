// Peer: one remote domain on the node's federation list (DESIGN §4): how the
// node relates to it (partner, vendor, ...), whether it is allowed, limited
// or blocked, a note, and who set it when. A domain is an authority as
// Origin::Authority() spells it ("peer.example", "127.0.0.1:8443"); its
// subdomains are distinct peers.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

enum class PeerRelationship : uint8_t { kPartner = 0, kVendor = 1, kAssociation = 2, kOther = 3 };
// limited: its members may follow public groups, their posts wait for a
// moderator, and they may not join partners groups.
enum class PeerState : uint8_t { kAllowed = 0, kLimited = 1, kBlocked = 2 };

// "partner", "vendor", "association", "other"; "allowed", "limited", "blocked".
const char* PeerRelationshipName(PeerRelationship r);
const char* PeerStateName(PeerState s);
// Parse the names above; false for anything else.
bool ParsePeerRelationship(std::string_view name, PeerRelationship& out);
bool ParsePeerState(std::string_view name, PeerState& out);

struct Peer {
  std::string domain;  // lower-case authority; the key
  PeerRelationship relationship = PeerRelationship::kOther;
  PeerState state = PeerState::kAllowed;
  std::string note;
  Id set_by;           // the member who last changed it
  int64_t set_at = 0;  // unix ms
};

// Key: Str domain. No indexes.
struct PeerCodec {
  using Record = Peer;
  static constexpr const TableDef& kTable = tables::kPeers;
  static std::string Key(const Peer& p) { return KeyOf(p.domain); }
  static std::string KeyOf(std::string_view domain);
  static std::string Encode(const Peer& p);
  static Result<Peer> Decode(std::string_view value);
  static void Indexes(const Peer&, IndexEntries&) {}
};

}  // namespace guildhall::storage
