// A map whose values are computed once per key, however many threads ask: the first asker
// computes, the others wait for its value. For probes and DNS queries shared within a run.
#pragma once

#include <cstddef>
#include <future>
#include <map>
#include <mutex>

namespace lyncplan {

template <class Key, class Value> class OnceMap {
public:
  template <class Compute> Value get(const Key& key, const Compute& compute) {
    std::promise<Value> promise;
    std::unique_lock lock(mutex_);
    auto [it, inserted] = values_.try_emplace(key);
    if (!inserted) {
      std::shared_future<Value> pending = it->second;
      lock.unlock();
      return pending.get();
    }
    it->second = promise.get_future().share();
    lock.unlock();
    Value value = compute(); // must not throw: the waiters would never wake
    promise.set_value(value);
    return value;
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return values_.size();
  }

private:
  mutable std::mutex mutex_;
  std::map<Key, std::shared_future<Value>> values_;
};

} // namespace lyncplan
