// Topology Builder's two dialects into one Deployment: clusters and services are first read into
// the same small records (keys differ: UniqueId in a .tbxml, SiteId/Number in -AsXml), then the
// roles, servers, web and Edge services are read from those records once.
#include <lyncplan/dns/address.hpp>
#include <lyncplan/dns/name.hpp>
#include <lyncplan/importer/deployment.hpp>
#include <lyncplan/importer/options.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

namespace lyncplan::importer {
namespace {

using Diagnostics = std::vector<util::Diagnostic>;

bool is_true(const std::string* v) {
  return v != nullptr && to_lower(*v) == "true";
}

// Structural elements sit in the topology or the writable-topology namespace depending on the
// dialect; both are Microsoft's and both are accepted, by URI.
bool structural(const XmlElement& e) {
  return e.ns == kNsTopology || e.ns == kNsWritable;
}

const XmlElement* kid(const XmlElement& parent, std::string_view name) {
  for (const XmlElement& c : parent.children) {
    if (c.name == name && structural(c)) {
      return &c;
    }
  }
  return nullptr;
}

std::vector<const XmlElement*> kids(const XmlElement* parent, std::string_view name) {
  std::vector<const XmlElement*> out;
  if (parent == nullptr) {
    return out;
  }
  for (const XmlElement& c : parent->children) {
    if (c.name == name && structural(c)) {
      out.push_back(&c);
    }
  }
  return out;
}

const XmlElement* find_anywhere(const XmlElement& e, std::string_view ns, std::string_view name) {
  if (e.ns == ns && e.name == name) {
    return &e;
  }
  for (const XmlElement& c : e.children) {
    if (const XmlElement* found = find_anywhere(c, ns, name)) {
      return found;
    }
  }
  return nullptr;
}

int to_int(const std::string* v, int fallback) {
  if (v == nullptr || v->empty()) {
    return fallback;
  }
  int n = 0;
  for (char c : *v) {
    if (c < '0' || c > '9' || n > 1'000'000) {
      return fallback;
    }
    n = n * 10 + (c - '0');
  }
  return n;
}

struct ClusterRecord {
  const XmlElement* element = nullptr;
  std::string key;
  std::string fqdn;
  std::string site;
  bool single_machine = false;
  std::vector<const XmlElement*> machines;
};

struct ServiceRecord {
  const XmlElement* element = nullptr;
  std::string key;
  std::string role;
  std::string cluster; // the key of the cluster it is installed on (or whose SQL instance)
  bool on_sql = false;
  int version = 0;
  std::vector<std::string> depends_on; // service keys
};

class Reader {
public:
  explicit Reader(const XmlDocument& doc) : doc_(doc) {}

  Expected<Deployment, Diagnostics> read() {
    const XmlElement& root = doc_.root;
    const XmlElement* topology = nullptr;
    if (root.ns == kNsTopologyBuilder && root.name == "TopologyBuilder") {
      out_.dialect = Dialect::topology_builder;
      const XmlElement* fresh = root.child(kNsTopologyBuilder, "NewTopology");
      topology = fresh != nullptr ? fresh->child(kNsWritable, "PartialTopology") : nullptr;
      if (topology == nullptr) {
        return fail(root, "",
                    "a TopologyBuilder without NewTopology/PartialTopology; expected "
                    "the file Topology Builder saves");
      }
      read_sites_a(*topology);
      read_services_a(*topology);
    } else if (root.ns == kNsTopology && root.name == "Topology") {
      out_.dialect = Dialect::published;
      topology = &root;
    } else {
      topology = find_anywhere(root, kNsTopology, "Topology");
      if (topology == nullptr) {
        return fail(root, "",
                    fmt::format("no Topology element in namespace {}; expected the topology of "
                                "an Export-CsConfiguration file",
                                kNsTopology));
      }
      out_.dialect = Dialect::export_zip;
    }
    if (out_.dialect != Dialect::topology_builder) {
      read_sites_b(*topology);
      read_services_b(*topology);
    }
    read_domains(*topology);
    const XmlElement* urls = topology->child(kNsSimpleUrl, "SimpleUrlConfiguration");
    if (urls == nullptr) {
      urls = find_anywhere(root, kNsSimpleUrl, "SimpleUrlConfiguration");
    }
    if (urls != nullptr) {
      read_simple_urls(*urls);
    }
    build_pools();
    if (!errors_.empty()) {
      util::sort_diagnostics(errors_);
      return unexpected(std::move(errors_));
    }
    return std::move(out_);
  }

private:
  Expected<Deployment, Diagnostics> fail(const XmlElement& e, std::string_view attr,
                                         std::string message) {
    error(e, attr, std::move(message));
    return unexpected(std::move(errors_));
  }
  void error(const XmlElement& e, std::string_view attr, std::string message) {
    errors_.push_back(
        {doc_.file, attr.empty() ? doc_.pos_of(e) : doc_.pos_of(e, attr), std::move(message)});
  }

