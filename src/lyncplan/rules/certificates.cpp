// Certificates: subject, SANs, Lync certificate types, CA kind and key rules for every role and
// interface, built to Microsoft's certificate summaries and "Certificate requirements for
// internal servers".
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

// C, ST, L, O and OU from the topology, in the order a DN lists them before the CN.
std::vector<std::pair<std::string, std::string>> subject_fields(const Context& c) {
  const topology::CertificateSubject& s = c.topology().certificates.subject;
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [attribute, value] :
       {std::pair{"C", &s.country}, std::pair{"ST", &s.state}, std::pair{"L", &s.locality},
        std::pair{"O", &s.organization}, std::pair{"OU", &s.organizational_unit}}) {
    if (!value->empty()) {
      out.emplace_back(attribute, *value);
    }
  }
  return out;
}

Certificate base(const Context& c, const Pool& pool, std::string role_id, std::string interface,
                 const std::string& server) {
  Certificate cert;
  cert.id = fmt::format("{}-{}-{}", role_id, interface, server.empty() ? pool.fqdn : server);
  cert.role = to_string(pool.role);
  cert.pool = pool.fqdn;
  cert.interface = std::move(interface);
  cert.servers = server.empty() ? server_names(pool) : std::vector<std::string>{server};
  cert.subject_fields = subject_fields(c);
  return cert;
}

topology::CertificateLayout layout_of(const Context& c, const Pool& pool) {
  if (pool.certificates) {
    return *pool.certificates;
  }
  if (c.topology().certificates.layout) {
    return *c.topology().certificates.layout;
  }
  // Microsoft's summaries: a pool's Default, internal and external web certificates apart; one
  // Default certificate for a Director.
  return pool.role == Role::director ? topology::CertificateLayout::combined
                                     : topology::CertificateLayout::separate;
}

// The names each of a server's three certificates needs, and those a wildcard may replace.
struct ServerCertificateNames {
  SanList sip, web_internal, web_external;
  std::vector<std::string> wildcard; // simple URLs and lyncdiscover(internal)
};

ServerCertificateNames server_certificate_names(const Context& c, const Pool& pool,
                                                const std::string& server) {
  const topology::Topology& t = c.topology();
  const bool ocs =
      topology::product_facts(topology::product_of(t, pool)).pool_certificate_names_sip_domains;
  const bool strict_sign_in = t.strict_dns_naming && c.sign_in_pool() == &pool;
  ServerCertificateNames n;
  n.sip.add(pool.fqdn);
  if (ocs || strict_sign_in) {
    n.sip.add_all(prefixed(c.served_domains(), "sip."));
  }
  n.sip.add(server);
  const auto meet = simple_url_hosts(c, "meet");
  const auto dialin = simple_url_hosts(c, "dialin");
  const auto admin = simple_url_hosts(c, "admin");
  n.web_internal.add(pool.fqdn);
  n.web_internal.add(c.web_internal_fqdn(pool));
  n.web_internal.add(server);
  n.web_internal.add_all(meet);
  n.web_internal.add_all(dialin);
  n.web_internal.add_all(admin);
  n.wildcard = meet;
  n.wildcard.insert(n.wildcard.end(), dialin.begin(), dialin.end());
  n.wildcard.insert(n.wildcard.end(), admin.begin(), admin.end());
  if (t.mobility) {
    const auto internal = prefixed(c.served_domains(), "lyncdiscoverinternal.");
    n.web_internal.add_all(internal);
    n.wildcard.insert(n.wildcard.end(), internal.begin(), internal.end());
  }
  if (pool.web_external) {
    n.web_external.add(pool.fqdn);
    n.web_external.add(pool.web_external->fqdn);
    n.web_external.add_all(meet);
    n.web_external.add_all(dialin);
    if (t.mobility) {
      const auto external = prefixed(c.served_domains(), "lyncdiscover.");
      n.web_external.add_all(external);
      n.wildcard.insert(n.wildcard.end(), external.begin(), external.end());
    }
  }
  return n;
}

// The wildcard-replaceable names among `sans`.
std::vector<std::string> wildcard_names(const std::vector<std::string>& sans,
                                        const std::vector<std::string>& allowed) {
  std::vector<std::string> out;
  for (const auto& san : sans) {
    if (std::find(allowed.begin(), allowed.end(), san) != allowed.end()) {
      out.push_back(san);
    }
  }
  return out;
}

