// Dialing: name resolution (or the configured resolve map), the address
// policy, TCP connect and the TLS handshake, each bounded by the connect
// deadline. The address check happens here, on the addresses actually
// connected to, so DNS rebinding and redirects cannot slip past it
// (GoToSocial checks in its dialer's Control hook for the same reason).
#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/ssl.hpp>
#include <charconv>

#include "federation/http/address_policy.h"
#include "federation/http/connection.h"

namespace guildhall::federation::http_detail {
namespace {

using tcp = net::ip::tcp;
constexpr auto kUseTuple = net::as_tuple(net::use_awaitable);

// "127.0.0.1:8443" or "[::1]:8443" from the resolve map.
Result<tcp::endpoint> ParseMappedEndpoint(std::string_view text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return Error::Invalid("resolve entry needs ip:port");
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned short port = 0;
  const std::string_view port_text = text.substr(colon + 1);
  auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || ptr != port_text.data() + port_text.size() || port == 0) {
    return Error::Invalid("resolve entry has a bad port");
  }
  boost::system::error_code aec;
  auto address = net::ip::make_address(std::string(host), aec);
  if (aec) return Error::Invalid("resolve entry has a bad address");
  return tcp::endpoint(address, port);
}

const std::string* FindMapping(const Target& target, const ClientOptions& options) {
  auto it = options.resolve.find(target.host + ":" + std::to_string(target.port));
  if (it == options.resolve.end()) it = options.resolve.find(target.host);
  return it == options.resolve.end() ? nullptr : &it->second;
}

net::awaitable<Result<std::vector<tcp::endpoint>>> Resolve(const Target& target, Deadline deadline,
                                                           const ClientOptions& options) {
  if (const std::string* mapped = FindMapping(target, options)) {
    auto endpoint = ParseMappedEndpoint(*mapped);
    if (!endpoint) co_return endpoint.error();
    co_return std::vector<tcp::endpoint>{*endpoint};
  }
  auto ex = co_await net::this_coro::executor;
  tcp::resolver resolver(ex);
  net::steady_timer timer(ex, deadline);
  using namespace net::experimental::awaitable_operators;
  auto outcome =
      co_await (resolver.async_resolve(target.host, std::to_string(target.port), kUseTuple) ||
                timer.async_wait(kUseTuple));
  if (outcome.index() == 1) co_return Error::Unavailable("timeout resolving " + target.host);
  auto [ec, results] = std::get<0>(std::move(outcome));
  if (ec) co_return IoError(ec, "resolving " + target.host);
  std::vector<tcp::endpoint> endpoints;
  for (const auto& entry : results) endpoints.push_back(entry.endpoint());
  co_return endpoints;
}

// Keeps the endpoints the policy allows; kForbidden naming the first refused
// address if none is left.
Result<std::vector<tcp::endpoint>> Allowed(const Target& target,
                                           const std::vector<tcp::endpoint>& endpoints,
                                           const ClientOptions& options) {
  if (options.allow_private_addresses) return endpoints;
  std::vector<tcp::endpoint> allowed;
  std::string refusal;
  for (const auto& endpoint : endpoints) {
    const std::string ip = endpoint.address().to_string();
    const std::string reason = RefusedAddressReason(ip);
    const bool exempt = std::any_of(options.allowed_private_networks.begin(),
                                    options.allowed_private_networks.end(),
                                    [&](const std::string& cidr) { return InNetwork(ip, cidr); });
    if (reason.empty() || exempt) {
      allowed.push_back(endpoint);
    } else if (refusal.empty()) {
      refusal = "refused address " + ip + " (" + reason + ") for host " + target.host;
    }
  }
  if (allowed.empty()) {
    return Error::Forbidden(refusal.empty() ? "no address for host " + target.host : refusal);
  }
  return allowed;
}

net::awaitable<Result<>> Handshake(Connection& conn, const Target& target, Deadline deadline) {
  auto& stream = *conn.tls;
  boost::system::error_code aec;
  net::ip::make_address(target.host, aec);
  // SNI carries names only (RFC 6066 §3); IP-literal hosts go without it.
  if (aec && !SSL_set_tlsext_host_name(stream.native_handle(), target.host.c_str())) {
    co_return Error::Internal("cannot set TLS server name");
  }
  stream.set_verify_mode(ssl::verify_peer);
  stream.set_verify_callback(ssl::host_name_verification(target.host));
  beast::get_lowest_layer(stream).expires_at(deadline);
  auto [ec] = co_await stream.async_handshake(ssl::stream_base::client, kUseTuple);
  if (ec) co_return IoError(ec, "TLS handshake with " + target.host_header);
  co_return Ok();
}

}  // namespace

net::awaitable<Result<std::unique_ptr<Connection>>> Dial(const Target& target, Deadline deadline,
                                                         const ClientOptions& options,
                                                         ssl::context& tls) {
  const Deadline connect_deadline =
      std::min(deadline, std::chrono::steady_clock::now() + options.connect_timeout);
  auto resolved = co_await Resolve(target, connect_deadline, options);
  if (!resolved) co_return resolved.error();
  auto allowed = Allowed(target, *resolved, options);
  if (!allowed) co_return allowed.error();

  beast::tcp_stream stream(co_await net::this_coro::executor);
  stream.expires_at(connect_deadline);
  auto [ec, endpoint] = co_await stream.async_connect(*allowed, kUseTuple);
  if (ec) co_return IoError(ec, "connecting to " + target.host_header);
  stream.socket().set_option(tcp::no_delay(true), ec);

  auto conn = std::make_unique<Connection>();
  conn->peer = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  if (!target.tls) {
    conn->plain = std::make_unique<beast::tcp_stream>(std::move(stream));
    co_return conn;
  }
  conn->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(std::move(stream), tls);
  auto shaken = co_await Handshake(*conn, target, connect_deadline);
  if (!shaken) co_return shaken.error();
  co_return conn;
}

}  // namespace guildhall::federation::http_detail
