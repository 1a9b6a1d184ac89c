// Certificates (RULES 18-28, 34, 35): subject, SANs, CA kind and key rules for every role and
// interface, built to Microsoft's certificate summaries.
#include <lyncplan/rules/families.hpp>
#include <lyncplan/topology/products.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace lyncplan::rules {
namespace {

using plan::Certificate;
using topology::Pool;
using topology::Product;
using topology::Role;

// SAN lists keep their first occurrence of each name, in the order of the summaries.
class SanList {
public:
  void add(const std::string& name) {
    if (!name.empty() && std::find(names_.begin(), names_.end(), name) == names_.end()) {
      names_.push_back(name);
    }
  }
  void add_all(const std::vector<std::string>& names) {
    for (const auto& n : names) {
      add(n);
    }
  }
  std::vector<std::string> take() { return std::move(names_); }

private:
  std::vector<std::string> names_;
};

std::vector<std::string> prefixed(const std::vector<std::string>& domains,
                                  std::string_view prefix) {
  std::vector<std::string> out;
  for (const auto& d : domains) {
    out.push_back(std::string(prefix) + d);
  }
  return out;
}

std::vector<std::string> simple_url_hosts(const Context& c, std::string_view kind) {
  std::vector<std::string> out;
  for (const SimpleUrl& u : c.simple_urls()) {
    if (u.kind == kind && std::find(out.begin(), out.end(), u.host) == out.end()) {
      out.push_back(u.host);
    }
  }
  return out;
}

std::vector<std::string> server_names(const Pool& pool) {
  std::vector<std::string> out;
  for (const auto& s : pool.servers) {
    out.push_back(s.fqdn);
  }
  return out;
}

Certificate base(const Pool& pool, std::string role_id, std::string interface,
                 const std::string& server) {
  Certificate cert;
  cert.id = fmt::format("{}-{}-{}", role_id, interface, server.empty() ? pool.fqdn : server);
  cert.role = to_string(pool.role);
  cert.pool = pool.fqdn;
  cert.interface = std::move(interface);
  cert.servers = server.empty() ? server_names(pool) : std::vector<std::string>{server};
  return cert;
}

void front_end(const Context& c, const Pool& pool, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  const auto& domains = t.sip_domains;
  const bool ocs = topology::product_facts(t.product).pool_certificate_names_sip_domains;
  const bool strict_sign_in = t.strict_dns_naming && c.sign_in_pool() == &pool;
  const std::string role_id =
      pool.role == Role::standard_edition ? "standard-edition" : "front-end";
  for (const auto& server : pool.servers) {
    Certificate d = base(pool, role_id, "default", server.fqdn);
    d.subject = pool.fqdn;
    SanList sans;
    sans.add(pool.fqdn);
    if (ocs || strict_sign_in) {
      sans.add_all(prefixed(domains, "sip."));
    }
    sans.add(server.fqdn);
    d.sans = sans.take();
    d.ca = "private";
    d.rule = ocs ? plan::RuleId("cert.ocs-pool") : plan::RuleId("cert.front-end-default");
    d.why = ocs ? "OCS pool certificate: pool FQDN as subject, sip.<domain> for every SIP domain "
                  "and the server FQDN (RULES 34)"
            : strict_sign_in
                ? "Default (SIP) certificate; sip.<domain> per SIP domain because this pool signs "
                  "clients in under strict DNS naming (RULES 13, 24)"
                : "Default (SIP) certificate: pool FQDN and server FQDN (RULES 24)";
    b.certificate(std::move(d));

    Certificate wi = base(pool, role_id, "web-internal", server.fqdn);
    wi.subject = pool.fqdn;
    SanList wsans;
    wsans.add(pool.fqdn);
    wsans.add(c.web_internal_fqdn(pool));
    wsans.add(server.fqdn);
    wsans.add_all(simple_url_hosts(c, "meet"));
    wsans.add_all(simple_url_hosts(c, "dialin"));
    wsans.add_all(simple_url_hosts(c, "admin"));
    if (t.mobility) {
      wsans.add_all(prefixed(domains, "lyncdiscoverinternal."));
    }
    wi.sans = wsans.take();
    wi.ca = "private";
    wi.wildcard_allowed = true;
    wi.rule = "cert.front-end-web-internal";
    wi.why = "internal web services: internal web FQDN, server and pool FQDN, every simple URL" +
             std::string(t.mobility ? " and lyncdiscoverinternal (RULES 25, 27)" : " (RULES 25)");
    b.certificate(std::move(wi));

    if (!pool.web_external) {
      continue;
    }
    Certificate we = base(pool, role_id, "web-external", server.fqdn);
    we.subject = pool.fqdn;
    SanList esans;
    esans.add(pool.fqdn);
    esans.add(pool.web_external->fqdn);
    esans.add_all(simple_url_hosts(c, "meet"));
    esans.add_all(simple_url_hosts(c, "dialin"));
    if (t.mobility) {
      esans.add_all(prefixed(domains, "lyncdiscover."));
    }
    we.sans = esans.take();
    we.ca = "private";
    we.wildcard_allowed = true;
    we.rule = "cert.front-end-web-external";
    we.why = "external web services behind the reverse proxy: external web FQDN, meet and dialin; "
             "admin stays off (RULES 25, 27)";
    b.certificate(std::move(we));
  }
}

void director(const Context& c, const Pool& pool, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  for (const auto& server : pool.servers) {
    Certificate d = base(pool, "director", "default", server.fqdn);
    d.subject = pool.fqdn;
    SanList sans;
    sans.add(pool.fqdn);
    sans.add(server.fqdn);
    sans.add(c.web_internal_fqdn(pool));
    if (t.strict_dns_naming && c.sign_in_pool() == &pool) {
      sans.add_all(prefixed(t.sip_domains, "sip."));
    }
    sans.add_all(simple_url_hosts(c, "dialin"));
    sans.add_all(simple_url_hosts(c, "meet"));
    if (t.mobility) {
      sans.add_all(prefixed(t.sip_domains, "lyncdiscoverinternal."));
      sans.add_all(prefixed(t.sip_domains, "lyncdiscover."));
    }
    d.sans = sans.take();
    d.ca = "public-or-private";
    d.wildcard_allowed = true;
    d.rule = "cert.director-default";
    d.why = "Director certificate for SIP and both web sites: pool and server FQDN, simple URLs" +
            std::string(t.mobility ? " and lyncdiscover(internal) (RULES 26, 27)" : " (RULES 26)");
    b.certificate(std::move(d));
  }
  if (topology::product_facts(t.product).oauth && !pool.servers.empty()) {
    Certificate o = base(pool, "director", "oauth", "");
    o.subject = pool.servers.front().fqdn;
    o.ca = "public-or-private";
    o.exportable_key = true;
    o.rule = "cert.director-oauth";
    o.why = "OAuthTokenIssuer: server-to-server authentication, no SAN; the same certificate on "
            "every server, so its key is exportable; 2048-bit keys at least (RULES 26)";
    b.certificate(std::move(o));
  }
}

void edge(const Context& c, const Pool& pool, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  const bool scaled = pool.servers.size() > 1;
  const bool aol =
      std::find(t.federation.pic.begin(), t.federation.pic.end(), "aol") != t.federation.pic.end();
  Certificate ext = base(pool, "edge", "external", "");
  ext.subject = pool.access.fqdn;
  SanList sans;
  sans.add(pool.access.fqdn);
  sans.add(pool.webconf.fqdn);
  sans.add_all(prefixed(t.sip_domains, "sip."));
  if (t.hosting) {
    sans.add(c.access_target(t.hosting->provider_domain));
  }
  if (t.federation.xmpp) {
    sans.add_all(t.sip_domains);
  }
  ext.sans = sans.take();
  ext.ca = "public";
  ext.exportable_key = scaled;
  ext.client_eku = aol;
  ext.rule = "cert.edge-external";
  ext.why = fmt::format(
      "Access Edge, Web Conferencing Edge and A/V authentication: subject = Access Edge FQDN "
      "(repeated as SAN), Web Conferencing FQDN and sip.<domain> per SIP domain; never the A/V "
      "FQDN, never a wildcard{}{}{} (RULES 18, 21-23)",
      t.federation.xmpp ? "; each XMPP domain as a SAN" : "",
      aol ? "; client EKU for AOL public IM connectivity" : "",
      scaled ? "; one exportable key shared by every Edge server" : "");
  b.certificate(std::move(ext));

  Certificate in = base(pool, "edge", "internal", "");
  in.subject = pool.fqdn;
  in.ca = "public-or-private";
  in.exportable_key = scaled;
  in.rule = "cert.edge-internal";
  in.why = "Edge internal interface: subject name only, no SAN (RULES 20)" +
           std::string(scaled ? "; same certificate and exportable key on every Edge server "
                                "(RULES 21)"
                              : "");
  b.certificate(std::move(in));
}

void mediation(const Pool& pool, PlanBuilder& b) {
  for (const auto& server : pool.servers) {
    Certificate d = base(pool, "mediation", "default", server.fqdn);
    d.subject = pool.fqdn;
    SanList sans;
    sans.add(pool.fqdn);
    sans.add(server.fqdn);
    d.sans = sans.take();
    d.ca = "private";
    d.rule = "cert.mediation-default";
    d.why = "stand-alone Mediation Server: pool FQDN and server FQDN, no wildcard (RULES 23)";
    b.certificate(std::move(d));
  }
}

// The names the reverse proxy publishes, grouped by listener address, in summary order.
std::map<std::string, std::vector<std::string>> published_names(const Context& c) {
  const topology::Topology& t = c.topology();
  std::vector<std::string> names;
  for (Role role : {Role::front_end, Role::standard_edition, Role::director}) {
    for (const Pool& p : t.pools) {
      if (p.role == role && p.web_external) {
        names.push_back(p.web_external->fqdn);
      }
    }
  }
  for (const auto& h : simple_url_hosts(c, "dialin")) {
    names.push_back(h);
  }
  for (const auto& h : simple_url_hosts(c, "meet")) {
    names.push_back(h);
  }
  if (t.office_web_apps) {
    names.push_back(t.office_web_apps->fqdn);
  }
  if (t.mobility) {
    for (const auto& d : t.sip_domains) {
      names.push_back("lyncdiscover." + d);
    }
  }
  std::map<std::string, std::vector<std::string>> by_listener;
  for (const auto& n : names) {
    if (auto ip = c.listener_for(n)) {
      auto& list = by_listener[ip->text];
      if (std::find(list.begin(), list.end(), n) == list.end()) {
        list.push_back(n);
      }
    }
  }
  return by_listener;
}

void reverse_proxy(const Context& c, PlanBuilder& b) {
  for (auto& [ip, names] : published_names(c)) {
    Certificate cert;
    cert.id = "reverse-proxy-" + ip;
    cert.role = "reverse-proxy";
    cert.pool = "reverse-proxy";
    cert.interface = "listener " + ip;
    cert.subject = names.front();
    cert.sans = names;
    cert.ca = "public";
    cert.wildcard_allowed = true;
    cert.servers = {"reverse-proxy"};
    cert.rule = "cert.reverse-proxy";
    cert.why = "reverse-proxy listener: every external web services FQDN, meet, dialin, Office "
               "Web Apps and lyncdiscover it publishes; a wildcard may replace meet and dialin "
               "only (RULES 28)";
    b.certificate(std::move(cert));
  }
}

void office_web_apps(const Context& c, PlanBuilder& b) {
  const auto& owa = c.topology().office_web_apps;
  if (!owa) {
    return;
  }
  Certificate cert;
  cert.id = "office-web-apps-" + owa->fqdn;
  cert.role = "office-web-apps";
  cert.pool = owa->fqdn;
  cert.interface = "default";
  cert.subject = owa->fqdn;
  cert.sans = {owa->fqdn};
  cert.ca = "public";
  cert.servers = {owa->fqdn};
  cert.rule = "cert.office-web-apps";
  cert.why = "Office Web Apps Server, reached by internal clients and through the reverse proxy";
  b.certificate(std::move(cert));
}

} // namespace

void certificates(const Context& c, PlanBuilder& b) {
  for (const Pool& pool : c.topology().pools) {
    switch (pool.role) {
    case Role::front_end:
    case Role::standard_edition:
      front_end(c, pool, b);
      break;
    case Role::director:
      director(c, pool, b);
      break;
    case Role::edge:
      edge(c, pool, b);
      break;
    case Role::mediation:
      mediation(pool, b);
      break;
    }
  }
  reverse_proxy(c, b);
  office_web_apps(c, b);
}

} // namespace lyncplan::rules
