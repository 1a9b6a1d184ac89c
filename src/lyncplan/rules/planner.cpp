// Topology in, Plan out: runs the rule families in order. Pure: no I/O.
#include <lyncplan/rules/families.hpp>
#include <lyncplan/rules/planner.hpp>

#include <array>

namespace lyncplan::rules {
namespace {

using Family = void (*)(const Context&, PlanBuilder&);

// Records first, then zones (which need every record), then what reads the records.
constexpr std::array<Family, 9> kFamilies = {
    edge_dns,     pool_dns,   web_dns,  hosting_dns, assign_zones,
    certificates, publishing, firewall, findings,
};

} // namespace

plan::Plan make_plan(const topology::Topology& topology) {
  const Context context(topology);
  PlanBuilder builder;
  builder.plan().product = to_string(topology.product);
  for (Family family : kFamilies) {
    family(context, builder);
  }
  plan::normalise(builder.plan());
  return std::move(builder.plan());
}

} // namespace lyncplan::rules
