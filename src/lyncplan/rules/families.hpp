// The rule families: each is a pure function from the shared Context to plan items.
#pragma once

#include <lyncplan/rules/builder.hpp>
#include <lyncplan/rules/context.hpp>

namespace lyncplan::rules {

void edge_dns(const Context& c, PlanBuilder& b);    // RULES 1-3, 6, 7
void pool_dns(const Context& c, PlanBuilder& b);    // RULES 11-13, 15, 34
void web_dns(const Context& c, PlanBuilder& b);     // RULES 14, 16, 30
void hosting_dns(const Context& c, PlanBuilder& b); // RULES 33
// Hybrid domains' internal records for the Edge; teams-only domains' records to Microsoft 365.
void microsoft365_dns(const Context& c, PlanBuilder& b);
void certificates(const Context& c, PlanBuilder& b); // RULES 18-28, 34, 35
void publishing(const Context& c, PlanBuilder& b);   // RULES 29, 30, 36
void firewall(const Context& c, PlanBuilder& b);     // RULES 31
void findings(const Context& c, PlanBuilder& b);     // RULES 8-10, 13, 33, 35 and the seeds
// Puts every record in its zone per internal_dns mode; runs after the record families.
void assign_zones(const Context& c, PlanBuilder& b); // RULES 5

} // namespace lyncplan::rules
