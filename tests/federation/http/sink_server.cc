#include "tests/federation/http/sink_server.h"

#include <sys/socket.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <optional>
#include <thread>

namespace guildhall::federation::testing {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

}  // namespace

struct SinkServer::Impl {
  Handler handler;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::optional<ssl::context> tls;
  std::thread accept_thread;

  mutable std::mutex mu;
  std::condition_variable cv;
  std::vector<RecordedRequest> requests;              // GUARDED_BY(mu)
  std::vector<std::shared_ptr<tcp::socket>> sockets;  // GUARDED_BY(mu)
  std::vector<std::thread> connection_threads;        // GUARDED_BY(mu)
  size_t in_flight = 0, max_in_flight = 0;            // GUARDED_BY(mu)
  uint64_t connections = 0;                           // GUARDED_BY(mu)
  bool stopping = false;                              // GUARDED_BY(mu)

  void Accept();
  void StartConnection(tcp::socket socket);
  template <class Stream>
  void Serve(Stream& stream, tcp::socket& socket, uint64_t connection);
  template <class Stream>
  bool Answer(Stream& stream, const SinkReply& reply, bool keep_alive);
  template <class Stream>
  void Trickle(Stream& stream, const SinkReply& reply);
  RecordedRequest Record(const http::request<http::string_body>& req, uint64_t connection);
  void Done();
};

void SinkServer::Impl::Accept() {
  acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
    if (ec) return;
    StartConnection(std::move(socket));
    Accept();
  });
}

void SinkServer::Impl::StartConnection(tcp::socket socket) {
  boost::system::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  auto shared = std::make_shared<tcp::socket>(std::move(socket));
  std::lock_guard lock(mu);
  if (stopping) return;
  const uint64_t id = ++connections;
  sockets.push_back(shared);
  connection_threads.emplace_back([this, shared, id] {
    if (!tls) {
      Serve(*shared, *shared, id);
      return;
    }
    ssl::stream<tcp::socket&> stream(*shared, *tls);
    boost::system::error_code ec;
    stream.handshake(ssl::stream_base::server, ec);
    if (!ec) Serve(stream, *shared, id);
  });
}

RecordedRequest SinkServer::Impl::Record(const http::request<http::string_body>& req,
                                         uint64_t connection) {
  RecordedRequest rec;
  rec.method = std::string(req.method_string());
  rec.target = std::string(req.target());
  for (const auto& f : req) rec.headers.emplace_back(f.name_string(), f.value());
  rec.body = req.body();
  rec.connection = connection;
  std::lock_guard lock(mu);
  requests.push_back(rec);
  max_in_flight = std::max(max_in_flight, ++in_flight);
  cv.notify_all();
  return rec;
}

void SinkServer::Impl::Done() {
  std::lock_guard lock(mu);
  --in_flight;
  cv.notify_all();
}

template <class Stream>
void SinkServer::Impl::Serve(Stream& stream, tcp::socket& socket, uint64_t connection) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> req;
    boost::system::error_code ec;
    http::read(stream, buffer, req, ec);
    if (ec) break;
    const RecordedRequest rec = Record(req, connection);
    Handler h;
    {
      std::lock_guard lock(mu);
      h = handler;
    }
    const SinkReply reply = h ? h(rec) : SinkReply{};
    // Counted out before the answer is written: the client cannot have seen
    // it yet, so our in-flight figure never exceeds the client's.
    Done();
    if (reply.mode == SinkReply::Mode::kHang) {
      http::request<http::string_body> ignored;
      http::read(stream, buffer, ignored, ec);  // returns when the client leaves
      break;
    }
    if (reply.mode == SinkReply::Mode::kClose) break;
    if (reply.mode == SinkReply::Mode::kTrickle) {
      Trickle(stream, reply);
      break;
    }
    if (!Answer(stream, reply, req.keep_alive()) || reply.close_after || !req.keep_alive()) break;
  }
  boost::system::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_both, ignored);
}

template <class Stream>
bool SinkServer::Impl::Answer(Stream& stream, const SinkReply& reply, bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(reply.status), 11};
  for (const auto& [name, value] : reply.headers) res.insert(name, value);
  res.body() = reply.body;
  res.keep_alive(keep_alive);
  res.prepare_payload();
  boost::system::error_code ec;
  http::write(stream, res, ec);
  return !ec;
}

template <class Stream>
void SinkServer::Impl::Trickle(Stream& stream, const SinkReply& reply) {
  const std::string head =
      "HTTP/1.1 200 OK\r\nContent-Type: application/activity+json\r\n"
      "Content-Length: " +
      std::to_string(reply.trickle_bytes) + "\r\n\r\n";
  boost::system::error_code ec;
  net::write(stream, net::buffer(head), ec);
  for (size_t i = 0; i < reply.trickle_bytes && !ec; ++i) {
    std::unique_lock lock(mu);
    // Pacing the peer, not synchronising the test: the wait ends early on stop.
    if (cv.wait_for(lock, reply.trickle_interval, [&] { return stopping; })) return;
    lock.unlock();
    net::write(stream, net::buffer("x", 1), ec);
  }
}

SinkServer::SinkServer(Handler handler, SinkOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  bind_address_ = options.bind_address;
  scheme_ = options.cert_pem.empty() ? "http" : "https";
  if (!options.cert_pem.empty()) {
    impl_->tls.emplace(ssl::context::tls_server);
    impl_->tls->use_certificate_chain(net::buffer(options.cert_pem));
    impl_->tls->use_private_key(net::buffer(options.key_pem), ssl::context::pem);
  }
  const tcp::endpoint endpoint(net::ip::make_address(options.bind_address), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->Accept();
  impl_->accept_thread = std::thread([this] { impl_->ioc.run(); });
}

SinkServer::~SinkServer() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(impl_->mu);
    impl_->stopping = true;
    impl_->cv.notify_all();
    // Wakes threads blocked in reads; the OS call is safe across threads.
    for (auto& s : impl_->sockets) ::shutdown(s->native_handle(), SHUT_RDWR);
    threads.swap(impl_->connection_threads);
  }
  for (auto& t : threads) t.join();
  net::post(impl_->ioc, [this] { impl_->acceptor.close(); });
  impl_->accept_thread.join();
}

std::string SinkServer::Url(std::string_view path) const {
  return scheme_ + "://" + Endpoint() + std::string(path);
}

std::string SinkServer::Endpoint() const { return bind_address_ + ":" + std::to_string(port_); }

void SinkServer::SetHandler(Handler handler) {
  std::lock_guard lock(impl_->mu);
  impl_->handler = std::move(handler);
}

std::vector<RecordedRequest> SinkServer::Requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->requests;
}

size_t SinkServer::RequestCount() const {
  std::lock_guard lock(impl_->mu);
  return impl_->requests.size();
}

size_t SinkServer::ConnectionsAccepted() const {
  std::lock_guard lock(impl_->mu);
  return impl_->connections;
}

size_t SinkServer::MaxInFlight() const {
  std::lock_guard lock(impl_->mu);
  return impl_->max_in_flight;
}

size_t SinkServer::InFlight() const {
  std::lock_guard lock(impl_->mu);
  return impl_->in_flight;
}

bool SinkServer::WaitForRequests(size_t n, std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mu);
  return impl_->cv.wait_for(lock, timeout, [&] { return impl_->requests.size() >= n; });
}

bool SinkServer::WaitForInFlight(size_t n, std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mu);
  return impl_->cv.wait_for(lock, timeout, [&] { return impl_->in_flight >= n; });
}

}  // namespace guildhall::federation::testing
