// The Resolver interface: one name and type in, an answer out (records, NXDOMAIN, no data,
// server failure or timeout). Every source of DNS truth implements it.
#pragma once

#include <lyncplan/plan/plan.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::resolve {

// `refused`: the server does not answer for this name (an authoritative server asked outside its
// zones); an internal DNS that forwards would ask the public DNS instead.
enum class Status { ok, nxdomain, nodata, servfail, timeout, refused };

const char* to_string(Status s);

// A status that says nothing about the name (the server failed, timed out or refused): never
// to be read as "absent".
constexpr bool could_not_ask(Status s) {
  return s == Status::servfail || s == Status::timeout || s == Status::refused;
}

// One resource record; `value` is the address (A/AAAA) or the target name (CNAME/SRV).
struct Rr {
  std::string name;
  plan::RrType type = plan::RrType::A;
  std::string value;
  std::uint16_t port = 0;
  std::uint16_t priority = 0;
  std::uint16_t weight = 0;
  std::uint32_t ttl = 3600;
  int line = 0; // where it was read, when it came from a file
  std::string file;
  bool operator==(const Rr& o) const {
    return name == o.name && type == o.type && value == o.value && port == o.port &&
           priority == o.priority && weight == o.weight;
  }
};

struct Answer {
  Status status = Status::nxdomain;
  std::vector<Rr> records;         // of the asked type, at the end of any CNAME chain
  std::vector<std::string> cnames; // the aliases followed, in order
  bool from_wildcard = false;      // synthesised from a wildcard record
  bool server_answered = true;     // live: false when no server sent any reply (timeout, ICMP)
  bool cname_loop = false;         // the CNAME chain came back to a name already on it
};

class Resolver {
public:
  virtual ~Resolver() = default;
  virtual Answer query(std::string_view name, plan::RrType type) const = 0;
};

// "sip.contoso.com:443" / "1.2.3.4" / "NXDOMAIN": an answer as one short line.
std::string describe(const Answer& answer);

} // namespace lyncplan::resolve
