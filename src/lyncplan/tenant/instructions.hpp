// The page a hosting provider hands a customer: the records to publish in the forms registrar
// panels ask for, an ownership record when the provider wants one, and how to check them.
#pragma once

#include <lyncplan/tenant/tenant_plan.hpp>

#include <string>
#include <string_view>

namespace lyncplan::tenant {

// The TXT value that proves `tenant` holds its domain: an HMAC-SHA256 of the tenant under the
// provider's secret, so the provider can compute it again at any time and keeps no list.
std::string ownership_token(std::string_view secret, std::string_view provider,
                            std::string_view tenant);

struct PageOptions {
  std::string ownership; // the TXT value to publish at the tenant's apex; "" for none
  std::string version;   // named at the foot; "" in golden files
};

// One tenant's page (a tenant of `plan`) as plain text, or as one self-contained HTML file.
std::string instructions_text(const TenantPlan& plan, std::string_view tenant,
                              const PageOptions& options);
std::string instructions_html(const TenantPlan& plan, std::string_view tenant,
                              const PageOptions& options);

} // namespace lyncplan::tenant
