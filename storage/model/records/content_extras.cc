#include "storage/model/records/content_extras.h"

namespace guildhall::storage {
namespace {

constexpr uint64_t kExtrasVersion = 1;

// A count read back must be within its cap; past it the value is corrupt.
bool CountOk(ValueReader& r, uint64_t n, size_t cap) { return r.ok() && n <= cap; }

void WritePoll(ValueWriter& w, const PollState& p) {
  w.Bool(p.multiple).U64(p.voters).I64(p.ends_at).Bool(p.closed).U64(p.choices.size());
  for (const PollChoice& c : p.choices) w.Str(c.name).U64(c.votes);
}

bool ReadPoll(ValueReader& r, PollState& p) {
  p.multiple = r.Bool();
  p.voters = r.U64();
  p.ends_at = r.I64();
  p.closed = r.Bool();
  const uint64_t n = r.U64();
  if (!CountOk(r, n, kMaxPollChoices)) return false;
  for (uint64_t i = 0; i < n && r.ok(); ++i) {
    PollChoice c;
    c.name = r.Str();
    c.votes = r.U64();
    p.choices.push_back(std::move(c));
  }
  return r.ok();
}

}  // namespace

void WriteExtras(ValueWriter& w, const ContentExtras& e) {
  w.U64(kExtrasVersion).Str(e.content_warning).Bool(e.sensitive).Str(e.language).Str(e.link_url);
  w.U64(e.attachments.size());
  for (const Attachment& a : e.attachments) {
    w.U64(static_cast<uint64_t>(a.kind)).Str(a.url).Str(a.media_type).Str(a.name);
  }
  w.U64(e.emoji.size());
  for (const CustomEmoji& m : e.emoji) w.Str(m.shortcode).Str(m.image_url);
  w.Strs(e.hashtags).Bool(e.has_poll);
  if (e.has_poll) WritePoll(w, e.poll);
}

ContentExtras ReadExtras(ValueReader& r, bool& ok) {
  ContentExtras e;
  if (!r.HasMore()) return e;
  auto corrupt = [&] {
    ok = false;
    return ContentExtras{};
  };
  if (r.U64() != kExtrasVersion) return corrupt();
  e.content_warning = r.Str();
  e.sensitive = r.Bool();
  e.language = r.Str();
  e.link_url = r.Str();
  const uint64_t attachments = r.U64();
  if (!CountOk(r, attachments, kMaxAttachments)) return corrupt();
  for (uint64_t i = 0; i < attachments && r.ok(); ++i) {
    Attachment a;
    const uint64_t kind = r.U64();
    if (kind > static_cast<uint64_t>(Attachment::Kind::kLink)) return corrupt();
    a.kind = static_cast<Attachment::Kind>(kind);
    a.url = r.Str();
    a.media_type = r.Str();
    a.name = r.Str();
    e.attachments.push_back(std::move(a));
  }
  const uint64_t emoji = r.U64();
  if (!CountOk(r, emoji, kMaxCustomEmoji)) return corrupt();
  for (uint64_t i = 0; i < emoji && r.ok(); ++i) {
    CustomEmoji m;
    m.shortcode = r.Str();
    m.image_url = r.Str();
    e.emoji.push_back(std::move(m));
  }
  e.hashtags = r.Strs();
  if (!CountOk(r, e.hashtags.size(), kMaxHashtags)) return corrupt();
  e.has_poll = r.Bool();
  if (e.has_poll && !ReadPoll(r, e.poll)) return corrupt();
  return e;
}

}  // namespace guildhall::storage
