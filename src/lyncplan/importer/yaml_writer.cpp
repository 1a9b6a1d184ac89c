// The imported topology as YAML text, line by line, each line remembering the element it came
// from so that a problem the loader finds in it is reported at that element of the XML.
#include <lyncplan/dns/address.hpp>
#include <lyncplan/dns/name.hpp>
#include <lyncplan/importer/yaml_writer.hpp>
#include <lyncplan/topology/products.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace lyncplan::importer {
namespace {

using findings::Severity;

// Service@ServiceVersion per product, as Topology Builder writes it (5 Lync Server 2010, 6 Lync
// Server 2013, 7 Skype for Business Server 2015, 8 Skype for Business Server 2019).
constexpr std::array<std::pair<int, std::string_view>, 4> kServiceVersions = {{
    {5, "lync2010"},
    {6, "lync2013"},
    {7, "sfb2015"},
    {8, "sfb2019"},
}};

std::string_view product_of_version(int version) {
  for (const auto& [v, name] : kServiceVersions) {
    if (v == version) {
      return name;
    }
  }
  return version > kServiceVersions.back().first ? "sfbse" : "";
}

std::string display(std::string_view product) {
  if (auto p = topology::product_named(product)) {
    return std::string(topology::product_facts(*p).display_name);
  }
  return std::string(product);
}

// A YAML double-quoted scalar.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
      continue;
    }
    out += c;
  }
  return out + "\"";
}

struct ParsedUrl {
  std::string host;
  std::string path; // without the leading or trailing '/'
};

ParsedUrl parse_url(std::string_view url) {
  if (const std::size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    url.remove_prefix(scheme + 3);
  }
  const std::size_t slash = url.find('/');
  ParsedUrl out;
  out.host = std::string(url.substr(0, std::min(slash, url.find(':'))));
  if (slash != std::string_view::npos) {
    std::string_view path = url.substr(slash + 1);
    while (!path.empty() && path.back() == '/') {
      path.remove_suffix(1);
    }
    out.path = std::string(path);
  }
  return out;
}

class Writer {
public:
  Writer(const Deployment& d, const ImportOptions& o, std::string source)
      : d_(d), o_(o), source_(std::move(source)) {}

  ImportedYaml write() {
    choose_product();
    header();
    line({}, "lyncplan: 1");
    line(version_pos_,
         fmt::format("product: {}  # Service@ServiceVersion {}", r_.product, top_version_));
    sip_domains();
    internal_dns();
    simple_urls();
    line({}, "pools:");
    for (const ImportedPool& p : d_.pools) {
      pool(p);
    }
    federation();
    reverse_proxy();
    office_web_apps();
    not_planned();
    settings_elsewhere();
    std::stable_sort(r_.findings.begin(), r_.findings.end(),
                     [](const findings::Finding& a, const findings::Finding& b) {
                       return a.severity < b.severity;
                     });
    r_.yaml = std::move(out_);
    r_.origin = std::move(origin_);
    return std::move(r_);
  }

private:
  void line(util::Pos pos, const std::string& text) {
    out_ += text;
    out_ += '\n';
    origin_.push_back(pos);
  }
  void finding(Severity severity, findings::RuleId rule, std::string subject, std::string message,
               std::string fix = {}) {
    r_.findings.emplace_back(severity, rule, std::move(subject), std::move(message),
                             std::move(fix));
  }
  std::string todo() {
    r_.has_todo = true;
    return "TODO";
  }
  // The address given for a name by --address / --addresses, else "".
  std::string given(const std::string& fqdn) const {
    auto it = o_.addresses.find(fqdn);
    return it == o_.addresses.end() ? "" : it->second;
  }

