// Findings: mistakes, trust prompts and risks a topology carries (RULES 8-10, 12, 13, 30, 33, 35
// and the seeds' lessons), each with the rule that raises it.
#include <lyncplan/dns/address.hpp>
#include <lyncplan/dns/name.hpp>
#include <lyncplan/rules/families.hpp>
#include <lyncplan/topology/products.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace lyncplan::rules {
namespace {

using plan::Severity;
using topology::LoadBalancing;
using topology::Pool;
using topology::Product;
using topology::Role;

// One finding for every tenant at once: the subject is the record's pattern, the finding lists
// the tenants (JSON: all of them), so a report says it once, not a hundred thousand times.
void for_every_tenant(PlanBuilder& b, const std::vector<std::string>& tenants,
                      std::string_view code, std::string_view prefix, plan::RuleId rule,
                      std::string message) {
  b.finding(Severity::warning, std::string(code), std::string(prefix) + "<tenant>",
            std::move(message), rule);
  b.plan().findings.back().tenants = tenants;
}

void hosting(const Context& c, PlanBuilder& b) {
  const auto& h = c.topology().hosting;
  if (!h || c.edge() == nullptr || h->tenants.empty()) {
    return;
  }
  const std::string target = c.access_target(h->provider_domain);
  for_every_tenant(
      b, h->tenants, "trust-prompt", "_sip._tls.", "hosting.trust-prompt",
      fmt::format("each tenant's _sip._tls points to {}, outside the tenant's namespace: Lync 2010 "
                  "and later show 'Lync cannot verify that the server is trusted for your sign-in "
                  "address' once, until the user chooses 'always trust' or TrustModelData lists "
                  "{}; upside: no tenant appears on the certificate",
                  target, h->provider_domain));
  // TrustModelData in practice (KB2531068; the Office administrative templates' "Trusted Domain
  // List" policy, whose value replaces the client's default trusted domains).
  b.plan().findings.back().fix = fmt::format(
      "list {0} in TrustModelData on the tenants' computers: Group Policy 'Trusted Domain List' "
      "(Skype for Business / Lync administrative template), i.e. the REG_SZ value TrustModelData "
      "under HKLM\\Software\\Policies\\Microsoft\\Office\\16.0\\Lync (15.0 for Lync 2013; "
      "HKLM\\Software\\Policies\\Microsoft\\Communicator for Lync 2010), set to \"{0}, lync.com, "
      "outlook.com, lync.glbdns.microsoft.com, microsoftonline.com\": the value replaces the "
      "client's default trusted domains, so Microsoft's stay in it",
      h->provider_domain);
  for_every_tenant(b, h->tenants, "strict-naming-refused", "_sip._tls.", "hosting.strict-naming",
                   fmt::format("Office Communicator 2007 R2 and Lync Phone Edition CU7 or later "
                               "enforce strict DNS naming and refuse {} for a tenant's domain, "
                               "with no prompt",
                               target));
  for_every_tenant(b, h->tenants, "federation-srv-namespace", "_sipfederationtls._tcp.",
                   "hosting.federation-namespace",
                   fmt::format("each tenant's federation SRV points to {} in another namespace: "
                               "partners using DNS discovery may refuse it; direct federation "
                               "still works",
                               target));
  // Inside the provider's network the tenants' SRV target must still be the Access Edge: a name
  // the internal view gives another address (sip.<provider> to the pool, for automatic sign-in)
  // sends tenant users to the pool's web site on port 443.
  std::set<std::string> access_edge;
  for (const auto& server : c.edge()->servers) {
    for (const auto& a : {server.external_access, server.nat_access}) {
      if (a) {
        access_edge.insert(a->text);
      }
    }
  }
  for (const auto& a : c.edge_public_addresses(*c.edge(), EdgeService::access)) {
    access_edge.insert(a.text);
  }
  std::vector<std::string> inside;
  for (const auto& r : b.plan().dns) {
    if (r.view == plan::View::internal && r.name == target && r.type != plan::RrType::SRV &&
        access_edge.count(r.value) == 0) {
      inside.push_back(fmt::format("{} ({})", r.value, r.rule));
    }
  }
  if (!inside.empty()) {
    b.finding(Severity::error, "hosting-inside-access-name", target + " (internal)",
              fmt::format("inside the provider's network {} is {}, not the Access Edge: a "
                          "tenant's _sip._tls SRV sends its users there on port {}, where the "
                          "pool's web site answers, so tenant users cannot sign in from inside",
                          target, join(inside, ", "), c.edge()->access.port),
              "hosting.inside-access-name");
    b.plan().findings.back().fix =
        fmt::format("give the Access Edge a name of its own in {} (e.g. sipexternal.{}; the "
                    "tenants' SRVs follow it), which the internal view copies from the external "
                    "one",
                    h->provider_domain, h->provider_domain);
  }
  if (c.topology().mobility) {
    b.finding(Severity::info, "tenant-lyncdiscover-http", "lyncdiscover.<tenant>",
              "tenant lyncdiscover names are not on the reverse-proxy certificate, so mobile "
              "clients must make their first Autodiscover request over HTTP (port 80 bridged to "
              "8080)",
              "hosting.lyncdiscover-http");
  }
  if (c.topology().simple_urls.option != 3) {
    b.finding(Severity::warning, "hosting-simple-urls", "simple_urls.option",
              fmt::format("simple URL option {} needs a meet name (and a SAN) per tenant; hosting "
                          "uses option 3, <host>/<tenant>/Meet",
                          c.topology().simple_urls.option),
              "hosting.simple-urls");
  }
}

void strict_naming(const Context& c, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  const Pool* pool = c.sign_in_pool();
  if (pool == nullptr || t.strict_dns_naming) {
    return;
  }
  const bool ocs =
      topology::product_facts(topology::product_of(t, *pool)).client_refuses_foreign_srv_target;
  for (const std::string& d : c.served_domains()) {
    if (dns::is_within(pool->fqdn, d)) {
      continue;
    }
    b.finding(
        ocs ? Severity::error : Severity::warning, "strict-naming", "_sipinternaltls._tcp." + d,
        fmt::format("the SRV target {} lies outside {}: Office Communicator 2007 R2 and "
                    "Lync Phone Edition CU7+ refuse it (strict DNS naming){}; fix: set "
                    "strict_dns_naming: true (SRV to sip.{} with sip.{} on the pool "
                    "certificate) or name the pool inside {}",
                    pool->fqdn, d, ocs ? "" : ", Lync 2010 and later prompt to trust it", d, d, d),
        "internal.strict-naming");
  }
}

// Lync 2013 and later sign in through Autodiscover first, whatever strict_dns_naming says: the
// answer comes from the home pool's web services, and a web FQDN outside the user's SIP domain
// makes the client ask once whether to trust it (as simulate shows).
void autodiscover_trust(const Context& c, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  const Pool* home = c.home_pool();
  if (home == nullptr || !t.mobility) {
    return;
  }
  const std::string internal_web = c.web_internal_fqdn(*home);
  const std::string external_web = home->web_external ? home->web_external->fqdn : "";
  for (const std::string& d : c.served_domains()) {
    std::vector<std::string> where, hosts;
    if (!dns::is_within(internal_web, d)) {
      where.push_back(fmt::format("{} inside", internal_web));
      hosts.emplace_back(dns::parent_domain(internal_web));
    }
    if (!external_web.empty() && !dns::is_within(external_web, d)) {
      where.push_back(fmt::format("{} outside", external_web));
      const std::string parent(dns::parent_domain(external_web));
      if (std::find(hosts.begin(), hosts.end(), parent) == hosts.end()) {
        hosts.push_back(parent);
      }
    }
    if (where.empty()) {
      continue;
    }
    b.finding(
        Severity::warning, "trust-prompt",
        (where.size() == 2 || dns::is_within(internal_web, d) ? "lyncdiscover."
                                                              : "lyncdiscoverinternal.") +
            d,
        fmt::format("Lync 2013 and Skype for Business clients of {} sign in through "
                    "Autodiscover, which answers from {}, outside {}: each user is asked "
                    "once whether to trust it{}; fix: list {} in TrustModelData for these "
                    "users (Group Policy or HKLM\\SOFTWARE\\Policies\\Microsoft\\"
                    "Office\\<version>\\Lync\\TrustModelData), or give the home pool "
                    "web services FQDNs inside {}",
                    d, join(where, " and "), d,
                    t.strict_dns_naming ? " (strict DNS naming covers the SRV route only)" : "",
                    join(hosts, ", "), d),
        "discovery.trust-prompt");
  }
}

void public_im(const Context& c, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  const Pool* edge = c.edge();
  if (edge == nullptr || t.federation.pic.empty()) {
    return;
  }
  b.finding(c.served_domains().size() > 1 ? Severity::warning : Severity::info, "pic-subject-only",
            edge->access.fqdn,
            fmt::format("public IM providers ({}) match only the certificate subject {} and ignore "
                        "SANs: provision every SIP domain ({}) against {}; PIC does not use the "
                        "_sipfederationtls SRV records",
                        join(t.federation.pic, ", "), edge->access.fqdn,
                        join(c.served_domains(), ", "), edge->access.fqdn),
            "pic.subject-only");
  if (std::find(t.federation.pic.begin(), t.federation.pic.end(), "aol") !=
      t.federation.pic.end()) {
    b.finding(Severity::info, "pic-aol-client-eku", edge->access.fqdn,
              "AOL requires the client authentication EKU on the Edge external certificate; the "
              "planned certificate requests it",
              "pic.aol-client-eku");
  }
}

void edge_pool(const Pool& edge, PlanBuilder& b) {
  bool nat = false;
  for (const auto& s : edge.servers) {
    nat = nat || s.has_nat();
  }
  if (nat && edge.load_balancing == LoadBalancing::hardware) {
    b.finding(Severity::error, "nat-with-hardware-lb", edge.fqdn,
              "Edge hardware load balancing needs publicly routable addresses; NAT is supported "
              "only for a single Edge or DNS load balancing",
              "edge.nat");
  }
  if (nat) {
    std::vector<std::string> public_av;
    for (const auto& s : edge.servers) {
      if (s.nat_av) {
        public_av.push_back(s.nat_av->text);
      }
    }
    b.finding(
        Severity::info, "av-edge-nat", edge.av.fqdn,
        fmt::format("the A/V Edge sits behind NAT: in Topology Builder enable 'the external "
                    "IP address of the A/V Edge is translated by NAT' with {}; the NAT must "
                    "be symmetric and keep source addresses",
                    public_av.empty() ? std::string("the public address") : join(public_av, ", ")),
        "edge.nat");
  }
  if (edge.servers.size() > 12) {
    b.finding(
        Severity::error, "edge-pool-size", edge.fqdn,
        fmt::format("{} Edge servers; at most 12 per pool are supported", edge.servers.size()),
        "edge.pool-size");
  }
  for (const auto& s : edge.servers) {
    const bool shared =
        s.external_access && ((s.external_webconf && *s.external_webconf == *s.external_access) ||
                              (s.external_av && *s.external_av == *s.external_access));
    if (!shared) {
      continue;
    }
    const bool same_ports =
        edge.access.port == edge.webconf.port || edge.access.port == edge.av.port;
    b.finding(same_ports ? Severity::error : Severity::warning, "edge-single-ip", s.fqdn,
              same_ports ? "the Edge services share one external address and one port; each "
                           "service needs its own address or its own port"
                         : "the Edge services share one external address on distinct ports: it "
                           "works, but remote firewalls often block the non-443 ports",
              "edge.addresses");
  }
}

void web_services(const Context& c, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  for (const Pool& p : t.pools) {
    const bool has_web = p.role == Role::front_end || p.role == Role::director;
    if (has_web && p.load_balancing == LoadBalancing::dns && p.servers.size() > 1 &&
        !(p.web_internal && p.web_internal->vip)) {
      b.finding(Severity::error, "web-needs-hardware-lb", c.web_internal_fqdn(p),
                "HTTP cannot be DNS load balanced: the internal web FQDN needs a hardware load "
                "balancer VIP (web.internal.vip)",
                "pool.web-load-balancing");
    }
  }
  const bool external_access = c.edge() != nullptr;
  if (!external_access && !t.reverse_proxy) {
    return;
  }
  const Pool* director = c.director();
  if (director != nullptr && !director->web_external) {
    b.finding(Severity::error, "director-web-external-missing", director->fqdn,
              "the Director has no external web FQDN: external clients cannot reach CertProv and "
              "WebTicket during sign-in",
              "publish.director");
  }
  for (const Pool& p : t.pools) {
    if ((p.role == Role::front_end || p.role == Role::standard_edition) && !p.web_external) {
      b.finding(Severity::error, director ? "front-end-not-published" : "web-external-missing",
                p.fqdn,
                director ? "a Director is published but this pool's external web services are "
                           "not: external users authenticate, then cannot expand groups or "
                           "download the address book"
                         : "the pool has no external web FQDN: external clients get no address "
                           "book, group expansion or meeting content",
                "publish.front-end");
    }
  }
}

void reverse_proxy(const Context& c, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  std::set<std::string> published;
  for (const auto& p : b.plan().publishing) {
    published.insert(p.public_name);
  }
  std::vector<std::string> wanted;
  for (const Pool& p : t.pools) {
    if (p.web_external) {
      wanted.push_back(p.web_external->fqdn);
    }
  }
  if (c.web_entry_pool() != nullptr && (c.edge() != nullptr || !wanted.empty())) {
    for (const auto& h : c.simple_url_hosts(false)) {
      wanted.push_back(h);
    }
    if (t.mobility) {
      for (const auto& d : c.served_domains()) {
        wanted.push_back("lyncdiscover." + d);
      }
    }
  }
  if (t.office_web_apps && t.reverse_proxy) {
    wanted.push_back(t.office_web_apps->fqdn);
  }
  if (!t.reverse_proxy) {
    if (!wanted.empty()) {
      b.finding(Severity::error, "no-reverse-proxy", "reverse_proxy",
                fmt::format("external web names exist but no reverse proxy publishes them, so "
                            "they get no public address: {}",
                            join(wanted, ", ")),
                "publish.reverse-proxy");
    }
    return;
  }
  for (const auto& name : wanted) {
    if (published.count(name) == 0) {
      b.finding(Severity::error, "name-without-listener", name,
                "no reverse-proxy listener carries this name: add it to a listener or give "
                "reverse_proxy.ip as the default listener",
                "publish.listener");
    }
  }
  const std::set<std::string> wanted_set(wanted.begin(), wanted.end());
  for (const auto& listener : t.reverse_proxy->listeners) {
    for (const auto& name : listener.names) {
      if (wanted_set.count(name) == 0) {
        b.finding(Severity::warning, "listener-name-unused", name,
                  fmt::format("listener {} names {}, which the plan does not publish",
                              listener.ip.text, name),
                  "publish.listener");
      }
    }
  }
}

void federation(const Context& c, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  if (c.edge() == nullptr && (t.federation.open || !t.federation.pic.empty())) {
    b.finding(Severity::info, "no-edge", "federation",
              "there is no Edge pool: no remote access, federation or public IM connectivity, and "
              "no external SRV records are planned",
              "edge.missing");
  }
}

// The external view is what the internet asks: an address it cannot route (an Edge whose private
// external addresses have no nat:, a reverse proxy given its inside address) fails every outside
// client, so each such record is an error of its own.
void non_public_external(PlanBuilder& b) {
  for (const plan::DnsRecord& r : b.plan().dns) {
    if (r.view != plan::View::external ||
        (r.type != plan::RrType::A && r.type != plan::RrType::AAAA)) {
      continue;
    }
    const auto ip = dns::parse_ip(r.value);
    const auto range = ip ? dns::non_public_range(*ip) : std::nullopt;
    if (!range) {
      continue;
    }
    const bool edge = r.rule.str().starts_with("edge.");
    b.finding(Severity::error, "non-public-external", r.name,
              fmt::format("{} {} {} would publish a {} address in the external DNS, which no "
                          "client on the internet can reach; expected {}",
                          r.name, plan::to_string(r.type), r.value, *range,
                          edge ? "nat: {access, webconf, av} on each Edge server with the public "
                                 "addresses the NAT translates to, or public external addresses"
                               : "the public address of the reverse proxy (reverse_proxy ip or "
                                 "listeners)"),
              "dns.non-public-external");
  }
}

} // namespace

