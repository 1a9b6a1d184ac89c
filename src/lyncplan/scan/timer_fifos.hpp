// The scan's retry timers: one FIFO per try number. Every try of one number has the same timeout,
// so each FIFO is in deadline order and the next deadline is at a front. Time points are values
// given by the caller, so the timers are tested without a clock or a wait.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace lyncplan::scan {

class TimerFifos {
public:
  using TimePoint = std::chrono::steady_clock::time_point;

  struct Timer {
    TimePoint deadline;
    std::uint32_t slot;
    std::uint32_t generation; // the slot's generation when armed: a later one makes it stale
  };

  explicit TimerFifos(std::size_t tries = 1) : fifos_(tries) {}

  // Arms a timer for try number `try_number` (0-based); its deadline is no earlier than any
  // other of the same try number, as every try of one number waits as long.
  void arm(std::size_t try_number, TimePoint deadline, std::uint32_t slot,
           std::uint32_t generation) {
    fifos_[try_number].push_back({deadline, slot, generation});
  }

  // Takes every timer due at `now` out, first try number first, and hands each to `on_due`
  // (which may arm timers of later try numbers).
  template <class OnDue> void expire(TimePoint now, OnDue on_due) {
    for (auto& fifo : fifos_) {
      while (!fifo.empty() && fifo.front().deadline <= now) {
        const Timer due = fifo.front();
        fifo.pop_front();
        on_due(due);
      }
    }
  }

  // The earliest deadline armed, if any.
  std::optional<TimePoint> earliest() const {
    std::optional<TimePoint> out;
    for (const auto& fifo : fifos_) {
      if (!fifo.empty() && (!out || fifo.front().deadline < *out)) {
        out = fifo.front().deadline;
      }
    }
    return out;
  }

private:
  std::vector<std::deque<Timer>> fifos_;
};

} // namespace lyncplan::scan
