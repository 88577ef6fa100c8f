#include "web/http/security_headers.h"

#include <string>

namespace guildhall::web {

void AddSecurityHeaders(Response& res) {
  res.headers.Set("Content-Security-Policy", std::string(kContentSecurityPolicy));
  res.headers.Set("X-Content-Type-Options", "nosniff");
  res.headers.Set("Referrer-Policy", "same-origin");
  res.headers.Set("X-Frame-Options", "DENY");
}

}  // namespace guildhall::web