  void choose_product() {
    for (const ImportedPool& p : d_.pools) {
      if (p.service_version > top_version_) {
        top_version_ = p.service_version;
        version_pos_ = p.version_pos;
      }
    }
    r_.product = std::string(product_of_version(top_version_));
    if (r_.product.empty()) {
      r_.product = "sfb2019";
    }
    if (top_version_ > kServiceVersions.back().first) {
      finding(Severity::warning, "import.product-newer", r_.product,
              fmt::format("ServiceVersion {} is newer than the versions lyncplan knows (8 = "
                          "Skype for Business Server 2019); imported as Subscription Edition",
                          top_version_),
              "check `product:` in the YAML");
    }
    std::vector<std::string> older;
    for (const ImportedPool& p : d_.pools) {
      if (p.service_version != 0 && p.service_version != top_version_) {
        older.push_back(fmt::format("{} ({})", p.fqdn, product_of_version(p.service_version)));
      }
    }
    if (!older.empty()) {
      finding(Severity::info, "import.mixed-versions", r_.product,
              fmt::format("pools of different versions: the topology is {}, and these keep "
                          "their own product: {}",
                          r_.product, join(older, ", ")));
    }
  }

  void header() {
    line({}, fmt::format("# Imported by `lyncplan import` from {} ({}), {}.", source_,
                         describe(d_.dialect), display(r_.product)));
    line({}, "# Each value comes from the element named beside it. TODO(import) marks what the "
             "topology");
    line({}, "# does not hold: fill it in, or import again with the flag named there "
             "(lyncplan import --help).");
  }

  void sip_domains() {
    line(d_.domains_pos, fmt::format("sip_domains: [{}]  # InternalDomains: DefaultDomain first",
                                     join(d_.sip_domains, ", ")));
  }

  void internal_dns() {
    if (!o_.internal_dns.empty()) {
      line({}, fmt::format("internal_dns: {}  # --internal-dns", o_.internal_dns));
      return;
    }
    line({}, "internal_dns: split-brain  # not in the topology (--internal-dns split-brain, "
             "pin-point or none)");
    finding(Severity::info, "import.internal-dns-assumed", "internal_dns",
            "the topology does not say how the internal DNS holds the SIP domains; imported as "
            "split-brain (an internal copy of each SIP domain's zone)",
            "--internal-dns pin-point or none if that is not how it is done");
  }

  void simple_urls() {
    if (!d_.simple_urls_present) {
      line({}, "simple_urls: {option: 1}  # not in -AsXml output: meet.<domain>, "
               "dialin.<first>, admin.<first> assumed");
      finding(Severity::warning, "import.simple-urls-assumed", "simple_urls",
              "Get-CsTopology -AsXml holds no simple URLs (they are a CMS setting); imported as "
              "option 1 (meet.<domain>, dialin and admin under the first SIP domain)",
              "compare with Get-CsSimpleUrlConfiguration and edit simple_urls");
      return;
    }
    std::vector<std::pair<std::string, ParsedUrl>> meet; // domain -> url
    std::optional<ParsedUrl> dialin;
    std::optional<ParsedUrl> admin;
    for (const ImportedSimpleUrl& u : d_.simple_urls) {
      if (u.component == "meet") {
        meet.emplace_back(u.domain, parse_url(u.url));
      } else if (u.component == "dialin") {
        dialin = parse_url(u.url);
      } else if (u.component == "admin" || u.component == "cscp") {
        admin = parse_url(u.url);
      }
    }
    const std::string& first = d_.sip_domains.empty() ? std::string() : d_.sip_domains.front();
    auto all_meet = [&](auto&& shape) {
      return !meet.empty() && std::all_of(meet.begin(), meet.end(),
                                          [&](const auto& m) { return shape(m.first, m.second); });
    };
    auto is = [](const std::optional<ParsedUrl>& u, const std::string& host,
                 const std::string& path) { return !u || (u->host == host && u->path == path); };
    const std::string admin_flag = admin ? "" : ", admin: false";
    const util::Pos pos = d_.simple_urls_pos;
    // Option 1: meet.<domain> per domain, dialin.<first>, admin.<first>, no paths.
    if (all_meet([](const std::string& dom, const ParsedUrl& u) {
          return u.host == "meet." + dom && u.path.empty();
        }) &&
        is(dialin, "dialin." + first, "") && is(admin, "admin." + first, "")) {
      line(pos, fmt::format("simple_urls: {{option: 1{}}}  # SimpleUrlConfiguration: "
                            "meet.<domain>, dialin.<first>",
                            admin_flag));
      return;
    }
    // Option 3: one host, <host>/<domain>/meet.
    const std::string base = meet.empty() ? "" : meet.front().second.host;
    if (all_meet([&](const std::string& dom, const ParsedUrl& u) {
          return u.host == base && u.path == dom + "/meet";
        }) &&
        is(dialin, base, "dialin") && is(admin, base, "admin")) {
      line(pos, fmt::format("simple_urls: {{option: 3, base: {}{}}}  # SimpleUrlConfiguration: "
                            "<base>/<domain>/meet",
                            base, admin_flag));
      return;
    }
    // Option 2: <base>/meet on the first domain's host.
    if (all_meet([&](const std::string& /*dom*/, const ParsedUrl& u) {
          return u.host == base && u.path == "meet";
        }) &&
        is(dialin, base, "dialin") && is(admin, base, "admin")) {
      line(pos, fmt::format("simple_urls: {{option: 2, base: {}{}}}  # SimpleUrlConfiguration: "
                            "<base>/meet",
                            base, admin_flag));
      return;
    }
    // Anything else: the hosts as they are (the plan needs the names, not the paths).
    line(pos, "simple_urls:  # SimpleUrlConfiguration: hosts as given (paths do not change DNS)");
    if (!meet.empty()) {
      std::string hosts;
      for (const auto& [dom, u] : meet) {
        hosts += fmt::format("{}{}: {}", hosts.empty() ? "" : ", ", dom, u.host);
      }
      line(pos, fmt::format("  meet: {{{}}}", hosts));
    }
    if (dialin) {
      line(pos, fmt::format("  dialin: {}", dialin->host));
    }
    if (!admin) {
      line(pos, "  admin: false");
    }
  }

