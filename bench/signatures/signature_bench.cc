// signature_bench: the cost of one inbound signature check and one outbound
// signature, against the raw RSA-2048 verify and sign rates that
// `openssl speed -seconds N rsa2048` reports in the same run. Rates are per
// user-CPU second of the measuring thread (what openssl speed reports), so a
// busy shared machine does not skew the ratio. The inbox target in
// PERFORMANCE.md needs the whole request path at >= 25% of OpenSSL's 2-core
// verify rate; this shows how much of that budget the signature layer uses.
// Usage: signature_bench [--seconds N]
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "federation/protocol/datetime.h"
#include "federation/signatures/message_signature.h"
#include "federation/signatures/verify.h"

namespace guildhall::federation {
namespace {

double ThreadUserSeconds() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6;
}

// Operations per user-CPU second of `op` run for about `seconds`.
double Rate(double seconds, const std::function<bool()>& op) {
  double start = ThreadUserSeconds();
  long n = 0;
  while (ThreadUserSeconds() - start < seconds) {
    for (int i = 0; i < 16; ++i) {
      if (!op()) {
        std::fprintf(stderr, "operation failed\n");
        return 0;
      }
    }
    n += 16;
  }
  return n / (ThreadUserSeconds() - start);
}

struct OpenSslRates {
  double sign = 0, verify = 0;
};

OpenSslRates OpenSslSpeed(int seconds) {
  std::string command =
      "openssl speed -seconds " + std::to_string(seconds) + " rsa2048 2>/dev/null";
  OpenSslRates rates;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return rates;
  char line[512];
  while (std::fgets(line, sizeof(line), pipe) != nullptr) {
    double sign_time, verify_time;
    std::sscanf(line, "rsa 2048 bits %lfs %lfs %lf %lf", &sign_time, &verify_time, &rates.sign,
                &rates.verify);
  }
  pclose(pipe);
  return rates;
}

struct Request {
  std::string target;
  std::vector<HeaderField> headers;
  std::string body;
  SignedRequestView View() const { return {"POST", target, headers, body}; }
};

int Run(int seconds) {
  auto key = PrivateKey::GenerateRsa(2048);
  if (!key) return 1;
  TimePoint now = *ParseRfc3339("2024-05-01T12:00:00Z");
  std::string body(1500, 'x');  // about a Create(Note)
  body = R"({"type":"Create","content":")" + body + "\"}";
  std::string key_id = "https://remote.example/users/alice#main-key";
  OutgoingRequest out;
  out.method = "POST";
  out.url = "https://guild.example/inbox";
  out.body = body;

  Request cavage{"/inbox", *SignRequest(out, *key, key_id, now), body};
  Request rfc9421{"/inbox",
                  {{"Host", "guild.example"},
                   {"Date", FormatHttpDate(now)},
                   {"Content-Digest", ContentDigestHeaderValue(body)}},
                  body};
  std::vector<std::string> components = {"@method", "@target-uri", "@authority",
                                         "host",    "date",        "content-digest"};
  auto sig = SignMessage(rfc9421.View(), components, *key, key_id,
                         *OriginOf("https://guild.example"), now);
  rfc9421.headers.emplace_back("Signature-Input", sig->signature_input);
  rfc9421.headers.emplace_back("Signature", sig->signature);

  PublicKey pub = key->Public();
  KeyLookup lookup = [&](std::string_view, KeyFetch) -> Result<KeyInfo> {
    return KeyInfo{pub, "x"};
  };
  VerifyOptions options;
  options.now = now;
  options.public_origin = "https://guild.example";

  double verify_cavage =
      Rate(seconds, [&] { return VerifyRequest(cavage.View(), lookup, options).has_value(); });
  double verify_9421 =
      Rate(seconds, [&] { return VerifyRequest(rfc9421.View(), lookup, options).has_value(); });
  double sign = Rate(seconds, [&] { return SignRequest(out, *key, key_id, now).has_value(); });
  OpenSslRates ref = OpenSslSpeed(seconds);

  std::printf("per user-CPU second, 1 thread, RSA-2048, %zu-byte body\n", body.size());
  std::printf("  openssl speed verify        %10.0f/s\n", ref.verify);
  std::printf("  VerifyRequest draft-cavage  %10.0f/s  (%.0f%% of openssl verify)\n", verify_cavage,
              ref.verify > 0 ? 100 * verify_cavage / ref.verify : 0);
  std::printf("  VerifyRequest RFC 9421      %10.0f/s  (%.0f%% of openssl verify)\n", verify_9421,
              ref.verify > 0 ? 100 * verify_9421 / ref.verify : 0);
  std::printf("  openssl speed sign          %10.0f/s\n", ref.sign);
  std::printf("  SignRequest (POST)          %10.0f/s  (%.0f%% of openssl sign)\n", sign,
              ref.sign > 0 ? 100 * sign / ref.sign : 0);
  return 0;
}

}  // namespace
}  // namespace guildhall::federation

int main(int argc, char** argv) {
  int seconds = 3;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atoi(argv[i + 1]);
  }
  return guildhall::federation::Run(seconds);
}
