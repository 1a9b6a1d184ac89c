// IP address literals: parsed, normalised and told apart (A or AAAA).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lyncplan::dns {

enum class Family { v4, v6 };

struct IpAddress {
  std::string text; // canonical form (inet_ntop)
  Family family = Family::v4;
  auto operator<=>(const IpAddress&) const = default;
};

// The address written in `text`, or nullopt when it is not an IPv4 or IPv6 literal.
std::optional<IpAddress> parse_ip(std::string_view text);

} // namespace lyncplan::dns
