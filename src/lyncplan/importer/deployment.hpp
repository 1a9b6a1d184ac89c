// What a Topology Builder document says about a deployment, read from either dialect (a
// Topology Builder file or Get-CsTopology -AsXml, alone or inside a configuration export) into
// plain values: SIP domains, simple URLs, pools with their roles, servers, web and Edge services.
#pragma once

#include <lyncplan/importer/xml_tree.hpp>
#include <lyncplan/util/diagnostic.hpp>
#include <lyncplan/util/expected.hpp>

#include <array>
#include <string>
#include <vector>

namespace lyncplan::importer {

// Namespaces are matched by URI (prefixes change from file to file).
inline constexpr std::string_view kNsTopologyBuilder =
    "urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008";
inline constexpr std::string_view kNsWritable =
    "urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008";
inline constexpr std::string_view kNsTopology =
    "urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008";
inline constexpr std::string_view kNsRoles =
    "urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008";
inline constexpr std::string_view kNsSimpleUrl =
    "urn:schema:Microsoft.Rtc.Management.Settings.SimpleUrl.2008";

enum class Dialect {
  topology_builder, // a .tbxml file: TopologyBuilder/NewTopology/PartialTopology
  published,        // Get-CsTopology -AsXml: Topology
  export_zip,       // Export-CsConfiguration: the Topology inside DocItemSet.xml
};
std::string_view describe(Dialect d);

// The Edge's three external services, in the order the YAML writes them.
enum EdgeService : std::size_t { kAccess = 0, kWebconf = 1, kAv = 2 };

struct ImportedServer {
  std::string fqdn;
  util::Pos pos;
  std::string ip; // Primary (or, on an Edge, Internal) address; "" when 0.0.0.0 or absent
  // Edge servers: the External interface each service uses and the NAT address it has ("" =
  // 0.0.0.0 or none).
  std::array<std::string, 3> external;
  std::array<std::string, 3> nat;
};

struct ImportedPool {
  std::string fqdn;
  util::Pos pos;
  std::string role; // the YAML role: front-end, standard-edition, director, edge, mediation
  std::string site;
  int service_version = 0; // the highest ServiceVersion of its services
  util::Pos version_pos;
  std::vector<ImportedServer> servers;
  std::string web_external; // WebService ExternalSettings@Host
  std::string web_internal; // WebService InternalSettings@Host when it differs from the pool
  // The external web site's ports when they are not Topology Builder's defaults (IIS on 4443 and
  // 8080, published on 443 and 80), as "Https 4443 published on 443"; empty when they are.
  std::vector<std::string> web_ports_changed;
  std::string next_hop; // Edge: the pool of the Registrar it depends on
  // Edge pools: each service's external FQDN, port and interface number.
  std::array<std::string, 3> edge_fqdn;
  std::array<int, 3> edge_port{0, 0, 0};
  std::array<int, 3> edge_interface{1, 1, 1};
  bool federation = false; // the Access Edge's external SipServer (federation) listener
  bool xmpp = false;       // the XMPP federation proxy's external listener
};

struct ImportedSimpleUrl {
  std::string component; // Meet, Dialin, Admin (Cscp)
  std::string domain;    // a SIP domain, or "*"
  std::string url;       // the active URL
  util::Pos pos;
};

struct Deployment {
  Dialect dialect = Dialect::topology_builder;
  std::vector<std::string> sip_domains; // default domain first
  util::Pos domains_pos;
  bool simple_urls_present = false;
  std::vector<ImportedSimpleUrl> simple_urls;
  util::Pos simple_urls_pos;
  std::vector<ImportedPool> pools;
  std::string office_web_apps; // the host of the WacService DiscoveryUrl
  util::Pos office_web_apps_pos;
  std::vector<std::string> not_planned;   // clusters with nothing lyncplan plans: "fqdn (roles)"
  std::vector<std::string> notes;         // what was read but ignored, for findings
  std::vector<util::Diagnostic> warnings; // positioned, not fatal (a WAC name without domain)
};

// Reads the deployment from a parsed document. Placeholders, names without a domain on a pool and
// missing pieces the YAML cannot do without are errors with the element and attribute.
Expected<Deployment, std::vector<util::Diagnostic>> read_deployment(const XmlDocument& doc);

} // namespace lyncplan::importer
