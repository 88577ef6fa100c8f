#include "storage/model/records/read_marker.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string ReadMarkerCodec::Key(const ReadMarker& m) { return KeyOf(m.member, m.thread); }
std::string ReadMarkerCodec::KeyOf(Id member, Id thread) {
  return records::IdPairKey(member, thread);
}

std::string ReadMarkerCodec::Encode(const ReadMarker& m) {
  ValueWriter w(kVersion);
  w.Id(m.member).Id(m.thread).Id(m.last_read_reply).U64(m.replies_seen).I64(m.at);
  return w.Take();
}

Result<ReadMarker> ReadMarkerCodec::Decode(std::string_view value) {
  ValueReader r(value);
  ReadMarker m;
  m.member = r.Id();
  m.thread = r.Id();
  m.last_read_reply = r.Id();
  m.replies_seen = r.U64();
  m.at = r.I64();
  GH_CHECK(records::FinishDecode(r, true, kVersion, "read marker"));
  return m;
}

}  // namespace guildhall::storage
