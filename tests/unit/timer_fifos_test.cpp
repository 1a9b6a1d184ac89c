// The scan's retry timers over time points a test chooses: no clock, no wait.
#include <lyncplan/scan/timer_fifos.hpp>

#include <gtest/gtest.h>

#include <vector>

namespace lyncplan::scan {
namespace {

using std::chrono::milliseconds;
const TimerFifos::TimePoint t0{};

std::vector<std::uint32_t> due_slots(TimerFifos& timers, TimerFifos::TimePoint now) {
  std::vector<std::uint32_t> out;
  timers.expire(now, [&](const TimerFifos::Timer& t) { out.push_back(t.slot); });
  return out;
}

TEST(TimerFifos, DueTimersLeaveInDeadlineOrderPerTry) {
  TimerFifos timers(3);
  timers.arm(0, t0 + milliseconds(500), 1, 0);
  timers.arm(0, t0 + milliseconds(700), 2, 0);
  timers.arm(1, t0 + milliseconds(600), 3, 1); // a retry waits longer, armed later
  timers.arm(2, t0 + milliseconds(2000), 4, 2);
  EXPECT_EQ(timers.earliest(), t0 + milliseconds(500));
  EXPECT_EQ(due_slots(timers, t0 + milliseconds(499)), std::vector<std::uint32_t>{});
  EXPECT_EQ(due_slots(timers, t0 + milliseconds(650)), (std::vector<std::uint32_t>{1, 3}));
  EXPECT_EQ(timers.earliest(), t0 + milliseconds(700));
  EXPECT_EQ(due_slots(timers, t0 + milliseconds(700)), std::vector<std::uint32_t>{2});
  EXPECT_EQ(due_slots(timers, t0 + milliseconds(5000)), std::vector<std::uint32_t>{4});
  EXPECT_FALSE(timers.earliest().has_value());
}

// A timer that fires and arms the next try: the new one waits for its own deadline.
TEST(TimerFifos, ARetryArmedWhileExpiringWaitsItsTurn) {
  TimerFifos timers(2);
  timers.arm(0, t0 + milliseconds(100), 7, 0);
  std::vector<std::uint32_t> seen;
  const auto now = t0 + milliseconds(100);
  timers.expire(now, [&](const TimerFifos::Timer& t) {
    seen.push_back(t.slot);
    if (t.generation == 0) {
      timers.arm(1, now + milliseconds(200), t.slot, 1);
    }
  });
  EXPECT_EQ(seen, std::vector<std::uint32_t>{7});
  EXPECT_EQ(timers.earliest(), t0 + milliseconds(300));
  EXPECT_EQ(due_slots(timers, t0 + milliseconds(300)), std::vector<std::uint32_t>{7});
}

} // namespace
} // namespace lyncplan::scan
