#include "federation/activities/remote_fetch.h"

#include <chrono>

namespace guildhall::federation {

namespace {

Result<> InBudget(Deadline deadline) {
  if (std::chrono::steady_clock::now() >= deadline) {
    return Error::Unavailable("time budget spent before a remote fetch");
  }
  return Ok();
}

}  // namespace

Result<storage::RemoteActor> FetcherRemote::Actor(std::string_view id, Deadline deadline) {
  GH_CHECK(InBudget(deadline));
  return actors_.GetActor(id);
}

Result<as::Document> FetcherRemote::Fetch(std::string_view id, Deadline deadline) {
  size_t ignored = 0;
  return FetchCounting(id, deadline, ignored);
}

Result<as::Document> FetcherRemote::FetchCounting(std::string_view id, Deadline deadline,
                                                  size_t& bytes) {
  GH_CHECK(InBudget(deadline));
  auto doc = GH_TRY(fetcher_.FetchObject(std::string(id)));
  bytes += doc.body.size();
  if (!doc.id_is_final_url) {
    GH_CHECK(InBudget(deadline));
    doc = GH_TRY(fetcher_.FetchObject(doc.id));
    bytes += doc.body.size();
    if (!doc.id_is_final_url) return Error::Invalid("document id does not match its URL");
  }
  auto parsed = GH_TRY(as::DocumentFromJson(doc.json));
  // The object asked for, not another one its server chose to return.
  const std::string got = std::visit([](const auto& d) { return d.id; }, parsed);
  if (CanonicalUrl(got) != CanonicalUrl(id) && CanonicalUrl(got) != CanonicalUrl(doc.final_url)) {
    return Error::Invalid("fetched document has another id");
  }
  return parsed;
}

}  // namespace guildhall::federation
