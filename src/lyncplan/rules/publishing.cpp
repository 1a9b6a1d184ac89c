// Reverse-proxy publishing (RULES 29, 30, 36): every external web services FQDN, the simple
// URLs and lyncdiscover (to the Director when there is one), Office Web Apps.
#include <lyncplan/rules/families.hpp>

#include <fmt/format.h>

namespace lyncplan::rules {
namespace {

using topology::Pool;
using topology::Role;

void web_rule(const Context& c, const std::string& name, const Pool& backend, plan::RuleId rule,
              std::string why, PlanBuilder& b) {
  auto listener = c.listener_for(name);
  if (!listener) {
    return; // findings report names without a listener
  }
  plan::PublishingRule p;
  p.public_name = name;
  p.listener = listener->text;
  p.from_ports = {443, 80};
  p.backend = backend.fqdn;
  p.backend_ports = {4443, 8080};
  p.paths = {"/"};
  p.rule = rule;
  p.why = std::move(why);
  b.publish(std::move(p));
}

std::string entry_name(const Pool& pool) {
  return pool.role == Role::director ? "the Director" : "the Front End pool";
}

} // namespace

void publishing(const Context& c, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  if (!t.reverse_proxy) {
    return;
  }
  for (const Pool& pool : t.pools) {
    if (pool.web_external) {
      web_rule(c, pool.web_external->fqdn, pool, "publish.web-external",
               fmt::format("external web services of {} {}: 443 to 4443, 80 to 8080{}",
                           to_string(pool.role), pool.fqdn,
                           c.director() ? " (Director and Front End both published)" : ""),
               b);
    }
  }
  const Pool* entry = c.web_entry_pool();
  if (entry == nullptr) {
    return;
  }
  for (const std::string& host : c.simple_url_hosts(false)) {
    web_rule(c, host, *entry, "publish.simple-url",
             fmt::format("simple URL to {}'s external web services", entry_name(*entry)), b);
  }
  if (t.mobility) {
    for (const std::string& d : c.served_domains()) {
      web_rule(c, "lyncdiscover." + d, *entry, "publish.lyncdiscover",
               fmt::format("Autodiscover to {}'s external web services; port 80 serves the "
                           "initial request of mobile clients",
                           entry_name(*entry)),
               b);
    }
  }
  if (t.hosting && t.mobility) {
    if (auto listener = c.listener_for("lyncdiscover." + t.hosting->provider_domain)) {
      b.publish({"lyncdiscover.*",
                 listener->text,
                 {80},
                 entry->fqdn,
                 {8080},
                 {"/"},
                 "publish.hosting-lyncdiscover",
                 "every tenant's lyncdiscover name arrives on the provider's listener; HTTP only, "
                 "since no tenant name is on the certificate"});
    }
  }
  if (t.office_web_apps) {
    if (auto listener = c.listener_for(t.office_web_apps->fqdn)) {
      b.publish({t.office_web_apps->fqdn,
                 listener->text,
                 {443},
                 t.office_web_apps->fqdn,
                 {443},
                 {"/"},
                 "publish.office-web-apps",
                 "Office Web Apps Server is reached on 443"});
    }
  }
}

} // namespace lyncplan::rules
