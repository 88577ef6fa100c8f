#include "tests/search/fixture.h"

namespace guildhall::search::testing {

using community::testing::Must;

SearchFixture::SearchFixture() {
  Reopen();
  // The first run rebuilds an empty index; from here on every change reaches
  // the index through its events (Consume), as on a running node.
  CatchUp();
}

void SearchFixture::Reopen() {
  feed_.reset();
  index_.reset();
  index_ = Must(SearchIndex::Open(index_dir_.path(), store_.store()));
  feed_ = std::make_unique<community::EventFeed>(store_.store(), c_.event_signal, clock_);
  feed_->Add(*index_);
}

void SearchFixture::CatchUp() { Must(feed_->CatchUp()); }

SearchResults SearchFixture::Find(Id viewer, const std::string& q, SearchRequest request) {
  CatchUp();
  request.q = q;
  return Must(Search(store_.store(), *index_).Run(viewer, request));
}

std::vector<Id> SearchFixture::Ids(Id viewer, const std::string& q, SearchRequest request) {
  std::vector<Id> out;
  for (const auto& hit : Find(viewer, q, std::move(request)).hits) out.push_back(hit.ref.id);
  return out;
}

}  // namespace guildhall::search::testing
