#include "web/auth/throttled.h"

namespace guildhall::web {

std::chrono::seconds ThrottledFor(const Error& error, const community::LoginThrottle& throttle,
                                  std::string_view account, std::string_view address) {
  if (error.code != Code::kUnavailable) return std::chrono::seconds(0);
  return throttle.RetryAfter(account, address);
}

std::string ThrottledSentence(std::chrono::seconds wait) {
  const int64_t s = wait.count();
  const std::string when =
      s < 60 ? std::to_string(s) + (s == 1 ? " second" : " seconds")
             : std::to_string((s + 59) / 60) + ((s + 59) / 60 == 1 ? " minute" : " minutes");
  return "Too many failed password attempts. Try again in " + when + ".";
}

void SetRetryAfter(Response& res, std::chrono::seconds wait) {
  res.headers.Set("Retry-After", std::to_string(wait.count()));
}

}  // namespace guildhall::web
