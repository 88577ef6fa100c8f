// Forgetting an event consumer's position (event_log.h keeps it): the feed
// then asks that consumer to Rebuild at its next step, even in a running
// node. For `guildhall reindex` while the node serves. Runs inside the
// caller's transaction; thread-compatible.
#pragma once

#include <string_view>

#include "storage/model/kv.h"

namespace guildhall::community {

Result<> ForgetConsumerPosition(storage::WriteTxn& tx, std::string_view consumer);

}  // namespace guildhall::community
