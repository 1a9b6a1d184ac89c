// One hosted tenant at a time: the records the hosting rules give the tenants named, and the
// provider facts their Lync-side steps need, without the provider's own records.
#pragma once

#include <lyncplan/plan/plan.hpp>
#include <lyncplan/topology/model.hpp>
#include <lyncplan/util/expected.hpp>

#include <span>
#include <string>
#include <vector>

namespace lyncplan::tenant {

struct TenantPlan {
  std::string provider;             // hosting.provider_domain
  std::vector<std::string> tenants; // as named, lower case, in the order given
  // Every record of those tenants (the external view; each tenant is its own zone), in the
  // plan's order; nothing of the provider's own.
  plan::Plan plan;
  // The meeting URL host of simple URL option 3 (https://<host>/<tenant>/Meet); "" when the
  // topology uses another option, which needs a name and a SAN per tenant.
  std::string meet_host;
  // Tenants named that the topology's tenant list has (add) or lacks (remove): said, not refused.
  std::vector<std::string> listed, unlisted;
};

// The tenants' part of the plan of `topology`. Problems, all at once: no hosting section, a
// name that is not a domain, the provider's own domain or a SIP domain, a name given twice.
Expected<TenantPlan, std::vector<std::string>> plan_tenants(const topology::Topology& topology,
                                                            std::span<const std::string> names);

} // namespace lyncplan::tenant
