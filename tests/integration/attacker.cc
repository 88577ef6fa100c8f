#include "tests/integration/attacker.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <stdexcept>

#include "tests/testutil/node_process.h"

namespace guildhall::integration {
namespace {

using testutil::JsonQuote;

void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("Attacker: ") + what + " failed");
}

std::string Base64(const unsigned char* data, size_t size) {
  std::string out(4 * ((size + 2) / 3), '\0');
  int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string HttpDate(int64_t offset_seconds) {
  std::time_t now = std::time(nullptr) + offset_seconds;
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

// One host name the attacker answers for, with its actor's key.
struct Attacker::Host {
  std::string domain;
  EVP_PKEY* key = nullptr;
  std::string public_pem;
  ~Host() { EVP_PKEY_free(key); }

  std::string Sign(const std::string& text) const {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    size_t size = 0;
    Check(EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1, "DigestSignInit");
    Check(EVP_DigestSign(ctx, nullptr, &size, reinterpret_cast<const unsigned char*>(text.data()),
                         text.size()) == 1,
          "DigestSign size");
    std::string sig(size, '\0');
    Check(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &size,
                         reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1,
          "DigestSign");
    EVP_MD_CTX_free(ctx);
    return Base64(reinterpret_cast<const unsigned char*>(sig.data()), size);
  }
};

Attacker::Attacker(testutil::TestCa& ca, const std::vector<std::string>& names)
    : client_(ca.ca_file()) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  Check(bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0, "bind");
  Check(getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0, "getsockname");
  Check(listen(listen_fd_, 64) == 0, "listen");
  port_ = ntohs(addr.sin_port);

  std::vector<std::string> dns;
  for (const auto& name : names) {
    auto host = std::make_unique<Host>();
    host->domain = name + ".test:" + std::to_string(port_);
    host->key = EVP_RSA_gen(2048);
    Check(host->key != nullptr, "EVP_RSA_gen");
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, host->key);
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    host->public_pem.assign(data, static_cast<size_t>(size));
    BIO_free(bio);
    hosts_[name] = std::move(host);
    dns.push_back(name + ".test");
  }
  testutil::IssuedCert cert = ca.Issue("attacker", dns);
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  Check(SSL_CTX_use_certificate_file(ctx, cert.cert.c_str(), SSL_FILETYPE_PEM) == 1, "cert");
  Check(SSL_CTX_use_PrivateKey_file(ctx, cert.key.c_str(), SSL_FILETYPE_PEM) == 1, "key");
  ssl_ctx_ = std::shared_ptr<void>(ctx, [](void* c) { SSL_CTX_free(static_cast<SSL_CTX*>(c)); });
  acceptor_ = std::thread([this] { Serve(); });
}

Attacker::~Attacker() {
  stop_ = true;
  shutdown(listen_fd_, SHUT_RDWR);
  acceptor_.join();
  close(listen_fd_);
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    threads.swap(connections_);
  }
  for (auto& t : threads) t.join();
}

std::string Attacker::domain(const std::string& name) const { return hosts_.at(name)->domain; }

std::string Attacker::actor(const std::string& name) const {
  return "https://" + domain(name) + "/users/mallory";
}

std::map<std::string, std::string> Attacker::resolve() const {
  std::map<std::string, std::string> out;
  for (const auto& [name, host] : hosts_) out[host->domain] = "127.0.0.1:" + std::to_string(port_);
  return out;
}

void Attacker::Serve() {
  for (;;) {
    pollfd p{listen_fd_, POLLIN, 0};
    int ready = poll(&p, 1, 200);
    if (stop_) return;
    if (ready <= 0) continue;
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard lock(mu_);
    connections_.emplace_back([this, fd] { HandleConnection(fd); });
  }
}

// Reads requests on one keep-alive connection until the peer closes or the
// attacker stops; records each and answers it.
void Attacker::HandleConnection(int fd) {
  timeval tv{0, 200000};  // wake up to notice stop_
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  SSL* ssl = SSL_new(static_cast<SSL_CTX*>(ssl_ctx_.get()));
  SSL_set_fd(ssl, fd);
  int accepted = -1;
  for (int tries = 0; tries < 50 && !stop_; ++tries) {
    accepted = SSL_accept(ssl);
    if (accepted == 1) break;
    int err = SSL_get_error(ssl, accepted);
    if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) break;
  }
  std::string buffer;
  char chunk[16384];
  while (accepted == 1 && !stop_) {
    size_t head_end = buffer.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      std::string head = Lower(buffer.substr(0, head_end + 2));
      size_t length = 0;
      if (size_t at = head.find("\r\ncontent-length:"); at != std::string::npos) {
        length = std::stoul(head.substr(at + 17));
      }
      if (buffer.size() >= head_end + 4 + length) {
        Received r;
        r.raw = buffer.substr(0, head_end + 4 + length);
        buffer.erase(0, r.raw.size());
        r.method = r.raw.substr(0, r.raw.find(' '));
        r.target = r.raw.substr(r.method.size() + 1,
                                r.raw.find(' ', r.method.size() + 1) - r.method.size() - 1);
        if (size_t at = head.find("\r\nhost:"); at != std::string::npos) {
          size_t end = head.find("\r\n", at + 2);
          std::string value = r.raw.substr(at + 7, end - at - 7);
          value.erase(0, value.find_first_not_of(' '));
          r.host = value;
        }
        std::string reply = Answer(r);
        {
          std::lock_guard lock(mu_);
          received_.push_back(std::move(r));
        }
        SSL_write(ssl, reply.data(), static_cast<int>(reply.size()));
        continue;
      }
    }
    int n = SSL_read(ssl, chunk, sizeof chunk);
    if (n > 0) {
      buffer.append(chunk, static_cast<size_t>(n));
      continue;
    }
    int err = SSL_get_error(ssl, n);
    if (err != SSL_ERROR_WANT_READ) break;  // closed or failed; a timeout just loops
  }
  SSL_free(ssl);
  close(fd);
}

