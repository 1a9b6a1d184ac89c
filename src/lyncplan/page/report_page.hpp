// `lyncplan report`: one self-contained HTML page with the deployment drawn and every table its
// teams need (DNS, certificates, publishing, firewall, clients, live checks, findings).
#pragma once

#include <lyncplan/discovery/discover.hpp>
#include <lyncplan/page/check_results.hpp>
#include <lyncplan/plan/plan.hpp>
#include <lyncplan/topology/model.hpp>

#include <string>
#include <vector>

namespace lyncplan::page {

struct ReportInput {
  const topology::Topology& topology;
  const plan::Plan& plan;
  // Every client's discovery from both sides over the plan's own DNS (--simulate); null: none.
  const std::vector<discovery::Outcome>* outcomes = nullptr;
  std::vector<CheckResults> checks; // --check files, in the order given
  std::string version;              // named at the foot; "" in golden files
};

// How much of a hosting topology's tenants the page shows in full: the rest is counted.
inline constexpr std::size_t kTenantZonesShown = 3;
inline constexpr std::size_t kTenantsNamed = 10;

std::string report_html(const ReportInput& input);

} // namespace lyncplan::page
