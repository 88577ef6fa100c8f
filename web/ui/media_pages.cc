// The media proxy's pages: /media/t/{thread}/{n} and /media/r/{reply}/{n}
// serve the n-th attachment of a post, when it is an image, through the
// node's MediaCache (federation/media), so members' browsers never contact
// a peer (spec/FEDERATION.md, "Content received"). Only URLs stored with
// content are served, and only to a viewer who may read that content (the
// same Get as the thread page), so the proxy can be neither an open relay nor
// a way around a group's scope. 404 for everything else.
#include <string>

#include "federation/media/media_cache.h"
#include "web/ui/ui_router.h"

namespace guildhall::web {
namespace {

// The URL of image `n` of a post: "3" the fourth attachment, when it is an
// image; "e0" its first custom emoji. nullopt for anything else.
std::optional<std::string> ImageAt(const storage::ContentExtras& extras, std::string_view n) {
  const bool emoji = n.starts_with('e');
  if (emoji) n.remove_prefix(1);
  if (n.empty() || n.size() > 2 || n.find_first_not_of("0123456789") != n.npos) return std::nullopt;
  const size_t index = std::stoul(std::string(n));
  if (emoji) {
    if (index >= extras.emoji.size()) return std::nullopt;
    return extras.emoji[index].image_url;
  }
  if (index >= extras.attachments.size()) return std::nullopt;
  const storage::Attachment& a = extras.attachments[index];
  if (a.kind != storage::Attachment::Kind::kImage) return std::nullopt;
  return a.url;
}

std::optional<std::string> StoredImage(Page& page) {
  auto id = Id::Parse(page.req().Param("id"));
  if (!id) return std::nullopt;
  const std::string_view kind = page.req().Param("kind");
  if (kind == "t") {
    auto tv = page.c().threads.Get(page.viewer(), *id);
    if (!tv || tv->thread.body.empty()) return std::nullopt;  // unreadable or removed
    return ImageAt(tv->thread.extras, page.req().Param("n"));
  }
  if (kind == "r") {
    auto rv = page.c().replies.Get(page.viewer(), *id);
    if (!rv || rv->reply.body.empty()) return std::nullopt;
    return ImageAt(rv->reply.extras, page.req().Param("n"));
  }
  return std::nullopt;
}

Response ProxiedImage(Page& page) {
  federation::MediaCache* media = page.deps().media;
  if (media == nullptr) return page.NotFound();
  auto url = StoredImage(page);
  if (!url) return page.NotFound();
  auto image = media->Get(*url);
  if (!image) {
    Response res = Response::Text(image.error().code == Code::kUnavailable ? 503 : 404,
                                  "image not available\n");
    res.headers.Set("Cache-Control", "no-store");
    return res;
  }
  Response res;
  res.headers.Set("Content-Type", image->content_type);
  res.headers.Set("Cache-Control", "private, max-age=86400");
  res.headers.Set("X-Content-Type-Options", "nosniff");
  res.headers.Set("Content-Security-Policy", "default-src 'none'; sandbox");
  res.body = std::move(image->bytes);
  return res;
}

}  // namespace

void RegisterMediaPages(UiRouter& ui) {
  // On the pool: a fetch blocks for up to the cache's fetch timeout.
  ui.Get("/media/{kind}/{id}/{n}", "media_proxy", ProxiedImage, nullptr, /*writes=*/true);
}

}  // namespace guildhall::web