  void pool(const ImportedPool& p) {
    line(p.pos, fmt::format("  # Cluster {}{}", p.fqdn,
                            p.site.empty() ? "" : fmt::format(" (site {})", p.site)));
    line(p.pos, fmt::format("  - fqdn: {}", p.fqdn));
    line(p.pos, fmt::format("    role: {}", p.role));
    if (!p.site.empty()) {
      line(p.pos, fmt::format("    site: {}", quoted(p.site)));
    }
    if (p.service_version != 0 && p.service_version != top_version_) {
      line(p.version_pos, fmt::format("    product: {}  # Service@ServiceVersion {}",
                                      product_of_version(p.service_version), p.service_version));
    }
    if (p.role == "edge") {
      edge(p);
      return;
    }
    load_balancing(p);
    line(p.pos, "    servers:");
    for (const ImportedServer& s : p.servers) {
      std::string ip = s.ip.empty() ? given(s.fqdn) : s.ip;
      std::string comment = s.ip.empty() && !ip.empty() ? "  # --address" : "";
      if (ip.empty()) {
        ip = todo();
        comment =
            "  # TODO(import): no address in the topology (0.0.0.0); --address " + s.fqdn + "=IP";
        finding(Severity::error, "import.ip-unpinned", s.fqdn,
                "the server listens on every address (0.0.0.0 in the topology), so its A "
                "record has no address",
                fmt::format("--address {}=IP or --addresses FILE", s.fqdn));
      }
      line(s.pos, fmt::format("      - {{fqdn: {}, ip: {}}}{}", s.fqdn, ip, comment));
    }
    web(p);
  }

