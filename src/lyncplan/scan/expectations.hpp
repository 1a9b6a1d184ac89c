// What the topology's hosting section expects every tenant to publish, derived once by the
// planner's own hosting rules over a stand-in tenant, then applied to each tenant by name.
#pragma once

#include <lyncplan/plan/plan.hpp>
#include <lyncplan/resolve/message.hpp>
#include <lyncplan/topology/model.hpp>
#include <lyncplan/util/expected.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::scan {

struct ExpectedRecord {
  std::string prefix; // the owner is prefix + "." + tenant ("_sip._tls", "lyncdiscover")
  resolve::WireType type = resolve::WireType::A;
  bool required = true; // optional records may be absent; when present they are judged too
  // SRV: the target and port; A: the addresses. The planner's values, lower case.
  std::string target;
  std::uint16_t port = 0;
  std::vector<std::string> addresses;
  std::string alias; // A: a CNAME to this provider name is as good (RULES 33); "" if none
  std::string_view rule;
  plan::Text why;

  std::string owner(std::string_view tenant) const;
  std::string describe() const; // "sip.contoso.com:443" or "203.0.113.20"
};

struct Expectations {
  std::string provider;
  std::vector<ExpectedRecord> records;
};

// The records each tenant needs under `topology`'s hosting section, in a fixed order; with
// `internal`, also the optional internal names a client tries first (_sipinternaltls._tcp,
// lyncdiscoverinternal), which must then lead to the same place. An error when the topology
// has no hosting section or its plan gives a tenant nothing to publish.
Expected<Expectations, std::string> expectations_for(const topology::Topology& topology,
                                                     bool internal);

} // namespace lyncplan::scan
