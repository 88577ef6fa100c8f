#include "federation/dereference/key_fetch_queue.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "federation/log.h"
#include "federation/protocol/url.h"
#include "storage/model/log_field.h"

namespace guildhall::federation {
namespace {

using SteadyClock = std::chrono::steady_clock;
using SteadyTime = SteadyClock::time_point;

// Failed key URLs, least recently failed dropped first.
class FailureCache {
 public:
  FailureCache(size_t max, std::chrono::milliseconds ttl)
      : max_(std::max<size_t>(1, max)), ttl_(ttl) {}

  std::optional<Error> Find(const std::string& key_id, SteadyTime now) {
    auto it = index_.find(key_id);
    if (it == index_.end()) return std::nullopt;
    if (now < it->second->expires) return it->second->error;
    lru_.erase(it->second);
    index_.erase(it);
    return std::nullopt;
  }

  void Add(const std::string& key_id, Error error, SteadyTime now) {
    if (auto it = index_.find(key_id); it != index_.end()) {
      lru_.erase(it->second);
      index_.erase(it);
    }
    lru_.push_front({key_id, std::move(error), now + ttl_});
    index_[key_id] = lru_.begin();
    while (lru_.size() > max_) {
      index_.erase(lru_.back().key_id);
      lru_.pop_back();
    }
  }

  size_t size() const { return lru_.size(); }

 private:
  struct Entry {
    std::string key_id;
    Error error;
    SteadyTime expires;
  };
  const size_t max_;
  const std::chrono::milliseconds ttl_;
  std::list<Entry> lru_;
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

enum class JobState { kQueued, kRunning, kDone, kDropped };

struct Job {
  std::string key_id;
  std::string host;
  JobState state = JobState::kQueued;
  std::vector<uint64_t> waiters;
  CancelRequest cancel;  // once started
};
using JobPtr = std::shared_ptr<Job>;

// What a locked step decided, done after the lock is released: callbacks
// may re-enter the queue, and starting a fetch may complete it at once.
struct Effects {
  std::vector<std::pair<KeyFetchQueue::Done, Result<ActorKey>>> answers;
  std::vector<CancelRequest> cancels;
  std::vector<JobPtr> starts;
};

}  // namespace

struct KeyFetchQueue::Core : std::enable_shared_from_this<Core> {
  struct Waiter {
    JobPtr job;
    Done done;
    SteadyTime deadline;
  };
  struct Host {
    std::deque<JobPtr> queued;
    size_t running = 0;
  };

  Core(KeyFetchOptions o, KeyFetchStart s)
      : options(o), start(std::move(s)), failures(o.max_failures, o.failure_ttl) {}

  const KeyFetchOptions options;
  const KeyFetchStart start;
  mutable std::mutex mu;
  std::condition_variable cv;
  bool stopping = false;                                // GUARDED_BY(mu)
  uint64_t next_waiter = 1;                             // GUARDED_BY(mu)
  std::map<uint64_t, Waiter> waiters;                   // GUARDED_BY(mu)
  std::set<std::pair<SteadyTime, uint64_t>> deadlines;  // GUARDED_BY(mu)
  std::map<std::string, JobPtr> jobs;                   // GUARDED_BY(mu): queued or running
  std::map<std::string, Host> hosts;                    // GUARDED_BY(mu)
  std::deque<std::string> turns;  // GUARDED_BY(mu): hosts with queued jobs, next first
  size_t running = 0;             // GUARDED_BY(mu)
  size_t queued = 0;              // GUARDED_BY(mu)
  FailureCache failures;          // GUARDED_BY(mu)

  // REQUIRES: mu held (all *Locked functions).
  Result<JobPtr> JobForLocked(const std::string& key_id, const std::string& host) {
    if (auto it = jobs.find(key_id); it != jobs.end()) return it->second;
    Host& h = hosts[host];
    if (h.queued.size() >= options.max_queued_per_host || queued >= options.max_queued) {
      if (h.queued.empty() && h.running == 0) hosts.erase(host);
      return Error::Unavailable("too many key fetches queued");
    }
    auto job = std::make_shared<Job>();
    job->key_id = key_id;
    job->host = host;
    jobs[key_id] = job;
    if (h.queued.empty()) turns.push_back(host);
    h.queued.push_back(job);
    ++queued;
    return job;
  }

