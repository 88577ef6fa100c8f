// The view of what a received post carries beside its text (ContentExtras):
// its content warning and sensitive mark (the post is then collapsed behind
// <details>), language, link, images, files, poll and hashtags, for the
// thread page's templates (_post_extras.mustache). Images are never linked
// from the peer: their `src` is this node's media proxy
// (/media/{t|r}/{id}/{n}, web/ui/media_pages.cc), which serves only what is
// stored with content the viewer may read. Pure; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "storage/model/records/content_extras.h"
#include "web/html/safe_html.h"
#include "web/html/view.h"

namespace guildhall::web {

// `kind` is "t" (thread) or "r" (reply), `id` its id: together they name the
// proxy URLs. False (nothing to show) when the extras are empty.
html::View PostExtrasView(const storage::ContentExtras& extras, std::string_view kind,
                          std::string_view id);

// The post's custom emoji with their proxy URLs (/media/{kind}/{id}/e{n}),
// for SafeHtml::WithEmoji.
std::vector<html::SafeHtml::Emoji> EmojiImages(const storage::ContentExtras& extras,
                                               std::string_view kind, std::string_view id);

}  // namespace guildhall::web
