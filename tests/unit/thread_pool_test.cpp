// The shared thread pool: every job once, nested loops without deadlock, never more threads
// running jobs than the pool was given, and real concurrency up to the width asked for.
#include <lyncplan/util/thread_pool.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace lyncplan::testing {
namespace {

TEST(ThreadPool, NestedLoopsRunEveryJobOnceWithinTheBound) {
  util::ThreadPool pool(6);
  std::vector<std::atomic<int>> ran(8 * 5 * 4);
  // The shape of check: 8 domains, 5 clients each, 4 endpoints each, each level as wide as it is.
  pool.parallel_for(8, 8, [&](std::size_t d) {
    pool.parallel_for(5, 5, [&](std::size_t c) {
      pool.parallel_for(4, 4, [&](std::size_t e) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        ++ran[(d * 5 + c) * 4 + e];
      });
    });
  });
  for (const auto& r : ran) {
    EXPECT_EQ(r.load(), 1);
  }
  EXPECT_LE(pool.peak_running(), 6u);
  EXPECT_GE(pool.peak_running(), 2u) << "the workers took part";
}

TEST(ThreadPool, BlockingJobsRunAtOnceUpToTheWidth) {
  util::ThreadPool pool(32);
  std::atomic<int> inside{0}, most{0};
  pool.parallel_for(40, 10, [&](std::size_t) {
    const int now = ++inside;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    --inside;
  });
  EXPECT_LE(most.load(), 10);
  EXPECT_GE(most.load(), 5) << "jobs that wait must overlap";
}

TEST(ThreadPool, APoolOfOneIsTheCallerAlone) {
  util::ThreadPool pool(1);
  int sum = 0; // no lock: only the caller runs jobs
  pool.parallel_for(100, 8, [&](std::size_t i) { sum += static_cast<int>(i); });
  EXPECT_EQ(sum, 4950);
  EXPECT_EQ(pool.peak_running(), 1u);
  pool.parallel_for(0, 8, [&](std::size_t) { sum = -1; });
  EXPECT_EQ(sum, 4950);
}

} // namespace
} // namespace lyncplan::testing
