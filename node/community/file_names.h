// Download-safe file names: what the client called a file, reduced to a name
// that is safe in a Content-Disposition header and on any file system:
// ASCII letters, digits, '.', '-' and '_', no leading dot, at most 100
// characters, with an extension that matches the detected media type (so a
// PNG named "x.html" downloads as "x.html.png"). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace guildhall::community {

std::string SafeFileName(std::string_view client_name, std::string_view media_type);

}  // namespace guildhall::community
