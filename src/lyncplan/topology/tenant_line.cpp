// Tenant list lines: trimmed, comments dropped, the domain checked like every host name.
#include <lyncplan/dns/name.hpp>
#include <lyncplan/topology/tenant_line.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

namespace lyncplan::topology {

TenantLine parse_tenant_line(std::string_view line) {
  if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) {
    line = line.substr(0, hash);
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  std::size_t indent = 0;
  while (indent < line.size() && (line[indent] == ' ' || line[indent] == '\t')) {
    ++indent;
  }
  line.remove_prefix(indent);
  TenantLine out;
  out.column = static_cast<int>(indent) + 1;
  if (line.empty()) {
    return out;
  }
  if (auto problem = dns::host_name_problem(line)) {
    out.problem = fmt::format("tenant domain '{}' is not a valid DNS name: {}; expected one "
                              "domain a line",
                              printable(line), *problem);
  } else if (dns::is_single_label(line)) {
    out.problem = fmt::format("tenant domain '{}' is a single label; expected a domain such as "
                              "tailspin.com",
                              printable(line));
  }
  out.name = to_lower(line);
  return out;
}

} // namespace lyncplan::topology