  void load_balancing(const ImportedPool& p) {
    const auto chosen = o_.load_balancing.find(p.fqdn);
    if (chosen != o_.load_balancing.end()) {
      const LoadBalancingChoice& c = chosen->second;
      line(p.pos, fmt::format("    load_balancing: {}  # --lb", c.mode));
      if (c.mode == "hardware") {
        line(p.pos, fmt::format("    vip: {}  # --lb", c.vip));
      }
      web_vip_ = c.mode == "dns" ? (c.vip.empty() ? todo() : c.vip) : "";
      if (c.mode == "dns" && c.vip.empty()) {
        web_vip_comment_ = fmt::format("  # TODO(import): --lb {}=dns:WEB_VIP", p.fqdn);
      }
      return;
    }
    web_vip_.clear();
    web_vip_comment_.clear();
    if (p.servers.size() < 2) {
      return;
    }
    if (p.role == "mediation") {
      line(p.pos, "    load_balancing: dns  # several Mediation Servers: DNS load balancing");
      return;
    }
    if (!p.web_internal.empty()) {
      // An internal web FQDN of its own is Topology Builder's way to DNS load balance SIP.
      line(p.pos, "    load_balancing: dns  # WebService/InternalSettings@Host overrides the "
                  "pool FQDN");
      web_vip_ = todo();
      web_vip_comment_ = fmt::format("  # TODO(import): --lb {}=dns:WEB_VIP", p.fqdn);
      finding(Severity::warning, "import.lb-assumed", p.fqdn,
              "the internal web services have their own FQDN, so SIP is DNS load balanced; the "
              "hardware load balancer's VIP for the web services is not in the topology",
              fmt::format("--lb {}=dns:WEB_VIP", p.fqdn));
      return;
    }
    line(p.pos, "    load_balancing: hardware  # the web services share the pool FQDN");
    line(p.pos, fmt::format("    vip: {}  # TODO(import): --lb {}=hardware:VIP", todo(), p.fqdn));
    finding(Severity::warning, "import.lb-assumed", p.fqdn,
            "several servers whose web services share the pool FQDN: a hardware load balancer "
            "in front of them is assumed, and its VIP is not in the topology",
            fmt::format("--lb {}=hardware:VIP (or --lb {}=dns:WEB_VIP with an internal web "
                        "FQDN of its own)",
                        p.fqdn, p.fqdn));
  }

  void web(const ImportedPool& p) {
    if (!p.web_ports_changed.empty()) {
      finding(Severity::warning, "import.web-ports", p.fqdn,
              fmt::format("the external web site does not use Topology Builder's ports ({}); "
                          "lyncplan's publishing rules, firewall plan and proxy configurations "
                          "use IIS 4443 and 8080 behind 443 and 80",
                          join(p.web_ports_changed, ", ")),
              "adjust the reverse proxy's backend ports by hand (plan --backend)");
    }
    const bool internal = !p.web_internal.empty() || !web_vip_.empty();
    if (!internal && p.web_external.empty()) {
      return;
    }
    line(p.pos, "    web:");
    if (internal) {
      const std::string fqdn = p.web_internal.empty() ? todo() : p.web_internal;
      line(p.pos,
           fmt::format("      internal: {{fqdn: {}{}}}{}", fqdn,
                       web_vip_.empty() ? "" : ", vip: " + web_vip_,
                       p.web_internal.empty() ? "  # TODO(import): an internal web FQDN of its own"
                                              : web_vip_comment_));
    }
    if (!p.web_external.empty()) {
      line(p.pos, fmt::format("      external: {{fqdn: {}}}  # WebService/ExternalSettings@Host",
                              p.web_external));
    }
  }

  void edge(const ImportedPool& p) {
    edges_.push_back(&p);
    const bool nat = std::any_of(p.servers.begin(), p.servers.end(), [](const auto& s) {
      return !s.nat[kAv].empty() || !s.nat[kAccess].empty() || !s.nat[kWebconf].empty();
    });
    const auto chosen = o_.load_balancing.find(p.fqdn);
    const bool hardware = chosen != o_.load_balancing.end() && chosen->second.mode == "hardware";
    if (chosen != o_.load_balancing.end()) {
      line(p.pos, fmt::format("    load_balancing: {}  # --lb", chosen->second.mode));
    } else if (p.servers.size() > 1) {
      line(p.pos, fmt::format("    load_balancing: dns  # {}",
                              nat ? "behind NAT: hardware load balancing does not take NAT"
                                  : "assumed (the topology does not say)"));
      if (!nat) {
        finding(
            Severity::warning, "import.lb-assumed", p.fqdn,
            "an Edge pool of several servers: DNS load balancing assumed (the topology "
            "does not say)",
            fmt::format("--lb {}=hardware:VIP if a hardware load balancer is in front", p.fqdn));
      }
    }
    if (!p.next_hop.empty()) {
      line(p.pos, fmt::format("    next_hop: {}  # EdgeServer depends on this pool's Registrar",
                              p.next_hop));
    }
    if (hardware) {
      line(p.pos, fmt::format("    internal: {{vip: {}}}  # --lb", chosen->second.vip));
    }
    line(p.pos, "    external:  # EdgeServer ports: AccessEdge SipClient, DataEdge PsomClient, "
                "MediaRelayEdge TURNServer");
    constexpr std::array<std::string_view, 3> kKeys = {"access", "webconf", "av"};
    for (std::size_t s = 0; s < 3; ++s) {
      std::string fqdn = p.edge_fqdn[s].empty() ? todo() : p.edge_fqdn[s];
      line(p.pos, fmt::format("      {:<8} {{fqdn: {}{}}}", std::string(kKeys[s]) + ":", fqdn,
                              hardware ? ", vip: " + todo() : ""));
    }
    if (p.edge_port != std::array<int, 3>{443, 443, 443}) {
      line(p.pos, fmt::format("      ports: {{access: {}, webconf: {}, av: {}}}",
                              p.edge_port[kAccess] == 0 ? 443 : p.edge_port[kAccess],
                              p.edge_port[kWebconf] == 0 ? 443 : p.edge_port[kWebconf],
                              p.edge_port[kAv] == 0 ? 443 : p.edge_port[kAv]));
    }
    line(p.pos, "    servers:");
    for (const ImportedServer& s : p.servers) {
      edge_server(p, s, hardware);
    }
  }