  // A name from an attribute (or, with attr "", the element's text): lower case; an error for a
  // PowerShell placeholder, and for a name that is not fully qualified when `required`.
  std::optional<std::string> name_of(const XmlElement& e, std::string_view attr, bool required) {
    const std::string* raw = attr.empty() ? &e.text : e.attribute(attr);
    const std::string where = attr.empty() ? e.name : fmt::format("{}@{}", e.name, attr);
    if (raw == nullptr || raw->empty()) {
      if (required) {
        error(e, attr, fmt::format("{} is missing; expected a fully qualified name", where));
      }
      return std::nullopt;
    }
    if (raw->find('$') != std::string::npos) {
      error(e, attr,
            fmt::format("{} is '{}', a PowerShell placeholder; expected the real name "
                        "(this is a script's template: fill it in, or export the "
                        "published topology with Get-CsTopology -AsXml)",
                        where, *raw));
      return std::nullopt;
    }
    std::string name = to_lower(*raw);
    if (required) {
      if (auto problem = fqdn_problem(name)) {
        error(e, attr,
              fmt::format("{} is '{}', which {}; expected a fully qualified name", where, *raw,
                          *problem));
        return std::nullopt;
      }
    }
    return name;
  }

  void read_domains(const XmlElement& topology) {
    const XmlElement* domains = topology.child(kNsTopology, "InternalDomains");
    if (domains == nullptr) {
      error(topology, "",
            fmt::format("{} has no InternalDomains; expected the SIP domains", topology.name));
      return;
    }
    out_.domains_pos = doc_.pos_of(*domains);
    std::set<std::string> seen;
    if (auto d = name_of(*domains, "DefaultDomain", true)) {
      out_.sip_domains.push_back(*d);
      seen.insert(*d);
    }
    if (is_true(domains->attribute("AllowAllDomains"))) {
      out_.notes.push_back("InternalDomains AllowAllDomains=\"true\"");
    }
    for (const XmlElement* d : domains->children_named(kNsTopology, "InternalDomain")) {
      auto name = name_of(*d, "Name", true);
      if (name && seen.insert(*name).second) {
        out_.sip_domains.push_back(*name);
      }
      for (std::string_view flag : {"AllowSubDomains", "Authoritative"}) {
        if (name && is_true(d->attribute(flag))) {
          out_.notes.push_back(fmt::format("{} {}=\"true\"", *name, flag));
        }
      }
    }
  }

  void read_simple_urls(const XmlElement& config) {
    out_.simple_urls_present = true;
    out_.simple_urls_pos = doc_.pos_of(config);
    for (const XmlElement* u : config.children_named(kNsSimpleUrl, "SimpleUrl")) {
      ImportedSimpleUrl url;
      url.component = to_lower(u->attribute("Component") ? *u->attribute("Component") : "");
      url.domain = to_lower(u->attribute("Domain") ? *u->attribute("Domain") : "");
      url.pos = doc_.pos_of(*u);
      const std::string* active = u->attribute("ActiveUrl");
      if (active == nullptr) {
        if (const XmlElement* entry = u->child(kNsSimpleUrl, "SimpleUrlEntry")) {
          active = entry->attribute("Url");
        }
      }
      if (active == nullptr || active->find('$') != std::string::npos) {
        error(*u, "ActiveUrl",
              active == nullptr
                  ? "SimpleUrl without ActiveUrl; expected the URL in use"
                  : fmt::format("SimpleUrl@ActiveUrl is '{}', a PowerShell placeholder; expected "
                                "the real URL",
                                *active));
        continue;
      }
      url.url = to_lower(*active);
      out_.simple_urls.push_back(std::move(url));
    }
  }

