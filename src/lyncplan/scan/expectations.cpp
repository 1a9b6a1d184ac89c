// The per-tenant records of a hosting topology, taken from the plan of a stand-in tenant so that
// the scan judges exactly what `lyncplan plan` tells the provider to publish.
#include <lyncplan/dns/name.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/scan/expectations.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace lyncplan::scan {
namespace {

// A name no real tenant has (.invalid is reserved, RFC 6761).
constexpr std::string_view kStandIn = "tenant.lyncplan-scan.invalid";

resolve::WireType wire(plan::RrType t) {
  switch (t) {
  case plan::RrType::SRV:
    return resolve::WireType::SRV;
  case plan::RrType::AAAA:
    return resolve::WireType::AAAA;
  case plan::RrType::CNAME:
    return resolve::WireType::CNAME;
  case plan::RrType::A:
    break;
  }
  return resolve::WireType::A;
}

// The provider's own name with the same first label ("lyncdiscover.<provider>"), when the plan
// gives it the same addresses: a tenant may CNAME to it instead.
std::string alias_for(const plan::Plan& plan, const ExpectedRecord& e,
                      const std::string& provider) {
  const std::string name = e.prefix + "." + provider;
  std::vector<std::string> addresses;
  for (const plan::DnsRecord& r : plan.dns) {
    if (r.view == plan::View::external && r.name == name && r.type == plan::RrType::A) {
      addresses.push_back(r.value);
    }
  }
  std::sort(addresses.begin(), addresses.end());
  return !addresses.empty() && addresses == e.addresses ? name : std::string();
}

ExpectedRecord optional_copy(const ExpectedRecord& of, std::string prefix, std::string_view why) {
  ExpectedRecord e = of;
  e.prefix = std::move(prefix);
  e.required = false;
  e.why = plan::Text(std::string(why));
  return e;
}

} // namespace

std::string ExpectedRecord::owner(std::string_view tenant) const {
  std::string out;
  out.reserve(prefix.size() + 1 + tenant.size());
  out.append(prefix).append(1, '.').append(tenant);
  return out;
}

std::string ExpectedRecord::describe() const {
  if (type == resolve::WireType::SRV) {
    return fmt::format("{}:{}", target, port);
  }
  std::string out;
  for (const std::string& a : addresses) {
    out += out.empty() ? a : ", " + a;
  }
  return alias.empty() ? out : fmt::format("{} (or CNAME {})", out, alias);
}

Expected<Expectations, std::string> expectations_for(const topology::Topology& topology,
                                                     bool internal) {
  if (!topology.hosting) {
    return unexpected(std::string("the topology has no hosting section; expected hosting: "
                                  "{provider_domain: ..., tenants_file: ...}"));
  }
  topology::Topology stand_in = topology;
  stand_in.hosting->tenants = {std::string(kStandIn)};
  const plan::Plan plan = rules::make_plan(stand_in);
  Expectations out;
  out.provider = topology.hosting->provider_domain;
  for (const plan::DnsRecord& r : plan.dns) {
    if (r.view != plan::View::external || !dns::is_within(r.name, kStandIn) || r.name == kStandIn) {
      continue;
    }
    const std::string prefix = r.name.substr(0, r.name.size() - kStandIn.size() - 1);
    auto same = std::find_if(out.records.begin(), out.records.end(), [&](const ExpectedRecord& e) {
      return e.prefix == prefix && e.type == wire(r.type);
    });
    if (same == out.records.end()) {
      ExpectedRecord e;
      e.prefix = prefix;
      e.type = wire(r.type);
      e.rule = r.rule;
      e.why = r.why;
      out.records.push_back(std::move(e));
      same = out.records.end() - 1;
    }
    if (r.type == plan::RrType::SRV || r.type == plan::RrType::CNAME) {
      same->target = r.value;
      same->port = r.port;
    } else {
      same->addresses.push_back(r.value);
    }
  }
  if (out.records.empty()) {
    return unexpected(std::string("the hosting section gives a tenant no records to publish; "
                                  "expected an Edge pool whose Access Edge the tenants point at"));
  }
  for (ExpectedRecord& e : out.records) {
    std::sort(e.addresses.begin(), e.addresses.end());
    if (e.type == resolve::WireType::A) {
      e.alias = alias_for(plan, e, out.provider);
    }
  }
  // Required records in a fixed order: client SRV, federation SRV, then the web names.
  std::stable_sort(out.records.begin(), out.records.end(),
                   [](const ExpectedRecord& a, const ExpectedRecord& b) {
                     return (a.type != resolve::WireType::SRV) < (b.type != resolve::WireType::SRV);
                   });
  if (internal) {
    std::vector<ExpectedRecord> optional;
    for (const ExpectedRecord& e : out.records) {
      if (e.prefix == "_sip._tls") {
        optional.push_back(optional_copy(e, "_sipinternaltls._tcp",
                                         "optional: Lync clients try it before _sip._tls, so when "
                                         "published it must lead to the same Access Edge"));
      } else if (e.prefix == "lyncdiscover") {
        optional.push_back(optional_copy(e, "lyncdiscoverinternal",
                                         "optional: mobile clients try it before lyncdiscover, so "
                                         "when published it must lead to the same place"));
      }
    }
    out.records.insert(out.records.end(), optional.begin(), optional.end());
  }
  return out;
}

} // namespace lyncplan::scan