// A product past its end of support: no security updates since, and the way on (Teams, or
// Subscription Edition in place from 2019, side by side from 2015).
void lifecycle(const Context& c, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  for (const topology::Product product : topology::products_in_use(t)) {
    const auto& facts = topology::product_facts(product);
    if (facts.support_ended.empty()) {
      continue;
    }
    // Side by side: the pools still on it, when it is not the topology's own version.
    std::vector<std::string> pools;
    for (const Pool& p : t.pools) {
      if (product != t.product && topology::product_of(t, p) == product) {
        pools.push_back(p.fqdn);
      }
    }
    b.finding(Severity::warning, "end-of-support", "product: " + std::string(facts.name),
              fmt::format("{}{} left Microsoft's support on {}: no security updates since",
                          facts.display_name,
                          pools.empty() ? "" : fmt::format(" ({})", join(pools, ", ")),
                          facts.support_ended),
              "product.end-of-support");
    b.plan().findings.back().fix = std::string(facts.way_forward);
  }
}

void findings(const Context& c, PlanBuilder& b) {
  lifecycle(c, b);
  non_public_external(b);
  hosting(c, b);
  strict_naming(c, b);
  autodiscover_trust(c, b);
  public_im(c, b);
  for (const Pool& p : c.topology().pools) {
    if (p.role == Role::edge) {
      edge_pool(p, b);
    }
  }
  web_services(c, b);
  reverse_proxy(c, b);
  federation(c, b);
}

} // namespace lyncplan::rules
