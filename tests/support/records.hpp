// Resource records written briefly in tests: a("sip.contoso.com", "192.0.2.1"), srv(...),
// cname(...).
#pragma once

#include <lyncplan/resolve/resolver.hpp>

#include <cstdint>
#include <string>

namespace lyncplan::testing {

inline resolve::Rr record(const std::string& name, plan::RrType type, const std::string& value,
                          std::uint16_t port = 0, std::uint16_t priority = 0) {
  resolve::Rr r;
  r.name = name;
  r.type = type;
  r.value = value;
  r.port = port;
  r.priority = priority;
  return r;
}
inline resolve::Rr a(const std::string& name, const std::string& address) {
  return record(name, plan::RrType::A, address);
}
inline resolve::Rr cname(const std::string& name, const std::string& target) {
  return record(name, plan::RrType::CNAME, target);
}
inline resolve::Rr srv(const std::string& name, const std::string& target, std::uint16_t port,
                       std::uint16_t priority = 0) {
  return record(name, plan::RrType::SRV, target, port, priority);
}

} // namespace lyncplan::testing
