#include "federation/http/signer.h"

#include "federation/signatures/verify.h"

namespace guildhall::federation {

Result<> SignHop(HttpRequest& hop, const Signer& signer, TimePoint now) {
  const std::string content_type(FindHeader(hop.headers, "Content-Type"));
  const std::string accept(FindHeader(hop.headers, "Accept"));
  OutgoingRequest outgoing{
      .method = hop.method, .url = hop.url, .body = hop.body, .accept = accept};
  if (!content_type.empty()) outgoing.content_type = content_type;
  auto headers = GH_TRY(SignRequest(outgoing, signer.key, signer.key_id, now));
  for (auto& [name, value] : headers) SetHeader(hop.headers, std::move(name), std::move(value));
  return Ok();
}

std::function<Result<>(HttpRequest&)> SigningHook(Signer signer, const Clock& clock) {
  return [signer = std::move(signer), &clock](HttpRequest& hop) {
    return SignHop(hop, signer, clock.Now());
  };
}

}  // namespace guildhall::federation
