// Topology in, Plan out: runs the rule families in order. Pure: no I/O.
#include <lyncplan/rules/families.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <array>
#include <set>
#include <tuple>

namespace lyncplan::rules {
namespace {

using Family = void (*)(const Context&, PlanBuilder&);
using topology::DomainMode;

// Records first, then zones (which need every record), then what reads the records.
constexpr std::array<Family, 10> kFamilies = {
    edge_dns,     pool_dns,     web_dns,    hosting_dns, microsoft365_dns,
    assign_zones, certificates, publishing, firewall,    findings,
};

plan::Plan run_families(const topology::Topology& topology) {
  const Context context(topology);
  PlanBuilder builder;
  builder.plan().product = to_string(topology.product);
  for (Family family : kFamilies) {
    family(context, builder);
  }
  return std::move(builder.plan());
}

auto record_key(const plan::DnsRecord& r) {
  return std::make_tuple(r.view, r.name, r.type, r.value, r.port, r.priority, r.weight);
}

std::set<std::string> certificate_names(const plan::Plan& p) {
  std::set<std::string> names;
  for (const auto& c : p.certificates) {
    names.insert(c.subject);
    names.insert(c.sans.begin(), c.sans.end());
  }
  return names;
}

// What moving the teams-only domains off premises takes away: the plan of the same topology
// with those domains on premises, less the target plan. Records become dns_removals; dropped
// certificate names and publishing rules are said in one finding.
void add_removals(const topology::Topology& topology, plan::Plan& target) {
  topology::Topology before = topology;
  std::vector<std::string> moved;
  for (auto& [name, settings] : before.domain_settings) {
    if (settings.mode == DomainMode::teams_only) {
      settings = topology::DomainSettings{};
      moved.push_back(name);
    }
  }
  const plan::Plan was = run_families(before);
  std::set<decltype(record_key(target.dns.front()))> now;
  for (const auto& r : target.dns) {
    now.insert(record_key(r));
  }
  std::set<std::string> names;
  for (const auto& r : was.dns) {
    if (now.count(record_key(r)) == 0) {
      target.dns_removals.push_back(r);
      names.insert(r.name);
    }
  }
  const std::set<std::string> kept = certificate_names(target);
  std::vector<std::string> dropped;
  for (const auto& n : certificate_names(was)) {
    if (kept.count(n) == 0) {
      dropped.push_back(n);
    }
  }
  std::set<std::string> published, unpublished;
  for (const auto& p : target.publishing) {
    published.insert(p.public_name);
  }
  for (const auto& p : was.publishing) {
    if (published.count(p.public_name) == 0) {
      unpublished.insert(p.public_name);
    }
  }
  std::string message = fmt::format(
      "teams-only: {} on-premises record{} of {} name{} to delete ({}); a record that still "
      "points on premises makes the move to TeamsOnly fail",
      target.dns_removals.size(), target.dns_removals.size() == 1 ? "" : "s", names.size(),
      names.size() == 1 ? "" : "s",
      join(std::vector<std::string>(names.begin(), names.end()), ", "));
  if (!dropped.empty()) {
    message += fmt::format("; the certificates no longer need {} (leave them until the next "
                           "renewal)",
                           join(dropped, ", "));
  }
  if (!unpublished.empty()) {
    message +=
        fmt::format("; the reverse proxy no longer publishes {}",
                    join(std::vector<std::string>(unpublished.begin(), unpublished.end()), ", "));
  }
  if (!target.dns_removals.empty() || !dropped.empty() || !unpublished.empty()) {
    target.findings.push_back({plan::Severity::info, "teams.on-premises-removed", join(moved, ", "),
                               std::move(message),
                               "delete them: --format powershell writes the deletions, lyncplan "
                               "cutover the steps from what DNS holds now",
                               "teams-only-removals"});
  }
}

} // namespace

plan::Plan make_plan(const topology::Topology& topology) {
  plan::Plan plan = run_families(topology);
  if (topology::has_mode(topology, DomainMode::teams_only)) {
    add_removals(topology, plan);
  }
  plan::normalise(plan);
  return plan;
}

} // namespace lyncplan::rules
