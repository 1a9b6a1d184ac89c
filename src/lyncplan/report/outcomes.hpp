// Simulation results as JSON (one object per case) or as a matrix a person reads in seconds.
#pragma once

#include <lyncplan/discovery/discover.hpp>

#include <string>
#include <vector>

namespace lyncplan::report {

std::string outcomes_json(const std::vector<discovery::Outcome>& outcomes);
std::string outcomes_table(const std::vector<discovery::Outcome>& outcomes, bool explain,
                           bool color);

} // namespace lyncplan::report
