// The plan against existing zone data: what is missing or wrong, what breaks a rule although the
// plan would not produce it, and what each problem breaks for which client.
#pragma once

#include <lyncplan/discovery/discover.hpp>
#include <lyncplan/plan/plan.hpp>
#include <lyncplan/simulate/simulate.hpp>
#include <lyncplan/topology/model.hpp>

#include <set>
#include <string>
#include <vector>

namespace lyncplan::verify {

// A finding about one DNS name (rule drift.missing, drift.wrong-value, ...; subject "name type
// (view)"), with what the plan and the zone data say.
struct Problem : plan::Finding {
  std::string view; // internal | external
  std::string name;
  std::string type;
  std::string expected;   // what the plan says ("" when the plan says nothing)
  std::string found;      // what the zone data says
  std::string breaks;     // which clients or partners this hurts
  std::string where;      // file:line of the offending record, when known
  plan::RuleId plan_rule; // the plan rule of the record concerned
};

// A case that signs in worse with the given zones than with the plan's own records.
struct Impact {
  discovery::Outcome planned;
  discovery::Outcome actual;
};

struct Report {
  std::vector<std::string> views_checked;
  std::vector<Problem> problems;
  std::vector<Impact> impact;
};

// `given` holds the zone data of the views that were given (`given_views`).
Report verify(const topology::Topology& topology, const plan::Plan& plan,
              const simulate::DnsWorld& given, const std::vector<std::string>& given_views);

// Scoping to some hosted tenants (check of one tenant, `verify --tenant`): the topology's other
// tenants, the plan without their records, and the given zone data without their names, so that
// tenants not looked at are neither missing nor judged. `tenants` are lower-case domains.
std::set<std::string> other_tenants(const topology::Topology& topology,
                                    const std::set<std::string>& tenants);
plan::Plan without_other_tenants(const plan::Plan& plan, const topology::Topology& topology,
                                 const std::set<std::string>& tenants);
void drop_other_tenants(simulate::DnsWorld& given, const topology::Topology& topology,
                        const std::set<std::string>& tenants);

std::string report_json(const Report& report);
std::string report_table(const Report& report, bool color);

} // namespace lyncplan::verify