  // Dialect A: clusters inside their central sites, keyed by UniqueId.
  void read_sites_a(const XmlElement& partial) {
    for (const XmlElement* site : kids(kid(partial, "CentralSites"), "CentralSite")) {
      const XmlElement* name = kid(*site, "Name");
      const std::string site_name = name != nullptr ? name->text : "";
      for (const XmlElement* c : kids(kid(*site, "Clusters"), "Cluster")) {
        ClusterRecord r;
        r.element = c;
        r.key = c->attribute("UniqueId") ? *c->attribute("UniqueId") : "";
        r.site = site_name;
        r.single_machine = is_true(c->attribute("IsSingleMachineOnly"));
        r.machines = kids(kid(*c, "Machines"), "Machine");
        for (const XmlElement* sql : kids(kid(*c, "SqlInstances"), "SqlInstance")) {
          if (const std::string* id = sql->attribute("UniqueId")) {
            sql_cluster_[*id] = r.key;
          }
        }
        add_cluster(std::move(r));
      }
      for (const XmlElement* branch : kids(kid(*site, "RemoteSites"), "RemoteSite")) {
        for (const XmlElement* c : kids(kid(*branch, "Clusters"), "Cluster")) {
          const std::string* fqdn = c->attribute("Fqdn");
          out_.not_planned.push_back(fmt::format("{} (branch site)", to_lower(fqdn ? *fqdn : "")));
        }
      }
    }
  }

  void read_services_a(const XmlElement& partial) {
    for (const XmlElement* s : kids(kid(partial, "Services"), "Service")) {
      ServiceRecord r;
      r.element = s;
      r.key = s->attribute("UniqueId") ? *s->attribute("UniqueId") : "";
      r.role = s->attribute("RoleName") ? *s->attribute("RoleName") : "";
      r.version = to_int(s->attribute("ServiceVersion"), 0);
      const std::string on = s->attribute("InstalledOn") ? *s->attribute("InstalledOn") : "";
      if (auto sql = sql_cluster_.find(on); sql != sql_cluster_.end()) {
        r.cluster = sql->second;
        r.on_sql = true;
      } else {
        r.cluster = on;
      }
      for (const XmlElement* d : kids(kid(*s, "DependsOn"), "Dependency")) {
        if (const std::string* id = d->attribute("ServiceUniqueId")) {
          r.depends_on.push_back(*id);
        }
      }
      services_.push_back(std::move(r));
    }
  }

  static std::string cluster_key_b(const XmlElement* id) {
    if (id == nullptr) {
      return "";
    }
    return fmt::format("{}:{}", id->attribute("SiteId") ? *id->attribute("SiteId") : "",
                       id->attribute("Number") ? *id->attribute("Number") : "");
  }
  static std::string service_key_b(const XmlElement* id) {
    if (id == nullptr) {
      return "";
    }
    auto a = [&](std::string_view n) { return id->attribute(n) ? *id->attribute(n) : ""; };
    return fmt::format("{}:{}:{}", a("SiteId"), a("RoleName"), a("Instance"));
  }

  // Dialect B: sites by SiteId, clusters by SiteId and Number.
  void read_sites_b(const XmlElement& topology) {
    std::map<std::string, std::string> site_names;
    for (const XmlElement* site : kids(kid(topology, "Sites"), "CentralSite")) {
      const XmlElement* name = kid(*site, "Name");
      site_names[site->attribute("SiteId") ? *site->attribute("SiteId") : ""] =
          name != nullptr ? name->text : "";
    }
    std::set<std::string> branch_sites;
    for (const XmlElement* site : kids(kid(topology, "Sites"), "RemoteSite")) {
      const std::string* id = site->attribute("SiteId");
      branch_sites.insert(id != nullptr ? *id : "");
    }
    for (const XmlElement* c : kids(kid(topology, "Clusters"), "Cluster")) {
      ClusterRecord r;
      r.element = c;
      const XmlElement* id = kid(*c, "ClusterId");
      if (id != nullptr && id->attribute("SiteId") != nullptr &&
          branch_sites.count(*id->attribute("SiteId")) != 0) {
        // A branch site's Survivable Branch Appliance or Server: its records are its vendor's.
        const std::string* fqdn = c->attribute("Fqdn");
        out_.not_planned.push_back(fmt::format("{} (branch site)", to_lower(fqdn ? *fqdn : "")));
        continue;
      }
      r.key = cluster_key_b(id);
      if (id != nullptr && id->attribute("SiteId") != nullptr) {
        r.site = site_names[*id->attribute("SiteId")];
      }
      r.machines = kids(c, "Machine");
      add_cluster(std::move(r));
    }
  }

