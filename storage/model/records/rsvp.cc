#include "storage/model/records/rsvp.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string RsvpCodec::Key(const Rsvp& r) { return KeyOf(r.event, r.member); }
std::string RsvpCodec::KeyOf(Id event, Id member) { return records::IdPairKey(event, member); }

std::string RsvpCodec::Encode(const Rsvp& r) {
  ValueWriter w(kVersion);
  w.Id(r.event).Id(r.member);
  records::WriteEnum(w, r.answer);
  w.Bool(r.waitlisted).Id(r.waitlist_seq).I64(r.at);
  return w.Take();
}

Result<Rsvp> RsvpCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Rsvp v;
  bool ok = true;
  v.event = r.Id();
  v.member = r.Id();
  v.answer = records::ReadEnum(r, RsvpAnswer::kDeclined, ok);
  v.waitlisted = r.Bool();
  v.waitlist_seq = r.Id();
  v.at = r.I64();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "rsvp"));
  return v;
}

void RsvpCodec::Indexes(const Rsvp& r, IndexEntries& out) {
  out.push_back({&tables::kRsvpsByMember, records::IdPairKey(r.member, r.event)});
  if (r.waitlisted) {
    out.push_back(
        {&tables::kRsvpsWaitlist, KeyBuilder().Id(r.event).Id(r.waitlist_seq).Id(r.member).Take()});
  }
}

std::string RsvpCodec::ByEventPrefix(Id event) { return records::IdKey(event); }
std::string RsvpCodec::ByMemberPrefix(Id member) { return records::IdKey(member); }
std::string RsvpCodec::WaitlistPrefix(Id event) { return records::IdKey(event); }

}  // namespace guildhall::storage
