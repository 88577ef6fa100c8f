#include "web/html/assets.h"

#include <algorithm>

namespace guildhall::web::html {

const EmbeddedFile* FindEmbedded(std::string_view path) {
  auto files = EmbeddedFiles();
  auto it = std::lower_bound(files.begin(), files.end(), path,
                             [](const EmbeddedFile& f, std::string_view p) { return f.path < p; });
  return it != files.end() && it->path == path ? &*it : nullptr;
}

}  // namespace guildhall::web::html