  // Starts queued fetches while slots are free, each host in turn.
  void PumpLocked(Effects& fx) {
    size_t tries = turns.size();
    while (!stopping && running < options.max_running && tries > 0) {
      const std::string host = std::move(turns.front());
      turns.pop_front();
      Host& h = hosts[host];
      if (h.running >= std::max<size_t>(1, options.per_host)) {
        turns.push_back(host);
        --tries;
        continue;
      }
      JobPtr job = std::move(h.queued.front());
      h.queued.pop_front();
      --queued;
      ++h.running;
      ++running;
      job->state = JobState::kRunning;
      fx.starts.push_back(std::move(job));
      if (!h.queued.empty()) turns.push_back(host);
      tries = turns.size();
    }
  }

  // Ends `job` for good: out of the queue or its slot freed.
  void RemoveJobLocked(const JobPtr& job, JobState end, Effects& fx) {
    jobs.erase(job->key_id);
    Host& h = hosts[job->host];
    if (job->state == JobState::kQueued) {
      std::erase(h.queued, job);
      --queued;
      if (h.queued.empty()) std::erase(turns, job->host);
    } else if (job->state == JobState::kRunning) {
      --h.running;
      --running;
      if (end == JobState::kDropped && job->cancel) fx.cancels.push_back(job->cancel);
    }
    // The cancel function owns the fetch, whose callback owns the job:
    // released here, or the pair would keep each other alive (a leak).
    job->cancel = nullptr;
    job->state = end;
    if (h.queued.empty() && h.running == 0) hosts.erase(job->host);
  }

  void RemoveWaiterLocked(uint64_t id, Effects& fx) {
    auto it = waiters.find(id);
    if (it == waiters.end()) return;
    JobPtr job = it->second.job;
    deadlines.erase({it->second.deadline, id});
    waiters.erase(it);
    std::erase(job->waiters, id);
    // Nobody waits for this key any more: stop fetching it.
    if (job->waiters.empty()) RemoveJobLocked(job, JobState::kDropped, fx);
  }

  void Run(Effects& fx) {
    for (auto& cancel : fx.cancels) cancel();
    for (auto& [done, result] : fx.answers) done(std::move(result));
    for (JobPtr& job : fx.starts) Start(job);
  }

  void Start(const JobPtr& job) {
    std::weak_ptr<Core> weak = weak_from_this();
    CancelRequest cancel = start(job->key_id, [weak, job](Result<ActorKey> result) {
      if (auto core = weak.lock()) core->Complete(job, std::move(result));
    });
    bool dropped = false;
    {
      std::lock_guard lock(mu);
      if (job->state == JobState::kRunning) job->cancel = cancel;  // else it has ended
      dropped = job->state == JobState::kDropped;                  // withdrawn while starting
    }
    if (dropped && cancel) cancel();
  }

  void Complete(const JobPtr& job, Result<ActorKey> result) {
    Effects fx;
    {
      std::lock_guard lock(mu);
      if (job->state != JobState::kRunning) return;  // dropped: nobody listens
      RemoveJobLocked(job, JobState::kDone, fx);
      if (!result) {
        failures.Add(job->key_id, result.error(), SteadyClock::now());
        Log().info("event=key_fetch_failed key_id={} host={} error={}", LogField(job->key_id),
                   LogField(job->host), LogField(result.error().message));
      }
      for (uint64_t id : job->waiters) {
        auto it = waiters.find(id);
        if (it == waiters.end()) continue;
        fx.answers.emplace_back(std::move(it->second.done), result);
        deadlines.erase({it->second.deadline, id});
        waiters.erase(it);
      }
      PumpLocked(fx);
    }
    Run(fx);
  }

