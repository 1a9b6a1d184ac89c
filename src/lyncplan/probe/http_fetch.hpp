// One HTTP GET with libcurl for the live probes: bounded in time and size, no automatic
// redirects (the caller judges each one), names pinned to addresses when asked.
#pragma once

#include <lyncplan/probe/autodiscover.hpp>

#include <string>
#include <vector>

namespace lyncplan::probe {

struct HttpOptions {
  int timeout_ms = 5000;            // the whole request
  std::string ca_file;              // trust anchors; empty: the system store
  std::vector<std::string> resolve; // curl --resolve entries: "host:port:address"
  // curl --connect-to entries: "host:port:address:port" (a name and port dialled elsewhere,
  // with SNI and Host unchanged)
  std::vector<std::string> connect_to;
  std::size_t max_body = 1024 * 1024; // a larger answer is cut off and reported
  std::string accept = kAutodiscoverAccept;
};

HttpResponse http_get(const std::string& url, const HttpOptions& options);

} // namespace lyncplan::probe
