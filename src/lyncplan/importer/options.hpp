// What the user adds to an import where the topology document is silent: addresses, the reverse
// proxy, the internal DNS mode and each pool's load balancing; and the parsing of those flags.
#pragma once

#include <lyncplan/util/diagnostic.hpp>
#include <lyncplan/util/expected.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::importer {

struct LoadBalancingChoice {
  std::string mode; // none, dns, hardware
  std::string vip;  // hardware: the pool's VIP; dns: the internal web services' VIP ("" = none)
};

struct ImportOptions {
  std::map<std::string, std::string> addresses; // FQDN (lower case) -> IP
  std::string reverse_proxy_ip;
  std::string internal_dns; // "" = not given (split-brain, with a finding)
  std::map<std::string, LoadBalancingChoice> load_balancing; // pool FQDN (lower case) -> choice
};

// What keeps `name` (lower case) from being a fully qualified host name, or nullopt: the DNS
// rules and at least two labels.
std::optional<std::string> fqdn_problem(std::string_view name);

// `--address FQDN=IP`; the error is the message after "--address 'x': ".
Expected<std::pair<std::string, std::string>, std::string>
parse_address_flag(std::string_view text);
// `--lb POOL=dns[:WEB_VIP]|hardware:VIP|none`.
Expected<std::pair<std::string, LoadBalancingChoice>, std::string>
parse_lb_flag(std::string_view text);
// An `--addresses` CSV file: "fqdn,ip" a line, '#' comments and an optional "fqdn,ip" header;
// every bad line is reported with its line and column.
Expected<std::map<std::string, std::string>, std::vector<util::Diagnostic>>
parse_address_csv(std::string_view text, const std::string& file);

} // namespace lyncplan::importer
