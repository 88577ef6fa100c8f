// HostState: how delivery to one remote host has been going, so that a host
// that keeps failing is marked unavailable and only probed now and then, and
// any sign of life (a success, or a valid inbound request) clears that.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct HostState {
  std::string host;  // "host[:port]", as in Delivery::host
  uint32_t consecutive_failures = 0;
  int64_t first_failure_at = 0;  // unix ms of the first failure of the current run; 0 if none
  int64_t last_failure_at = 0;
  int64_t last_success_at =
      0;  // when a failure run last ended (not every success: no write per 2xx)
  bool unavailable = false;
  int64_t next_probe_at = 0;  // unavailable only: when the next probe may go
};

// Key: Str host. No indexes.
struct HostStateCodec {
  using Record = HostState;
  static constexpr const TableDef& kTable = tables::kDeliveryHosts;
  static std::string Key(const HostState& h) { return KeyOf(h.host); }
  static std::string KeyOf(std::string_view host);
  static std::string Encode(const HostState& h);
  static Result<HostState> Decode(std::string_view value);
  static void Indexes(const HostState&, IndexEntries&) {}
};

}  // namespace guildhall::storage
