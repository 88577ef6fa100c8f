#include "federation/delivery/attempt.h"

#include "storage/model/records/delivery.h"

namespace guildhall::federation {
namespace {

AttemptResult Final(AttemptVerdict verdict, std::string error) {
  AttemptResult r;
  r.verdict = verdict;
  r.error = std::move(error);
  return r;
}

Result<std::optional<storage::DeliveryBody>> ReadBody(storage::Store& store,
                                                      const std::string& activity_id) {
  std::optional<storage::DeliveryBody> body;
  GH_CHECK(store.Read([&](storage::ReadTxn& txn) -> Result<> {
    body = GH_TRY(storage::Table<storage::DeliveryBodyCodec>::Get(
        txn, storage::DeliveryBodyCodec::KeyOf(activity_id)));
    return Ok();
  }));
  return body;
}

}  // namespace

AttemptResult Attempt(storage::Store& store, HttpClient& client, const Clock& clock,
                      const DeliveryCallbacks& callbacks, const storage::Delivery& delivery) {
  if (callbacks.still_allowed && !callbacks.still_allowed(delivery)) {
    return Final(AttemptVerdict::kDropped, "policy: recipient no longer allowed");
  }
  auto body = ReadBody(store, delivery.activity_id);
  if (!body) return Final(AttemptVerdict::kRetry, "reading body: " + body.error().message);
  if (!*body) return Final(AttemptVerdict::kFailed, "activity body missing");
  auto signer = callbacks.signer((*body)->actor_id);
  if (!signer) {
    const bool gone = signer.error().code == Code::kNotFound;
    return Final(gone ? AttemptVerdict::kFailed : AttemptVerdict::kRetry,
                 "no signer for " + (*body)->actor_id + ": " + signer.error().message);
  }
  HttpRequest request;
  request.method = "POST";
  request.url = delivery.inbox;
  request.headers = {{"Content-Type", "application/activity+json"}};
  request.body = std::move((*body)->json);
  request.prepare = SigningHook(std::move(*signer), clock);
  return Classify(client.Send(request));
}

}  // namespace guildhall::federation
