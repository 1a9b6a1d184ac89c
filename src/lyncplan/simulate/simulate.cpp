// Runs every requested discovery case (domain x client x vantage) over one DNS world.
#include <lyncplan/resolve/split_horizon.hpp>
#include <lyncplan/resolve/zone_resolver.hpp>
#include <lyncplan/simulate/simulate.hpp>
#include <lyncplan/topology/products.hpp>

namespace lyncplan::simulate {

DnsWorld plan_world(const plan::Plan& plan) {
  DnsWorld world;
  for (const auto& r : plan.dns) {
    resolve::Rr rr{r.name, r.type, r.value, r.port, r.priority, r.weight, r.ttl, 0, ""};
    if (r.view == plan::View::internal) {
      world.internal.push_back(std::move(rr));
      world.internal_zones.insert(r.zone);
    } else {
      world.external.push_back(std::move(rr));
    }
  }
  return world;
}

std::vector<std::string> default_domains(const topology::Topology& t, std::size_t tenant_limit) {
  std::vector<std::string> domains = topology::served_domains(t); // teams-only: Microsoft 365's
  if (t.hosting) {
    for (std::size_t i = 0; i < t.hosting->tenants.size() && i < tenant_limit; ++i) {
      domains.push_back(t.hosting->tenants[i]);
    }
  }
  return domains;
}

std::set<std::string> internal_zones(const plan::Plan& plan) {
  std::set<std::string> zones;
  for (const auto& r : plan.dns) {
    if (r.view == plan::View::internal) {
      zones.insert(r.zone);
    }
  }
  return zones;
}

bool serves(const topology::Topology& topology, const discovery::ClientProfile& client) {
  if (client.kind == discovery::ClientKind::mobile && !topology.mobility) {
    return false; // the topology publishes no Autodiscover for mobile clients
  }
  // Side by side, a client is served when some pool that homes users takes it.
  for (const topology::Pool& pool : topology.pools) {
    if ((pool.role == topology::Role::front_end || pool.role == topology::Role::standard_edition) &&
        topology::signs_in(topology::product_facts(topology::product_of(topology, pool)),
                           client.name)) {
      return true;
    }
  }
  return topology::signs_in(topology::product_facts(topology.product), client.name);
}

std::vector<discovery::Outcome> run(const topology::Topology& topology, const plan::Plan& plan,
                                    const DnsWorld& dns, const Request& request) {
  const resolve::ZoneResolver internal(dns.internal);
  const resolve::ZoneResolver external(dns.external);
  const resolve::SplitHorizonResolver inside(internal, dns.internal_zones, external);
  return run_with(topology, plan, inside, external, request);
}

std::vector<discovery::Outcome> run_with(const topology::Topology& topology, const plan::Plan& plan,
                                         const resolve::Resolver& inside,
                                         const resolve::Resolver& external,
                                         const Request& request) {
  const discovery::World world(topology, plan);

  const auto clients = discovery::clients_or_all(request.clients);
  const auto vantages = discovery::vantages_or_both(request.vantages);
  const std::vector<std::string> domains =
      request.domains.empty() ? default_domains(topology) : request.domains;

  std::vector<discovery::Outcome> outcomes;
  for (const auto& domain : domains) {
    for (const auto* client : clients) {
      for (const auto vantage : vantages) {
        const resolve::Resolver& resolver = vantage == discovery::Vantage::inside
                                                ? static_cast<const resolve::Resolver&>(inside)
                                                : external;
        outcomes.push_back(
            discovery::discover(resolver, world, *client, vantage, domain, request.options));
        outcomes.back().served = serves(topology, *client);
      }
    }
  }
  return outcomes;
}

} // namespace lyncplan::simulate
