#include "node/community/event_ops.h"

#include "node/community/notifications.h"
#include "storage/model/records/rsvp.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::Rsvp;
using storage::RsvpCodec;
using storage::Table;

Result<storage::Event> LoadEvent(storage::ReadTxn& tx, Id id) {
  auto e = GH_TRY(Table<storage::EventCodec>::Get(tx, storage::EventCodec::KeyOf(id)));
  if (!e) return Error::NotFound("event not found");
  return std::move(*e);
}

bool HasFreeSeat(const storage::Event& e) { return e.capacity == 0 || e.going_count < e.capacity; }

Result<> PromoteWaitlisted(storage::WriteTxn& tx, const ServiceDeps& deps,
                           const storage::Group& group, storage::Event& event) {
  while (HasFreeSeat(event) && event.waitlist_count > 0) {
    auto first = GH_TRY(Table<RsvpCodec>::FindFirst(tx, storage::tables::kRsvpsWaitlist,
                                                    RsvpCodec::WaitlistPrefix(event.id)));
    if (!first) break;
    Rsvp r = std::move(*first);
    r.waitlisted = false;
    r.waitlist_seq = Id{};
    GH_CHECK(Table<RsvpCodec>::Put(tx, r));
    --event.waitlist_count;
    ++event.going_count;
    GH_CHECK(Notify(tx, deps,
                    {.recipient = r.member,
                     .kind = storage::NotificationKind::kWaitlistPromoted,
                     .group = event.group,
                     .event = event.id}));
    GH_CHECK(deps.publisher.Publish(tx, events::RsvpChanged{group, event, r}));
  }
  return Ok();
}

Result<> NotifyAttendees(storage::WriteTxn& tx, const ServiceDeps& deps,
                         const storage::Event& event, Id actor) {
  std::vector<Id> recipients;
  GH_CHECK(Table<RsvpCodec>::ScanPrefix(tx, RsvpCodec::ByEventPrefix(event.id),
                                        storage::ScanOrder::kForward, [&](const Rsvp& r) {
                                          if (r.answer != storage::RsvpAnswer::kDeclined) {
                                            recipients.push_back(r.member);
                                          }
                                          return true;
                                        }));
  for (Id member : recipients) {
    GH_CHECK(Notify(tx, deps,
                    {.recipient = member,
                     .kind = storage::NotificationKind::kEventChanged,
                     .actor = actor,
                     .group = event.group,
                     .event = event.id}));
  }
  return Ok();
}

}  // namespace guildhall::community
