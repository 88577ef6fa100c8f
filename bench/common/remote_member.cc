#include "bench/common/remote_member.h"

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "bench/common/http_load.h"
#include "federation/protocol/datetime.h"
#include "federation/signatures/verify.h"
#include "tests/federation/http/sink_server.h"

namespace guildhall::bench {
namespace {

namespace fed = guildhall::federation;

constexpr char kActor[] = "http://remote.test/users/bob";
constexpr char kPublic[] = "https://www.w3.org/ns/activitystreams#Public";

// bob's actor document, as Mastodon publishes one.
std::string ActorJson(const fed::PrivateKey& key) {
  const std::string id = kActor;
  return R"({"@context":["https://www.w3.org/ns/activitystreams","https://w3id.org/security/v1"],)"
         R"("id":")" +
         id +
         R"(","type":"Person","preferredUsername":"bob","name":"Bob",)"
         R"("inbox":")" +
         id + R"(/inbox","outbox":")" + id +
         R"(/outbox",)"
         R"("followers":")" +
         id +
         R"(/followers","endpoints":{"sharedInbox":"http://remote.test/inbox"},)"
         R"("publicKey":{"id":")" +
         id + R"(#main-key","owner":")" + id + R"(","publicKeyPem":)" +
         JsonQuote(key.Public().ToPem()) + "}}";
}

// Serves the actor document and takes deliveries (202).
fed::testing::SinkReply Answer(const fed::testing::RecordedRequest& r, const std::string& actor) {
  fed::testing::SinkReply reply;
  if (r.method == "GET" && r.target == "/users/bob") {
    reply.status = 200;
    reply.headers = {{"Content-Type", "application/activity+json"}};
    reply.body = actor;
  } else if (r.method != "POST") {
    reply.status = 404;
  }
  return reply;
}

std::string FollowJson(const std::string& group) {
  return R"({"@context":"https://www.w3.org/ns/activitystreams","id":")" + std::string(kActor) +
         R"(/follows/1","type":"Follow","actor":")" + kActor + R"(","object":")" + group + "\"}";
}

std::string CreateJson(const std::string& group, const std::string& tag, const std::string& now) {
  const std::string note = std::string(kActor) + "/statuses/" + tag;
  const std::string audience = R"("to":[")" + std::string(kPublic) + R"("],"cc":[")" + group +
                               R"("],"audience":")" + group + "\"";
  return R"({"@context":"https://www.w3.org/ns/activitystreams","id":")" + note +
         R"(/activity","type":"Create","actor":")" + kActor + R"(","published":")" + now + "\"," +
         audience + R"(,"object":{"id":")" + note + R"(","type":"Note","attributedTo":")" + kActor +
         R"(","published":")" + now + "\"," + audience + R"(,"content":"<p>Bench note )" + tag +
         R"(: a few sentences of an ordinary post, long enough to look like one. The figures )"
         R"(for the quarter are in and the meeting moves to Thursday; bring the notes from )"
         R"(last time and the questions you did not get to ask.</p>"}})";
}

// A whole HTTP/1.1 request, signed (draft-cavage) as bob signs.
std::string SignedPost(const BenchNode& node, const std::string& path, const std::string& body,
                       const fed::PrivateKey& key) {
  const std::string url = node.base_url() + path;  // OutgoingRequest holds views
  fed::OutgoingRequest request;
  request.method = "POST", request.url = url, request.body = body;
  auto headers = fed::SignRequest(request, key, std::string(kActor) + "#main-key",
                                  std::chrono::system_clock::now());
  if (!headers) {
    std::fprintf(stderr, "sign: %s\n", headers.error().message.c_str());
    std::exit(1);
  }
  std::string raw = "POST " + path + " HTTP/1.1\r\n";
  for (const auto& [name, value] : *headers) raw += name + ": " + value + "\r\n";
  return raw + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// User + system CPU seconds of process `pid` (from /proc/PID/stat).
double ProcessCpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string skip;
  for (int i = 3; i < 14; ++i) fields >> skip;  // fields 3..13
  double utime = 0, stime = 0;
  fields >> utime >> stime;
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double ThreadCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
         usage.ru_stime.tv_usec / 1e6;
}

}  // namespace

