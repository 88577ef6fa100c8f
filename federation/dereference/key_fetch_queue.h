// KeyFetchQueue: where requests wait for a signer's key that must come from
// the network (issue 10 item 2: eight signed POSTs whose keyId pointed at a
// server that never answers held both blocking fetch threads, and every new
// sender with them, for minutes). Waiting holds no thread: fetches run
// asynchronously (KeyFetchStart, ActorCache::FetchKeyAsync in the node), at
// most `per_host` at once per host and `max_running` in all. Hosts take
// turns (round-robin) when slots free up, so one host's backlog cannot starve
// another's. Requests for one key URL share one fetch. A request waits at
// most `max_wait` (then kUnavailable: the sender retries); a fetch no request
// waits for any more is cancelled, its connection closed. A key URL whose
// fetch failed is answered with that failure for `failure_ttl` (bounded
// LRU), so a tarpit costs one connection per key URL per TTL.
// Thread-safe. `done` callbacks run without the queue's lock, on the calling
// thread (cached failure, full queue), the fetch's completion thread, or the
// queue's timer thread (max_wait); they must be quick.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "federation/dereference/actor_cache.h"
#include "federation/http/client.h"

namespace guildhall::federation {

struct KeyFetchOptions {
  size_t per_host = 2;      // fetches in flight to one host
  size_t max_running = 64;  // fetches in flight in all (asynchronous: cheap)
  size_t max_queued_per_host = 32;
  size_t max_queued = 1024;   // distinct key URLs waiting for a slot
  size_t max_waiters = 4096;  // requests waiting for a key
  // One request of a fetch (resolve, connect, TLS and the whole answer).
  std::chrono::milliseconds timeout{std::chrono::seconds(5)};
  // How long a request waits for its key, queueing included.
  std::chrono::milliseconds max_wait{std::chrono::seconds(10)};
  std::chrono::milliseconds failure_ttl{std::chrono::seconds(60)};
  size_t max_failures = 4096;  // failed key URLs remembered
};

// Starts the fetch of `key_id`; `done` runs exactly once (any thread, maybe
// before the call returns). Returns what cancels it.
using KeyFetchStart = std::function<CancelRequest(const std::string& key_id,
                                                  std::function<void(Result<ActorKey>)> done)>;

struct KeyFetchStats {
  size_t running = 0;
  size_t queued = 0;
  size_t waiting = 0;   // requests
  size_t failures = 0;  // failed key URLs remembered
};

class KeyFetchQueue {
 public:
  using Done = std::function<void(Result<ActorKey>)>;

  KeyFetchQueue(KeyFetchOptions options, KeyFetchStart start);
  // Answers every waiting request kUnavailable and cancels running fetches.
  ~KeyFetchQueue();
  KeyFetchQueue(const KeyFetchQueue&) = delete;
  KeyFetchQueue& operator=(const KeyFetchQueue&) = delete;

  // Waits for the key `key_id` (an absolute URL). `done` runs exactly once
  // unless Withdraw comes first: with the fetched key, the fetch's error, a
  // remembered failure, or kUnavailable (queue full, max_wait passed).
  // Returns the request's id for Withdraw (0 when answered at once).
  uint64_t Fetch(std::string_view key_id, Done done);

  // The request no longer waits (its client left): its `done` will not run;
  // when no other request waits for that key, its fetch is cancelled.
  void Withdraw(uint64_t request);

  KeyFetchStats stats() const;
  const KeyFetchOptions& options() const;

 private:
  struct Core;
  std::shared_ptr<Core> core_;
  std::thread timer_;  // answers requests whose max_wait has passed
};

}  // namespace guildhall::federation
