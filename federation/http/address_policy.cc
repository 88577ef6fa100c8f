#include "federation/http/address_policy.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <span>

namespace guildhall::federation {
namespace {

struct Range {
  std::array<uint8_t, 16> prefix;
  int bits;
  const char* reason;
};

bool Matches(const uint8_t* addr, const std::array<uint8_t, 16>& prefix, int bits) {
  for (int i = 0; i < bits; ++i) {
    const int byte = i / 8;
    const uint8_t mask = static_cast<uint8_t>(0x80 >> (i % 8));
    if ((addr[byte] & mask) != (prefix[byte] & mask)) return false;
  }
  return true;
}

// IPv4 special-purpose registry (RFC 6890 and successors), prefixes in the
// first four bytes.
constexpr Range kV4Ranges[] = {
    {{0}, 8, "unspecified"},   // 0.0.0.0/8, "this network"
    {{10}, 8, "private"},      // RFC 1918
    {{100, 64}, 10, "cgnat"},  // RFC 6598 shared address space
    {{127}, 8, "loopback"},
    {{169, 254}, 16, "link-local"},
    {{172, 16}, 12, "private"},
    {{192, 0, 0}, 24, "special"},  // IETF protocol assignments
    {{192, 0, 2}, 24, "documentation"},
    {{192, 88, 99}, 24, "6to4-relay"},
    {{192, 168}, 16, "private"},
    {{198, 18}, 15, "benchmark"},
    {{198, 51, 100}, 24, "documentation"},
    {{203, 0, 113}, 24, "documentation"},
    {{224}, 4, "multicast"},
    {{240}, 4, "reserved"},  // includes 255.255.255.255
};

// IPv6 ranges. Tunnelling forms are refused outright rather than decoded: a
// public IPv4 peer is reachable over IPv4 anyway.
constexpr Range kV6Ranges[] = {
    {{}, 128, "unspecified"},  // ::
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, "loopback"},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96, "ipv4-mapped"},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 96, "ipv4-compatible"},
    {{0, 0x64, 0xff, 0x9b}, 96, "nat64"},        // 64:ff9b::/96
    {{0, 0x64, 0xff, 0x9b, 0, 1}, 48, "nat64"},  // 64:ff9b:1::/48
    {{0x01, 0x00}, 64, "discard"},               // 100::/64
    {{0x20, 0x01, 0x00, 0x00}, 32, "teredo"},    // 2001::/32
    {{0x20, 0x01, 0x00, 0x00}, 23, "special"},   // 2001::/23 IETF
    {{0x20, 0x01, 0x0d, 0xb8}, 32, "documentation"},
    {{0x20, 0x02}, 16, "6to4"},
    {{0xfc}, 7, "unique-local"},
    {{0xfe, 0x80}, 10, "link-local"},
    {{0xfe, 0xc0}, 10, "site-local"},
    {{0xff}, 8, "multicast"},
};

// Parses `text` into `out` (4 or 16 bytes); returns the byte length, 0 if
// neither family parses.
int ParseAddress(std::string_view text, uint8_t out[16]) {
  if (text.empty() || text.size() > 64) return 0;
  const std::string s(text);
  if (inet_pton(AF_INET, s.c_str(), out) == 1) return 4;
  if (inet_pton(AF_INET6, s.c_str(), out) == 1) return 16;
  return 0;
}

}  // namespace

std::string RefusedAddressReason(std::string_view ip) {
  uint8_t addr[16] = {};
  const int length = ParseAddress(ip, addr);
  if (length == 0) return "unparsable";
  const std::span<const Range> ranges =
      length == 4 ? std::span<const Range>(kV4Ranges) : std::span<const Range>(kV6Ranges);
  for (const auto& r : ranges) {
    if (Matches(addr, r.prefix, r.bits)) return r.reason;
  }
  return {};
}

bool InNetwork(std::string_view ip, std::string_view cidr) {
  const size_t slash = cidr.find('/');
  uint8_t net[16] = {};
  const int net_length = ParseAddress(cidr.substr(0, slash), net);
  uint8_t addr[16] = {};
  if (net_length == 0 || ParseAddress(ip, addr) != net_length) return false;
  int bits = net_length * 8;
  if (slash != std::string_view::npos) {
    const std::string_view b = cidr.substr(slash + 1);
    auto [ptr, ec] = std::from_chars(b.data(), b.data() + b.size(), bits);
    if (ec != std::errc() || ptr != b.data() + b.size() || bits < 0 || bits > net_length * 8) {
      return false;
    }
  }
  std::array<uint8_t, 16> prefix{};
  std::copy(net, net + 16, prefix.begin());
  return Matches(addr, prefix, bits);
}

}  // namespace guildhall::federation
