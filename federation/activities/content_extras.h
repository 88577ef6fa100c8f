// What a received object carries beside its title and text, turned into the
// stored ContentExtras (spec/FEDERATION.md, "Content received"): the content
// warning, sensitive mark, language, the link of a link post, attachments,
// custom emoji, hashtags and a poll. Everything is cut to the storage caps and
// every URL is an absolute http(s) URL; text is plain (HTML stripped). Pure
// functions; thread-safe.
#pragma once

#include "federation/protocol/as2.h"
#include "storage/model/records/content_extras.h"

namespace guildhall::federation {

storage::ContentExtras ExtrasOf(const as::Object& object);

// A poll vote (Mastodon: a Note with `name` = the option, no content,
// `inReplyTo` the Question): never stored as a reply.
bool IsPollVote(const as::Object& object);

}  // namespace guildhall::federation
