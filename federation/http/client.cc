#include "federation/http/client.h"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/verb.hpp>
#include <future>
#include <thread>

#include "federation/http/connection.h"
#include "federation/log.h"
#include "federation/signatures/signed_request.h"

namespace guildhall::federation {
namespace {

using namespace http_detail;
namespace http = beast::http;

bool IsRedirect(unsigned status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

Result<BeastRequest> BuildRequest(const Target& target, const HttpRequest& hop) {
  const http::verb verb = http::string_to_verb(hop.method);
  if (verb == http::verb::unknown) return Error::Invalid("unsupported HTTP method");
  BeastRequest req{verb, target.request_target, 11};
  for (const auto& [name, value] : hop.headers) {
    if (EqualsIgnoreCase(name, "Content-Length") || EqualsIgnoreCase(name, "Transfer-Encoding"))
      continue;
    // Header injection: values come from callers, but never let CR/LF through.
    if (value.find_first_of("\r\n") != std::string::npos) {
      return Error::Invalid("header value contains a line break");
    }
    req.insert(name, value);
  }
  req.keep_alive(true);
  if (!hop.body.empty() || verb == http::verb::post || verb == http::verb::put) {
    req.body() = hop.body;
    req.prepare_payload();
  }
  return req;
}

Result<ssl::context> MakeTlsContext(const ClientOptions& options) {
  ssl::context ctx(ssl::context::tls_client);
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                  ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  boost::system::error_code ec;
  ctx.set_default_verify_paths(ec);
  if (ec) return Error::Internal("cannot load the system CA store: " + ec.message());
  if (!options.ca_file.empty()) {
    ctx.load_verify_file(options.ca_file, ec);
    if (ec) return Error::Internal("cannot load ca_file " + options.ca_file + ": " + ec.message());
  }
  ctx.set_verify_mode(ssl::verify_peer);
  return ctx;
}

}  // namespace

std::string_view FindHeader(const HeaderList& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (EqualsIgnoreCase(n, name)) return v;
  }
  return {};
}

void SetHeader(HeaderList& headers, std::string name, std::string value) {
  std::erase_if(headers, [&](const auto& field) { return EqualsIgnoreCase(field.first, name); });
  headers.emplace_back(std::move(name), std::move(value));
}

std::string HostHeaderFor(std::string_view url) {
  auto target = ParseTarget(url);
  return target ? target->host_header : std::string();
}

Error StatusError(const HttpResponse& response) {
  const unsigned s = response.status;
  const std::string text = "HTTP " + std::to_string(s) + " from " + response.final_url;
  if (s >= 500 || s == 408 || s == 429) return Error::Unavailable(text);
  if (s == 401) return Error::Unauthorized(text);
  if (s == 403) return Error::Forbidden(text);
  if (s == 404 || s == 410) return Error::NotFound(text);
  if (s == 413) return Error::TooLarge(text);
  return Error::Invalid(text);
}

struct HttpClient::Impl {
  explicit Impl(ClientOptions o)
      : options(std::move(o)),
        tls(ssl::context::tls_client),
        pool(options.max_idle_per_host, options.idle_timeout) {}

  net::awaitable<Result<HttpResponse>> Run(HttpRequest request, Deadline deadline);
  net::awaitable<Result<HttpResponse>> Hop(const Target& target, const HttpRequest& hop,
                                           Deadline deadline);

