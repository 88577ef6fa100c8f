// Time zone validation: an event's time zone must be an IANA name that names
// a TZif file under the zoneinfo directory (/usr/share/zoneinfo). The name is
// checked character by character before it touches the file system, and the
// resolved file must stay inside that directory, so "../../etc/passwd" and
// friends are refused without ever being opened. Pure; thread-safe.
#pragma once

#include <filesystem>
#include <string_view>

#include "storage/model/result.h"

namespace guildhall::community {

// Ok() or kInvalid "time_zone: ...".
Result<> ValidateTimeZone(std::string_view name, const std::filesystem::path& zoneinfo_dir);

}  // namespace guildhall::community