  void read_services_b(const XmlElement& topology) {
    for (const XmlElement* s : kids(kid(topology, "Services"), "Service")) {
      ServiceRecord r;
      r.element = s;
      const XmlElement* id = kid(*s, "ServiceId");
      r.key = service_key_b(id);
      r.role = id != nullptr && id->attribute("RoleName") ? *id->attribute("RoleName") : "";
      r.version = to_int(s->attribute("ServiceVersion"), 0);
      if (const XmlElement* on = kid(*s, "InstalledOn")) {
        if (const XmlElement* cluster = kid(*on, "ClusterId")) {
          r.cluster = cluster_key_b(cluster);
        } else if (const XmlElement* sql = kid(*on, "SqlInstanceId")) {
          r.cluster = cluster_key_b(kid(*sql, "ClusterId"));
          r.on_sql = true;
        }
      }
      for (const XmlElement* d : kids(kid(*s, "DependsOn"), "Dependency")) {
        r.depends_on.push_back(service_key_b(kid(*d, "ServiceId")));
      }
      services_.push_back(std::move(r));
    }
  }

  void add_cluster(ClusterRecord r) {
    const std::string* fqdn = r.element->attribute("Fqdn");
    r.fqdn = fqdn != nullptr ? *fqdn : "";
    cluster_index_[r.key] = clusters_.size();
    clusters_.push_back(std::move(r));
  }

  const ServiceRecord* service(const std::string& key) const {
    for (const ServiceRecord& s : services_) {
      if (s.key == key) {
        return &s;
      }
    }
    return nullptr;
  }

  static const XmlElement* role_element(const ServiceRecord& s, std::string_view name) {
    return s.element->child(kNsRoles, name);
  }

  std::string yaml_role(const ClusterRecord& c, const std::vector<const ServiceRecord*>& on) {
    auto has = [&](std::string_view role) {
      return std::any_of(on.begin(), on.end(),
                         [&](const ServiceRecord* s) { return s->role == role; });
    };
    for (const ServiceRecord* s : on) {
      if (s->role == "EdgeServer") {
        return "edge";
      }
    }
    for (const ServiceRecord* s : on) {
      if (s->role != "Registrar") {
        continue;
      }
      const XmlElement* registrar = role_element(*s, "RegistrarService");
      if (registrar != nullptr && is_true(registrar->attribute("IsDirector")) &&
          !has("UserServices")) {
        return "director";
      }
      // Standard Edition: its own SQL instance holds the user store (-AsXml), or Topology
      // Builder marks the cluster single-machine.
      const bool own_store =
          std::any_of(services_.begin(), services_.end(), [&](const ServiceRecord& x) {
            return x.role == "UserStore" && x.on_sql && x.cluster == c.key;
          });
      return own_store || c.single_machine ? "standard-edition" : "front-end";
    }
    if (has("MediationServer")) {
      return "mediation";
    }
    return "";
  }

