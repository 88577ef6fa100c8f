// The edge's side of the sign-in throttle (node/community/login_throttle.h):
// whether a failed password check was refused by the throttle, and the
// words and header of the 429 answer. Pages and the API use the same
// sentence, so known and unknown usernames get the same answer. Pure;
// thread-safe (LoginThrottle is).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "node/community/login_throttle.h"
#include "storage/model/result.h"
#include "web/http/message.h"

namespace guildhall::web {

// The wait before `account` may try again from `address` when `error` is a
// refusal by the throttle (kUnavailable while a lock holds); zero for any
// other error.
std::chrono::seconds ThrottledFor(const Error& error, const community::LoginThrottle& throttle,
                                  std::string_view account, std::string_view address);

// "Too many failed password attempts. Try again in 2 minutes."
std::string ThrottledSentence(std::chrono::seconds wait);

// Sets Retry-After (RFC 9110 §10.2.3) in whole seconds.
void SetRetryAfter(Response& res, std::chrono::seconds wait);

}  // namespace guildhall::web
