// IP address literals: parsed, normalised and told apart (A or AAAA).
#include <lyncplan/dns/address.hpp>

#include <arpa/inet.h>

#include <charconv>

namespace lyncplan::dns {

std::optional<IpAddress> parse_ip(std::string_view text) {
  if (text.empty() || text.size() > INET6_ADDRSTRLEN) {
    return std::nullopt;
  }
  const std::string copy(text);
  unsigned char buffer[16];
  char canonical[INET6_ADDRSTRLEN];
  if (::inet_pton(AF_INET, copy.c_str(), buffer) == 1) {
    ::inet_ntop(AF_INET, buffer, canonical, sizeof canonical);
    return IpAddress{canonical, Family::v4};
  }
  if (::inet_pton(AF_INET6, copy.c_str(), buffer) == 1) {
    ::inet_ntop(AF_INET6, buffer, canonical, sizeof canonical);
    return IpAddress{canonical, Family::v6};
  }
  return std::nullopt;
}

namespace {

struct Range {
  Family family;
  unsigned char prefix[16];
  int bits;
  std::string_view name;
};

// Addresses the internet does not route to anyone in particular.
constexpr Range kNonPublic[] = {
    {Family::v4, {10}, 8, "RFC 1918 private"},
    {Family::v4, {172, 16}, 12, "RFC 1918 private"},
    {Family::v4, {192, 168}, 16, "RFC 1918 private"},
    {Family::v4, {100, 64}, 10, "RFC 6598 shared (carrier-grade NAT)"},
    {Family::v4, {127}, 8, "loopback"},
    {Family::v4, {169, 254}, 16, "link-local"},
    {Family::v6, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, "loopback"},
    {Family::v6, {0xfe, 0x80}, 10, "link-local"},
    {Family::v6, {0xfc}, 7, "unique local"},
};

bool within(const unsigned char* address, const Range& r) {
  for (int bit = 0; bit < r.bits; ++bit) {
    const int byte = bit / 8;
    const int mask = 0x80 >> (bit % 8);
    if ((address[byte] & mask) != (r.prefix[byte] & mask)) {
      return false;
    }
  }
  return true;
}

} // namespace

std::optional<std::string_view> non_public_range(const IpAddress& ip) {
  unsigned char bytes[16] = {};
  if (::inet_pton(ip.family == Family::v4 ? AF_INET : AF_INET6, ip.text.c_str(), bytes) != 1) {
    return std::nullopt;
  }
  for (const Range& r : kNonPublic) {
    if (r.family == ip.family && within(bytes, r)) {
      return r.name;
    }
  }
  return std::nullopt;
}

std::string Endpoint::text() const {
  const std::string port_text = std::to_string(port);
  return ip.family == Family::v6 ? "[" + ip.text + "]:" + port_text : ip.text + ":" + port_text;
}

std::string Prefix::text() const {
  return network.text + "/" + std::to_string(length);
}

std::optional<Prefix> parse_prefix(std::string_view text) {
  const std::size_t slash = text.find('/');
  auto ip = parse_ip(text.substr(0, slash));
  if (!ip) {
    return std::nullopt;
  }
  const int longest = ip->family == Family::v4 ? 32 : 128;
  int length = longest;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), length);
    if (digits.empty() || r.ec != std::errc() || r.ptr != digits.data() + digits.size() ||
        length < 0 || length > longest) {
      return std::nullopt;
    }
  }
  return Prefix{*ip, length};
}

std::optional<Endpoint> parse_endpoint(std::string_view text, std::uint16_t default_port) {
  std::string_view host = text, port_text;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    host = text.substr(1, close - 1);
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || rest.size() == 1)) {
      return std::nullopt;
    }
    port_text = rest.empty() ? rest : rest.substr(1);
  } else if (const std::size_t colon = text.find(':');
             colon != std::string_view::npos &&
             text.find(':', colon + 1) == std::string_view::npos) {
    host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
    if (port_text.empty()) {
      return std::nullopt;
    }
  }
  auto ip = parse_ip(host);
  if (!ip) {
    return std::nullopt;
  }
  Endpoint out{*ip, default_port};
  if (!port_text.empty()) {
    unsigned port = 0;
    const auto r = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (r.ec != std::errc() || r.ptr != port_text.data() + port_text.size() || port == 0 ||
        port > 65535) {
      return std::nullopt;
    }
    out.port = static_cast<std::uint16_t>(port);
  }
  return out;
}

} // namespace lyncplan::dns
