// `lyncplan cutover`: the steps that take one SIP domain's DNS from what it holds now (zone
// files or live DNS, asked through a Resolver) to the plan of another mode. Pure over Resolvers.
#pragma once

#include <lyncplan/findings/finding.hpp>
#include <lyncplan/plan/plan.hpp>
#include <lyncplan/resolve/resolver.hpp>
#include <lyncplan/topology/model.hpp>
#include <lyncplan/util/expected.hpp>

#include <string>
#include <vector>

namespace lyncplan::cutover {

enum class Action { change, add, remove };

// One name of one view: the records to delete and the records to add, in that order.
struct Step {
  plan::View view = plan::View::external;
  std::string zone;
  std::string name;
  Action action = Action::add;
  std::vector<plan::DnsRecord> remove; // the values it holds now that the target drops
  std::vector<plan::DnsRecord> add;    // the target's values it lacks
};

struct Request {
  std::string domain;
  topology::DomainMode to = topology::DomainMode::teams_only;
  // What the views hold now; nullptr: the view is not changed (not given).
  const resolve::Resolver* external = nullptr;
  const resolve::Resolver* internal = nullptr;
};

struct Cutover {
  std::string domain;
  topology::DomainMode from = topology::DomainMode::on_premises; // as the topology says
  topology::DomainMode to = topology::DomainMode::teams_only;
  std::vector<std::string> views;       // the views asked
  std::vector<Step> steps;              // external first, then internal; changes, adds, removes
  std::size_t already_right = 0;        // names that already hold the target exactly
  std::vector<findings::Finding> notes; // warnings that matter, errors for what was not asked
  // The same steps as a plan the DNS renderers take: the target's records of the domain (dns)
  // and the values to delete (dns_removals).
  plan::Plan script_plan;
};

// The steps, or an error for a domain the topology does not have.
Expected<Cutover, std::string> plan_cutover(const topology::Topology& topology,
                                            const Request& request);

const char* to_string(Action a);

} // namespace lyncplan::cutover
