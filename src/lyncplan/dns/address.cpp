// IP address literals: parsed, normalised and told apart (A or AAAA).
#include <lyncplan/dns/address.hpp>

#include <arpa/inet.h>

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

} // namespace lyncplan::dns
