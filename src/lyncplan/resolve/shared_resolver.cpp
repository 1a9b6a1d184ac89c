// A pooled, remembering live Resolver for concurrent discovery and probes.
#include <lyncplan/resolve/shared_resolver.hpp>
#include <lyncplan/util/strings.hpp>

namespace lyncplan::resolve {

Expected<std::unique_ptr<SharedLiveResolver>, std::string>
SharedLiveResolver::create(const LiveOptions& options) {
  auto first = LiveResolver::create(options); // reports bad server lists once, up front
  if (!first) {
    return unexpected(first.error());
  }
  std::unique_ptr<SharedLiveResolver> shared(new SharedLiveResolver(options));
  shared->idle_.push_back(std::move(*first));
  return shared;
}

std::unique_ptr<LiveResolver> SharedLiveResolver::take() const {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto r = std::move(idle_.back());
      idle_.pop_back();
      return r;
    }
  }
  auto created = LiveResolver::create(options_);
  return created ? std::move(*created) : nullptr;
}

Answer SharedLiveResolver::query(std::string_view query_name, plan::RrType type) const {
  const std::string name = to_lower(query_name);
  return answers_.get({name, type}, [&] {
    std::unique_ptr<LiveResolver> resolver = take();
    Answer answer;
    answer.status = Status::servfail;
    if (resolver) {
      answer = resolver->query(name, type);
    }
    std::lock_guard lock(mutex_);
    if (resolver) {
      answered_ += answer.server_answered ? 1 : 0;
      idle_.push_back(std::move(resolver));
    }
    return answer;
  });
}

std::size_t SharedLiveResolver::asked() const {
  return answers_.size();
}

std::size_t SharedLiveResolver::answered() const {
  std::lock_guard lock(mutex_);
  return answered_;
}

} // namespace lyncplan::resolve
