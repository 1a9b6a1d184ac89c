// IP address literals: parsed, normalised and told apart (A or AAAA).
#pragma once

#include <cstdint>
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

// The name of the non-public range holding `ip` (RFC 1918 private, RFC 6598 shared, loopback,
// link-local, unique local), or nullopt for an address the internet can route to.
std::optional<std::string_view> non_public_range(const IpAddress& ip);

// A network written as a CIDR prefix, "10.0.0.0/8" or "fd00::/8"; a bare address is the
// network of that one address (/32, /128).
struct Prefix {
  IpAddress network;
  int length = 0;
  std::string text() const; // "10.0.0.0/8"
};

std::optional<Prefix> parse_prefix(std::string_view text);

// A server address with its port: "IP", "IP:PORT", "[IPv6]:PORT" or a bare IPv6 address.
struct Endpoint {
  IpAddress ip;
  std::uint16_t port = 0;
  std::string text() const; // "127.0.0.1:53", "[::1]:53"
};

std::optional<Endpoint> parse_endpoint(std::string_view text, std::uint16_t default_port);

} // namespace lyncplan::dns
