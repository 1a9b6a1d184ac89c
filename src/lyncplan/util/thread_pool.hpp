// A fixed set of threads shared by every level of a job: parallel_for may be called from inside
// a job (check runs domains, each its clients, each its endpoints) and never starts a thread.
// The caller works on its own batch too, so a nested call always makes progress even when every
// worker is busy: the total number of threads stays the workers plus the callers.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace lyncplan::util {

class ThreadPool {
public:
  // `threads` counts the caller: a pool of 32 starts 31 workers.
  explicit ThreadPool(std::size_t threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // job(i) for each i in [0, count) exactly once, at most `width` at once (the caller included);
  // returns when all are done. Jobs must not throw.
  void parallel_for(std::size_t count, std::size_t width, std::function<void(std::size_t)> job);

  // The most threads that ever ran jobs of this pool at the same moment, callers included.
  std::size_t peak_running() const { return peak_.load(); }

private:
  struct Batch {
    std::function<void(std::size_t)> job;
    std::size_t count = 0;
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::mutex mutex;
    std::condition_variable finished;
  };

  void work(Batch& batch);
  void worker_loop();

  std::vector<std::jthread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Batch>> queue_; // one entry per helper a batch asked for
  bool stopping_ = false;
  std::atomic<std::size_t> running_{0};
  std::atomic<std::size_t> peak_{0};
};

} // namespace lyncplan::util
