// fanout_bench: the delivery fan-out figures of shared PERFORMANCE.md.
//   1. One Announce to a group with 1,000 remote followers spread over 50
//      hosts (20 per host, all with a shared inbox), each host a loopback
//      sink listener mapped by the resolve map (h01.test ... h50.test).
//      Counts the POSTs (target: exactly 50) and the seconds from the
//      enqueuing commit until the queue has recorded all 50 as delivered
//      (target: <= 2 s). The store is synced, as in production.
//   2. Signatures per second of our signing path (SignRequest: Digest, Date,
//      signing string, RSA-2048 PKCS#1 v1.5, Base64) on one thread, beside
//      `openssl speed -seconds N rsa2048` sign/s run in the same process run
//      (target: >= 80% of OpenSSL). Both are per user-CPU second, which is
//      what openssl speed reports: wall-clock rates on a shared 2-core
//      machine mostly measure the neighbours.
// Usage: fanout_bench [--seconds N] [--workers N]
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "federation/delivery/queue.h"
#include "federation/delivery/workers.h"
#include "federation/http/client.h"
#include "federation/signatures/verify.h"
#include "storage/lmdb/lmdb_store.h"
#include "tests/federation/http/sink_server.h"

namespace gh = guildhall;
namespace fed = guildhall::federation;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kHosts = 50;
constexpr int kFollowers = 1000;
constexpr char kActor[] = "https://guild.example/g/news";

std::string HostName(int i) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "h%02d.test", i);
  return buf;
}

std::string ActivityJson() {
  return R"({"@context":"https://www.w3.org/ns/activitystreams",)"
         R"("id":"https://guild.example/activities/1","type":"Announce",)"
         R"("actor":"https://guild.example/g/news",)"
         R"("to":["https://www.w3.org/ns/activitystreams#Public"],)"
         R"("cc":["https://guild.example/g/news/followers"],)"
         R"("object":{"id":"https://guild.example/t/42","type":"Page","name":"Quarterly results",)"
         R"("content":"<p>The figures are in. Discuss below.</p>",)"
         R"("attributedTo":"https://guild.example/u/alice","audience":"https://guild.example/g/news"}})";
}

struct FanoutResult {
  size_t posts = 0;
  double server_seconds = 0;  // until the 50th sink had its POST
  double queue_seconds = 0;   // until the queue recorded all as delivered
  fed::DeliveryStats stats;
};

FanoutResult RunFanout(const std::filesystem::path& dir, const fed::PrivateKey& key, int workers) {
  std::vector<std::unique_ptr<fed::testing::SinkServer>> sinks;
  fed::ClientOptions client_options;
  client_options.allow_private_addresses = true;
  for (int i = 1; i <= kHosts; ++i) {
    sinks.push_back(std::make_unique<fed::testing::SinkServer>());
    client_options.resolve[HostName(i)] = sinks.back()->Endpoint();
  }
  gh::storage::lmdb::LmdbOptions store_options;
  store_options.dir = dir;
  auto store = gh::storage::lmdb::LmdbStore::Open(store_options, gh::storage::AllTables());
  if (!store) {
    std::fprintf(stderr, "cannot open store: %s\n", store.error().message.c_str());
    std::exit(1);
  }
  gh::SystemClock clock;
  gh::IdGenerator ids(clock);
  fed::HttpClient client(client_options);
  fed::DeliveryQueue queue(clock, ids);
  fed::DeliveryOptions options;
  options.worker_threads = workers;
  fed::DeliveryCallbacks callbacks;
  callbacks.signer = [&key](const std::string& actor) -> gh::Result<fed::Signer> {
    return fed::Signer{actor + "#main-key", key};
  };
  fed::DeliveryWorkers delivery(**store, client, clock, queue, options, callbacks);
  delivery.Start();

  std::vector<std::string> inboxes;
  for (int f = 0; f < kFollowers; ++f)
    inboxes.push_back("http://" + HostName(f % kHosts + 1) + "/inbox");
  const fed::OutboundActivity activity{"https://guild.example/activities/1", kActor, ActivityJson(),
                                       gh::Id{1}};
  const auto start = Clock::now();
  auto queued = (*store)->Write(
      [&](gh::storage::WriteTxn& txn) { return queue.Enqueue(txn, activity, inboxes); });
  if (!queued) {
    std::fprintf(stderr, "enqueue failed: %s\n", queued.error().message.c_str());
    std::exit(1);
  }
  FanoutResult result;
  for (auto& sink : sinks) sink->WaitForRequests(1, std::chrono::seconds(30));
  result.server_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  delivery.WaitIdle();
  result.queue_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (auto& sink : sinks) result.posts += sink->RequestCount();
  result.stats = delivery.Stats();
  delivery.Stop();
  return result;
}

