// The Topology: what a deployment is, as plain values loaded from the topology YAML file.
#pragma once

#include <lyncplan/dns/address.hpp>
#include <lyncplan/util/diagnostic.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::topology {

// Positions and problems in the topology file are the general ones of util.
using util::Diagnostic;
using util::format;
using util::Pos;
using util::sort_diagnostics;

// What each product is and does: topology/products.hpp (one row per value, in this order).
enum class Product { ocs2007r2, lync2010, lync2013, sfb2015, sfb2019, sfbse };
enum class InternalDns { split_brain, pin_point, none };
enum class Role { front_end, standard_edition, director, edge, mediation };
enum class LoadBalancing { none, dns, hardware };
// Where a SIP domain's users live: on premises, split between on premises and Microsoft 365
// (hybrid: every record on premises), or all in Teams (the records lead to Microsoft 365).
enum class DomainMode { on_premises, hybrid, teams_only };
// The Microsoft 365 cloud of the tenant (topology/clouds.hpp).
enum class Cloud { commercial, gcc_high, dod, china };
// How a Front End, Standard Edition or Director server's certificates are cut: Microsoft's
// summaries show Default, internal and external web apart for pools and one for a Director.
enum class CertificateLayout { separate, combined };

struct Server {
  std::string fqdn;
  std::optional<dns::IpAddress> ip; // front end, director, mediation, SE
  Pos pos;
  // Edge servers only:
  std::optional<dns::IpAddress> internal_ip;
  std::optional<dns::IpAddress> external_access, external_webconf, external_av;
  std::optional<dns::IpAddress> nat_access, nat_webconf, nat_av;
  Pos nat_pos; // where nat: was written
  bool has_nat() const { return nat_access || nat_webconf || nat_av; }
};

struct WebName {
  std::string fqdn;
  std::optional<dns::IpAddress> vip;
  Pos pos;
};

// One external Edge service (Access, Web Conferencing, A/V).
struct EdgeService {
  std::string fqdn;
  std::optional<dns::IpAddress> vip;
  int port = 443;
  Pos pos;
  Pos map_pos; // where its mapping starts
  Pos vip_pos; // where vip: was written
};

struct Pool {
  std::string fqdn;
  Role role = Role::front_end;
  // Its version when it differs from the topology's (a side-by-side migration); see product_of.
  std::optional<Product> product;
  // The version it was upgraded in place from, when it was (only where Microsoft supports it).
  std::optional<Product> upgraded_from;
  Pos product_pos, upgraded_from_pos;
  std::string site;
  LoadBalancing load_balancing = LoadBalancing::none;
  std::optional<dns::IpAddress> vip;
  std::vector<Server> servers;
  std::optional<WebName> web_internal; // default: the pool FQDN
  std::optional<WebName> web_external;
  std::optional<bool> sign_in;
  std::optional<CertificateLayout> certificates; // default: the topology's, else by role
  Pos certificates_pos;
  Pos pos;
  // Where keys were written, for validation's messages (line 0: not written).
  Pos map_pos, vip_pos, load_balancing_pos, servers_pos;
  // Edge pools only:
  std::string next_hop;
  std::optional<dns::IpAddress> internal_vip;
  Pos internal_vip_pos;
  EdgeService access, webconf, av;
};

struct SimpleUrls {
  int option = 1;
  std::string base; // options 2 and 3
  bool admin = true;
  std::map<std::string, std::string> meet; // SIP domain -> explicit meet host
  std::string dialin;                      // explicit dial-in host
  Pos pos;
};

struct Federation {
  bool open = true;
  bool xmpp = false;
  std::vector<std::string> pic; // aol, msn, yahoo, skype
  Pos pos;
  Pos xmpp_pos;
};

struct Listener {
  dns::IpAddress ip;
  std::vector<std::string> names;
  Pos pos;
};

struct ReverseProxy {
  std::optional<dns::IpAddress> ip; // the single listener
  std::vector<Listener> listeners;
  Pos pos;
};

struct OfficeWebApps {
  std::string fqdn;
  std::optional<dns::IpAddress> internal_ip;
  Pos pos;
};

