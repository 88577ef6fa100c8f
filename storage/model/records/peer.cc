#include "storage/model/records/peer.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
constexpr const char* kRelationships[] = {"partner", "vendor", "association", "other"};
constexpr const char* kStates[] = {"allowed", "limited", "blocked"};

template <class E, size_t N>
bool ParseName(const char* const (&names)[N], std::string_view name, E& out) {
  for (size_t i = 0; i < N; ++i) {
    if (name == names[i]) {
      out = static_cast<E>(i);
      return true;
    }
  }
  return false;
}
}  // namespace

const char* PeerRelationshipName(PeerRelationship r) {
  return kRelationships[static_cast<size_t>(r) % 4];
}
const char* PeerStateName(PeerState s) { return kStates[static_cast<size_t>(s) % 3]; }
bool ParsePeerRelationship(std::string_view name, PeerRelationship& out) {
  return ParseName(kRelationships, name, out);
}
bool ParsePeerState(std::string_view name, PeerState& out) { return ParseName(kStates, name, out); }

std::string PeerCodec::KeyOf(std::string_view domain) { return KeyBuilder().Str(domain).Take(); }

std::string PeerCodec::Encode(const Peer& p) {
  ValueWriter w(kVersion);
  w.Str(p.domain);
  records::WriteEnum(w, p.relationship);
  records::WriteEnum(w, p.state);
  w.Str(p.note).Id(p.set_by).I64(p.set_at);
  return w.Take();
}

Result<Peer> PeerCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Peer p;
  bool ok = true;
  p.domain = r.Str();
  p.relationship = records::ReadEnum(r, PeerRelationship::kOther, ok);
  p.state = records::ReadEnum(r, PeerState::kBlocked, ok);
  p.note = r.Str();
  p.set_by = r.Id();
  p.set_at = r.I64();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "peer"));
  return p;
}

}  // namespace guildhall::storage
