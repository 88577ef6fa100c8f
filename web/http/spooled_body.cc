#include "web/http/spooled_body.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace guildhall::web {

Result<std::shared_ptr<const SpooledBody>> SpooledBody::Map(int fd) {
  struct stat st;
  if (fstat(fd, &st) != 0) {
    return Error::Internal(std::string("spooled body: fstat: ") + std::strerror(errno));
  }
  const auto size = static_cast<size_t>(st.st_size);
  if (size == 0) return std::shared_ptr<const SpooledBody>(new SpooledBody(nullptr, 0));
  void* data = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (data == MAP_FAILED) {
    return Error::Internal(std::string("spooled body: mmap: ") + std::strerror(errno));
  }
  // Handlers read it once, front to back (hash, then copy into the blob store).
  madvise(data, size, MADV_SEQUENTIAL);
  return std::shared_ptr<const SpooledBody>(new SpooledBody(data, size));
}

SpooledBody::~SpooledBody() {
  if (data_) munmap(data_, size_);
}

}  // namespace guildhall::web