struct Hosting {
  std::string provider_domain;
  std::vector<std::string> tenants;
  std::string tenants_file; // the file the tenants came from, as read ("" when listed inline)
  // lyncdiscover.<tenant> as a CNAME to lyncdiscover.<provider> (one record to change when the
  // reverse proxy moves) instead of an A record to its address.
  bool lyncdiscover_cname = false;
  Pos pos;
  Pos lyncdiscover_pos;
};

// A name server of the zones lyncplan writes; its address is the glue a zone holds when the name
// lies inside it.
struct NameServer {
  std::string fqdn;
  std::optional<dns::IpAddress> ip;
  Pos pos;
};

// Who is authoritative for the zones lyncplan writes (the `dns:` section): their SOA and NS
// records, the records' TTL, and the clients the internal view answers.
struct ZoneAuthority {
  std::string primary;    // SOA MNAME
  std::string hostmaster; // SOA RNAME as a name: hostmaster.contoso.net for hostmaster@contoso.net
  std::vector<NameServer> nameservers; // the NS set of every zone; the primary when none is given
  std::uint32_t ttl = 3600;
  std::optional<std::uint32_t> serial; // absent: the CLI gives the input's modification time
  // The networks whose queries the internal view answers (CIDR prefixes, "10.0.0.0/8"); empty:
  // the private ranges (RFC 1918, RFC 4193) and loopback.
  std::vector<std::string> internal_clients;
  // A catalog zone (RFC 9432) of that name lists every zone of the external view, so that
  // secondaries provision the zones by themselves; "" for none.
  std::string catalog;
  // The secondaries the primary notifies and lets transfer the zones (server configurations).
  std::vector<dns::Endpoint> secondaries;
  Pos pos;
};

// The subject fields public CAs require besides the CN, in the order a DN lists them.
struct CertificateSubject {
  std::string country; // ISO 3166 two-letter code
  std::string state, locality, organization, organizational_unit;
};

struct Certificates {
  std::optional<CertificateLayout> layout;
  CertificateSubject subject;
  Pos pos;
};

// A SIP domain's mode, when the topology gives one (`{name: ..., mode: ...}`).
struct DomainSettings {
  DomainMode mode = DomainMode::on_premises;
  // Teams-only: also plan the legacy _sip._tls, sip and lyncdiscover records to Microsoft 365
  // (optional since Microsoft's October 2024 list).
  bool legacy_online_records = false;
  Pos pos;
};

struct Topology {
  std::string source;                   // the file name as given
  Product product{};                    // set by the loader: the topology must name it
  std::vector<std::string> sip_domains; // lower case; the first is the default
  // Domains written as a mapping; a domain absent here is on premises.
  std::map<std::string, DomainSettings, std::less<>> domain_settings;
  Cloud cloud = Cloud::commercial;
  Pos cloud_pos;
  InternalDns internal_dns = InternalDns::split_brain;
  bool mobility = true;
  Pos mobility_pos; // where mobility: was written
  bool strict_dns_naming = false;
  SimpleUrls simple_urls;
  Certificates certificates;
  std::vector<Pool> pools;
  Federation federation;
  std::optional<ReverseProxy> reverse_proxy;
  std::optional<OfficeWebApps> office_web_apps;
  std::optional<Hosting> hosting;
  std::optional<ZoneAuthority> dns;
};

// A SIP domain's settings (the defaults when the topology wrote only its name).
const DomainSettings& settings_of(const Topology& t, std::string_view domain);
inline DomainMode mode_of(const Topology& t, std::string_view domain) {
  return settings_of(t, domain).mode;
}
// The SIP domains whose records lead on premises (on-premises and hybrid), in the topology's
// order: the ones the pools, the Edge and the reverse proxy serve.
std::vector<std::string> served_domains(const Topology& t);
// Whether some SIP domain is hybrid (the deployment is configured for Microsoft 365).
bool has_hybrid(const Topology& t);
bool has_mode(const Topology& t, DomainMode m);
// A pool's version: its own product, else the topology's.
Product product_of(const Topology& t, const Pool& pool);
// Every version the topology runs (its own and its pools'), oldest first, each once.
std::vector<Product> products_in_use(const Topology& t);

const char* to_string(Product p); // topology/products.cpp
const char* to_string(Role r);
const char* to_string(LoadBalancing lb);
const char* to_string(InternalDns mode);
const char* to_string(CertificateLayout layout);

} // namespace lyncplan::topology
