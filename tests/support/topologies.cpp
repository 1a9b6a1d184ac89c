// Test helpers: topologies written inline and loaded through the real loader.
#include "support/topologies.hpp"

#include <lyncplan/rules/planner.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace lyncplan::testing {
namespace {

topology::ReadFile reader(const std::map<std::string, std::string>& files) {
  return [files](const std::string& path) -> std::optional<std::string> {
    auto it = files.find(path);
    if (it == files.end()) {
      return std::nullopt;
    }
    return it->second;
  };
}

} // namespace

topology::Topology load(const std::string& yaml, const std::map<std::string, std::string>& files) {
  auto result = topology::load_topology(yaml, "test.yaml", reader(files));
  if (!result) {
    std::string all;
    for (const auto& d : result.error()) {
      all += topology::format(d) + "\n";
    }
    ADD_FAILURE() << "topology did not load:\n" << all;
    return {};
  }
  return *result;
}

std::vector<std::string> load_errors(const std::string& yaml,
                                     const std::map<std::string, std::string>& files) {
  auto result = topology::load_topology(yaml, "test.yaml", reader(files));
  if (result) {
    ADD_FAILURE() << "topology loaded but was expected to fail";
    return {};
  }
  std::vector<std::string> out;
  for (const auto& d : result.error()) {
    out.push_back(topology::format(d));
  }
  return out;
}

plan::Plan plan_of(const std::string& yaml) {
  return rules::make_plan(load(yaml));
}

std::string reference_topology() {
  return R"(lyncplan: 1
product: lync2013
sip_domains: [contoso.com, fabrikam.com]
internal_dns: split-brain
pools:
  - fqdn: pool01.contoso.net
    role: front-end
    load_balancing: hardware
    vip: 192.168.21.100
    servers:
      - {fqdn: fe01.contoso.net, ip: 192.168.21.11}
      - {fqdn: fe02.contoso.net, ip: 192.168.21.12}
    web:
      internal: {fqdn: webint.contoso.net, vip: 192.168.21.120}
      external: {fqdn: webext.contoso.com}
  - fqdn: dirpool.contoso.net
    role: director
    load_balancing: hardware
    vip: 192.168.21.40
    servers: [{fqdn: dir01.contoso.net, ip: 192.168.21.41}]
    web:
      external: {fqdn: webdirext.contoso.com}
  - fqdn: lsedge.contoso.net
    role: edge
    next_hop: dirpool.contoso.net
    external:
      access:  {fqdn: sip.contoso.com}
      webconf: {fqdn: webcon.contoso.com}
      av:      {fqdn: av.contoso.com}
    servers:
      - fqdn: lsedge.contoso.net
        internal_ip: 172.25.33.10
        external: {access: 10.45.16.10, webconf: 10.45.16.20, av: 10.45.16.30}
        nat:      {access: 131.107.155.10, webconf: 131.107.155.20, av: 131.107.155.30}
reverse_proxy: {ip: 131.107.155.40}
office_web_apps: {fqdn: officewebapps01.contoso.com, internal_ip: 192.168.21.60}
)";
}

std::vector<const plan::DnsRecord*> records(const plan::Plan& p, plan::View view,
                                            const std::string& name) {
  std::vector<const plan::DnsRecord*> out;
  for (const auto& r : p.dns) {
    if (r.view == view && r.name == name) {
      out.push_back(&r);
    }
  }
  return out;
}

std::vector<std::string> answers(const plan::Plan& p, plan::View view, const std::string& name) {
  std::vector<std::string> out;
  for (const auto* r : records(p, view, name)) {
    out.push_back(r->type == plan::RrType::SRV
                      ? std::string("SRV ") + r->value + ":" + std::to_string(r->port)
                      : std::string(to_string(r->type)) + " " + r->value);
  }
  std::sort(out.begin(), out.end());
  return out;
}

const plan::Certificate* certificate(const plan::Plan& p, const std::string& id) {
  for (const auto& c : p.certificates) {
    if (c.id == id) {
      return &c;
    }
  }
  return nullptr;
}

const plan::Certificate& cert(const plan::Plan& p, const std::string& id) {
  const auto* c = certificate(p, id);
  if (c == nullptr) {
    ADD_FAILURE() << "no certificate " << id;
    static const plan::Certificate empty;
    return empty;
  }
  return *c;
}

bool has_port(const plan::Plan& p, const std::string& from, const std::string& to,
              const std::string& protocol, const std::string& port) {
  return std::any_of(p.firewall.begin(), p.firewall.end(), [&](const auto& f) {
    return f.from == from && f.to == to && f.protocol == protocol && f.port == port;
  });
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::string> finding_codes(const plan::Plan& p) {
  std::vector<std::string> out;
  for (const auto& f : p.findings) {
    out.push_back(f.code);
  }
  return out;
}

const plan::Finding* finding(const plan::Plan& p, const std::string& code,
                             const std::string& subject) {
  for (const auto& f : p.findings) {
    if (f.code == code && f.subject == subject) {
      return &f;
    }
  }
  return nullptr;
}

Expected<render::Output, std::string> render_with(render::RenderFunction renderer,
                                                  const plan::Plan& plan,
                                                  const render::Options& options) {
  static const topology::Topology none;
  return renderer({plan, none, options});
}

} // namespace lyncplan::testing
