// Runs every requested discovery case (domain x client x vantage) over one DNS world.
#pragma once

#include <lyncplan/discovery/discover.hpp>
#include <lyncplan/plan/plan.hpp>
#include <lyncplan/resolve/resolver.hpp>
#include <lyncplan/topology/model.hpp>

#include <set>
#include <string>
#include <vector>

namespace lyncplan::simulate {

// The DNS both vantages see: the internal view (with the zones it hosts) and the external one.
struct DnsWorld {
  std::vector<resolve::Rr> internal;
  std::set<std::string> internal_zones;
  std::vector<resolve::Rr> external;
};

// The plan's own records as a DNS world.
DnsWorld plan_world(const plan::Plan& plan);

struct Request {
  std::vector<std::string> domains; // empty: every SIP domain (and up to 20 tenants)
  std::vector<const discovery::ClientProfile*> clients; // empty: all
  std::vector<discovery::Vantage> vantages;             // empty: both
  discovery::Options options;
};

// The domains a default run covers: every SIP domain, then hosted tenants up to `tenant_limit`.
std::vector<std::string> default_domains(const topology::Topology& topology,
                                         std::size_t tenant_limit = 20);

// Whether the topology's product supports `client` signing in (and, for mobile clients, whether
// the topology has mobility at all).
bool serves(const topology::Topology& topology, const discovery::ClientProfile& client);

std::vector<discovery::Outcome> run(const topology::Topology& topology, const plan::Plan& plan,
                                    const DnsWorld& dns, const Request& request);

// The same over any resolvers: what inside and outside clients ask (live DNS, for example).
std::vector<discovery::Outcome> run_with(const topology::Topology& topology, const plan::Plan& plan,
                                         const resolve::Resolver& inside,
                                         const resolve::Resolver& outside, const Request& request);

// The zones the plan's internal view holds (what an internal DNS answers itself).
std::set<std::string> internal_zones(const plan::Plan& plan);

} // namespace lyncplan::simulate