void Attacker::Serve(const std::string& url, std::string json, std::string content_type) {
  std::lock_guard lock(mu_);
  documents_[url] = {std::move(content_type), std::move(json)};
}

// The actor document of the host asked for, a served document, 202 for
// inbox POSTs, 404 else.
std::string Attacker::Answer(const Received& request) const {
  const Host* host = nullptr;
  for (const auto& [name, h] : hosts_) {
    if (Lower(h->domain) == Lower(request.host)) host = h.get();
  }
  std::string status = "404 Not Found", type = "text/plain", body = "not found";
  const std::string path = request.target.substr(0, request.target.find('?'));
  if (host && request.method == "POST") {
    status = "202 Accepted";
    body.clear();
  } else if (host && request.method == "GET" && path == "/users/mallory") {
    const std::string id = "https://" + host->domain + "/users/mallory";
    status = "200 OK";
    type = "application/activity+json";
    body =
        "{\"@context\":[\"https://www.w3.org/ns/activitystreams\",\"https://w3id.org/security/"
        "v1\"],"
        "\"id\":" +
        JsonQuote(id) +
        ",\"type\":\"Person\",\"preferredUsername\":\"mallory\","
        "\"name\":\"Mallory\",\"inbox\":" +
        JsonQuote(id + "/inbox") + ",\"outbox\":" + JsonQuote(id + "/outbox") +
        ",\"followers\":" + JsonQuote(id + "/followers") +
        ",\"endpoints\":{\"sharedInbox\":" + JsonQuote("https://" + host->domain + "/inbox") +
        "}," + "\"publicKey\":{\"id\":" + JsonQuote(id + "#main-key") +
        ",\"owner\":" + JsonQuote(id) + ",\"publicKeyPem\":" + JsonQuote(host->public_pem) + "}}";
  } else if (host && request.method == "GET") {
    std::lock_guard lock(mu_);
    if (auto doc = documents_.find("https://" + host->domain + path); doc != documents_.end()) {
      status = "200 OK";
      type = doc->second.first;
      body = doc->second.second;
    }
  }
  return "HTTP/1.1 " + status + "\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

testutil::HttpReply Attacker::Send(const std::string& connect, const std::string& host,
                                   const Outgoing& out, const Signing& signing) {
  testutil::HttpCall call{.method = out.method,
                          .connect = connect,
                          .host = host,
                          .target = out.target,
                          .headers = {},
                          .body = out.body};
  const std::string date = HttpDate(signing.date_offset_seconds);
  call.headers.emplace_back("Date", date);
  call.headers.emplace_back("Accept", out.accept);
  std::string signed_headers = "(request-target) host date";
  std::string text = "(request-target): " + Lower(out.method) + " " + out.target +
                     "\nhost: " + host + "\ndate: " + date;
  if (out.method == "POST") {
    unsigned char hash[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(out.body.data()), out.body.size(), hash);
    const std::string digest = "SHA-256=" + Base64(hash, sizeof hash);
    call.headers.emplace_back("Digest", digest);
    call.headers.emplace_back("Content-Type", out.content_type);
    signed_headers += " digest content-type";
    text += "\ndigest: " + digest + "\ncontent-type: " + out.content_type;
  } else {
    signed_headers += " accept";
    text += "\naccept: " + out.accept;
  }
  if (!signing.key_host.empty()) {
    const Host& key = *hosts_.at(signing.key_host);
    call.headers.emplace_back("Signature", "keyId=\"https://" + key.domain +
                                               "/users/mallory#main-key\",algorithm=\"rsa-sha256\","
                                               "headers=\"" +
                                               signed_headers + "\",signature=\"" + key.Sign(text) +
                                               "\"");
  }
  last_ = call;
  return client_.Send(call);
}

testutil::HttpReply Attacker::Replay(const std::string& connect, const std::string& host) {
  testutil::HttpCall call = last_;
  call.connect = connect;
  call.host = host;
  return client_.Send(call);
}

std::vector<Received> Attacker::received() const {
  std::lock_guard lock(mu_);
  return received_;
}

}  // namespace guildhall::integration
