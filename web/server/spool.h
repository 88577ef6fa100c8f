// Private to web/server: the spool directory where large upload bodies are
// written while they arrive (ServerOptions::spool_dir). A spool file is
// unlinked the moment it is created, so a finished, failed or crashed request
// leaves nothing behind; ClearSpoolDir removes what a crash between create
// and unlink could leave. Stateless; thread-safe.
#pragma once

#include <boost/beast/http/file_body.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "storage/model/result.h"
#include "web/http/spooled_body.h"

namespace guildhall::web::server_internal {

// Creates `dir` if needed and deletes every file in it. Call before serving.
Result<> ClearSpoolDir(const std::string& dir);

// Opens a fresh, already unlinked file in `dir` for request `request_id` as
// the body `body` is read into. kInternal with the reason on failure.
Result<> OpenSpoolFile(const std::string& dir, uint64_t request_id,
                       boost::beast::http::file_body::value_type& body);

// Maps the body read into `body` (see SpooledBody) and closes its file.
Result<std::shared_ptr<const SpooledBody>> MapSpoolFile(
    boost::beast::http::file_body::value_type& body);

}  // namespace guildhall::web::server_internal
