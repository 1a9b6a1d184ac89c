// The discovery options simulate and check share: strict naming, TrustModelData, TCP policy,
// Lync 2010 Autodiscover, SRV failover and sipe's transport, as flags and as Options.
#pragma once

#include <lyncplan/discovery/discover.hpp>

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace lyncplan::cli {

struct DiscoveryFlags {
  std::string client = "all";
  std::string strict;
  std::vector<std::string> trust;
  bool tcp_allowed = false;
  bool lync2010_autodiscover = false;
  bool no_srv_failover = false;
  std::string sipe_transport = "auto";
};

void add_discovery_flags(CLI::App& sub, DiscoveryFlags& flags);
discovery::Options discovery_options(const DiscoveryFlags& flags);
// The clients --client names (empty: all).
std::vector<const discovery::ClientProfile*> chosen_clients(const DiscoveryFlags& flags);

} // namespace lyncplan::cli
