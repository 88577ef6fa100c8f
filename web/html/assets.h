// Files embedded into the binary at build time (web/html/assets.cmake): the
// page templates (html/templates/*.mustache) and the static files
// (static/*), keyed by their path under web/. Immutable; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace guildhall::web::html {

struct EmbeddedFile {
  std::string_view path;  // "html/templates/layout.mustache", "static/guildhall.css"
  std::string_view content;
};

// Every embedded file, sorted by path (generated: embedded_assets.cc).
std::span<const EmbeddedFile> EmbeddedFiles();

// The file at `path`, or null.
const EmbeddedFile* FindEmbedded(std::string_view path);

}  // namespace guildhall::web::html
