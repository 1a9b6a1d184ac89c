// Loads a topology file (YAML text) into a Topology, reporting every problem with its position.
#include <lyncplan/dns/name.hpp>
#include <lyncplan/topology/clouds.hpp>
#include <lyncplan/topology/loader.hpp>
#include <lyncplan/topology/products.hpp>
#include <lyncplan/topology/tenant_line.hpp>
#include <lyncplan/topology/yaml_reader.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <unordered_set>

namespace lyncplan::topology {
namespace {

// The product names in the table's order, so that a choice's index is its Product value.
const std::vector<std::string_view> kProducts = [] {
  std::vector<std::string_view> names;
  for (const auto& f : products()) {
    names.push_back(f.name);
  }
  return names;
}();
const std::vector<std::string_view> kInternalDns = {"split-brain", "pin-point", "none"};
const std::vector<std::string_view> kRoles = {"front-end", "standard-edition", "director", "edge",
                                              "mediation"};
const std::vector<std::string_view> kLoadBalancing = {"none", "dns", "hardware"};
const std::vector<std::string_view> kCertificateLayouts = {"separate", "combined"};
const std::vector<std::string_view> kDomainModes = {"on-premises", "hybrid", "teams-only"};
// The cloud names in the table's order, so that a choice's index is its Cloud value.
const std::vector<std::string_view> kClouds = [] {
  std::vector<std::string_view> names;
  for (const auto& f : clouds()) {
    names.push_back(f.name);
  }
  return names;
}();
const std::vector<std::string_view> kPicProviders = {"aol", "msn", "yahoo", "skype"};

class Loader {
public:
  Loader(const std::string& file, const ReadFile& read_file, std::vector<Diagnostic>& out)
      : r_(file, out), read_file_(read_file) {}

  Topology load(const YAML::Node& root);

private:
  void load_sip_domains(const YAML::Node& node, Topology& t);
  void load_simple_urls(const YAML::Node& node, Topology& t);
  Pool load_pool(const YAML::Node& node, std::size_t index);
  Server load_server(const YAML::Node& node, Role role, std::string_view where);
  void load_edge_pool(const YAML::Node& node, Pool& pool, std::string_view where);
  std::optional<WebName> load_web_name(const YAML::Node& node, std::string_view where);
  void load_federation(const YAML::Node& node, Topology& t);
  void load_reverse_proxy(const YAML::Node& node, Topology& t);
  void load_office_web_apps(const YAML::Node& node, Topology& t);
  void load_hosting(const YAML::Node& node, Topology& t);
  void load_dns(const YAML::Node& node, Topology& t);
  std::optional<NameServer> name_server(const YAML::Node& node, const std::string& what);
  void load_certificates(const YAML::Node& node, Topology& t);
  std::optional<CertificateLayout> layout(const YAML::Node& node, std::string_view what);
  void load_tenants_file(const YAML::Node& node, Hosting& hosting);