  void read_servers(const ClusterRecord& c, ImportedPool& pool) {
    const bool edge = pool.role == "edge";
    for (const XmlElement* m : c.machines) {
      ImportedServer server;
      server.pos = doc_.pos_of(*m);
      if (m->attribute("Fqdn") != nullptr) {
        server.fqdn = name_of(*m, "Fqdn", true).value_or("");
      } else {
        server.fqdn = pool.fqdn; // a single-machine cluster names its machine by the cluster
      }
      for (const XmlElement* nic : kids(m, "NetInterface")) {
        const std::string side =
            nic->attribute("InterfaceSide") ? *nic->attribute("InterfaceSide") : "";
        const int number = to_int(nic->attribute("InterfaceNumber"), 1);
        const std::string address = usable_address(*nic, "IPAddress");
        const std::string nat = usable_address(*nic, "ConfiguredIPAddress");
        if ((!edge && side == "Primary") || (edge && side == "Internal")) {
          server.ip = address;
        }
        if (edge && side == "External") {
          for (std::size_t s = 0; s < 3; ++s) {
            if (pool.edge_interface[s] == number) {
              server.external[s] = address;
              server.nat[s] = nat;
            }
          }
        }
      }
      pool.servers.push_back(std::move(server));
    }
    if (pool.servers.empty()) {
      ImportedServer server;
      server.fqdn = pool.fqdn;
      server.pos = pool.pos;
      pool.servers.push_back(std::move(server));
    }
  }

  // An address attribute: "" for 0.0.0.0 (listen on every address) or absent; an error when it
  // is not an address at all.
  std::string usable_address(const XmlElement& nic, std::string_view attr) {
    const std::string* v = nic.attribute(attr);
    if (v == nullptr || v->empty() || *v == "0.0.0.0" || *v == "::") {
      return "";
    }
    if (!dns::parse_ip(*v)) {
      error(nic, attr,
            fmt::format("NetInterface@{} is '{}'; expected an IPv4 or IPv6 address", attr, *v));
      return "";
    }
    return *v;
  }

  void read_edge(const ServiceRecord& s, ImportedPool& pool) {
    const XmlElement* ports = s.element->child(kNsRoles, "Ports");
    if (ports == nullptr) {
      return;
    }
    for (const XmlElement* p : ports->children_named(kNsRoles, "Port")) {
      auto a = [&](std::string_view n) { return p->attribute(n) ? *p->attribute(n) : ""; };
      if (a("InterfaceSide") != "External") {
        continue;
      }
      const std::string owner = a("Owner");
      const std::string usage = a("Usage");
      std::optional<std::size_t> which;
      if (owner == "urn:component:AccessEdge" && usage == "SipClient") {
        which = kAccess;
      } else if (owner == "urn:component:DataEdge" && usage == "PsomClient") {
        which = kWebconf;
      } else if (owner == "urn:component:MediaRelayEdge" && usage == "TURNServer" &&
                 a("Protocol") == "Tcp") {
        which = kAv;
      } else if (owner == "urn:component:AccessEdge" && usage == "SipServer") {
        pool.federation = true;
      } else if (owner == "urn:component:XmppFederationProxy" && usage == "XmppServer") {
        pool.xmpp = true;
      }
      if (!which) {
        continue;
      }
      pool.edge_port[*which] = to_int(p->attribute("Port"), 443);
      pool.edge_interface[*which] = to_int(p->attribute("InterfaceNumber"), 1);
      if (auto fqdn = name_of(*p, "ConfiguredFqdn", true)) {
        pool.edge_fqdn[*which] = *fqdn;
      }
    }
    for (const std::string& key : s.depends_on) {
      const ServiceRecord* dep = service(key);
      if (dep != nullptr && dep->role == "Registrar") {
        if (auto it = cluster_index_.find(dep->cluster); it != cluster_index_.end()) {
          pool.next_hop = to_lower(clusters_[it->second].fqdn);
        }
      }
    }
  }

  void read_web(const ServiceRecord& s, ImportedPool& pool) {
    if (const XmlElement* ports = s.element->child(kNsRoles, "Ports")) {
      for (const XmlElement* p : ports->children_named(kNsRoles, "Port")) {
        auto a = [&](std::string_view n) { return p->attribute(n) ? *p->attribute(n) : ""; };
        if (a("Owner") != "urn:component:OCSWebSite" || a("Usage") != "WebSite" ||
            a("InterfaceSide") != "External") {
          continue;
        }
        const bool https = a("Protocol") == "Https";
        const int listening = to_int(p->attribute("Port"), https ? 4443 : 8080);
        const int published = to_int(p->attribute("ConfiguredPort"), https ? 443 : 80);
        if (listening != (https ? 4443 : 8080) || published != (https ? 443 : 80)) {
          pool.web_ports_changed.push_back(
              fmt::format("{} {} published on {}", a("Protocol"), listening, published));
        }
      }
    }
    const XmlElement* web = role_element(s, "WebService");
    if (web == nullptr) {
      return;
    }
    if (const XmlElement* external = web->child(kNsRoles, "ExternalSettings")) {
      if (auto host = name_of(*external, "Host", true)) {
        pool.web_external = *host;
      }
    }
    if (const XmlElement* internal = web->child(kNsRoles, "InternalSettings")) {
      if (auto host = name_of(*internal, "Host", true); host && *host != pool.fqdn) {
        pool.web_internal = *host;
      }
    }
  }