// Front End, Standard Edition and Director servers: Default (SIP), internal and external web
// services, apart or on one certificate per server.
void web_and_sip(const Context& c, const Pool& pool, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  const bool ocs =
      topology::product_facts(topology::product_of(t, pool)).pool_certificate_names_sip_domains;
  const bool strict_sign_in = t.strict_dns_naming && c.sign_in_pool() == &pool;
  const bool director = pool.role == Role::director;
  const std::string role_id = director                              ? "director"
                              : pool.role == Role::standard_edition ? "standard-edition"
                                                                    : "front-end";
  // A Director answers the reverse proxy and the Edge, whose certificates may be public.
  const std::string ca = director ? "public-or-private" : "private";
  const std::string_view sip_why =
      ocs ? "OCS pool certificate: pool FQDN as subject, sip.<domain> for every SIP domain and "
            "the server FQDN"
      : strict_sign_in ? "sip.<domain> for every SIP domain because this pool signs clients in "
                         "and strict DNS naming accepts no other name"
                       : "pool FQDN and server FQDN";
  for (const auto& server : pool.servers) {
    ServerCertificateNames names = server_certificate_names(c, pool, server.fqdn);
    if (layout_of(c, pool) == topology::CertificateLayout::combined) {
      Certificate d = base(c, pool, role_id, "default", server.fqdn);
      d.subject = pool.fqdn;
      d.usages = {"Default", "WebServicesInternal"};
      if (pool.web_external) {
        d.usages.emplace_back("WebServicesExternal");
      }
      names.sip.add_all(names.web_internal.take());
      names.sip.add_all(names.web_external.take());
      d.sans = names.sip.take();
      d.wildcard_names = wildcard_names(d.sans, names.wildcard);
      d.ca = ca;
      d.rule = ocs        ? plan::RuleId("cert.ocs-pool")
               : director ? plan::RuleId("cert.director-default")
                          : plan::RuleId("cert.front-end-combined");
      d.why = fmt::format(
          "one certificate per server for SIP and both web sites (Default, WebServicesInternal"
          "{}): {}; the internal web services FQDN, {}every simple URL and, with mobility, "
          "lyncdiscover(internal); a wildcard may stand in for the simple URLs and lyncdiscover "
          "only",
          pool.web_external ? ", WebServicesExternal" : "", sip_why,
          pool.web_external ? "the external web services FQDN, " : "");
      b.certificate(std::move(d));
      continue;
    }
    Certificate d = base(c, pool, role_id, "default", server.fqdn);
    d.subject = pool.fqdn;
    d.usages = {"Default"};
    d.sans = names.sip.take();
    d.ca = ca;
    d.rule = ocs        ? plan::RuleId("cert.ocs-pool")
             : director ? plan::RuleId("cert.director-default")
                        : plan::RuleId("cert.front-end-default");
    d.why = fmt::format("Default (SIP) certificate: {}", sip_why);
    b.certificate(std::move(d));

    Certificate wi = base(c, pool, role_id, "web-internal", server.fqdn);
    wi.subject = pool.fqdn;
    wi.usages = {"WebServicesInternal"};
    wi.sans = names.web_internal.take();
    wi.wildcard_names = wildcard_names(wi.sans, names.wildcard);
    wi.ca = ca;
    wi.rule = director ? plan::RuleId("cert.director-web-internal")
                       : plan::RuleId("cert.front-end-web-internal");
    wi.why = "internal web services: internal web FQDN, server and pool FQDN, every simple URL "
             "(admin included)" +
             std::string(t.mobility ? " and lyncdiscoverinternal" : "");
    b.certificate(std::move(wi));

    if (!pool.web_external) {
      continue;
    }
    Certificate we = base(c, pool, role_id, "web-external", server.fqdn);
    we.subject = pool.fqdn;
    we.usages = {"WebServicesExternal"};
    we.sans = names.web_external.take();
    we.wildcard_names = wildcard_names(we.sans, names.wildcard);
    we.ca = ca;
    we.rule = director ? plan::RuleId("cert.director-web-external")
                       : plan::RuleId("cert.front-end-web-external");
    we.why = "external web services behind the reverse proxy: external web FQDN, meet and dialin" +
             std::string(t.mobility ? ", lyncdiscover" : "") + "; the admin URL stays inside";
    b.certificate(std::move(we));
  }
}

// One OAuthTokenIssuer certificate for the whole deployment (Lync 2013 on): imported once as
// global, replicated to every Front End, Standard Edition server and Director.
void oauth_token_issuer(const Context& c, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  if (!topology::product_facts(t.product).oauth || t.sip_domains.empty()) {
    return;
  }
  std::vector<std::string> servers;
  for (const Pool& pool : t.pools) {
    if (pool.role == Role::front_end || pool.role == Role::standard_edition ||
        pool.role == Role::director) {
      for (const auto& s : pool.servers) {
        servers.push_back(s.fqdn);
      }
    }
  }
  if (servers.empty()) {
    return;
  }
  Certificate o;
  o.id = "oauth-token-issuer";
  o.role = "deployment";
  o.pool = "global";
  o.interface = "oauth";
  o.subject = t.sip_domains.front();
  o.subject_fields = subject_fields(c);
  o.usages = {"OAuthTokenIssuer"};
  o.ca = "public-or-private";
  o.exportable_key = true;
  o.servers = std::move(servers);
  o.rule = "cert.oauth-token-issuer";
  o.why = "server-to-server authentication (Exchange, SharePoint, Office Web Apps, Microsoft 365): "
          "one certificate for the deployment, the SIP domain as subject, no SAN, 2048-bit keys "
          "at least; imported once with Import-CsCertificate -Identity global, which replicates "
          "it to every Front End, Standard Edition server and Director, so its key is exportable";
  b.certificate(std::move(o));
}

