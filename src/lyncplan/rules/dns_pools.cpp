// Internal DNS of Front End, Standard Edition, Director and Mediation pools (RULES 11-13, 15, 34):
// pool and server A records, internal web FQDN, _sipinternaltls SRV and internal sip A.
#include <lyncplan/dns/name.hpp>
#include <lyncplan/rules/families.hpp>
#include <lyncplan/topology/products.hpp>

#include <fmt/format.h>

namespace lyncplan::rules {
namespace {

using plan::View;
using topology::LoadBalancing;
using topology::Pool;
using topology::Role;

void pool_records(const Context& c, const Pool& pool, PlanBuilder& b) {
  const auto addresses = c.pool_addresses(pool);
  std::string why;
  switch (pool.load_balancing) {
  case LoadBalancing::hardware:
    why = fmt::format("{} pool FQDN on the hardware load balancer VIP", to_string(pool.role));
    break;
  case LoadBalancing::dns:
    why = fmt::format("{} pool FQDN, one record per member server (DNS load balancing)",
                      to_string(pool.role));
    break;
  case LoadBalancing::none:
    why = fmt::format("{} server", to_string(pool.role));
    break;
  }
  b.addresses(View::internal, pool.fqdn, addresses, "pool.a", why);
  for (const auto& s : pool.servers) {
    if (s.ip && s.fqdn != pool.fqdn) {
      b.addresses(View::internal, s.fqdn, {*s.ip}, "pool.server-a",
                  pool.load_balancing == LoadBalancing::dns
                      ? "each member server of a DNS-load-balanced pool needs its own record"
                      : "server host record (registered by the domain-joined server)");
    }
  }
  const bool has_web = pool.role != Role::mediation;
  const std::string web = c.web_internal_fqdn(pool);
  if (has_web && web != pool.fqdn) {
    b.addresses(View::internal, web, c.web_internal_addresses(pool), "pool.web-internal-a",
                "internal web services FQDN on the web load balancer VIP (HTTP is "
                "never DNS load balanced)");
  }
}

void sign_in_records(const Context& c, const Pool& pool, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  const auto addresses = c.pool_addresses(pool);
  // Skype for Business clients use lyncdiscoverinternal first; the SRV serves the rest.
  const std::string_view legacy =
      topology::product_facts(topology::product_of(t, pool)).lyncdiscover_first
          ? "; in Skype for Business it serves pre-2013 clients and desktop phones"
          : "";
  for (const std::string& domain : c.served_domains()) {
    const std::string sip = "sip." + domain;
    const std::string target = t.strict_dns_naming ? sip : pool.fqdn;
    b.srv(View::internal, "_sipinternaltls._tcp." + domain, target, 5061,
          "internal.sipinternaltls-srv",
          t.strict_dns_naming
              ? fmt::format("internal clients of {} find the sign-in pool; strict DNS naming: "
                            "the target stays in the domain{}",
                            domain, legacy)
              : fmt::format("internal clients of {} find the sign-in pool {}{}", domain, pool.fqdn,
                            legacy));
    b.addresses(View::internal, sip, addresses, "internal.sip-a",
                fmt::format("internal sip.{} reaches the sign-in pool{}", domain,
                            pool.role == Role::director ? " (the Director)" : ""));
  }
}

void device_update_records(const Context& c, PlanBuilder& b) {
  const Pool* home = c.home_pool();
  if (home == nullptr ||
      !topology::signs_in(topology::product_facts(topology::product_of(c.topology(), *home)),
                          "lpe")) {
    return;
  }
  for (const std::string& domain : c.served_domains()) {
    b.addresses(View::internal, "ucupdates-r2." + domain, c.web_internal_addresses(*home),
                "internal.ucupdates-a",
                "UC devices that never signed in find the Device Update web service");
  }
}

} // namespace

void pool_dns(const Context& c, PlanBuilder& b) {
  for (const Pool& pool : c.topology().pools) {
    if (pool.role != Role::edge) {
      pool_records(c, pool, b);
    }
  }
  if (const Pool* sign_in = c.sign_in_pool()) {
    sign_in_records(c, *sign_in, b);
  }
  device_update_records(c, b);
}

} // namespace lyncplan::rules
