// What the federation policy commands (`admin peer`, `admin mode`, `admin
// group share|scope`) share: a PolicyAdmin opened beside a possibly running
// server (the policy lives only in the store, so the server sees a change on
// its next request, and its delivery workers pick up the Rejects queued here
// on their next poll), running one change or its dry run, and printing the
// impact. Results to stdout, errors to stderr. Single-threaded.
#pragma once

#include <string_view>

#include "federation/policy/policy_admin.h"
#include "node/app/cli.h"

namespace guildhall::app {

// Prints "changed: BEFORE -> AFTER" (or "dry run: ..." / "no change: ...")
// and the impact's figures per group and in total.
void PrintImpact(const federation::Impact& impact, bool dry_run);

// Opens the store, finds the acting admin (--as, else the oldest admin),
// previews or applies `change`, prints the impact. Returns the exit code.
int RunPolicyChange(CliContext& ctx, const federation::PolicyChange& change, bool dry_run,
                    std::string_view as, std::string_view what);

// The same opening for read-only commands: calls `fn(policy, admin id)`.
int WithPolicyAdmin(CliContext& ctx, std::string_view as, std::string_view what,
                    const std::function<int(federation::PolicyAdmin&, Id)>& fn);

}  // namespace guildhall::app