  void read_office_web_apps(const ServiceRecord& s) {
    const XmlElement* wac = role_element(s, "WacService");
    const std::string* url = wac != nullptr ? wac->attribute("DiscoveryUrl") : nullptr;
    if (url == nullptr) {
      return;
    }
    std::string_view rest(*url);
    if (const std::size_t scheme = rest.find("://"); scheme != std::string_view::npos) {
      rest.remove_prefix(scheme + 3);
    }
    std::string host = to_lower(rest.substr(0, rest.find_first_of(":/")));
    if (host.find('$') != std::string::npos) {
      error(*wac, "DiscoveryUrl",
            fmt::format("WacService@DiscoveryUrl is '{}', a PowerShell placeholder; expected the "
                        "real URL",
                        *url));
      return;
    }
    if (auto problem = fqdn_problem(host)) {
      out_.warnings.push_back(
          {doc_.file, doc_.pos_of(*wac, "DiscoveryUrl"),
           fmt::format("Office Web Apps Server '{}' {}; left out of the topology: give "
                       "office_web_apps.fqdn by hand",
                       host, *problem)});
      return;
    }
    out_.office_web_apps = host;
    out_.office_web_apps_pos = doc_.pos_of(*wac);
  }

  void build_pools() {
    for (const ClusterRecord& c : clusters_) {
      std::vector<const ServiceRecord*> on;
      std::set<std::string> role_names;
      for (const ServiceRecord& s : services_) {
        if (s.cluster == c.key) {
          role_names.insert(s.role); // SQL stores included, for the list of what is not planned
          if (!s.on_sql) {
            on.push_back(&s);
          }
        }
      }
      for (const ServiceRecord* s : on) {
        if (s->role == "WacService") {
          read_office_web_apps(*s);
        }
      }
      const std::string role = yaml_role(c, on);
      if (role.empty()) {
        if (!role_names.empty() && role_names != std::set<std::string>{"WacService"}) {
          const std::vector<std::string> roles(role_names.begin(), role_names.end());
          out_.not_planned.push_back(fmt::format("{} ({})", to_lower(c.fqdn), join(roles, ", ")));
        }
        continue;
      }
      ImportedPool pool;
      pool.role = role;
      pool.pos = doc_.pos_of(*c.element);
      pool.fqdn = name_of(*c.element, "Fqdn", true).value_or("");
      pool.site = c.site;
      for (const ServiceRecord* s : on) {
        if (s->version > pool.service_version) {
          pool.service_version = s->version;
          pool.version_pos = doc_.pos_of(*s->element, "ServiceVersion");
        }
        if (s->role == "EdgeServer") {
          read_edge(*s, pool);
        } else if (s->role == "WebServices") {
          read_web(*s, pool);
        }
      }
      read_servers(c, pool);
      out_.pools.push_back(std::move(pool));
    }
  }

  const XmlDocument& doc_;
  Deployment out_;
  Diagnostics errors_;
  std::vector<ClusterRecord> clusters_;
  std::map<std::string, std::size_t> cluster_index_;
  std::map<std::string, std::string> sql_cluster_;
  std::vector<ServiceRecord> services_;
};

} // namespace

std::string_view describe(Dialect d) {
  switch (d) {
  case Dialect::topology_builder:
    return "a Topology Builder file";
  case Dialect::published:
    return "Get-CsTopology -AsXml output";
  case Dialect::export_zip:
    return "an Export-CsConfiguration file";
  }
  return "";
}

Expected<Deployment, std::vector<util::Diagnostic>> read_deployment(const XmlDocument& doc) {
  return Reader(doc).read();
}

} // namespace lyncplan::importer