  void edge_server(const ImportedPool& p, const ImportedServer& s, bool hardware) {
    line(s.pos, fmt::format("      - fqdn: {}", s.fqdn));
    std::string internal = s.ip.empty() ? given(s.fqdn) : s.ip;
    if (internal.empty()) {
      line(s.pos, fmt::format("        internal_ip: {}  # TODO(import): NetInterface Internal "
                              "is 0.0.0.0; --address {}=IP",
                              todo(), s.fqdn));
      finding(Severity::error, "import.ip-unpinned", s.fqdn,
              "the Edge server's internal interface is 0.0.0.0 in the topology, so its internal "
              "A record has no address",
              fmt::format("--address {}=IP", s.fqdn));
    } else {
      line(s.pos, fmt::format("        internal_ip: {}", internal));
    }
    constexpr std::array<std::string_view, 3> kKeys = {"access", "webconf", "av"};
    std::array<std::string, 3> external;
    bool external_todo = false;
    for (std::size_t i = 0; i < 3; ++i) {
      external[i] = s.external[i];
      if (external[i].empty() && p.servers.size() == 1) {
        external[i] = given(p.edge_fqdn[i]);
      }
      if (external[i].empty()) {
        external_todo = true;
      }
    }
    if (hardware && external_todo) {
      return; // behind a hardware load balancer the pool's VIPs are what DNS publishes
    }
    if (external_todo) {
      for (auto& e : external) {
        if (e.empty()) {
          e = todo();
        }
      }
      finding(Severity::error, "import.ip-unpinned", s.fqdn,
              "the Edge server's external interface is 0.0.0.0 in the topology, so the external "
              "records have no address",
              p.servers.size() == 1
                  ? fmt::format("--address {}=IP (the external FQDN of each service)",
                                p.edge_fqdn[kAccess])
                  : std::string("edit servers[].external in the YAML"));
    }
    line(s.pos, fmt::format("        external: {{access: {}, webconf: {}, av: {}}}{}",
                            external[kAccess], external[kWebconf], external[kAv],
                            external_todo ? "  # TODO(import): NetInterface External is 0.0.0.0"
                                          : "  # NetInterface External@IPAddress"));
    const bool any_nat =
        std::any_of(s.nat.begin(), s.nat.end(), [](const auto& n) { return !n.empty(); });
    if (!any_nat) {
      return;
    }
    std::array<std::string, 3> nat = s.nat;
    bool partial = false;
    for (auto& n : nat) {
      if (n.empty()) {
        n = todo();
        partial = true;
      }
    }
    if (partial) {
      finding(Severity::warning, "import.nat-partial", s.fqdn,
              "the topology holds a NAT address for some of the Edge's external addresses only "
              "(Topology Builder keeps the A/V one)",
              "edit servers[].nat in the YAML");
    }
    for (std::size_t i = 0; i < 3; ++i) {
      if (auto ip = dns::parse_ip(nat[i]); ip && dns::non_public_range(*ip)) {
        finding(Severity::warning, "import.nat-private", s.fqdn,
                fmt::format("the NAT address {} of {} is in a private range, so it cannot be "
                            "what the Internet reaches",
                            nat[i], kKeys[i]),
                "give the public address in servers[].nat");
        break;
      }
    }
    line(s.pos, fmt::format("        nat:      {{access: {}, webconf: {}, av: {}}}  # "
                            "NetInterface External@ConfiguredIPAddress",
                            nat[kAccess], nat[kWebconf], nat[kAv]));
  }

