#include "federation/activities/content_extras.h"

#include <algorithm>

#include "federation/activities/content.h"
#include "federation/protocol/html_sanitize.h"
#include "federation/protocol/url.h"

namespace guildhall::federation {
namespace {

using storage::Attachment;

constexpr size_t kMaxWarningChars = 500;
constexpr size_t kMaxAltChars = 1500;  // Mastodon's description limit
constexpr size_t kMaxHashtagChars = 100;
constexpr size_t kMaxChoiceChars = 200;

bool IsHttpUrl(const std::string& url) { return !url.empty() && ParseHttpUrl(url).has_value(); }

std::string OneLine(std::string text, size_t max_chars) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return CleanText(text, max_chars);
}

// A microblog post (a Note, a Mastodon Question) has no title, and its
// `summary` is the content warning (Mastodon's spoiler_text). An object with
// a title (Lemmy and Mbin posts, NodeBB and WordPress articles) uses
// `summary` as an abstract, unless the sender marked it sensitive.
std::string WarningOf(const as::Object& o) {
  std::string warning = OneLine(HtmlToText(o.summary), kMaxWarningChars);
  if (!o.name.empty() && !o.sensitive) return {};
  if (warning.empty() && o.sensitive) return "Sensitive content";
  return warning;
}

Attachment::Kind KindOf(const as::Link& link) {
  if (link.type == "Image" || link.media_type.starts_with("image/"))
    return Attachment::Kind::kImage;
  if (link.type == "Link") return Attachment::Kind::kLink;
  return Attachment::Kind::kDocument;  // Document, Audio, Video, anything with a file
}

std::string HostOf(std::string_view url) {
  auto parsed = ParseHttpUrl(url);
  return parsed ? parsed->origin.host : std::string();
}

// Lemmy and Mbin give a link post's link as a `Link` attachment; lotide and
// Friendica as the `url` of a Page or Article: a link when the post has no
// text of its own, or when it points off the post's own server (a post's
// `url` on its own server is just its page there: Mastodon, WordPress).
std::string LinkOf(const as::Object& o) {
  for (const as::Link& link : o.attachment) {
    if (link.type == "Link" && IsHttpUrl(link.href)) return link.href;
  }
  const bool titled = o.type == "Page" || o.type == "Article";
  if (!titled || o.url.empty() || o.url == o.id || !IsHttpUrl(o.url)) return {};
  if (HtmlToText(o.content).empty() || HostOf(o.url) != HostOf(o.id)) return o.url;
  return {};
}

void AddAttachments(const as::Object& o, storage::ContentExtras& e) {
  // Lemmy's image post: the image is both the `Link` attachment and the
  // `image` (thumbnail). Shown as an image, not as a link to a picture.
  if (o.image && !o.image->href.empty() && o.image->href == e.link_url) e.link_url.clear();
  const bool has_image = std::any_of(o.attachment.begin(), o.attachment.end(), [](const auto& l) {
    return KindOf(l) == Attachment::Kind::kImage;
  });
  if (o.image && !has_image && IsHttpUrl(o.image->href)) {
    e.attachments.push_back({.kind = Attachment::Kind::kImage,
                             .url = o.image->href,
                             .media_type = CleanText(o.image->media_type, 100),
                             .name = OneLine(o.image->name, kMaxAltChars)});
  }
  for (const as::Link& link : o.attachment) {
    if (e.attachments.size() >= storage::kMaxAttachments) break;
    if (!IsHttpUrl(link.href) || link.href == e.link_url) continue;
    if (o.image && link.href == o.image->href && !e.attachments.empty() &&
        e.attachments.front().url == link.href)
      continue;  // the image already added
    e.attachments.push_back({.kind = KindOf(link),
                             .url = link.href,
                             .media_type = CleanText(link.media_type, 100),
                             .name = OneLine(link.name, kMaxAltChars)});
  }
}

bool ValidShortcode(const std::string& name) {
  if (name.size() < 3 || name.size() > 66 || name.front() != ':' || name.back() != ':')
    return false;
  return std::all_of(name.begin() + 1, name.end() - 1, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

void AddTags(const as::Object& o, storage::ContentExtras& e) {
  for (const as::Tag& tag : o.tag) {
    if (tag.type == "Emoji" && ValidShortcode(tag.name) && IsHttpUrl(tag.icon_url) &&
        e.emoji.size() < storage::kMaxCustomEmoji) {
      e.emoji.push_back({.shortcode = tag.name, .image_url = tag.icon_url});
    } else if (tag.type == "Hashtag" && e.hashtags.size() < storage::kMaxHashtags) {
      std::string name =
          OneLine(tag.name.starts_with('#') ? tag.name.substr(1) : tag.name, kMaxHashtagChars);
      if (!name.empty() &&
          std::find(e.hashtags.begin(), e.hashtags.end(), name) == e.hashtags.end())
        e.hashtags.push_back(std::move(name));
    }
  }
}

void AddPoll(const as::Object& o, storage::ContentExtras& e) {
  if (!o.poll || o.poll->options.empty()) return;
  e.has_poll = true;
  e.poll.multiple = o.poll->multiple;
  e.poll.voters = static_cast<uint64_t>(o.poll->voters);
  e.poll.ends_at = o.end_time ? UnixMillis(*o.end_time) : 0;
  e.poll.closed = o.poll->closed.has_value();
  for (const as::PollOption& option : o.poll->options) {
    if (e.poll.choices.size() >= storage::kMaxPollChoices) break;
    e.poll.choices.push_back({.name = OneLine(option.name, kMaxChoiceChars),
                              .votes = static_cast<uint64_t>(option.votes)});
  }
}

}  // namespace

storage::ContentExtras ExtrasOf(const as::Object& o) {
  storage::ContentExtras e;
  e.content_warning = WarningOf(o);
  e.sensitive = o.sensitive;
  e.language = o.language;
  e.link_url = LinkOf(o);
  AddAttachments(o, e);
  AddTags(o, e);
  AddPoll(o, e);
  return e;
}

bool IsPollVote(const as::Object& o) {
  return o.type == "Note" && !o.name.empty() && !o.in_reply_to.empty() &&
         HtmlToText(o.content).empty() && !o.poll;
}

}  // namespace guildhall::federation
