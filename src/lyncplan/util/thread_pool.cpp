// A fixed set of threads shared by nested parallel loops; the caller works on its own batch.
#include <lyncplan/util/thread_pool.hpp>

namespace lyncplan::util {

ThreadPool::ThreadPool(std::size_t threads) {
  const std::size_t workers = threads > 1 ? threads - 1 : 0;
  workers_.reserve(workers);
  for (std::size_t i = 0; i < workers; ++i) {
    workers_.emplace_back([this] { worker_loop(); });
  }
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  workers_.clear(); // joins
}

void ThreadPool::work(Batch& batch) {
  // A thread inside a job that runs a nested loop is still one thread: count it once.
  thread_local std::size_t depth = 0;
  for (std::size_t i = batch.next++; i < batch.count; i = batch.next++) {
    if (depth++ == 0) {
      const std::size_t now = ++running_;
      std::size_t peak = peak_.load();
      while (now > peak && !peak_.compare_exchange_weak(peak, now)) {
      }
    }
    batch.job(i);
    if (--depth == 0) {
      --running_;
    }
    if (++batch.done == batch.count) {
      std::lock_guard lock(batch.mutex);
      batch.finished.notify_all();
    }
  }
}

void ThreadPool::worker_loop() {
  while (true) {
    std::shared_ptr<Batch> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) {
        return; // stopping, nothing left
      }
      batch = std::move(queue_.front());
      queue_.pop_front();
    }
    work(*batch);
  }
}

void ThreadPool::parallel_for(std::size_t count, std::size_t width,
                              std::function<void(std::size_t)> job) {
  if (count == 0) {
    return;
  }
  auto batch = std::make_shared<Batch>();
  batch->job = std::move(job);
  batch->count = count;
  const std::size_t helpers =
      std::min({count, std::max<std::size_t>(width, 1), workers_.size() + 1}) - 1;
  if (helpers > 0) {
    {
      std::lock_guard lock(mutex_);
      queue_.insert(queue_.end(), helpers, batch);
    }
    if (helpers == 1) {
      wake_.notify_one();
    } else {
      wake_.notify_all();
    }
  }
  work(*batch);
  std::unique_lock lock(batch->mutex);
  batch->finished.wait(lock, [&] { return batch->done.load() == batch->count; });
}

} // namespace lyncplan::util
