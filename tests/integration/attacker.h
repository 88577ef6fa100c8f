// Attacker: a hand-rolled hostile ActivityPub peer for the policy leak test
// (tests/integration/policy_leak_test.cc). It lives in the test process and
// shares no code with the node under test: an HTTPS listener on 127.0.0.1
// serving, under several host names (one certificate from the test CA), an
// actor "mallory" per host with its own RSA-2048 key, and a recorder of every
// byte it receives (fetches of its actors, deliveries to its inboxes). It
// signs requests with draft-cavage rsa-sha256 itself (OpenSSL directly), so
// it can also sign what an honest peer never would: a key of one host for
// an actor of another, a stale Date, a replayed request.
// Not thread-safe for callers (one test thread); the listener's connection
// threads only append to the recording, under a mutex.
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/testutil/https_client.h"
#include "tests/testutil/test_ca.h"

namespace guildhall::integration {

// One request the attacker's listener received, verbatim.
struct Received {
  std::string host;  // Host header
  std::string method;
  std::string target;
  std::string raw;  // request line, headers and body as they arrived
};

// A request the attacker sends, before signing.
struct Outgoing {
  std::string method = "GET";
  std::string target;  // "/g/plaza"
  std::string accept = "application/activity+json";
  std::string body;  // POST only
  std::string content_type = "application/activity+json";
};

// How to sign it. Empty key_host: unsigned.
struct Signing {
  std::string key_host;             // the attacker host name whose key signs ("evil")
  int64_t date_offset_seconds = 0;  // a stale or future Date
};

class Attacker {
 public:
  // `names` are the host names it answers for ("evil", "stray" become
  // "evil.test:PORT", "stray.test:PORT"). Listens at once.
  Attacker(testutil::TestCa& ca, const std::vector<std::string>& names);
  ~Attacker();
  Attacker(const Attacker&) = delete;
  Attacker& operator=(const Attacker&) = delete;

  // "evil.test:PORT" for "evil".
  std::string domain(const std::string& name) const;
  // "https://evil.test:PORT/users/mallory".
  std::string actor(const std::string& name) const;
  // [federation.resolve] entries for every host, for the nodes' configs.
  std::map<std::string, std::string> resolve() const;

  // Sends `out` to the node at `connect` ("127.0.0.1:PORT") under the name
  // `host`, signed as `signing` says. The exact request bytes are kept in
  // last_request() so a test can replay them.
  testutil::HttpReply Send(const std::string& connect, const std::string& host, const Outgoing& out,
                           const Signing& signing);
  // Sends the previous request again, byte for byte (same Date, signature).
  testutil::HttpReply Replay(const std::string& connect, const std::string& host);

  // Serves `json` (as application/activity+json) to GETs of `url`, an URL
  // on one of its hosts ("https://evil.test:PORT/notes/1"): the objects of
  // activities it sends, for receivers that fetch them from their origin.
  // `content_type` serves other bytes the same way (an image a post carries).
  void Serve(const std::string& url, std::string json,
             std::string content_type = "application/activity+json");

  // Everything received so far (a copy).
  std::vector<Received> received() const;

 private:
  struct Host;
  void Serve();
  void HandleConnection(int fd);
  std::string Answer(const Received& request) const;

  testutil::HttpClient client_;
  uint16_t port_ = 0;
  int listen_fd_ = -1;
  std::map<std::string, std::unique_ptr<Host>> hosts_;  // by name
  std::shared_ptr<void> ssl_ctx_;
  std::atomic<bool> stop_{false};
  std::thread acceptor_;
  mutable std::mutex mu_;
  std::vector<std::thread> connections_;  // GUARDED_BY(mu_)
  std::vector<Received> received_;        // GUARDED_BY(mu_)
  // GUARDED_BY(mu_), by URL: content type and body.
  std::map<std::string, std::pair<std::string, std::string>> documents_;
  testutil::HttpCall last_;
};

}  // namespace guildhall::integration
