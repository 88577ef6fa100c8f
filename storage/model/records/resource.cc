#include "storage/model/records/resource.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string ResourceCodec::Key(const Resource& r) { return KeyOf(r.id); }
std::string ResourceCodec::KeyOf(Id id) { return records::IdKey(id); }

std::string ResourceCodec::Encode(const Resource& r) {
  ValueWriter w(kVersion);
  w.Id(r.id).Id(r.group).Id(r.uploader);
  records::WriteEnum(w, r.kind);
  w.Str(r.title).Str(r.description).Str(r.url).Str(r.blob_sha256).U64(r.size);
  w.Str(r.media_type).Str(r.file_name).I64(r.created).Bool(r.removed).Str(r.removal_reason);
  return w.Take();
}

Result<Resource> ResourceCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Resource v;
  bool ok = true;
  v.id = r.Id();
  v.group = r.Id();
  v.uploader = r.Id();
  v.kind = records::ReadEnum(r, ResourceKind::kLink, ok);
  v.title = r.Str();
  v.description = r.Str();
  v.url = r.Str();
  v.blob_sha256 = r.Str();
  v.size = r.U64();
  v.media_type = r.Str();
  v.file_name = r.Str();
  v.created = r.I64();
  v.removed = r.Bool();
  v.removal_reason = r.Str();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "resource"));
  return v;
}

void ResourceCodec::Indexes(const Resource& r, IndexEntries& out) {
  out.push_back({&tables::kResourcesByGroup, records::IdPairKey(r.group, r.id)});
}

std::string ResourceCodec::ByGroupPrefix(Id group) { return records::IdKey(group); }

}  // namespace guildhall::storage
