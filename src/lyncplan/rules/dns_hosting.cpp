// Hosted tenant domains (RULES 33): three external records per tenant, all pointing at the
// provider's own names, so that certificates never change per tenant.
#include <lyncplan/rules/families.hpp>

#include <fmt/format.h>

namespace lyncplan::rules {

void hosting_dns(const Context& c, PlanBuilder& b) {
  const auto& hosting = c.topology().hosting;
  const topology::Pool* edge = c.edge();
  if (!hosting || edge == nullptr) {
    return;
  }
  const std::string& provider = hosting->provider_domain;
  const std::string target = c.access_target(provider);
  if (target != edge->access.fqdn) {
    b.addresses(plan::View::external, target, c.edge_public_addresses(*edge, EdgeService::access),
                "edge.sip-a", "the provider's sip name, target of every tenant's SRV records");
  }
  const auto lyncdiscover = c.listener_for("lyncdiscover." + provider);
  const auto port = static_cast<std::uint16_t>(edge->access.port);
  // One shared text per rule: the same reason for every tenant.
  const plan::Text sip_why =
      fmt::format("tenant clients locate the provider's Access Edge {}", target);
  const plan::Text fed_why = fmt::format("federation to the tenant via the provider's Access "
                                         "Edge {}",
                                         target);
  const plan::Text discover_why = "tenant mobile clients reach the provider's Autodiscover "
                                  "through its reverse proxy";
  const plan::Text discover_cname_why =
      fmt::format("tenant mobile clients reach the provider's Autodiscover through "
                  "lyncdiscover.{}: a reverse-proxy address change is one record, not one per "
                  "tenant",
                  provider);
  // Three records per tenant: grown once, not by doubling (100,000 tenants are 300,000 records).
  b.plan().dns.reserve(b.plan().dns.size() + 3 * hosting->tenants.size());
  for (const std::string& tenant : hosting->tenants) {
    b.srv(plan::View::external, "_sip._tls." + tenant, target, port, "hosting.sip-tls-srv",
          sip_why);
    b.srv(plan::View::external, "_sipfederationtls._tcp." + tenant, target, 5061,
          "hosting.federation-srv", fed_why);
    if (hosting->lyncdiscover_cname && c.topology().mobility) {
      b.record(plan::View::external, "lyncdiscover." + tenant, plan::RrType::CNAME,
               "lyncdiscover." + provider, "hosting.lyncdiscover", discover_cname_why);
    } else if (lyncdiscover && c.topology().mobility) {
      b.addresses(plan::View::external, "lyncdiscover." + tenant, {*lyncdiscover},
                  "hosting.lyncdiscover", discover_why);
    }
  }
}

} // namespace lyncplan::rules