  YamlReader r_;
  const ReadFile& read_file_;
};

template <class T> void assign(std::optional<T> value, T& target) {
  if (value) {
    target = std::move(*value);
  }
}

Topology Loader::load(const YAML::Node& root) {
  Topology t;
  if (!r_.expect_map(root, "the topology",
                     {"lyncplan", "product", "sip_domains", "cloud", "internal_dns", "mobility",
                      "strict_dns_naming", "simple_urls", "certificates", "pools", "federation",
                      "reverse_proxy", "office_web_apps", "hosting", "dns"})) {
    return t;
  }
  if (auto version = r_.required(root, "lyncplan", "the topology"); version.IsDefined()) {
    auto v = r_.scalar(version, "lyncplan (the schema version)");
    if (v && *v != "1") {
      r_.error(version,
               fmt::format("schema version '{}' is not supported; expected lyncplan: 1", *v));
    }
  }
  if (auto node = r_.required(root, "product", "the topology"); node.IsDefined()) {
    if (auto p = r_.choice(node, "product", kProducts)) {
      t.product = static_cast<Product>(*p);
    }
  }
  if (auto node = r_.required(root, "sip_domains", "the topology"); node.IsDefined()) {
    load_sip_domains(node, t);
  }
  if (auto node = root["cloud"]; node.IsDefined()) {
    t.cloud_pos = r_.pos(node);
    if (auto c = r_.choice(node, "cloud", kClouds)) {
      t.cloud = static_cast<Cloud>(*c);
    }
  }
  if (auto node = root["internal_dns"]; node.IsDefined()) {
    if (auto m = r_.choice(node, "internal_dns", kInternalDns)) {
      t.internal_dns = static_cast<InternalDns>(*m);
    }
  }
  t.mobility = product_facts(t.product).mobility_by_default;
  if (auto node = root["mobility"]; node.IsDefined()) {
    t.mobility_pos = r_.pos(node);
    assign(r_.boolean(node, "mobility"), t.mobility);
  }
  if (auto node = root["strict_dns_naming"]; node.IsDefined()) {
    assign(r_.boolean(node, "strict_dns_naming"), t.strict_dns_naming);
  }
  if (auto node = root["simple_urls"]; node.IsDefined()) {
    load_simple_urls(node, t);
  }
  if (auto node = root["certificates"]; node.IsDefined()) {
    load_certificates(node, t);
  }
  if (auto node = r_.required(root, "pools", "the topology"); node.IsDefined()) {
    if (r_.expect_sequence(node, "pools")) {
      for (std::size_t i = 0; i < node.size(); ++i) {
        t.pools.push_back(load_pool(node[i], i));
      }
    }
  }
  if (auto node = root["federation"]; node.IsDefined()) {
    load_federation(node, t);
  }
  if (auto node = root["reverse_proxy"]; node.IsDefined()) {
    load_reverse_proxy(node, t);
  }
  if (auto node = root["office_web_apps"]; node.IsDefined()) {
    load_office_web_apps(node, t);
  }
  if (auto node = root["hosting"]; node.IsDefined()) {
    load_hosting(node, t);
  }
  if (auto node = root["dns"]; node.IsDefined()) {
    load_dns(node, t);
  }
  return t;
}

std::optional<CertificateLayout> Loader::layout(const YAML::Node& node, std::string_view what) {
  if (auto l = r_.choice(node, what, kCertificateLayouts)) {
    return static_cast<CertificateLayout>(*l);
  }
  return std::nullopt;
}

// certificates: combined | separate, or {layout: ..., subject: {country, state, locality,
// organization, organizational_unit}}.
void Loader::load_certificates(const YAML::Node& node, Topology& t) {
  Certificates& c = t.certificates;
  c.pos = r_.pos(node);
  if (node.IsScalar()) {
    c.layout = layout(node, "certificates");
    return;
  }
  if (!r_.expect_map(node, "certificates", {"layout", "subject"})) {
    return;
  }
  if (auto n = node["layout"]; n.IsDefined()) {
    c.layout = layout(n, "certificates.layout");
  }
  auto subject = node["subject"];
  if (!subject.IsDefined() ||
      !r_.expect_map(subject, "certificates.subject",
                     {"country", "state", "locality", "organization", "organizational_unit"})) {
    return;
  }
  CertificateSubject& s = c.subject;
  for (auto [key, field] :
       {std::pair{"country", &s.country}, std::pair{"state", &s.state},
        std::pair{"locality", &s.locality}, std::pair{"organization", &s.organization},
        std::pair{"organizational_unit", &s.organizational_unit}}) {
    auto n = subject[key];
    if (!n.IsDefined()) {
      continue;
    }
    const std::string what = fmt::format("certificates.subject.{}", key);
    auto value = r_.scalar(n, what);
    if (!value) {
      continue;
    }
    if (value->empty() || value->size() > 64) {
      r_.error(n, fmt::format("{} is {} characters long; expected 1 to 64 (the X.520 upper "
                              "bound CAs enforce)",
                              what, value->size()));
      continue;
    }
    if (auto bad = std::find_if(value->begin(), value->end(),
                                [](char ch) {
                                  return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f ||
                                         ch == '#' || ch == '$' || ch == '"' || ch == '\\';
                                });
        bad != value->end()) {
      r_.error(
          n, fmt::format("{} contains {}; expected text without control characters, #, $, "
                         "\" or \\ (they would change the request's configuration)",
                         what,
                         std::isprint(static_cast<unsigned char>(*bad))
                             ? fmt::format("'{}'", *bad)
                             : fmt::format("the byte 0x{:02x}", static_cast<unsigned char>(*bad))));
      continue;
    }
    if (field == &s.country &&
        (value->size() != 2 || !std::isupper(static_cast<unsigned char>((*value)[0])) ||
         !std::isupper(static_cast<unsigned char>((*value)[1])))) {
      r_.error(n, fmt::format("{} is '{}'; expected a two-letter ISO 3166 code in capitals, "
                              "such as US or DE",
                              what, *value));
      continue;
    }
    *field = *value;
  }
}

void Loader::load_sip_domains(const YAML::Node& node, Topology& t) {
  if (!r_.expect_sequence(node, "sip_domains")) {
    return;
  }
  if (node.size() == 0) {
    r_.error(node, "sip_domains is empty; expected at least one SIP domain");
  }
  for (const auto& item : node) {
    if (!item.IsMap()) {
      if (auto name = r_.host_name(item, "SIP domain")) {
        t.sip_domains.push_back(*name);
      }
      continue;
    }
    // {name: fabrikam.com, mode: hybrid}
    if (!r_.expect_map(item, "a SIP domain", {"name", "mode", "legacy_online_records"})) {
      continue;
    }
    DomainSettings settings;
    settings.pos = r_.pos(item);
    if (auto mode = item["mode"]; mode.IsDefined()) {
      if (auto m = r_.choice(mode, "mode", kDomainModes)) {
        settings.mode = static_cast<DomainMode>(*m);
      }
    }
    if (auto legacy = item["legacy_online_records"]; legacy.IsDefined()) {
      assign(r_.boolean(legacy, "legacy_online_records"), settings.legacy_online_records);
      if (settings.mode != DomainMode::teams_only) {
        r_.error(legacy, "legacy_online_records applies to a teams-only domain only; expected "
                         "mode: teams-only beside it, or no legacy_online_records");
      }
    }
    const YAML::Node name_node = r_.required(item, "name", "a SIP domain");
    if (!name_node.IsDefined()) {
      continue;
    }
    if (auto name = r_.host_name(name_node, "SIP domain")) {
      t.sip_domains.push_back(*name);
      t.domain_settings.emplace(*name, settings);
    }
  }
}

void Loader::load_simple_urls(const YAML::Node& node, Topology& t) {
  SimpleUrls& s = t.simple_urls;
  s.pos = r_.pos(node);
  if (!r_.expect_map(node, "simple_urls", {"option", "base", "admin", "meet", "dialin"})) {
    return;
  }
  if (auto n = node["option"]; n.IsDefined()) {
    assign(r_.integer(n, "simple_urls.option", 1, 3), s.option);
  }
  if (auto n = node["base"]; n.IsDefined()) {
    assign(r_.host_name(n, "simple_urls.base"), s.base);
  }
  if (auto n = node["admin"]; n.IsDefined()) {
    assign(r_.boolean(n, "simple_urls.admin"), s.admin);
  }
  if (auto n = node["dialin"]; n.IsDefined()) {
    assign(r_.host_name(n, "simple_urls.dialin"), s.dialin);
  }
  if (auto n = node["meet"]; n.IsDefined()) {
    if (!n.IsMap()) {
      r_.error(n, "simple_urls.meet is not a mapping; expected {sipdomain: meet host, ...}");
      return;
    }
    for (auto it = n.begin(); it != n.end(); ++it) {
      auto domain = r_.host_name(it->first, "simple_urls.meet SIP domain");
      auto host = r_.host_name(it->second, "simple_urls.meet host");
      if (domain && host) {
        s.meet[*domain] = *host;
      }
    }
  }
}

std::optional<WebName> Loader::load_web_name(const YAML::Node& node, std::string_view where) {
  const std::string what = std::string(where);
  if (!r_.expect_map(node, what, {"fqdn", "vip"})) {
    return std::nullopt;
  }
  WebName w;
  w.pos = r_.pos(node);
  auto fqdn_node = r_.required(node, "fqdn", what);
  if (!fqdn_node.IsDefined()) {
    return std::nullopt;
  }
  auto fqdn = r_.host_name(fqdn_node, what + ".fqdn");
  if (!fqdn) {
    return std::nullopt;
  }
  w.fqdn = *fqdn;
  w.pos = r_.pos(fqdn_node);
  if (auto v = node["vip"]; v.IsDefined()) {
    w.vip = r_.ip(v, what + ".vip");
  }
  return w;
}

Server Loader::load_server(const YAML::Node& node, Role role, std::string_view where) {
  Server s;
  s.pos = r_.pos(node);
  const std::string what = std::string(where);
  const bool edge = role == Role::edge;
  if (!r_.expect_map(
          node, what,
          edge ? std::initializer_list<std::string_view>{"fqdn", "internal_ip", "external", "nat"}
               : std::initializer_list<std::string_view>{"fqdn", "ip"})) {
    return s;
  }
  if (auto n = r_.required(node, "fqdn", what); n.IsDefined()) {
    assign(r_.host_name(n, what + ".fqdn"), s.fqdn);
  }
  if (!edge) {
    if (auto n = r_.required(node, "ip", what); n.IsDefined()) {
      s.ip = r_.ip(n, what + ".ip");
    }
    return s;
  }
  if (auto n = node["internal_ip"]; n.IsDefined()) {
    s.internal_ip = r_.ip(n, what + ".internal_ip");
  }
  auto load_three = [&](const YAML::Node& n, std::string_view key, auto& access, auto& webconf,
                        auto& av) {
    const std::string w = what + "." + std::string(key);
    if (!r_.expect_map(n, w, {"access", "webconf", "av"})) {
      return;
    }
    if (auto a = n["access"]; a.IsDefined()) {
      access = r_.ip(a, w + ".access");
    }
    if (auto a = n["webconf"]; a.IsDefined()) {
      webconf = r_.ip(a, w + ".webconf");
    }
    if (auto a = n["av"]; a.IsDefined()) {
      av = r_.ip(a, w + ".av");
    }
  };
  if (auto n = node["external"]; n.IsDefined()) {
    load_three(n, "external", s.external_access, s.external_webconf, s.external_av);
  }
  if (auto n = node["nat"]; n.IsDefined()) {
    s.nat_pos = r_.pos(n);
    load_three(n, "nat", s.nat_access, s.nat_webconf, s.nat_av);
  }
  return s;
}

void Loader::load_edge_pool(const YAML::Node& node, Pool& pool, std::string_view where) {
  const std::string what = std::string(where);
  pool.next_hop = "";
  if (auto n = node["next_hop"]; n.IsDefined()) {
    assign(r_.host_name(n, what + ".next_hop"), pool.next_hop);
  }
  if (auto n = node["internal"]; n.IsDefined()) {
    if (r_.expect_map(n, what + ".internal", {"vip"})) {
      if (auto v = n["vip"]; v.IsDefined()) {
        pool.internal_vip = r_.ip(v, what + ".internal.vip");
        pool.internal_vip_pos = r_.pos(v);
      }
    }
  }
  auto external = r_.required(node, "external", what);
  if (!external.IsDefined() ||
      !r_.expect_map(external, what + ".external", {"access", "webconf", "av", "ports"})) {
    return;
  }
  auto service = [&](std::string_view key, EdgeService& s) {
    const std::string w = what + ".external." + std::string(key);
    auto n = r_.required(external, key, what + ".external");
    if (!n.IsDefined() || !r_.expect_map(n, w, {"fqdn", "vip"})) {
      return;
    }
    s.pos = r_.pos(n);
    s.map_pos = s.pos;
    if (auto f = r_.required(n, "fqdn", w); f.IsDefined()) {
      assign(r_.host_name(f, w + ".fqdn"), s.fqdn);
      s.pos = r_.pos(f);
    }
    if (auto v = n["vip"]; v.IsDefined()) {
      s.vip = r_.ip(v, w + ".vip");
      s.vip_pos = r_.pos(v);
    }
  };
  service("access", pool.access);
  service("webconf", pool.webconf);
  service("av", pool.av);
  if (auto ports = external["ports"]; ports.IsDefined()) {
    if (r_.expect_map(ports, what + ".external.ports", {"access", "webconf", "av"})) {
      if (auto p = ports["access"]; p.IsDefined()) {
        assign(r_.integer(p, what + ".external.ports.access", 1, 65535), pool.access.port);
      }
      if (auto p = ports["webconf"]; p.IsDefined()) {
        assign(r_.integer(p, what + ".external.ports.webconf", 1, 65535), pool.webconf.port);
      }
      if (auto p = ports["av"]; p.IsDefined()) {
        assign(r_.integer(p, what + ".external.ports.av", 1, 65535), pool.av.port);
      }
    }
  }
}

Pool Loader::load_pool(const YAML::Node& node, std::size_t index) {
  Pool pool;
  pool.pos = r_.pos(node);
  pool.map_pos = pool.pos;
  std::string what = fmt::format("pools[{}]", index);
  if (!r_.expect_map(node, what,
                     {"fqdn", "role", "product", "upgraded_from", "site", "load_balancing", "vip",
                      "servers", "web", "sign_in", "certificates", "next_hop", "internal",
                      "external"})) {
    return pool;
  }
  if (auto n = r_.required(node, "fqdn", what); n.IsDefined()) {
    assign(r_.host_name(n, what + ".fqdn"), pool.fqdn);
    pool.pos = r_.pos(n);
    if (!pool.fqdn.empty()) {
      what = fmt::format("pool {}", pool.fqdn);
    }
  }
  if (auto n = r_.required(node, "role", what); n.IsDefined()) {
    if (auto role = r_.choice(n, "role", kRoles)) {
      pool.role = static_cast<Role>(*role);
    } else {
      return pool;
    }
  } else {
    return pool;
  }
  const bool edge = pool.role == Role::edge;
  // Side-by-side migrations: a pool of another version than the topology's.
  if (auto n = node["product"]; n.IsDefined()) {
    pool.product_pos = r_.pos(n);
    if (auto p = r_.choice(n, "product", kProducts)) {
      pool.product = static_cast<Product>(*p);
    }
  }
  if (auto n = node["upgraded_from"]; n.IsDefined()) {
    pool.upgraded_from_pos = r_.pos(n);
    if (auto p = r_.choice(n, "upgraded_from", kProducts)) {
      pool.upgraded_from = static_cast<Product>(*p);
    }
  }
  if (auto n = node["site"]; n.IsDefined()) {
    assign(r_.scalar(n, what + ".site"), pool.site);
  }
  if (auto n = node["load_balancing"]; n.IsDefined()) {
    if (auto lb = r_.choice(n, "load_balancing", kLoadBalancing)) {
      pool.load_balancing = static_cast<LoadBalancing>(*lb);
      pool.load_balancing_pos = r_.pos(n);
    }
  }
  if (auto n = node["vip"]; n.IsDefined()) {
    if (edge) {
      r_.error(n, fmt::format("{} is an edge pool, whose VIPs are given per interface; expected "
                              "internal.vip and external.<service>.vip",
                              what));
    } else {
      pool.vip = r_.ip(n, what + ".vip");
      pool.vip_pos = r_.pos(n);
    }
  }
  if (auto n = r_.required(node, "servers", what); n.IsDefined()) {
    if (r_.expect_sequence(n, what + ".servers")) {
      pool.servers_pos = r_.pos(n);
      for (std::size_t i = 0; i < n.size(); ++i) {
        pool.servers.push_back(
            load_server(n[i], pool.role, fmt::format("{}.servers[{}]", what, i)));
      }
    }
  }
  if (auto n = node["web"]; n.IsDefined()) {
    if (pool.role == Role::edge || pool.role == Role::mediation) {
      r_.error(n, fmt::format("{} is a {} pool, which has no web services; expected 'web' only "
                              "on front-end, standard-edition and director pools",
                              what, to_string(pool.role)));
    } else if (r_.expect_map(n, what + ".web", {"internal", "external"})) {
      if (auto w = n["internal"]; w.IsDefined()) {
        pool.web_internal = load_web_name(w, what + ".web.internal");
      }
      if (auto w = n["external"]; w.IsDefined()) {
        pool.web_external = load_web_name(w, what + ".web.external");
      }
    }
  }
  if (auto n = node["sign_in"]; n.IsDefined()) {
    pool.sign_in = r_.boolean(n, what + ".sign_in");
    if (pool.role == Role::edge || pool.role == Role::mediation) {
      r_.error(n, fmt::format("{} is a {} pool and cannot sign clients in; expected sign_in only "
                              "on front-end, standard-edition or director pools",
                              what, to_string(pool.role)));
    }
  }
  if (auto n = node["certificates"]; n.IsDefined()) {
    pool.certificates = layout(n, what + ".certificates");
    pool.certificates_pos = r_.pos(n);
  }
  if (edge) {
    load_edge_pool(node, pool, what);
  } else {
    for (std::string_view key : {"next_hop", "internal", "external"}) {
      if (auto n = node[std::string(key)]; n.IsDefined()) {
        r_.error(n, fmt::format("key '{}' is only for edge pools; {} is a {} pool", key, what,
                                to_string(pool.role)));
      }
    }
  }
  return pool;
}

void Loader::load_federation(const YAML::Node& node, Topology& t) {
  Federation& f = t.federation;
  f.pos = r_.pos(node);
  if (!r_.expect_map(node, "federation", {"open", "xmpp", "pic"})) {
    return;
  }
  if (auto n = node["open"]; n.IsDefined()) {
    assign(r_.boolean(n, "federation.open"), f.open);
  }
  if (auto n = node["xmpp"]; n.IsDefined()) {
    assign(r_.boolean(n, "federation.xmpp"), f.xmpp);
    f.xmpp_pos = r_.pos(n);
  }
  if (auto n = node["pic"]; n.IsDefined()) {
    if (r_.expect_sequence(n, "federation.pic")) {
      for (const auto& item : n) {
        if (auto p = r_.choice(item, "PIC provider", kPicProviders)) {
          f.pic.emplace_back(kPicProviders[*p]);
        }
      }
    }
  }
}

void Loader::load_reverse_proxy(const YAML::Node& node, Topology& t) {
  ReverseProxy rp;
  rp.pos = r_.pos(node);
  if (!r_.expect_map(node, "reverse_proxy", {"ip", "listeners"})) {
    return;
  }
  if (auto n = node["ip"]; n.IsDefined()) {
    rp.ip = r_.ip(n, "reverse_proxy.ip");
  }
  if (auto n = node["listeners"];
      n.IsDefined() && r_.expect_sequence(n, "reverse_proxy.listeners")) {
    for (std::size_t i = 0; i < n.size(); ++i) {
      const std::string what = fmt::format("reverse_proxy.listeners[{}]", i);
      const YAML::Node l = n[i];
      if (!r_.expect_map(l, what, {"ip", "names"})) {
        continue;
      }
      Listener listener;
      listener.pos = r_.pos(l);
      auto ip_node = r_.required(l, "ip", what);
      auto ip = ip_node.IsDefined() ? r_.ip(ip_node, what + ".ip") : std::nullopt;
      if (auto names = r_.required(l, "names", what);
          names.IsDefined() && r_.expect_sequence(names, what + ".names")) {
        for (const auto& name : names) {
          if (auto h = r_.host_name(name, what + " name")) {
            listener.names.push_back(*h);
          }
        }
      }
      if (ip) {
        listener.ip = *ip;
        rp.listeners.push_back(std::move(listener));
      }
    }
  }
  if (!node["ip"].IsDefined() && !node["listeners"].IsDefined()) {
    r_.error(node, "reverse_proxy has no listener; expected ip: <public address> or listeners");
  }
  t.reverse_proxy = std::move(rp);
}

void Loader::load_office_web_apps(const YAML::Node& node, Topology& t) {
  if (!r_.expect_map(node, "office_web_apps", {"fqdn", "internal_ip"})) {
    return;
  }
  OfficeWebApps owa;
  owa.pos = r_.pos(node);
  if (auto n = r_.required(node, "fqdn", "office_web_apps"); n.IsDefined()) {
    assign(r_.host_name(n, "office_web_apps.fqdn"), owa.fqdn);
  }
  if (auto n = node["internal_ip"]; n.IsDefined()) {
    owa.internal_ip = r_.ip(n, "office_web_apps.internal_ip");
  }
  t.office_web_apps = std::move(owa);
}

void Loader::load_hosting(const YAML::Node& node, Topology& t) {
  if (!r_.expect_map(node, "hosting",
                     {"provider_domain", "tenants", "tenants_file", "lyncdiscover"})) {
    return;
  }
  Hosting h;
  h.pos = r_.pos(node);
  if (auto n = r_.required(node, "provider_domain", "hosting"); n.IsDefined()) {
    assign(r_.host_name(n, "hosting.provider_domain"), h.provider_domain);
  }
  if (auto n = node["tenants"]; n.IsDefined() && r_.expect_sequence(n, "hosting.tenants")) {
    for (const auto& item : n) {
      if (auto name = r_.host_name(item, "tenant domain")) {
        h.tenants.push_back(*name);
      }
    }
  }
  if (auto n = node["tenants_file"]; n.IsDefined()) {
    load_tenants_file(n, h);
  }
  if (!node["tenants"].IsDefined() && !node["tenants_file"].IsDefined()) {
    r_.error(node, "hosting has no tenants; expected tenants: [...] or tenants_file");
  }
  if (auto n = node["lyncdiscover"]; n.IsDefined()) {
    h.lyncdiscover_pos = r_.pos(n);
    if (auto form = r_.choice(n, "hosting.lyncdiscover", {"a", "cname"})) {
      h.lyncdiscover_cname = *form == 1;
    }
  }
  t.hosting = std::move(h);
}

// dns: {primary, hostmaster, nameservers, ttl, serial, internal_clients, catalog, secondaries}
void Loader::load_dns(const YAML::Node& node, Topology& t) {
  if (!r_.expect_map(node, "dns",
                     {"primary", "hostmaster", "nameservers", "ttl", "serial", "internal_clients",
                      "catalog", "secondaries"})) {
    return;
  }
  ZoneAuthority z;
  z.pos = r_.pos(node);
  if (auto n = r_.required(node, "primary", "dns"); n.IsDefined()) {
    assign(r_.host_name(n, "dns.primary"), z.primary);
  }
  if (auto n = r_.required(node, "hostmaster", "dns"); n.IsDefined()) {
    if (auto text = r_.scalar(n, "dns.hostmaster")) {
      // hostmaster@contoso.net is written hostmaster.contoso.net in the SOA; a dot in the
      // mailbox's own name is escaped (john\.smith.contoso.net).
      const std::size_t at = text->find('@');
      const std::string domain = at == std::string::npos ? *text : text->substr(at + 1);
      std::string mailbox = at == std::string::npos ? "" : text->substr(0, at);
      const auto problem = dns::host_name_problem(domain);
      if (problem ||
          (at != std::string::npos &&
           (mailbox.empty() || mailbox.find_first_of(" \\;()\"") != std::string::npos))) {
        r_.error(n, fmt::format("dns.hostmaster '{}' is not a mailbox; expected an address such "
                                "as hostmaster@contoso.net{}",
                                *text, problem ? " (" + *problem + ")" : ""));
      } else if (at == std::string::npos) {
        z.hostmaster = to_lower(domain);
      } else {
        std::string escaped;
        for (char c : mailbox) {
          escaped += c == '.' ? std::string("\\.") : std::string(1, c);
        }
        z.hostmaster = escaped + "." + to_lower(domain);
      }
    }
  }
  if (auto n = node["nameservers"]; n.IsDefined() && r_.expect_sequence(n, "dns.nameservers")) {
    for (std::size_t i = 0; i < n.size(); ++i) {
      if (auto ns = name_server(n[i], fmt::format("dns.nameservers[{}]", i))) {
        z.nameservers.push_back(std::move(*ns));
      }
    }
    if (n.size() == 0) {
      r_.error(n, "dns.nameservers is empty; expected the names of the zones' name servers");
    }
  } else if (!n.IsDefined() && !z.primary.empty()) {
    z.nameservers.push_back({z.primary, std::nullopt, z.pos});
  }
  if (auto n = node["ttl"]; n.IsDefined()) {
    // RFC 2181 8: a TTL is at most 2^31 - 1.
    if (auto ttl = r_.whole_number(n, "dns.ttl", 1, 2147483647)) {
      z.ttl = static_cast<std::uint32_t>(*ttl);
    }
  }
  if (auto n = node["serial"]; n.IsDefined()) {
    if (auto serial = r_.whole_number(n, "dns.serial", 1, 4294967295)) {
      z.serial = static_cast<std::uint32_t>(*serial);
    }
  }
  if (auto n = node["internal_clients"];
      n.IsDefined() && r_.expect_sequence(n, "dns.internal_clients")) {
    for (const auto& item : n) {
      auto text = r_.scalar(item, "dns.internal_clients entry");
      if (!text) {
        continue;
      }
      if (auto prefix = dns::parse_prefix(*text)) {
        z.internal_clients.push_back(prefix->text());
      } else {
        r_.error(item, fmt::format("dns.internal_clients entry '{}' is not a network; expected an "
                                   "address or a CIDR prefix such as 10.0.0.0/8",
                                   *text));
      }
    }
  }
  if (auto n = node["catalog"]; n.IsDefined()) {
    assign(r_.host_name(n, "dns.catalog"), z.catalog);
  }
  if (auto n = node["secondaries"]; n.IsDefined() && r_.expect_sequence(n, "dns.secondaries")) {
    for (const auto& item : n) {
      auto text = r_.scalar(item, "dns.secondaries entry");
      if (!text) {
        continue;
      }
      if (auto endpoint = dns::parse_endpoint(*text, 53)) {
        z.secondaries.push_back(*endpoint);
      } else {
        r_.error(item, fmt::format("dns.secondaries entry '{}' is not a server address; expected "
                                   "IP or IP:PORT such as 198.51.100.54",
                                   *text));
      }
    }
  }
  t.dns = std::move(z);
}

// A name server: its name, or {fqdn, ip} when the zone must hold its address (glue).
std::optional<NameServer> Loader::name_server(const YAML::Node& node, const std::string& what) {
  NameServer ns;
  ns.pos = r_.pos(node);
  if (node.IsMap()) {
    if (!r_.expect_map(node, what, {"fqdn", "ip"})) {
      return std::nullopt;
    }
    if (auto n = r_.required(node, "fqdn", what); n.IsDefined()) {
      assign(r_.host_name(n, what + ".fqdn"), ns.fqdn);
    }
    if (auto n = node["ip"]; n.IsDefined()) {
      ns.ip = r_.ip(n, what + ".ip");
    }
  } else {
    assign(r_.host_name(node, what), ns.fqdn);
  }
  if (ns.fqdn.empty()) {
    return std::nullopt;
  }
  return ns;
}

void Loader::load_tenants_file(const YAML::Node& node, Hosting& hosting) {
  auto path = r_.scalar(node, "hosting.tenants_file");
  if (!path) {
    return;
  }
  std::filesystem::path full(*path);
  if (full.is_relative()) {
    full = std::filesystem::path(r_.file()).parent_path() / full;
  }
  const std::string shown = full.lexically_normal().string();
  hosting.tenants_file = shown;
  auto text = read_file_(shown);
  if (!text) {
    r_.error(node, fmt::format("tenants_file '{}' cannot be read; expected a readable file of "
                               "tenant domains, one a line",
                               shown));
    return;
  }
  std::string_view rest(*text);
  int line_no = 0;
  while (!rest.empty()) {
    ++line_no;
    const std::size_t nl = rest.find('\n');
    const TenantLine line = parse_tenant_line(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (!line.problem.empty()) {
      r_.error_in(shown, {line_no, line.column}, line.problem);
    } else if (!line.name.empty()) {
      hosting.tenants.push_back(line.name);
    }
  }
}

} // namespace

LoadResult load_topology(std::string_view text, const std::string& file_name,
                         const ReadFile& read_file) {
  std::vector<Diagnostic> diagnostics;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    diagnostics.push_back({file_name,
                           {e.mark.line + 1, e.mark.column + 1},
                           fmt::format("this is not valid YAML: {}; expected the YAML syntax of "
                                       "the topology contract",
                                       e.msg)});
    return unexpected(std::move(diagnostics));
  }
  if (!root.IsDefined() || root.IsNull()) {
    diagnostics.push_back({file_name,
                           {1, 1},
                           "the file is empty; expected a topology (lyncplan: 1, product, "
                           "sip_domains, pools)"});
    return unexpected(std::move(diagnostics));
  }
  Loader loader(file_name, read_file, diagnostics);
  Topology topology = loader.load(root);
  topology.source = file_name;
  validate(topology, diagnostics); // checks skip values that did not load

  if (!diagnostics.empty()) {
    sort_diagnostics(diagnostics);
    return unexpected(std::move(diagnostics));
  }
  return topology;
}

} // namespace lyncplan::topology
