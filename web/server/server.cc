#include "web/server/server.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <charconv>
#include <future>
#include <thread>
#include <vector>

#include "web/log.h"
#include "web/server/core.h"
#include "web/server/spool.h"

namespace guildhall::web {

using namespace server_internal;  // NOLINT: private names of this module

namespace {

constexpr auto kTok = net::as_tuple(net::use_awaitable);

// "host:port", "[v6]:port" or ":port" (all IPv4 interfaces).
Result<tcp::endpoint> ParseListen(const std::string& listen) {
  std::string_view s = listen;
  size_t colon = s.rfind(':');
  if (colon == std::string_view::npos) return Error::Invalid("listen: want host:port: " + listen);
  std::string_view host = s.substr(0, colon);
  std::string_view port_text = s.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  uint16_t port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size()) {
    return Error::Invalid("listen: bad port: " + listen);
  }
  if (host.empty()) host = "0.0.0.0";
  beast::error_code bad;
  auto address = net::ip::make_address(host, bad);
  if (!bad) return tcp::endpoint(address, port);
  // A name ("localhost"): resolve once at startup, take the first address.
  net::io_context resolver_context;
  tcp::resolver resolver(resolver_context);
  auto results = resolver.resolve(host, port_text, bad);
  if (bad || results.empty()) {
    return Error::Invalid("listen: cannot resolve " + std::string(host) + ": " + bad.message());
  }
  return results.begin()->endpoint();
}

Result<> LoadTls(const ServerOptions& options, net::ssl::context& tls) {
  beast::error_code ec;
  // TLS 1.2 is the floor: every peer and browser that matters speaks it.
  tls.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                      net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                      net::ssl::context::no_tlsv1_1 | net::ssl::context::single_dh_use,
                  ec);
  tls.use_certificate_chain_file(options.tls_cert, ec);
  if (ec) return Error::Invalid("tls_cert " + options.tls_cert + ": " + ec.message());
  tls.use_private_key_file(options.tls_key, net::ssl::context::pem, ec);
  if (ec) return Error::Invalid("tls_key " + options.tls_key + ": " + ec.message());
  return Ok();
}

void LogException(std::exception_ptr e, std::string_view what) {
  if (!e) return;
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    Log().error("{}: {}", what, x.what());
  }
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, const Router& router, Metrics& metrics)
      : core_(std::move(options), router, metrics),
        contexts_(MakeContexts(Threads())),
        control_(contexts_[0]->get_executor()),
        acceptor_(control_),
        grace_timer_(control_) {
    for (auto& context : contexts_) work_.emplace_back(context->get_executor());
    // Posted onto control_, so it runs after ApplyStop has armed the timer.
    core_.SetOnDrained([this] { net::post(control_, [this] { grace_timer_.cancel(); }); });
  }

  ~Impl() {
    if (background_.joinable()) {
      Stop(std::chrono::seconds(0));
      Join();
    }
  }

  size_t Threads() const {
    size_t n = core_.options.threads;
    if (n == 0) n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
  }

  Result<> Start();
  uint16_t port() const { return port_.load(); }
  void Run();
  void RunInBackground() {
    background_ = std::thread([this] { Run(); });
  }
  void Join() {
    if (background_.joinable()) background_.join();
  }
  void Stop(std::chrono::seconds grace);

 private:
  net::awaitable<void> AcceptLoop();
  void Accept(tcp::socket socket);
  void ApplyStop(std::chrono::seconds grace);  // on control_
  bool OnIoThread() const;

  using Context = net::io_context;
  static std::vector<std::unique_ptr<Context>> MakeContexts(size_t n) {
    std::vector<std::unique_ptr<Context>> contexts;
    for (size_t i = 0; i < n; ++i) contexts.push_back(std::make_unique<Context>(1));
    return contexts;
  }

  // Declared before contexts_ so that they outlive them: coroutine frames destroyed
  // with the io_context still unregister from core_ and hold TLS streams.
  ServerCore core_;
  std::optional<net::ssl::context> tls_;
  // One io_context per I/O thread, each connection pinned to one of them
  // (round robin): a connection's handlers never hop threads, so there are no
  // strands to lock and no cross-thread wake-ups on the hot path.
  std::vector<std::unique_ptr<Context>> contexts_;
  // Keep contexts without connections running until Stop. Touched on control_.
  std::vector<net::executor_work_guard<Context::executor_type>> work_;
  Context::executor_type control_;  // contexts_[0]: acceptor, grace timer, stop
  size_t next_context_ = 0;         // on control_
  tcp::acceptor acceptor_;
  net::steady_timer grace_timer_;
  std::atomic<uint16_t> port_{0};
  std::thread background_;
  std::mutex life_mu_;
  bool running_ = false;         // GUARDED_BY(life_mu_)
  bool stop_requested_ = false;  // GUARDED_BY(life_mu_)
};

