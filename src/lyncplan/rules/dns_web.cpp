// Web names (RULES 14-16, 30): lyncdiscover(internal), simple URLs, external web services and
// Office Web Apps, internal to the pools and external to the reverse proxy.
#include <lyncplan/rules/families.hpp>

#include <fmt/format.h>

namespace lyncplan::rules {
namespace {

using plan::View;
using topology::Pool;
using topology::Role;

// External A record of a published name: the reverse-proxy listener that carries it.
void published_name(const Context& c, const std::string& name, plan::RuleId rule,
                    const std::string& why, PlanBuilder& b) {
  if (auto listener = c.listener_for(name)) {
    b.addresses(View::external, name, {*listener}, rule, why);
  }
}

void autodiscover(const Context& c, PlanBuilder& b) {
  const Pool* entry = c.web_entry_pool();
  if (!c.topology().mobility || entry == nullptr) {
    return;
  }
  const bool director = entry->role == Role::director;
  for (const std::string& domain : c.served_domains()) {
    b.addresses(View::internal, "lyncdiscoverinternal." + domain, c.web_internal_addresses(*entry),
                "mobility.lyncdiscoverinternal",
                fmt::format("internal Autodiscover: the internal web services of the {}",
                            director ? "Director" : "Front End pool"));
    published_name(c, "lyncdiscover." + domain, "mobility.lyncdiscover",
                   fmt::format("external Autodiscover through the reverse proxy to the {}'s "
                               "external web services",
                               director ? "Director" : "Front End pool"),
                   b);
  }
}

void simple_urls(const Context& c, PlanBuilder& b) {
  const Pool* entry = c.web_entry_pool();
  if (entry == nullptr) {
    return;
  }
  const std::string target = entry->role == Role::director ? "the Director"
                             : entry->role == Role::standard_edition
                                 ? "the Standard Edition server"
                                 : "the Front End pool's web load balancer";
  for (const std::string& host : c.simple_url_hosts(true)) {
    b.addresses(View::internal, host, c.web_internal_addresses(*entry), "simple-url.internal-a",
                fmt::format("simple URL inside: {}", target));
  }
  for (const std::string& host : c.simple_url_hosts(false)) {
    published_name(c, host, "simple-url.external-a",
                   "simple URL published through the reverse proxy (admin stays internal)", b);
  }
}

void external_web_services(const Context& c, PlanBuilder& b) {
  for (const Pool& pool : c.topology().pools) {
    if (!pool.web_external) {
      continue;
    }
    const bool director = pool.role == Role::director;
    published_name(c, pool.web_external->fqdn, "rp.web-external-a",
                   director ? "Director external web services, published beside the Front End "
                              "pool's"
                            : fmt::format("external web services of pool {} through the reverse "
                                          "proxy",
                                          pool.fqdn),
                   b);
    if (director) {
      b.addresses(View::internal, pool.web_external->fqdn, c.web_internal_addresses(pool),
                  "director.web-external-internal-a",
                  "inside, the Director's external web FQDN points to the Director");
    }
  }
}

void office_web_apps(const Context& c, PlanBuilder& b) {
  const auto& owa = c.topology().office_web_apps;
  if (!owa) {
    return;
  }
  if (owa->internal_ip) {
    b.addresses(View::internal, owa->fqdn, {*owa->internal_ip}, "owa.internal-a",
                "Office Web Apps Server for internal clients");
  }
  published_name(c, owa->fqdn, "owa.external-a",
                 "Office Web Apps Server published for external clients", b);
}

} // namespace

void web_dns(const Context& c, PlanBuilder& b) {
  autodiscover(c, b);
  simple_urls(c, b);
  external_web_services(c, b);
  office_web_apps(c, b);
}

} // namespace lyncplan::rules