  void federation() {
    if (edges_.empty()) {
      return;
    }
    const bool open = std::any_of(edges_.begin(), edges_.end(),
                                  [](const ImportedPool* p) { return p->federation; });
    const bool xmpp =
        std::any_of(edges_.begin(), edges_.end(), [](const ImportedPool* p) { return p->xmpp; });
    line(edges_.front()->pos,
         fmt::format("federation: {{open: {}, xmpp: {}}}  # Edge ports: AccessEdge SipServer, "
                     "XmppFederationProxy",
                     open, xmpp));
  }

  void reverse_proxy() {
    if (!o_.reverse_proxy_ip.empty()) {
      line({}, fmt::format("reverse_proxy: {{ip: {}}}  # --reverse-proxy", o_.reverse_proxy_ip));
      return;
    }
    const bool published =
        !edges_.empty() || std::any_of(d_.pools.begin(), d_.pools.end(), [](const ImportedPool& p) {
          return !p.web_external.empty();
        });
    if (!published) {
      return; // nothing to publish: no reverse proxy needed
    }
    line({}, "# TODO(import): the reverse proxy is not in the topology; --reverse-proxy IP");
    line({}, "# reverse_proxy: {ip: TODO}");
    r_.has_todo = true;
    finding(Severity::warning, "import.rp-missing", "reverse_proxy",
            "the topology does not hold the reverse proxy, so the external web names have no "
            "public address",
            "--reverse-proxy IP (its public address)");
  }

  void office_web_apps() {
    if (d_.office_web_apps.empty()) {
      return;
    }
    const std::string ip = given(d_.office_web_apps);
    line(d_.office_web_apps_pos,
         fmt::format("office_web_apps: {{fqdn: {}{}}}  # WacService@DiscoveryUrl",
                     d_.office_web_apps, ip.empty() ? "" : ", internal_ip: " + ip));
  }

  void not_planned() {
    if (d_.not_planned.empty()) {
      return;
    }
    line({}, "# Not planned (no DNS, certificates or publishing of their own here):");
    for (const auto& c : d_.not_planned) {
      line({}, "#   " + c);
    }
    finding(Severity::info, "import.not-planned", "topology",
            fmt::format("clusters with nothing lyncplan plans: {}", join(d_.not_planned, ", ")));
  }

  void settings_elsewhere() {
    for (const util::Diagnostic& w : d_.warnings) {
      finding(Severity::warning, "import.not-fqdn", "office_web_apps", w.message);
    }
    std::vector<std::string> notes = d_.notes;
    if (!edges_.empty()) {
      notes.emplace_back("federation partners and public IM providers (federation.pic)");
    }
    if (!notes.empty()) {
      finding(Severity::info, "import.settings-elsewhere", "topology",
              fmt::format("read but not planned, or kept in the CMS rather than the topology: {}",
                          join(notes, "; ")),
              "check them with Get-CsAllowedDomain, Get-CsPublicProvider and Get-CsSipDomain");
    }
  }

  const Deployment& d_;
  const ImportOptions& o_;
  std::string source_;
  ImportedYaml r_;
  std::string out_;
  std::vector<util::Pos> origin_;
  int top_version_ = 0;
  util::Pos version_pos_;
  std::string web_vip_;
  std::string web_vip_comment_;
  std::vector<const ImportedPool*> edges_;
};

} // namespace

ImportedYaml write_yaml(const Deployment& d, const ImportOptions& options,
                        const std::string& source_name) {
  return Writer(d, options, source_name).write();
}

} // namespace lyncplan::importer
