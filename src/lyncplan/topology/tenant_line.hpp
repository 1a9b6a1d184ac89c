// One line of a tenant list (hosting.tenants_file, or the list `lyncplan scan` reads): a domain,
// '#' comments and blank lines allowed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lyncplan::topology {

struct TenantLine {
  std::string name;    // lower case; empty when the line is blank or only a comment
  int column = 1;      // where the name starts
  std::string problem; // why the name is not a tenant domain; "" when it is one
};

TenantLine parse_tenant_line(std::string_view line);

} // namespace lyncplan::topology
