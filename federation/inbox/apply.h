// The InboxProcessor's handler: reads a persisted row back into the typed
// activity (parse, classify, Verify again: the row may predate a rule) and
// applies it. Returns how it ended; never throws. Thread-safe as the
// ApplyContext is.
#pragma once

#include "federation/activities/context.h"
#include "federation/inbox/processor.h"
#include "federation/protocol/as2_reader.h"

namespace guildhall::federation {

Outcome ApplyInbound(ApplyContext& ctx, const storage::InboxActivity& row, Deadline deadline,
                     const as::ReadLimits& limits = {});

}  // namespace guildhall::federation
