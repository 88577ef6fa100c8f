#include "tests/interop/fedify_peer.h"

#include <gtest/gtest.h>
#include <signal.h>

namespace guildhall::interop {

FedifyPeer::FedifyPeer(PeerOptions options)
    : options_(std::move(options)), http_(options_.ca_file) {
  std::filesystem::create_directories(options_.dir);
}

FedifyPeer::~FedifyPeer() {
  if (process_ && process_->Running()) {
    process_->Signal(SIGTERM);
    if (!process_->Wait(std::chrono::seconds(10))) process_->Signal(SIGKILL);
  }
}

::testing::AssertionResult FedifyPeer::Start() {
  const auto node = options_.package_dir / "node_modules" / ".bin" / "node";
  if (!std::filesystem::exists(node)) {
    return ::testing::AssertionFailure()
           << node << " is missing: run `npm ci` in " << options_.package_dir
           << " (tests/interop/run_interop.sh does)";
  }
  const auto ready = options_.dir / "peer.ready";
  std::filesystem::remove(ready);
  process_ = std::make_unique<testutil::Subprocess>(testutil::ProcessSpec{
      .argv = {node.string(), (options_.package_dir / "peer.mjs").string(), "--port",
               std::to_string(options_.port), "--cert", options_.tls.cert.string(), "--key",
               options_.tls.key.string(), "--ready-file", ready.string()},
      .cwd = options_.package_dir,
      .log = options_.dir / "peer.log",
      .env = {{"NODE_EXTRA_CA_CERTS", options_.ca_file.string()}}});
  if (!testutil::WaitForFile(ready, *process_, std::chrono::seconds(60))) {
    return ::testing::AssertionFailure() << "the Fedify peer did not start; log:\n" << LogTail();
  }
  return ::testing::AssertionSuccess();
}

testutil::HttpReply FedifyPeer::Control(const std::string& what, const std::string& json_body) {
  return http_.Send({.method = "POST",
                     .connect = authority(),
                     .host = authority(),
                     .target = "/control/" + what,
                     .headers = {{"Content-Type", "application/json"}},
                     .body = json_body});
}

testutil::Json FedifyPeer::Events() {
  auto reply = http_.Send({.method = "GET",
                           .connect = authority(),
                           .host = authority(),
                           .target = "/control/events",
                           .headers = {},
                           .body = {}});
  return testutil::Json(reply.body);
}

std::string FedifyPeer::LogTail(size_t bytes) const {
  std::string log = testutil::ReadWholeFile(options_.dir / "peer.log");
  return log.size() > bytes ? "..." + log.substr(log.size() - bytes) : log;
}

}  // namespace guildhall::interop