void edge(const Context& c, const Pool& pool, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  const bool scaled = pool.servers.size() > 1;
  const bool aol =
      std::find(t.federation.pic.begin(), t.federation.pic.end(), "aol") != t.federation.pic.end();
  Certificate ext = base(c, pool, "edge", "external", "");
  ext.subject = pool.access.fqdn;
  SanList sans;
  sans.add(pool.access.fqdn);
  sans.add(pool.webconf.fqdn);
  sans.add_all(prefixed(c.edge_sip_domains(), "sip."));
  if (t.hosting) {
    sans.add(c.access_target(t.hosting->provider_domain));
  }
  if (t.federation.xmpp) {
    sans.add_all(c.served_domains());
  }
  ext.sans = sans.take();
  ext.usages = {"AccessEdgeExternal", "DataEdgeExternal", "AudioVideoAuthentication"};
  if (t.federation.xmpp) {
    // The XMPP proxy on the Edge serves with the same certificate: its type is XMPPServer
    // (Import-CsCertificate's type list, Lync Server 2013 on).
    ext.usages.push_back("XMPPServer");
  }
  ext.ca = "public";
  ext.exportable_key = scaled;
  ext.client_eku = aol;
  ext.rule = "cert.edge-external";
  ext.why = fmt::format(
      "Access Edge, Web Conferencing Edge and A/V authentication: subject = Access Edge FQDN "
      "(repeated as SAN), Web Conferencing FQDN and sip.<domain> per SIP domain; never the A/V "
      "FQDN, never a wildcard{}{}{}{}",
      t.federation.xmpp ? "; each XMPP domain as a SAN, and assigned to the XMPP proxy too "
                          "(type XMPPServer)"
                        : "",
      aol ? "; client EKU for AOL public IM connectivity" : "",
      scaled ? "; one exportable key shared by every Edge server" : "",
      t.hosting ? fmt::format("; no hosted tenant is on it: tenants' SRVs name the provider's "
                              "Access Edge, which their clients trust without a prompt once "
                              "TrustModelData lists {}",
                              t.hosting->provider_domain)
                : "");
  b.certificate(std::move(ext));

  Certificate in = base(c, pool, "edge", "internal", "");
  in.subject = pool.fqdn;
  in.usages = {"Internal"};
  in.ca = "public-or-private";
  in.exportable_key = scaled;
  in.rule = "cert.edge-internal";
  in.why = "Edge internal interface: subject name only, no SAN" +
           std::string(scaled ? "; same certificate and exportable key on every Edge server" : "");
  b.certificate(std::move(in));
}

void mediation(const Context& c, const Pool& pool, PlanBuilder& b) {
  for (const auto& server : pool.servers) {
    Certificate d = base(c, pool, "mediation", "default", server.fqdn);
    d.subject = pool.fqdn;
    SanList sans;
    sans.add(pool.fqdn);
    sans.add(server.fqdn);
    d.sans = sans.take();
    d.usages = {"Default"};
    d.ca = "private";
    d.rule = "cert.mediation-default";
    d.why = "stand-alone Mediation Server: pool FQDN and server FQDN, no wildcard";
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
    for (const auto& d : c.served_domains()) {
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
    cert.subject_fields = subject_fields(c);
    cert.sans = names;
    cert.ca = "public";
    std::vector<std::string> allowed = simple_url_hosts(c, "meet");
    for (const auto& h : simple_url_hosts(c, "dialin")) {
      allowed.push_back(h);
    }
    for (const auto& d : c.served_domains()) {
      allowed.push_back("lyncdiscover." + d);
    }
    cert.wildcard_names = wildcard_names(names, allowed);
    cert.servers = {"reverse-proxy"};
    cert.rule = "cert.reverse-proxy";
    cert.why = "reverse-proxy listener: every external web services FQDN, meet, dialin, Office "
               "Web Apps and lyncdiscover it publishes; a wildcard may replace meet, dialin "
               "and lyncdiscover only";
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
  cert.subject_fields = subject_fields(c);
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
    case Role::director:
      web_and_sip(c, pool, b);
      break;
    case Role::edge:
      edge(c, pool, b);
      break;
    case Role::mediation:
      mediation(c, pool, b);
      break;
    }
  }
  oauth_token_issuer(c, b);
  reverse_proxy(c, b);
  office_web_apps(c, b);
}

} // namespace lyncplan::rules
