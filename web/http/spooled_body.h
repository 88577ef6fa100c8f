// SpooledBody: a request body the server wrote to a temporary file instead of
// memory (large uploads, see RouteOptions::spool_to_file), mapped read-only so
// a handler sees it as bytes without copying it onto the heap. The file is
// unlinked as soon as it is created; the mapping keeps its blocks until the
// last Request holding this object goes, so nothing is left on disk after the
// request. Immutable after Map; thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "storage/model/result.h"

namespace guildhall::web {

class SpooledBody {
 public:
  // Maps the whole of the open file `fd` (the caller keeps and closes fd;
  // the mapping outlives it). kInternal when it cannot be mapped.
  static Result<std::shared_ptr<const SpooledBody>> Map(int fd);
  ~SpooledBody();
  SpooledBody(const SpooledBody&) = delete;
  SpooledBody& operator=(const SpooledBody&) = delete;

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  SpooledBody(void* data, size_t size) : data_(data), size_(size) {}

  void* data_;  // null for an empty file (mmap refuses length 0)
  size_t size_;
};

}  // namespace guildhall::web
