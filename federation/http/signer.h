// Signer: the identity an outbound request is signed as (an actor's key id
// and private key), and the hook that signs each hop of an HttpRequest with
// draft-cavage headers (federation/signatures SignRequest) so that the
// signature always covers the URL actually requested. Plain value (the key is
// a shared immutable handle); thread-safe to share.
#pragma once

#include <functional>
#include <string>

#include "federation/http/client.h"
#include "federation/signatures/keys.h"
#include "storage/model/clock.h"

namespace guildhall::federation {

struct Signer {
  std::string key_id;  // "<actor id>#main-key"
  PrivateKey key;
};

// Signs `hop` in place: Host, Date, [Content-Type, Digest,] [Accept,]
// Signature, taking Content-Type and Accept from the hop's headers.
Result<> SignHop(HttpRequest& hop, const Signer& signer, TimePoint now);

// An HttpRequest::prepare hook that calls SignHop with clock.Now().
// REQUIRES: `clock` outlives the request.
std::function<Result<>(HttpRequest&)> SigningHook(Signer signer, const Clock& clock);

}  // namespace guildhall::federation
