// SearchFixture: the community fixture (real LMDB, manual clock) plus a real
// Xapian index in a temp dir fed by a real EventFeed, driven on the test's
// thread with CatchUp() so that every query sees every committed change.
#pragma once

#include <memory>
#include <string>

#include "node/community/event_feed.h"
#include "node/search/search.h"
#include "tests/community/fixture.h"

namespace guildhall::search::testing {

class SearchFixture : public community::testing::CommunityFixture {
 protected:
  SearchFixture();

  // Applies every logged change to the index, then searches as `viewer`.
  SearchResults Find(Id viewer, const std::string& q, SearchRequest request = {});
  // The ids of Find's hits, in rank order.
  std::vector<Id> Ids(Id viewer, const std::string& q, SearchRequest request = {});
  // (Re)opens the index and a feed over it, as a restarted node does.
  void Reopen();
  void CatchUp();

  testutil::TempDir index_dir_{"guildhall-search"};
  std::unique_ptr<SearchIndex> index_;
  std::unique_ptr<community::EventFeed> feed_;  // uses index_: destroyed first
};

}  // namespace guildhall::search::testing
