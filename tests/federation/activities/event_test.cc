// Mobilizon-shaped Events and RSVPs through the inbox.
#include "storage/model/records/event.h"

#include <gtest/gtest.h>

#include "federation/protocol/json.h"
#include "federation/protocol/json_build.h"
#include "node/community/events.h"
#include "node/community/rsvps.h"
#include "storage/model/records/rsvp.h"
#include "storage/model/table.h"
#include "tests/federation/inbox/harness.h"

namespace guildhall::federation::testing {
namespace {

class EventActivityTest : public FederationHarness {
 protected:
  EventActivityTest() {
    owner_ = LocalMember("owner");
    group_ = LocalGroup(owner_, "meetups");
    group_uri_ = std::string(kBase) + "/g/meetups";
    alice_ = AddPeer("alice");
    Join(alice_, "meetups");
  }

  std::string CreateEvent(const std::string& id) {
    json::Value event =
        json::ObjectBuilder()
            .Str("id", id)
            .Str("type", "Event")
            .Str("attributedTo", alice_.id)
            .Str("name", "Summer meetup")
            .Str("content", "<p>Bring snacks</p>")
            .Str("startTime", "2025-06-01T18:00:00Z")
            .Str("endTime", "2025-06-01T21:00:00Z")
            .Str("timezone", "Europe/Berlin")
            .Set("location",
                 json::ObjectBuilder().Str("type", "Place").Str("name", "Town hall").Build())
            .Str("joinMode", "free")
            .Int("maximumAttendeeCapacity", 30)
            .Str("audience", group_uri_)
            .Build();
    return json::Serialize(
        json::ObjectBuilder()
            .Set("@context", json::Value::String("https://www.w3.org/ns/activitystreams"))
            .Str("id", NewActivityId(alice_))
            .Str("type", "Create")
            .Str("actor", alice_.id)
            .Set("to",
                 json::StringArray({group_uri_, "https://www.w3.org/ns/activitystreams#Public"}))
            .Set("object", std::move(event))
            .Build());
  }

  Id owner_, group_;
  std::string group_uri_;
  Peer alice_;
};

TEST_F(EventActivityTest, CreateEventStoresItWithMobilizonFields) {
  const std::string id = std::string(kPeer) + "/events/1";
  EXPECT_EQ(Post("/inbox", CreateEvent(id), alice_), 202u);
  auto event = FindByApId<storage::EventCodec>(storage::tables::kEventsByApId, id);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->title, "Summer meetup");
  EXPECT_EQ(event->time_zone, "Europe/Berlin");
  EXPECT_EQ(event->place, "Town hall");
  EXPECT_EQ(event->capacity, 30u);
  EXPECT_EQ(event->end - event->start, 3 * 3600 * 1000);
}

TEST_F(EventActivityTest, JoinAndTentativeAcceptAreRsvps) {
  const Id event = Must(c_->events.Create(owner_, group_,
                                          {"Local meetup", "", 1741000000000, 1741003600000,
                                           "Etc/UTC", "Cafe", "", 0, ""}))
                       .id;
  const std::string event_uri = std::string(kBase) + "/e/" + event.ToString();
  EXPECT_EQ(Post("/inbox", Simple("Join", NewActivityId(alice_), alice_, event_uri), alice_), 202u);
  std::optional<storage::Rsvp> rsvp;
  auto read = [&] {
    Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
      rsvp = GH_TRY(storage::Table<storage::RsvpCodec>::Get(
          tx, storage::RsvpCodec::KeyOf(event, MemberIdOf(alice_.id))));
      return Ok();
    }));
  };
  read();
  ASSERT_TRUE(rsvp.has_value());
  EXPECT_EQ(rsvp->answer, storage::RsvpAnswer::kGoing);
  EXPECT_EQ(
      Post("/inbox", Simple("TentativeAccept", NewActivityId(alice_), alice_, event_uri), alice_),
      202u);
  read();
  EXPECT_EQ(rsvp->answer, storage::RsvpAnswer::kMaybe);
  EXPECT_EQ(Post("/inbox", Simple("Leave", NewActivityId(alice_), alice_, event_uri), alice_),
            202u);
  read();
  EXPECT_EQ(rsvp->answer, storage::RsvpAnswer::kDeclined);
}

}  // namespace
}  // namespace guildhall::federation::testing
