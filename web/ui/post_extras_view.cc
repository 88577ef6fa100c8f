#include "web/ui/post_extras_view.h"

#include <string>

namespace guildhall::web {
namespace {

using html::View;
using storage::Attachment;

std::string HostOf(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  const size_t end = url.find_first_of("/?#", start);
  return std::string(url.substr(start, end == std::string_view::npos ? url.npos : end - start));
}

View PollView(const storage::PollState& poll) {
  uint64_t total = 0;
  for (const auto& c : poll.choices) total += c.votes;
  View choices = html::List();
  for (const auto& c : poll.choices) {
    View v = html::Object();
    v["name"] = c.name;
    v["votes"] = html::Num(c.votes);
    v["percent"] = html::Num(total == 0 ? uint64_t{0} : c.votes * 100 / total);
    choices.push_back(std::move(v));
  }
  View v = html::Object();
  v["choices"] = std::move(choices);
  v["multiple"] = poll.multiple;
  v["closed"] = poll.closed;
  v["voters"] = html::Num(poll.voters != 0 ? poll.voters : total);
  return v;
}

void AddAttachments(View& v, const storage::ContentExtras& e, std::string_view kind,
                    std::string_view id) {
  View images = html::List(), files = html::List();
  bool has_images = false, has_files = false;
  for (size_t i = 0; i < e.attachments.size(); ++i) {
    const Attachment& a = e.attachments[i];
    View item = html::Object();
    item["href"] = a.url;
    item["name"] = a.name.empty() ? HostOf(a.url) : a.name;
    item["alt"] = a.name;
    if (a.kind == Attachment::Kind::kImage) {
      item["src"] = "/media/" + std::string(kind) + "/" + std::string(id) + "/" + std::to_string(i);
      images.push_back(std::move(item));
      has_images = true;
    } else {
      item["media_type"] = a.media_type;
      files.push_back(std::move(item));
      has_files = true;
    }
  }
  v["has_images"] = has_images;
  v["has_files"] = has_files;
  v["images"] = std::move(images);
  v["files"] = std::move(files);
}

}  // namespace

View PostExtrasView(const storage::ContentExtras& e, std::string_view kind, std::string_view id) {
  if (e.empty()) return View(false);
  View v = html::Object();
  const bool collapsed = !e.content_warning.empty() || e.sensitive;
  v["collapsed"] = collapsed;
  v["warning"] = e.content_warning.empty() ? std::string("Sensitive content") : e.content_warning;
  v["sensitive"] = e.sensitive;
  v["lang"] = e.language.empty() ? View(false) : View(e.language);
  if (!e.link_url.empty()) {
    View link = html::Object();
    link["href"] = e.link_url;
    link["host"] = HostOf(e.link_url);
    v["link"] = std::move(link);
  } else {
    v["link"] = false;
  }
  AddAttachments(v, e, kind, id);
  v["poll"] = e.has_poll ? PollView(e.poll) : View(false);
  View tags = html::List();
  for (const auto& tag : e.hashtags) tags.push_back(View(tag));
  v["has_hashtags"] = !e.hashtags.empty();
  v["hashtags"] = std::move(tags);
  return v;
}

std::vector<html::SafeHtml::Emoji> EmojiImages(const storage::ContentExtras& e,
                                               std::string_view kind, std::string_view id) {
  std::vector<html::SafeHtml::Emoji> out;
  for (size_t i = 0; i < e.emoji.size(); ++i) {
    out.push_back({e.emoji[i].shortcode, "/media/" + std::string(kind) + "/" + std::string(id) +
                                             "/e" + std::to_string(i)});
  }
  return out;
}

}  // namespace guildhall::web
