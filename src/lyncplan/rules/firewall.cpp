// Firewall ports of the Edge and the reverse proxy (RULES 31, SfB port summary).
#include <lyncplan/rules/families.hpp>

#include <fmt/format.h>

namespace lyncplan::rules {
namespace {

using topology::Pool;

constexpr plan::RuleId kEdge = "firewall.edge-external";
constexpr plan::RuleId kInternal = "firewall.edge-internal";
constexpr plan::RuleId kProxy = "firewall.reverse-proxy";

void edge_external(const Context& c, const Pool& edge, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  const std::string access = "edge-external-access";
  const std::string webconf = "edge-external-webconf";
  const std::string av = "edge-external-av";
  const auto port = [](int p) { return std::to_string(p); };
  b.firewall("internet", access, "tcp", port(edge.access.port), kEdge,
             "remote clients sign in to the Access Edge (SIP over TLS)");
  if (t.federation.open || !t.federation.pic.empty() || t.mobility) {
    b.firewall("internet", access, "tcp", "5061", kEdge,
               "federation and public IM connectivity arrive over SIP/MTLS");
    b.firewall(access, "internet", "tcp", "5061", kEdge,
               "federation and public IM connectivity leave over SIP/MTLS");
  }
  if (t.federation.xmpp) {
    b.firewall("internet", access, "tcp", "5269", kEdge, "XMPP federation in");
    b.firewall(access, "internet", "tcp", "5269", kEdge, "XMPP federation out");
  }
  b.firewall(access, "internet", "udp", "53", kEdge, "DNS for federation and partner discovery");
  b.firewall(access, "internet", "tcp", "53", kEdge, "DNS over TCP for large answers");
  b.firewall(access, "internet", "tcp", "80", kEdge, "certificate revocation and chain checks");
  b.firewall("internet", webconf, "tcp", port(edge.webconf.port), kEdge,
             "remote clients join web conferences (PSOM over TLS)");
  b.firewall("internet", av, "tcp", port(edge.av.port), kEdge, "media relay over TCP (TURN)");
  b.firewall("internet", av, "udp", "3478", kEdge, "media relay over UDP (STUN/TURN)");
  b.firewall(av, "internet", "tcp", "443", kEdge, "media relay to remote peers over TCP");
  b.firewall(av, "internet", "udp", "3478", kEdge, "media relay to remote peers over UDP");
  b.firewall(av, "internet", "tcp", "50000-59999", kEdge, "media ports, outbound");
  b.firewall(av, "internet", "udp", "50000-59999", kEdge, "media ports, outbound");
}

void edge_internal(const Context& c, const Pool& edge, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  const Pool* next = nullptr;
  for (const Pool& p : t.pools) {
    if (p.fqdn == edge.next_hop) {
      next = &p;
    }
  }
  if (next == nullptr) {
    next = c.director() ? c.director() : c.home_pool();
  }
  const std::string internal = "edge-internal";
  if (next != nullptr) {
    b.firewall(next->fqdn, internal, "tcp", "5061", kInternal,
               "SIP/MTLS from the next-hop pool to the Edge");
    b.firewall(internal, next->fqdn, "tcp", "5061", kInternal,
               "SIP/MTLS from the Edge to its next-hop pool");
  }
  const Pool* home = c.home_pool();
  if (home != nullptr) {
    b.firewall(home->fqdn, internal, "tcp", "8057", kInternal,
               "PSOM from the Front End to the Web Conferencing Edge");
    b.firewall(home->fqdn, internal, "tcp", "5062", kInternal,
               "A/V authentication from the Front End");
    b.firewall(home->fqdn, internal, "tcp", "4443", kInternal,
               "Central Management Store replication to the Edge (not the reverse proxy's 4443)");
    b.firewall(home->fqdn, internal, "tcp", "50001-50003", kInternal,
               "Centralized Logging Service agent");
    if (t.federation.xmpp) {
      b.firewall(home->fqdn, internal, "tcp", "23456", kInternal, "XMPP gateway traffic");
    }
  }
  b.firewall("internal-clients", internal, "udp", "3478", kInternal,
             "STUN/TURN media from internal clients");
  b.firewall("internal-clients", internal, "tcp", "443", kInternal,
             "TURN over TCP from internal clients");
}

void reverse_proxy(const Context& c, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  if (!t.reverse_proxy) {
    return;
  }
  b.firewall("internet", "reverse-proxy", "tcp", "443", kProxy, "published web services (HTTPS)");
  b.firewall("internet", "reverse-proxy", "tcp", "80", kProxy,
             "published web services (HTTP: Autodiscover's first request)");
  for (const Pool& p : t.pools) {
    if (p.web_external) {
      b.firewall("reverse-proxy", p.fqdn, "tcp", "4443", kProxy,
                 "bridged to the external web site (HTTPS)");
      b.firewall("reverse-proxy", p.fqdn, "tcp", "8080", kProxy,
                 "bridged to the external web site (HTTP)");
    }
  }
  if (t.office_web_apps) {
    b.firewall("reverse-proxy", t.office_web_apps->fqdn, "tcp", "443", kProxy,
               "Office Web Apps Server");
  }
}

} // namespace

void firewall(const Context& c, PlanBuilder& b) {
  for (const Pool& p : c.topology().pools) {
    if (p.role == topology::Role::edge) {
      edge_external(c, p, b);
      edge_internal(c, p, b);
    }
  }
  reverse_proxy(c, b);
}

} // namespace lyncplan::rules