struct RemoteMember::Impl {
  fed::PrivateKey key = *fed::PrivateKey::GenerateRsa(2048);
  std::string actor = ActorJson(key);
  fed::testing::SinkServer peer{[this](const auto& r) { return Answer(r, actor); }};
};

RemoteMember::RemoteMember() : impl_(std::make_unique<Impl>()) {}
RemoteMember::~RemoteMember() = default;

std::string RemoteMember::Endpoint() const { return impl_->peer.Endpoint(); }

size_t RemoteMember::DeliveriesReceived() const { return impl_->peer.RequestCount(); }

bool RemoteMember::Join(BenchNode& node, const std::string& slug) {
  const std::string path = "/g/" + slug + "/inbox";
  const size_t before = impl_->peer.RequestCount();
  HttpAnswer follow = SendRaw(
      node.port(), SignedPost(node, path, FollowJson(node.base_url() + "/g/" + slug), impl_->key));
  if (follow.status != 202) {
    std::fprintf(stderr, "Follow answered %u: %s\n", follow.status, follow.body.c_str());
    return false;
  }
  // Joined once the group's Accept arrives (sent when the membership is
  // active); the member list would need paging on a large group.
  const bool joined =
      WaitFor([&] { return impl_->peer.RequestCount() > before; }, std::chrono::seconds(60));
  if (!joined) std::fprintf(stderr, "no Accept from %s within 60 s\n", slug.c_str());
  return joined;
}

std::vector<std::vector<std::string>> RemoteMember::PrepareCreates(const BenchNode& node,
                                                                   const std::string& slug,
                                                                   int rounds, int per_round,
                                                                   const std::string& tag) const {
  const std::string group = node.base_url() + "/g/" + slug;
  const std::string path = "/g/" + slug + "/inbox";
  const std::string now = fed::FormatRfc3339(std::chrono::system_clock::now());
  std::vector<std::vector<std::string>> out(rounds, std::vector<std::string>(per_round));
  std::atomic<long> next{0};
  const long total = static_cast<long>(rounds) * per_round;
  auto work = [&] {
    for (long i; (i = next++) < total;) {
      out[i / per_round][i % per_round] =
          SignedPost(node, path, CreateJson(group, tag + "-" + std::to_string(i), now), impl_->key);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < std::max(2u, std::thread::hardware_concurrency()); ++t) {
    threads.emplace_back(work);
  }
  for (auto& t : threads) t.join();
  return out;
}

IngestFigures Ingest(BenchNode& node, const std::string& token, const std::string& slug,
                     const std::vector<std::string>& requests, int connections, long* expected) {
  IngestFigures f;
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = ProcessCpuSeconds(node.pid()) + ThreadCpuSeconds();
  const LoadResult load = RunKeepAliveLoad(node.port(), requests, connections);
  f.cpu_seconds = ProcessCpuSeconds(node.pid()) + ThreadCpuSeconds() - cpu_start;
  const uint64_t accepted = load.Count(202);
  f.accepted_per_second = accepted / load.seconds;
  f.p99_ms = load.p99_ms;
  f.seconds = load.seconds;
  for (const auto& [status, count] : load.statuses) {
    if (status != 202) std::printf("  answered %u: %llu\n", status, (unsigned long long)count);
  }
  if (load.failed) std::printf("  no answer: %llu\n", (unsigned long long)load.failed);
  *expected += static_cast<long>(requests.size());
  WaitFor([&] { return GroupThreadCount(node, token, slug) >= *expected; },
          std::chrono::seconds(600));
  f.applied_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const long stored = GroupThreadCount(node, token, slug);
  f.complete = accepted == requests.size() && stored == *expected;
  if (stored != *expected) std::printf("  STORED %ld threads, expected %ld\n", stored, *expected);
  return f;
}

long GroupThreadCount(BenchNode& node, const std::string& token, const std::string& slug) {
  return JsonNumber(node.Api(token, "GET", "/groups/" + slug).body, "thread_count");
}

}  // namespace guildhall::bench
