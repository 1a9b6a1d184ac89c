// One tenant's DNS and Lync steps in each form a hoster applies them: a zone fragment, an
// nsupdate script (RFC 2136), pdnsutil commands (PowerDNS), a Windows DNS script, and the
// Management Shell lines of the Lync side, for adding tenants or removing them.
#pragma once

#include <lyncplan/render/renderer.hpp>
#include <lyncplan/tenant/tenant_plan.hpp>
#include <lyncplan/util/expected.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::tenant {

enum class Change { add, remove };

struct StepForm {
  std::string_view name; // --format value
  std::string_view help;
};

// The forms, in the order --help lists them.
std::span<const StepForm> step_forms();

struct StepOptions {
  Change change = Change::add;
  std::string server;      // nsupdate: "IP PORT" for a `server` line; "" lets nsupdate ask the SOA
  std::string version;     // named in script headers; "" in golden files
  std::string output_name; // the file the steps go to (-o), which a script names in its usage
  std::string source;      // the topology file, named in headers
};

struct Steps {
  std::string text;
  std::vector<std::string> warnings; // what this form cannot do here, for stderr
};

// The steps for `plan`'s tenants in form `form` (one of step_forms()); an error for an unknown
// form or one the product cannot take (the Lync side of OCS).
Expected<Steps, std::string> render_steps(const TenantPlan& plan,
                                          const topology::Topology& topology, std::string_view form,
                                          const StepOptions& options);

} // namespace lyncplan::tenant
