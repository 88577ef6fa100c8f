// Storage full: the one kind of kUnavailable that every layer must recognise,
// because the edge answers it differently (503 "storage full" with
// Retry-After, not a generic 503) and operators watch it (/healthz, /metrics).
// It stays a kUnavailable (the Code list is the wire vocabulary; a full disk
// is a temporary refusal the caller may retry) whose message starts with a
// fixed prefix. storage/lmdb makes these errors (ENOSPC, EDQUOT, a map that
// cannot grow, a commit that fails with the disk out of space); web reads them.
// Plain functions; thread-safe.
#pragma once

#include <cerrno>
#include <string>
#include <string_view>

#include "storage/model/result.h"

namespace guildhall {

inline constexpr std::string_view kStorageFullPrefix = "storage full: ";

inline Error StorageFullError(std::string_view detail) {
  return Error::Unavailable(std::string(kStorageFullPrefix) + std::string(detail));
}

inline bool IsStorageFull(const Error& error) {
  return error.code == Code::kUnavailable && error.message.starts_with(kStorageFullPrefix);
}

// errno values that mean "no space": the filesystem, or the user's quota.
inline bool IsNoSpaceErrno(int err) { return err == ENOSPC || err == EDQUOT; }

}  // namespace guildhall
