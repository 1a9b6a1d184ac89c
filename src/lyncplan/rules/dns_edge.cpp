// Edge DNS (RULES 1-3, 6, 7): Access/Web Conferencing/A/V names, client and federation SRVs,
// XMPP, and the internal Edge FQDN.
#include <lyncplan/rules/families.hpp>
#include <lyncplan/topology/products.hpp>

#include <fmt/format.h>

namespace lyncplan::rules {
namespace {

using plan::View;
using topology::LoadBalancing;
using topology::Pool;
using topology::Product;

std::string address_note(const Pool& edge) {
  for (const auto& s : edge.servers) {
    if (s.has_nat()) {
      return " (the public NAT addresses)";
    }
  }
  return "";
}

void edge_service_names(const Context& c, const Pool& edge, PlanBuilder& b) {
  const std::string note = address_note(edge);
  const std::string lb = edge.servers.size() > 1 && edge.load_balancing == LoadBalancing::dns
                             ? ", one record per Edge server (DNS load balancing)"
                             : "";
  b.addresses(View::external, edge.access.fqdn, c.edge_public_addresses(edge, EdgeService::access),
              "edge.access-a", "Access Edge external interface" + note + lb);
  b.addresses(View::external, edge.webconf.fqdn,
              c.edge_public_addresses(edge, EdgeService::webconf), "edge.webconf-a",
              "Web Conferencing Edge external interface" + note + lb);
  b.addresses(View::external, edge.av.fqdn, c.edge_public_addresses(edge, EdgeService::av),
              "edge.av-a", "A/V Edge external interface" + note + lb);
}

void sip_domain_records(const Context& c, const Pool& edge, const std::string& domain,
                        PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  const auto access = c.edge_public_addresses(edge, EdgeService::access);
  const std::string target = c.access_target(domain);
  const std::string sip = "sip." + domain;
  if (sip != edge.access.fqdn) {
    b.addresses(View::external, sip, access, "edge.sip-a",
                fmt::format("sip.{} reaches the Access Edge: SRV target in the domain's own "
                            "namespace and A-record fallback for external clients",
                            domain));
  }
  b.srv(View::external, "_sip._tls." + domain, target, static_cast<std::uint16_t>(edge.access.port),
        "edge.sip-tls-srv",
        fmt::format("external clients of {} locate the Access Edge (TLS, port {})", domain,
                    edge.access.port));
  if (t.federation.open || t.mobility) {
    b.srv(View::external, "_sipfederationtls._tcp." + domain, target, 5061, "edge.federation-srv",
          t.federation.open
              ? fmt::format("federated partners discover the Access Edge of {} (also needed for "
                            "mobile push notifications)",
                            domain)
              : fmt::format("mobile push notifications (Apple/Microsoft push) federate with {} "
                            "through this record",
                            domain));
  }
  if (t.federation.xmpp) {
    const std::string xmpp = "xmpp." + domain;
    b.srv(View::external, "_xmpp-server._tcp." + domain, xmpp, 5269, "edge.xmpp-srv",
          fmt::format("XMPP partners locate the XMPP proxy of {} on the Access Edge", domain));
    b.addresses(View::external, xmpp, access, "edge.xmpp-a",
                "XMPP proxy on the Access Edge external interface");
  }
}

void internal_edge_names(const Context& c, const Pool& edge, PlanBuilder& b) {
  const bool dns_lb = edge.load_balancing == LoadBalancing::dns && edge.servers.size() > 1;
  b.addresses(View::internal, edge.fqdn, c.edge_internal_addresses(edge), "edge.internal-a",
              dns_lb ? "Edge internal interface, every Edge server's internal address (DNS load "
                       "balancing)"
                     : "Edge internal interface");
  // Every product, every kind of pool: Edge servers are not domain members, so nothing registers
  // their names, and the internal servers reach each one by its own FQDN to replicate the
  // configuration to it.
  for (const auto& s : edge.servers) {
    if (s.internal_ip && s.fqdn != edge.fqdn) {
      b.addresses(View::internal, s.fqdn, {*s.internal_ip}, "edge.server-a",
                  "the Edge server's own FQDN: it is not a domain member, so nothing registers "
                  "it, and the internal servers replicate the configuration to it by this name");
    }
  }
}

} // namespace

void edge_dns(const Context& c, PlanBuilder& b) {
  bool first = true;
  for (const Pool& edge : c.topology().pools) {
    if (edge.role != topology::Role::edge) {
      continue;
    }
    edge_service_names(c, edge, b);
    internal_edge_names(c, edge, b);
    if (first) {
      for (const std::string& domain : c.served_domains()) {
        sip_domain_records(c, edge, domain, b);
      }
      first = false;
    }
  }
}

} // namespace lyncplan::rules
