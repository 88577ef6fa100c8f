#include "storage/model/records/host_state.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string HostStateCodec::KeyOf(std::string_view host) { return KeyBuilder().Str(host).Take(); }

std::string HostStateCodec::Encode(const HostState& h) {
  ValueWriter w(kVersion);
  w.Str(h.host).U64(h.consecutive_failures).I64(h.first_failure_at).I64(h.last_failure_at);
  w.I64(h.last_success_at).Bool(h.unavailable).I64(h.next_probe_at);
  return w.Take();
}

Result<HostState> HostStateCodec::Decode(std::string_view value) {
  ValueReader r(value);
  HostState h;
  h.host = r.Str();
  h.consecutive_failures = static_cast<uint32_t>(r.U64());
  h.first_failure_at = r.I64();
  h.last_failure_at = r.I64();
  h.last_success_at = r.I64();
  h.unavailable = r.Bool();
  h.next_probe_at = r.I64();
  GH_CHECK(records::FinishDecode(r, true, kVersion, "host state"));
  return h;
}

}  // namespace guildhall::storage
