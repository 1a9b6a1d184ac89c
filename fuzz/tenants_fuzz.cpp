// Fuzz target: the tenant-list reader (hosting.tenants_file), then the hosting rules.
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/topology/loader.hpp>

#include <cstdint>
#include <string>

namespace {

constexpr const char* kTopology = R"(lyncplan: 1
product: lync2013
sip_domains: [contoso.com]
simple_urls: {option: 3}
pools:
  - fqdn: se.contoso.com
    role: standard-edition
    servers: [{fqdn: se.contoso.com, ip: 10.0.0.5}]
    web: {external: {fqdn: web.contoso.com}}
  - fqdn: edge.contoso.net
    role: edge
    external:
      access: {fqdn: sip.contoso.com}
      webconf: {fqdn: webconf.contoso.com}
      av: {fqdn: av.contoso.com}
    servers:
      - {fqdn: edge.contoso.net, internal_ip: 10.1.0.5, external: {access: 192.0.2.1, webconf: 192.0.2.2, av: 192.0.2.3}}
reverse_proxy: {ip: 192.0.2.9}
hosting: {provider_domain: contoso.com, tenants_file: tenants.txt}
)";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string tenants(reinterpret_cast<const char*>(data), size);
  auto reader = [&](const std::string&) -> std::optional<std::string> { return tenants; };
  auto topology = lyncplan::topology::load_topology(kTopology, "fuzz.yaml", reader);
  if (topology) {
    (void)lyncplan::rules::make_plan(*topology);
  }
  return 0;
}
