// Cluster: several Guildhall nodes on loopback under real names —
// alpha.test, beta.test, gamma.test, each "name.test:PORT" with its own
// certificate from one test CA, every node resolving every other through
// [federation.resolve] — for the multi-node federation tests. Nothing runs
// until Up() (or each node's Init/Start). The whole tree lives in one
// temporary directory (GUILDHALL_KEEP_TEMP=1 keeps it).
// One owner; not thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/testutil/node_process.h"
#include "tests/testutil/temp_dir.h"
#include "tests/testutil/test_ca.h"

namespace guildhall::integration {

class Cluster {
 public:
  // `names` become "<name>.test:<free port>". Each node's options can be
  // adjusted through node(name).
  explicit Cluster(const std::vector<std::string>& names);
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  testutil::NodeProcess& operator[](const std::string& name) { return *nodes_.at(name); }
  const testutil::TestCa& ca() const { return ca_; }
  const std::filesystem::path& dir() const { return dir_.path(); }

  // `guildhall init` on every node, then serve every node.
  ::testing::AssertionResult Up();

 private:
  testutil::TempDir dir_;
  testutil::TestCa ca_;
  std::map<std::string, std::unique_ptr<testutil::NodeProcess>> nodes_;
};

// The handle of a group on `node`, as other nodes write it: "slug@alpha.test:PORT".
std::string GroupHandle(const testutil::NodeProcess& node, const std::string& slug);

}  // namespace guildhall::integration
