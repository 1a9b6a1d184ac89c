// Synthetic IIS W3C logs of a Director and a Front End external site, with faults planted for
// known clients, for the logs tests and the benchmark.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lyncplan::testing {

struct PlantedFault {
  std::string code;       // the finding lyncplan logs must report
  std::string user_agent; // the client it concerns
};

struct GeneratedLogs {
  std::vector<std::string> files;
  std::vector<PlantedFault> faults;
  std::uint64_t lines = 0;
  std::uint64_t malformed = 0;
  std::uint64_t bytes = 0;
};

// Writes about `target_bytes` of logs into `dir`: director-W3SVC34578.log (the Director,
// 10.1.1.22) and frontend-W3SVC34578.log (the Front End, 10.1.1.21), all from the reverse proxy
// 172.16.5.13. Normal clients sign in Director-then-Front End; five clients carry one fault each.
GeneratedLogs generate_logs(const std::string& dir, std::uint64_t target_bytes);

} // namespace lyncplan::testing