Result<> Server::Impl::Start() {
  const ServerOptions& options = core_.options;
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return Error::Invalid("tls_cert and tls_key must be set together");
  }
  if (!options.tls_cert.empty()) {
    tls_.emplace(net::ssl::context::tls_server);
    GH_CHECK(LoadTls(options, *tls_));
  }
  // Leftovers of a crash: spool files are unlinked once open, so at most a
  // few bytes of a request cut off between the two.
  if (!options.spool_dir.empty()) GH_CHECK(ClearSpoolDir(options.spool_dir));
  tcp::endpoint endpoint = GH_TRY(ParseListen(options.listen));
  beast::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return Error::Unavailable("listen " + options.listen + ": " + ec.message());
  port_ = acceptor_.local_endpoint().port();
  net::co_spawn(control_, AcceptLoop(), [](std::exception_ptr e) { LogException(e, "accept"); });
  Log().info("listening address={} port={} tls={} threads={}", options.listen, port(),
             tls_.has_value(), Threads());
  return Ok();
}

net::awaitable<void> Server::Impl::AcceptLoop() {
  net::steady_timer backoff(control_);
  while (acceptor_.is_open()) {
    Context& target = *contexts_[next_context_++ % contexts_.size()];
    auto [ec, socket] = co_await acceptor_.async_accept(target.get_executor(), kTok);
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) break;
    if (ec) {
      // Usually EMFILE: pause instead of spinning on a full descriptor table.
      Log().warn("accept failed: {}", ec.message());
      backoff.expires_after(std::chrono::milliseconds(100));
      co_await backoff.async_wait(kTok);
      continue;
    }
    Accept(std::move(socket));
  }
}

void Server::Impl::Accept(tcp::socket socket) {
  auto conn = core_.Register(socket.get_executor());
  if (!conn) {
    beast::error_code ignored;
    socket.close(ignored);
    return;
  }
  beast::error_code ignored;
  // Responses are written whole; Nagle would only delay the last segment.
  socket.set_option(tcp::no_delay(true), ignored);
  if (tls_) {
    SpawnTlsSession(core_, std::move(conn), std::move(socket), *tls_);
  } else {
    SpawnPlainSession(core_, std::move(conn), std::move(socket));
  }
}

void Server::Impl::Run() {
  {
    std::lock_guard lock(life_mu_);
    running_ = true;
  }
  std::vector<std::thread> extra;
  for (size_t i = 1; i < contexts_.size(); ++i) {
    extra.emplace_back([this, i] { contexts_[i]->run(); });
  }
  contexts_[0]->run();
  for (auto& t : extra) t.join();
  std::lock_guard lock(life_mu_);
  running_ = false;
  Log().info("server stopped");
}

void Server::Impl::Stop(std::chrono::seconds grace) {
  std::unique_lock lock(life_mu_);
  if (stop_requested_) return;
  stop_requested_ = true;
  if (!running_) {
    ApplyStop(grace);  // no I/O thread runs, so nothing races with us
    return;
  }
  if (OnIoThread()) {
    net::post(control_, [this, grace] { ApplyStop(grace); });
    return;
  }
  auto applied = std::make_shared<std::promise<void>>();
  std::future<void> done = applied->get_future();
  net::post(control_, [this, grace, applied] {
    ApplyStop(grace);
    applied->set_value();
  });
  lock.unlock();
  // Bounded only by the control context dying under us (it cannot stop while
  // the acceptor has an accept pending, which ApplyStop is what cancels).
  while (done.wait_for(std::chrono::milliseconds(100)) == std::future_status::timeout) {
    if (contexts_[0]->stopped()) return;
  }
}

bool Server::Impl::OnIoThread() const {
  for (const auto& context : contexts_) {
    if (context->get_executor().running_in_this_thread()) return true;
  }
  return false;
}

void Server::Impl::ApplyStop(std::chrono::seconds grace) {
  beast::error_code ignored;
  acceptor_.close(ignored);
  work_.clear();  // each context now runs until its connections are gone
  size_t left = core_.BeginStop();
  Log().info("stopping connections={} grace_s={}", left, grace.count());
  if (left == 0) return;
  grace_timer_.expires_after(grace);
  grace_timer_.async_wait([this](beast::error_code ec) {
    if (ec) return;  // cancelled: everyone drained in time
    Log().info("grace period over; closing remaining connections");
    core_.CloseAll();
  });
}

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}
Server::~Server() = default;
Result<> Server::Start() { return impl_->Start(); }
uint16_t Server::port() const { return impl_->port(); }
void Server::Run() { impl_->Run(); }
void Server::RunInBackground() { impl_->RunInBackground(); }
void Server::Join() { impl_->Join(); }
void Server::Stop(std::chrono::seconds grace) { impl_->Stop(grace); }

}  // namespace guildhall::web
