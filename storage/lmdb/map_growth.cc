#include "storage/lmdb/map_growth.h"

#include <sys/statvfs.h>

#include <algorithm>

#include "storage/lmdb/log.h"

namespace guildhall::storage::lmdb {
namespace {

uint64_t PageSize(const Env& env) {
  MDB_stat stat;
  mdb_env_stat(env.get(), &stat);
  return stat.ms_psize;
}

}  // namespace

uint64_t FreeDiskBytes(const std::filesystem::path& dir) {
  struct statvfs vfs {};
  if (statvfs(dir.c_str(), &vfs) != 0) return 0;
  return static_cast<uint64_t>(vfs.f_bavail) * vfs.f_frsize;
}

std::optional<uint64_t> NextMapSize(const MapGrowthInputs& in) {
  uint64_t next = std::min(std::max(in.current, in.page) * 2, in.max);
  // Mapping more than the file can ever reach on this disk only defers the
  // failure to a write error deep inside a commit.
  next = std::min(next, in.file_bytes + in.free_disk);
  next -= next % in.page;
  if (next <= in.current) return std::nullopt;
  return next;
}

Result<uint64_t> GrowMap(Env& env, ResizeGate& gate, uint64_t max_bytes) {
  const MapGrowthInputs in{env.MapSize(), max_bytes, env.FileBytes(), FreeDiskBytes(env.dir()),
                           PageSize(env)};
  const auto next = NextMapSize(in);
  if (!next) {
    return StorageFullError("the map cannot grow (map=" + std::to_string(in.current) + " max=" +
                            std::to_string(in.max) + " file=" + std::to_string(in.file_bytes) +
                            " free_disk=" + std::to_string(in.free_disk) + ")");
  }
  Result<> status;
  gate.Exclusive([&] { status = env.SetMapSize(*next); });
  if (!status) return std::move(status).error();
  Log().info("map grown from={} to={} used={}", in.current, *next, env.UsedBytes());
  return *next;
}

}  // namespace guildhall::storage::lmdb