  ClientOptions options;
  Result<> tls_status;  // an error here fails every https request
  net::io_context ioc{1};
  ssl::context tls;
  ConnectionPool pool;  // after ioc: its sockets close before the loop is gone
  net::executor_work_guard<net::io_context::executor_type> work{ioc.get_executor()};
  std::thread thread;
};

net::awaitable<Result<HttpResponse>> HttpClient::Impl::Run(HttpRequest request, Deadline deadline) {
  for (int redirects = 0;; ++redirects) {
    auto target = ParseTarget(request.url);
    if (!target) co_return target.error();
    if (target->tls && !tls_status) co_return tls_status.error();
    request.url = target->url;
    SetHeader(request.headers, "Host", target->host_header);
    SetHeader(request.headers, "User-Agent", options.user_agent);
    if (request.prepare) {
      if (auto prepared = request.prepare(request); !prepared) co_return prepared.error();
    }
    auto response = co_await Hop(*target, request, deadline);
    if (!response) co_return response.error();
    response->final_url = request.url;
    response->redirects = redirects;
    // Redirects are followed for GET only: a POST's body is never re-sent
    // somewhere the caller did not choose.
    if (!IsRedirect(response->status) || request.method != "GET") co_return response;
    if (redirects >= options.max_redirects) co_return Error::Invalid("too many redirects");
    auto next = ResolveRedirect(request.url, response->Header("Location"));
    if (!next) co_return next.error();
    request.url = std::move(*next);
  }
}

net::awaitable<Result<HttpResponse>> HttpClient::Impl::Hop(const Target& target,
                                                           const HttpRequest& hop,
                                                           Deadline deadline) {
  auto request = BuildRequest(target, hop);
  if (!request) co_return request.error();
  const std::string key = target.PoolKey();
  std::unique_ptr<Connection> conn = pool.Take(key);
  const bool reused = conn != nullptr;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!conn) {
      auto dialed = co_await Dial(target, deadline, options, tls);
      if (!dialed) co_return dialed.error();
      conn = std::move(*dialed);
    }
    Exchange exchange = co_await RoundTrip(*conn, *request, deadline, options.max_response_bytes);
    // A parked connection the peer closed meanwhile fails before any byte of
    // response: retry once on a fresh one (the peer saw nothing to act on).
    if (!exchange.response && reused && attempt == 0 && exchange.nothing_received) {
      conn.reset();
      continue;
    }
    if (exchange.response && exchange.keep_alive) pool.Put(key, std::move(conn));
    co_return std::move(exchange.response);
  }
  co_return Error::Internal("unreachable");
}

HttpClient::HttpClient(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  auto ctx = MakeTlsContext(impl_->options);
  if (ctx) {
    impl_->tls = std::move(*ctx);
  } else {
    impl_->tls_status = ctx.error();
    Log().error("event=http_client_tls_setup error=\"{}\"", ctx.error().message);
  }
  impl_->thread = std::thread([this] { impl_->ioc.run(); });
}

HttpClient::~HttpClient() {
  impl_->work.reset();
  impl_->ioc.stop();
  impl_->thread.join();
  impl_->pool.Clear();
}

const ClientOptions& HttpClient::options() const { return impl_->options; }

Result<HttpResponse> HttpClient::Send(const HttpRequest& request) {
  std::promise<Result<HttpResponse>> done;
  auto future = done.get_future();
  SendAsync(request, [&done](Result<HttpResponse> result) { done.set_value(std::move(result)); });
  return future.get();
}

CancelRequest HttpClient::SendAsync(const HttpRequest& request,
                                    std::function<void(Result<HttpResponse>)> done) {
  const Deadline deadline =
      std::chrono::steady_clock::now() + request.timeout.value_or(impl_->options.total_timeout);
  // The signal lives as long as either the request or a CancelRequest does;
  // it is only touched on the event-loop thread (Asio signals are not
  // thread-safe).
  auto signal = std::make_shared<net::cancellation_signal>();
  auto cancelled = std::make_shared<bool>(false);
  auto finish = [done = std::move(done), signal, cancelled](std::exception_ptr error,
                                                            Result<HttpResponse> result) {
    if (!error) return done(std::move(result));
    // A cancelled coroutine ends by throwing operation_aborted.
    done(*cancelled ? Error::Unavailable("request cancelled")
                    : Error::Internal("unexpected exception in the HTTP client"));
  };
  net::co_spawn(impl_->ioc, impl_->Run(request, deadline),
                net::bind_cancellation_slot(signal->slot(), std::move(finish)));
  return [ioc = &impl_->ioc, signal, cancelled] {
    net::post(*ioc, [signal, cancelled] {
      *cancelled = true;
      signal->emit(net::cancellation_type::terminal);
    });
  };
}

}  // namespace guildhall::federation
