// Sign-in discovery over live DNS and live servers: every client and vantage runs the discovery
// engine over an observed World; endpoints it reaches without knowing are probed (all at once)
// and added, and discovery runs again until nothing new is reached.
#pragma once

#include <lyncplan/check/check.hpp>
#include <lyncplan/check/prober.hpp>

#include <string>
#include <vector>

namespace lyncplan::check {

struct SignInCheck {
  std::vector<discovery::Outcome> outcomes;
  std::vector<EndpointCheck> endpoints; // every TLS endpoint a client reached, probed
  int rounds = 0;
};

inline constexpr int kMaxDiscoveryRounds = 12;

SignInCheck check_sign_in(const Request& request, const Resolvers& dns, Prober& prober,
                          const std::string& domain, const discovery::AutodiscoverAnswer& answer);

} // namespace lyncplan::check
