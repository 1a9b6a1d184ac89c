// A live Resolver many threads use at once: c-ares channels taken from a pool (one channel serves
// one thread at a time), and every name and type asked once per run, later askers waiting for
// the first answer.
#pragma once

#include <lyncplan/resolve/live_resolver.hpp>
#include <lyncplan/util/once_map.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace lyncplan::resolve {

class SharedLiveResolver : public Resolver {
public:
  static Expected<std::unique_ptr<SharedLiveResolver>, std::string>
  create(const LiveOptions& options);

  Answer query(std::string_view name, plan::RrType type) const override;

  // Distinct queries sent, and how many of them a server answered (anything but a timeout).
  std::size_t asked() const;
  std::size_t answered() const;

private:
  explicit SharedLiveResolver(LiveOptions options) : options_(std::move(options)) {}
  std::unique_ptr<LiveResolver> take() const;

  LiveOptions options_;
  mutable std::mutex mutex_;
  mutable std::vector<std::unique_ptr<LiveResolver>> idle_;
  mutable OnceMap<std::pair<std::string, plan::RrType>, Answer> answers_;
  mutable std::size_t answered_ = 0;
};

} // namespace lyncplan::resolve