// User CPU seconds of the calling thread: `openssl speed` divides by user CPU
// time too (unless -elapsed), so both rates hold on a busy shared machine.
double ThreadUserSeconds() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6;
}

struct SignRate {
  double per_cpu_second = 0;
  double per_wall_second = 0;
};

SignRate OurSignRate(const fed::PrivateKey& key, double seconds) {
  const std::string body = ActivityJson();
  fed::OutgoingRequest request{
      .method = "POST", .url = "https://h01.test/inbox", .body = body, .accept = ""};
  const std::string key_id = std::string(kActor) + "#main-key";
  uint64_t n = 0;
  const double cpu_start = ThreadUserSeconds();
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration<double>(seconds);
  while (Clock::now() < end) {
    for (int i = 0; i < 16; ++i) {
      auto headers = fed::SignRequest(request, key, key_id, std::chrono::system_clock::now());
      if (!headers) {
        std::fprintf(stderr, "sign failed: %s\n", headers.error().message.c_str());
        std::exit(1);
      }
      ++n;
    }
  }
  const double wall = std::chrono::duration<double>(Clock::now() - start).count();
  return {n / (ThreadUserSeconds() - cpu_start), n / wall};
}

// sign/s (per user CPU second) from `openssl speed -seconds N rsa2048`: the line
// "rsa 2048 bits 0.000274s 0.000015s   3647.8  66850.0". 0 if unavailable.
double OpenSslSignRate(int seconds) {
  const std::string command =
      "openssl speed -seconds " + std::to_string(seconds) + " rsa2048 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return 0;
  char line[512];
  double rate = 0;
  while (std::fgets(line, sizeof(line), pipe) != nullptr) {
    double sign_time = 0, verify_time = 0, sign_rate = 0, verify_rate = 0;
    if (std::sscanf(line, "rsa 2048 bits %lfs %lfs %lf %lf", &sign_time, &verify_time, &sign_rate,
                    &verify_rate) == 4) {
      rate = sign_rate;
    }
  }
  pclose(pipe);
  return rate;
}

}  // namespace

int main(int argc, char** argv) {
  int seconds = 3;
  int workers = 8;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--seconds") seconds = std::max(1, std::atoi(argv[i + 1]));
    if (flag == "--workers") workers = std::max(1, std::atoi(argv[i + 1]));
  }
  spdlog::set_level(spdlog::level::warn);
  auto key = fed::PrivateKey::GenerateRsa(2048);
  if (!key) return 1;

  const auto dir =
      std::filesystem::temp_directory_path() / ("fanout-bench-" + std::to_string(getpid()));
  const FanoutResult fanout = RunFanout(dir, *key, workers);
  std::filesystem::remove_all(dir);
  std::printf("fan-out: %d followers on %d hosts, %d workers, 2 per host\n", kFollowers, kHosts,
              workers);
  std::printf("  POSTs sent                 %zu (target: exactly %d)  %s\n", fanout.posts, kHosts,
              fanout.posts == kHosts ? "OK" : "MISS");
  std::printf("  all POSTs answered after   %.3f s\n", fanout.server_seconds);
  std::printf("  all recorded delivered     %.3f s (target <= 2 s)  %s\n", fanout.queue_seconds,
              fanout.queue_seconds <= 2.0 ? "OK" : "MISS");
  std::printf("  attempts %llu, delivered %llu, retried %llu, failed %llu\n",
              (unsigned long long)fanout.stats.attempts, (unsigned long long)fanout.stats.delivered,
              (unsigned long long)fanout.stats.retried, (unsigned long long)fanout.stats.failed);

  const SignRate ours_rate = OurSignRate(*key, seconds);
  const double ours = ours_rate.per_cpu_second;
  const double openssl = OpenSslSignRate(seconds);
  std::printf("signing (1 thread, RSA-2048, per user-CPU second like openssl speed):\n");
  std::printf("  SignRequest                %.0f sign/s (%.0f per wall second)\n", ours,
              ours_rate.per_wall_second);
  if (openssl > 0) {
    const double ratio = ours / openssl;
    std::printf("  openssl speed rsa2048      %.0f sign/s\n", openssl);
    std::printf("  ratio                      %.1f%% (target >= 80%%)  %s\n", 100 * ratio,
                ratio >= 0.8 ? "OK" : "MISS");
  } else {
    std::printf("  openssl speed rsa2048      unavailable (is openssl installed?)\n");
  }
  return 0;
}
