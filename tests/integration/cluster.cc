#include "tests/integration/cluster.h"

namespace guildhall::integration {

Cluster::Cluster(const std::vector<std::string>& names)
    : dir_("guildhall-integ"), ca_(dir_ / "ca") {
  std::map<std::string, uint16_t> ports;
  std::map<std::string, std::string> resolve;
  for (const auto& name : names) {
    ports[name] = testutil::FreePort();
    const std::string domain = name + ".test:" + std::to_string(ports[name]);
    resolve[domain] = "127.0.0.1:" + std::to_string(ports[name]);
  }
  for (const auto& name : names) {
    const std::string host = name + ".test";
    testutil::NodeOptions options;
    options.binary = testutil::GuildhallBinary(GUILDHALL_BINARY);
    options.dir = dir_ / name;
    options.domain = host + ":" + std::to_string(ports[name]);
    options.port = ports[name];
    options.tls = ca_.Issue(name, {host});
    options.ca_file = ca_.ca_file();
    options.resolve = resolve;
    nodes_[name] = std::make_unique<testutil::NodeProcess>(std::move(options));
  }
}

::testing::AssertionResult Cluster::Up() {
  for (auto& [name, node] : nodes_) {
    if (auto ok = node->Init(); !ok) return ok;
  }
  for (auto& [name, node] : nodes_) {
    if (auto ok = node->Start(); !ok) return ok;
  }
  return ::testing::AssertionSuccess();
}

std::string GroupHandle(const testutil::NodeProcess& node, const std::string& slug) {
  return slug + "@" + node.domain();
}

}  // namespace guildhall::integration
