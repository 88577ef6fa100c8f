// A gtest fixture that runs a real Server on 127.0.0.1 (port 0) in the
// background, with a Router the test fills first and short timeouts the test
// may change before StartServer().
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "tests/web/server/test_client.h"
#include "web/http/router.h"
#include "web/server/metrics.h"
#include "web/server/server.h"

namespace guildhall::web::testing {

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() {
    options_.listen = "127.0.0.1:0";
    options_.threads = 2;
  }
  ~ServerTest() override { StopServer(); }

  void StartServer() {
    server_ = std::make_unique<Server>(options_, router_, metrics_);
    auto started = server_->Start();
    ASSERT_TRUE(started) << started.error().message;
    server_->RunInBackground();
  }
  void StopServer() {
    if (!server_) return;
    server_->Stop(std::chrono::seconds(0));
    server_->Join();
    server_.reset();
  }
  std::unique_ptr<TestClient> Connect() {
    auto client = TestClient::Connect(server_->port());
    EXPECT_NE(client, nullptr);
    return client;
  }

  ServerOptions options_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<Server> server_;
};

}  // namespace guildhall::web::testing
