// Simulation results as JSON (one object per case) or as a matrix a person reads in seconds.
#pragma once

#include <lyncplan/discovery/discover.hpp>
#include <lyncplan/findings/finding.hpp>

#include <string>
#include <vector>

namespace lyncplan::report {

// The cases that fail (errors) or prompt (warnings), as findings; cases of clients the product
// does not serve only with `count_unserved` (the user asked for that client by name).
std::vector<findings::Finding> outcome_findings(const std::vector<discovery::Outcome>& outcomes,
                                                bool count_unserved = false);

std::string outcomes_json(const std::vector<discovery::Outcome>& outcomes);
std::string outcomes_table(const std::vector<discovery::Outcome>& outcomes, bool explain,
                           bool color);

} // namespace lyncplan::report
