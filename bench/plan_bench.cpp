// Benchmark: a hosting topology with N tenant domains (default 100,000) loaded, planned and
// rendered as JSON and zone files. Prints the time of each phase and the peak memory.
// Target (issue 2): plan + both renderers within 1 s and 300 MB on the 2-core machine.
#include <lyncplan/render/renderer.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/topology/loader.hpp>

#include <fmt/format.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdlib>

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

long peak_rss_mb() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

const char* kTopology = R"(lyncplan: 1
product: lync2013
sip_domains: [contoso.com]
simple_urls: {option: 3, base: lync.contoso.com}
pools:
  - fqdn: pool.contoso.com
    role: front-end
    load_balancing: hardware
    vip: 10.0.0.100
    servers:
      - {fqdn: fe1.contoso.com, ip: 10.0.0.11}
      - {fqdn: fe2.contoso.com, ip: 10.0.0.12}
    web: {external: {fqdn: web.contoso.com}}
  - fqdn: edge.contoso.com
    role: edge
    external:
      access: {fqdn: sip.contoso.com}
      webconf: {fqdn: webconf.contoso.com}
      av: {fqdn: av.contoso.com}
    servers:
      - {fqdn: edge.contoso.com, internal_ip: 172.16.0.10, external: {access: 203.0.113.10, webconf: 203.0.113.11, av: 203.0.113.12}}
reverse_proxy: {ip: 203.0.113.20}
hosting: {provider_domain: contoso.com, tenants_file: tenants.txt}
)";

} // namespace

int main(int argc, char** argv) {
  const long tenants = argc > 1 ? std::atol(argv[1]) : 100000;
  std::string tenant_list;
  tenant_list.reserve(static_cast<std::size_t>(tenants) * 24);
  for (long i = 0; i < tenants; ++i) {
    tenant_list += fmt::format("tenant{:06}.example.com\n", i);
  }
  auto read = [&](const std::string&) -> std::optional<std::string> { return tenant_list; };

  fmt::print("lyncplan plan benchmark: {} tenant domains\n", tenants);
  const auto start = Clock::now();
  auto t0 = Clock::now();
  auto topology = lyncplan::topology::load_topology(kTopology, "bench.yaml", read);
  if (!topology) {
    fmt::print("topology did not load: {}\n", format(topology.error().front()));
    return 2;
  }
  const double load_ms = ms_since(t0);
  t0 = Clock::now();
  const auto plan = lyncplan::rules::make_plan(*topology);
  const double plan_ms = ms_since(t0);
  t0 = Clock::now();
  const auto json = lyncplan::render::render_json({plan, *topology, {}});
  const double json_ms = ms_since(t0);
  t0 = Clock::now();
  const auto zones = lyncplan::render::render_zone({plan, *topology, {}});
  const double zone_ms = ms_since(t0);
  const double total_ms = ms_since(start);
  const long rss = peak_rss_mb();

  fmt::print("  records {}  findings {}  json {:.1f} MB  zone files {}\n", plan.dns.size(),
             plan.findings.size(), static_cast<double>(json->text.size()) / 1e6,
             zones->files.size());
  fmt::print("  load+validate {:8.1f} ms\n", load_ms);
  fmt::print("  plan          {:8.1f} ms\n", plan_ms);
  fmt::print("  render json   {:8.1f} ms\n", json_ms);
  fmt::print("  render zone   {:8.1f} ms\n", zone_ms);
  fmt::print("  total         {:8.1f} ms   (target <= 1000 ms)\n", total_ms);
  fmt::print("  peak memory   {:8} MB   (target <= 300 MB)\n", rss);
  return total_ms <= 1000 && rss <= 300 ? 0 : 1;
}
