// Runs independent jobs on a few threads at once: each index in [0, count) once, on at most
// `threads` threads, returning when all are done. Jobs must not throw.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace lyncplan {

template <class Job> void parallel_for(std::size_t count, std::size_t threads, const Job& job) {
  if (count == 0) {
    return;
  }
  threads = std::clamp<std::size_t>(threads, 1, count);
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      job(i);
    }
  };
  std::vector<std::jthread> pool;
  pool.reserve(threads - 1);
  for (std::size_t t = 1; t < threads; ++t) {
    pool.emplace_back(worker);
  }
  worker();
}

} // namespace lyncplan
