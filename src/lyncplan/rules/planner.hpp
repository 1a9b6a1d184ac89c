// Topology in, Plan out: runs the rule families in order. Pure: no I/O.
#pragma once

#include <lyncplan/plan/plan.hpp>
#include <lyncplan/topology/model.hpp>

namespace lyncplan::rules {

plan::Plan make_plan(const topology::Topology& topology);

} // namespace lyncplan::rules
