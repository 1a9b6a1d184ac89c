// A Resolver over live DNS servers with c-ares: every query bounded by a timeout and a number of
// tries, so no query can hang.
#pragma once

#include <lyncplan/resolve/resolver.hpp>
#include <lyncplan/util/expected.hpp>

#include <memory>
#include <string>
#include <vector>

namespace lyncplan::resolve {

struct LiveOptions {
  std::vector<std::string> servers; // "IP", "IP:PORT" or "[IPv6]:PORT"; empty: /etc/resolv.conf
  int timeout_ms = 2000;            // per try
  int tries = 2;
};

class LiveResolver : public Resolver {
public:
  static Expected<std::unique_ptr<LiveResolver>, std::string> create(const LiveOptions& options);
  ~LiveResolver() override;
  LiveResolver(const LiveResolver&) = delete;
  LiveResolver& operator=(const LiveResolver&) = delete;

  // Blocks until the answer, or until timeout x tries has passed (then Status::timeout).
  Answer query(std::string_view name, plan::RrType type) const override;

private:
  explicit LiveResolver(LiveOptions options);
  struct Channel;
  std::unique_ptr<Channel> channel_;
  LiveOptions options_;
};

} // namespace lyncplan::resolve
