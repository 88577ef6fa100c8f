#include "node/app/signals.h"

#include <pthread.h>
#include <signal.h>

namespace guildhall::app {
namespace {

sigset_t HandledSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

}  // namespace

void BlockTerminationSignals() {
  sigset_t set = HandledSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

SignalThread::SignalThread(std::function<void(int)> on_stop, std::function<void()> on_reload)
    : on_stop_(std::move(on_stop)), on_reload_(std::move(on_reload)), thread_([this] { Loop(); }) {}

SignalThread::~SignalThread() {
  done_ = true;
  // The signal is blocked everywhere, so it stays pending for this thread's
  // sigwait and wakes it; Loop then sees done_.
  pthread_kill(thread_.native_handle(), SIGTERM);
  thread_.join();
}

void SignalThread::Loop() {
  sigset_t set = HandledSignals();
  while (true) {
    int signal = 0;
    if (sigwait(&set, &signal) != 0) continue;
    if (done_) return;
    if (signal == SIGHUP) {
      on_reload_();
    } else {
      on_stop_(signal);
    }
  }
}

}  // namespace guildhall::app
