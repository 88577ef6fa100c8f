// The client face of a storage-full error (storage/model/storage_full.h):
// 503 with this code name and message and a Retry-After, on the API, the
// pages and the plain error responses alike. The details (which file, how
// many bytes free) stay in the storage log line. Constants; thread-safe.
#pragma once

#include <string_view>

namespace guildhall::web {

inline constexpr unsigned kStorageFullStatus = 503;
inline constexpr std::string_view kStorageFullCode = "storage_full";
inline constexpr std::string_view kStorageFullMessage =
    "The node's storage is full, so nothing was saved. Try again in a few minutes; the "
    "operators have been told.";
// Seconds, as the Retry-After header says it.
inline constexpr std::string_view kStorageFullRetryAfter = "60";

}  // namespace guildhall::web
