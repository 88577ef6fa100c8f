// FederationPublisher::Publish: each domain event to its handler (the
// handlers live in publisher_content.cc, publisher_moderation.cc and
// publisher_social.cc).
#include "federation/outbox/publisher.h"

namespace guildhall::federation {

namespace ev = community::events;

Result<> FederationPublisher::Publish(WriteTxn& tx, const community::DomainEvent& event) {
  struct Dispatch {
    FederationPublisher& p;
    WriteTxn& tx;
    Result<> operator()(const ev::GroupCreated& e) { return p.GroupCreated(tx, e.group); }
    Result<> operator()(const ev::GroupChanged& e) { return p.GroupChanged(tx, e.group); }
    Result<> operator()(const ev::ThreadCreated& e) {
      return p.ThreadCreated(tx, e.group, e.thread);
    }
    Result<> operator()(const ev::ThreadUpdated& e) {
      return p.ThreadUpdated(tx, e.group, e.thread);
    }
    Result<> operator()(const ev::ThreadModerated& e) {
      return p.ThreadModerated(tx, e.group, e.thread, e.actor, e.flag);
    }
    Result<> operator()(const ev::ThreadDeleted& e) {
      return p.ThreadDeleted(tx, e.group, e.thread);
    }
    Result<> operator()(const ev::ReplyCreated& e) {
      return p.ReplyCreated(tx, e.group, e.thread, e.reply);
    }
    Result<> operator()(const ev::ReplyUpdated& e) {
      return p.ReplyUpdated(tx, e.group, e.thread, e.reply);
    }
    Result<> operator()(const ev::ReplyDeleted& e) {
      return p.ReplyDeleted(tx, e.group, e.thread, e.reply);
    }
    Result<> operator()(const ev::LikeAdded& e) { return p.LikeAdded(tx, e.group, e.like); }
    Result<> operator()(const ev::LikeRemoved& e) { return p.LikeRemoved(tx, e.group, e.like); }
    Result<> operator()(const ev::EventCreated& e) { return p.EventCreated(tx, e.group, e.event); }
    Result<> operator()(const ev::EventUpdated& e) { return p.EventUpdated(tx, e.group, e.event); }
    Result<> operator()(const ev::EventCancelled& e) {
      return p.EventCancelled(tx, e.group, e.event);
    }
    Result<> operator()(const ev::RsvpChanged& e) {
      return p.RsvpChanged(tx, e.group, e.event, e.rsvp);
    }
    Result<> operator()(const ev::ResourceAdded& e) {
      return p.ResourceAdded(tx, e.group, e.resource);
    }
    Result<> operator()(const ev::ResourceRemoved& e) {
      return p.ResourceRemoved(tx, e.group, e.resource);
    }
    Result<> operator()(const ev::MemberJoined& e) {
      return p.MemberJoined(tx, e.group, e.member, e.membership);
    }
    Result<> operator()(const ev::MemberLeft& e) { return p.MemberLeft(tx, e.group, e.member); }
    Result<> operator()(const ev::MemberBanned& e) { return p.MemberBanned(tx, e.group, e.member); }
    Result<> operator()(const ev::JoinDenied& e) { return p.JoinDenied(tx, e.group, e.member); }
    Result<> operator()(const ev::ProfileUpdated& e) { return p.ProfileUpdated(tx, e.member); }
    Result<> operator()(const ev::ReportFiled& e) { return p.ReportFiled(tx, e.report); }
  };
  return std::visit(Dispatch{*this, tx}, event);
}

}  // namespace guildhall::federation
