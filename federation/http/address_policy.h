// Which IP addresses the outbound client may connect to. Every address that
// is not plainly global unicast is refused: loopback, private, link-local,
// unspecified, multicast, CGNAT, documentation and benchmark ranges, and the
// IPv6 forms that tunnel to IPv4 (mapped, compatible, 6to4, NAT64, Teredo),
// the bypasses listed in reference/security.md (Lemmy CVE-2026-33693, Fedify
// CVE-2026-50131). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace guildhall::federation {

// Empty if `ip` (textual IPv4 or IPv6, no brackets) is a public unicast
// address; otherwise the name of the range that refuses it ("loopback",
// "private", ...). Unparsable text is refused as "unparsable".
std::string RefusedAddressReason(std::string_view ip);

// True iff `ip` lies in `cidr` ("10.0.0.0/8", "fd00::/8", or a bare address
// for /32 or /128). False if either does not parse or the families differ.
bool InNetwork(std::string_view ip, std::string_view cidr);

}  // namespace guildhall::federation
