#include "storage/model/records/node_setting.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string NodeSettingCodec::KeyOf(std::string_view name) { return KeyBuilder().Str(name).Take(); }

std::string NodeSettingCodec::Encode(const NodeSetting& s) {
  ValueWriter w(kVersion);
  w.Str(s.name).Str(s.value).Id(s.set_by).I64(s.set_at);
  return w.Take();
}

Result<NodeSetting> NodeSettingCodec::Decode(std::string_view value) {
  ValueReader r(value);
  NodeSetting s;
  s.name = r.Str();
  s.value = r.Str();
  s.set_by = r.Id();
  s.set_at = r.I64();
  GH_CHECK(records::FinishDecode(r, true, kVersion, "node setting"));
  return s;
}

}  // namespace guildhall::storage
