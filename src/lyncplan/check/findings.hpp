// Everything a domain check found, as one list of findings with severities: failed and prompted
// sign-ins, certificate problems, Autodiscover, federation, wildcard records, Microsoft 365
// notes and drift from the plan. Pure.
#pragma once

#include <lyncplan/check/check.hpp>

#include <vector>

namespace lyncplan::check {

std::vector<Finding> collect_findings(const DomainCheck& check);
std::vector<Finding> drift_findings(const verify::Report& drift);

} // namespace lyncplan::check