  void ExpireLocked(SteadyTime now, Effects& fx) {
    while (!deadlines.empty() && deadlines.begin()->first <= now) {
      const uint64_t id = deadlines.begin()->second;
      auto it = waiters.find(id);
      Log().info("event=key_fetch_gave_up key_id={} waited_ms={}", LogField(it->second.job->key_id),
                 options.max_wait.count());
      fx.answers.emplace_back(std::move(it->second.done),
                              Error::Unavailable("the signer's key could not be fetched in time"));
      RemoveWaiterLocked(id, fx);
    }
    PumpLocked(fx);
  }

  void TimerLoop() {
    std::unique_lock lock(mu);
    while (!stopping) {
      if (deadlines.empty()) {
        cv.wait(lock);
      } else {
        // A copy: wait_until reads its deadline again after waking, when
        // another thread may have erased that entry (heap-use-after-free).
        const SteadyTime next = deadlines.begin()->first;
        cv.wait_until(lock, next);
      }
      Effects fx;
      ExpireLocked(SteadyClock::now(), fx);
      lock.unlock();
      Run(fx);
      lock.lock();
    }
  }
};

KeyFetchQueue::KeyFetchQueue(KeyFetchOptions options, KeyFetchStart start)
    : core_(std::make_shared<Core>(options, std::move(start))) {
  timer_ = std::thread([core = core_.get()] { core->TimerLoop(); });
}

KeyFetchQueue::~KeyFetchQueue() {
  Effects fx;
  {
    std::lock_guard lock(core_->mu);
    core_->stopping = true;
    for (auto& [id, waiter] : core_->waiters) {
      fx.answers.emplace_back(std::move(waiter.done), Error::Unavailable("shutting down"));
    }
    for (auto& [key_id, job] : core_->jobs) {
      if (job->state == JobState::kRunning && job->cancel) fx.cancels.push_back(job->cancel);
      job->cancel = nullptr;
      job->state = JobState::kDropped;
    }
    core_->waiters.clear();
    core_->deadlines.clear();
    core_->jobs.clear();
  }
  core_->cv.notify_all();
  timer_.join();
  core_->Run(fx);
}

uint64_t KeyFetchQueue::Fetch(std::string_view key_id_view, Done done) {
  const std::string key_id(key_id_view);
  auto origin = OriginOf(key_id);
  if (!origin) {
    done(Error::Unauthorized("signature: keyId is not an http(s) URL"));
    return 0;
  }
  const SteadyTime now = SteadyClock::now();
  Core& c = *core_;
  Effects fx;
  uint64_t id = 0;
  {
    std::lock_guard lock(c.mu);
    std::optional<Error> refusal;
    if (c.stopping) refusal = Error::Unavailable("shutting down");
    if (!refusal) {
      if (auto failed = c.failures.Find(key_id, now)) {
        refusal = Error{failed->code, "recently failed: " + failed->message};
      }
    }
    if (!refusal && c.waiters.size() >= c.options.max_waiters) {
      refusal = Error::Unavailable("too many requests wait for keys");
    }
    Result<JobPtr> job =
        refusal ? Result<JobPtr>(*refusal) : c.JobForLocked(key_id, origin->Authority());
    if (!job) {
      fx.answers.emplace_back(std::move(done), job.error());
    } else {
      id = c.next_waiter++;
      const SteadyTime deadline = now + c.options.max_wait;
      c.waiters[id] = Core::Waiter{*job, std::move(done), deadline};
      c.deadlines.insert({deadline, id});
      (*job)->waiters.push_back(id);
      c.PumpLocked(fx);
    }
  }
  c.cv.notify_all();  // a new earliest deadline, maybe
  c.Run(fx);
  return id;
}

void KeyFetchQueue::Withdraw(uint64_t request) {
  Effects fx;
  {
    std::lock_guard lock(core_->mu);
    core_->RemoveWaiterLocked(request, fx);
    core_->PumpLocked(fx);
  }
  core_->Run(fx);
}

KeyFetchStats KeyFetchQueue::stats() const {
  std::lock_guard lock(core_->mu);
  return {core_->running, core_->queued, core_->waiters.size(), core_->failures.size()};
}

const KeyFetchOptions& KeyFetchQueue::options() const { return core_->options; }

}  // namespace guildhall::federation
