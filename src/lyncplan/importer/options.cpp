// The import flags read into ImportOptions values: FQDN=IP pairs (one at a time or a CSV file)
// and per-pool load balancing.
#include <lyncplan/dns/address.hpp>
#include <lyncplan/dns/name.hpp>
#include <lyncplan/importer/options.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace lyncplan::importer {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
    s.remove_suffix(1);
  }
  return s;
}

// "" when fine, else what is wrong.
std::string pair_problem(std::string_view fqdn, std::string_view ip) {
  if (auto problem = fqdn_problem(to_lower(fqdn))) {
    return fmt::format("'{}' {}; expected FQDN=IP", fqdn, *problem);
  }
  if (!dns::parse_ip(ip)) {
    return fmt::format("'{}' is not an IPv4 or IPv6 address; expected FQDN=IP", ip);
  }
  return "";
}

} // namespace

std::optional<std::string> fqdn_problem(std::string_view name) {
  if (auto problem = dns::host_name_problem(name)) {
    return "is not a valid DNS name: " + *problem;
  }
  if (dns::is_single_label(name)) {
    return std::string("is a single label, without a domain");
  }
  return std::nullopt;
}

Expected<std::pair<std::string, std::string>, std::string>
parse_address_flag(std::string_view text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    return unexpected(std::string("expected FQDN=IP"));
  }
  const std::string_view fqdn = trim(text.substr(0, eq));
  const std::string_view ip = trim(text.substr(eq + 1));
  if (std::string problem = pair_problem(fqdn, ip); !problem.empty()) {
    return unexpected(problem);
  }
  return std::pair{to_lower(fqdn), std::string(ip)};
}

Expected<std::pair<std::string, LoadBalancingChoice>, std::string>
parse_lb_flag(std::string_view text) {
  constexpr std::string_view kExpected = "expected POOL=dns, POOL=dns:WEB_VIP, "
                                         "POOL=hardware:VIP or POOL=none";
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    return unexpected(std::string(kExpected));
  }
  const std::string pool = to_lower(trim(text.substr(0, eq)));
  if (auto problem = fqdn_problem(pool)) {
    return unexpected(fmt::format("pool '{}' {}; {}", pool, *problem, kExpected));
  }
  std::string_view rest = trim(text.substr(eq + 1));
  LoadBalancingChoice choice;
  const std::size_t colon = rest.find(':');
  choice.mode = to_lower(rest.substr(0, colon));
  if (colon != std::string_view::npos) {
    choice.vip = std::string(trim(rest.substr(colon + 1)));
  }
  const bool known = choice.mode == "dns" || choice.mode == "hardware" || choice.mode == "none";
  if (!known || (choice.mode == "hardware" && choice.vip.empty()) ||
      (choice.mode == "none" && !choice.vip.empty())) {
    return unexpected(std::string(kExpected));
  }
  if (!choice.vip.empty() && !dns::parse_ip(choice.vip)) {
    return unexpected(
        fmt::format("'{}' is not an IPv4 or IPv6 address; {}", choice.vip, kExpected));
  }
  return std::pair{pool, choice};
}

Expected<std::map<std::string, std::string>, std::vector<util::Diagnostic>>
parse_address_csv(std::string_view text, const std::string& file) {
  std::map<std::string, std::string> out;
  std::vector<util::Diagnostic> errors;
  int line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '#' || to_lower(content) == "fqdn,ip") {
      continue;
    }
    const int column = static_cast<int>(content.data() - line.data()) + 1;
    const std::size_t comma = content.find(',');
    if (comma == std::string_view::npos) {
      errors.push_back(
          {file, {line_number, column}, fmt::format("'{}'; expected fqdn,ip", content)});
      continue;
    }
    const std::string_view fqdn = trim(content.substr(0, comma));
    const std::string_view ip = trim(content.substr(comma + 1));
    if (std::string problem = pair_problem(fqdn, ip); !problem.empty()) {
      errors.push_back({file, {line_number, column}, problem});
      continue;
    }
    out[to_lower(fqdn)] = std::string(ip);
  }
  if (!errors.empty()) {
    return unexpected(std::move(errors));
  }
  return out;
}

} // namespace lyncplan::importer
