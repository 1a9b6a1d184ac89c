// The tenants' records come from the planner itself, run over the topology with only the
// tenants named: the same rules as plan, check and scan, so every command agrees on them.
#include <lyncplan/dns/name.hpp>
#include <lyncplan/rules/context.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/tenant/tenant_plan.hpp>
#include <lyncplan/topology/tenant_line.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

namespace lyncplan::tenant {
namespace {

bool is_tenant_record(const plan::DnsRecord& r, const std::vector<std::string>& tenants) {
  return std::any_of(tenants.begin(), tenants.end(),
                     [&](const std::string& t) { return dns::is_within(r.name, t); });
}

} // namespace

Expected<TenantPlan, std::vector<std::string>> plan_tenants(const topology::Topology& topology,
                                                            std::span<const std::string> names) {
  std::vector<std::string> problems;
  if (!topology.hosting) {
    return unexpected(std::vector<std::string>{
        fmt::format("{} has no hosting section; tenant steps need one (hosting: "
                    "{{provider_domain: ..., tenants_file: ...}})",
                    topology.source)});
  }
  const topology::Hosting& hosting = *topology.hosting;
  TenantPlan out;
  out.provider = hosting.provider_domain;
  std::unordered_set<std::string> seen;
  const std::unordered_set<std::string> listed(hosting.tenants.begin(), hosting.tenants.end());
  for (const std::string& name : names) {
    const topology::TenantLine line = topology::parse_tenant_line(name);
    if (line.name.empty() || !line.problem.empty()) {
      problems.push_back(fmt::format(
          "'{}': {}", name, line.problem.empty() ? "expected a tenant domain" : line.problem));
      continue;
    }
    const std::string& domain = line.name;
    if (dns::is_within(domain, hosting.provider_domain)) {
      problems.push_back(fmt::format("'{}' is the provider's own domain {} or below it; tenants "
                                     "are customer domains",
                                     domain, hosting.provider_domain));
      continue;
    }
    if (std::find(topology.sip_domains.begin(), topology.sip_domains.end(), domain) !=
        topology.sip_domains.end()) {
      problems.push_back(fmt::format("'{}' is one of the topology's sip_domains, planned by "
                                     "lyncplan plan, not a hosted tenant",
                                     domain));
      continue;
    }
    if (!seen.insert(domain).second) {
      problems.push_back(fmt::format("'{}' is named twice; expected each tenant once", domain));
      continue;
    }
    out.tenants.push_back(domain);
    (listed.count(domain) > 0 ? out.listed : out.unlisted).push_back(domain);
  }
  if (!problems.empty()) {
    return unexpected(std::move(problems));
  }
  topology::Topology only_these = topology;
  only_these.hosting->tenants = out.tenants;
  plan::Plan whole = rules::make_plan(only_these);
  for (plan::DnsRecord& r : whole.dns) {
    if (is_tenant_record(r, out.tenants)) {
      out.plan.dns.push_back(std::move(r));
    }
  }
  out.plan.product = whole.product;
  const rules::Context context(only_these);
  if (topology.simple_urls.option == 3) {
    for (const rules::SimpleUrl& url : context.simple_urls()) {
      if (url.kind == "meet") {
        out.meet_host = url.host;
        break;
      }
    }
  }
  return out;
}

} // namespace lyncplan::tenant
