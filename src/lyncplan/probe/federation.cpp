// Federation readiness of one SIP domain from its DNS (DISCOVERY.md 4, 5).
#include <lyncplan/dns/name.hpp>
#include <lyncplan/probe/federation.hpp>
#include <lyncplan/topology/clouds.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <set>

namespace lyncplan::probe {
namespace {

using plan::RrType;
using plan::Severity;

constexpr int kFederationPort = 5061; // DISCOVERY.md 4
constexpr int kXmppPort = 5269;

std::vector<std::string> addresses_of(const resolve::Resolver& dns, const std::string& host) {
  std::vector<std::string> out;
  for (const RrType type : {RrType::A, RrType::AAAA}) {
    for (const auto& r : dns.query(host, type).records) {
      out.push_back(r.value);
    }
  }
  return out;
}

} // namespace

bool is_microsoft_online(std::string_view host) {
  return topology::microsoft_cloud_of(host).has_value();
}

FederationReadiness federation_readiness(const resolve::Resolver& dns, std::string_view domain,
                                         std::string_view hosted_target) {
  FederationReadiness out;
  out.domain = to_lower(domain);
  auto problem = [&](Severity s, plan::RuleId rule, std::string message) {
    out.problems.push_back({s, rule, "_sipfederationtls._tcp." + out.domain, std::move(message)});
  };
  const std::string srv_name = "_sipfederationtls._tcp." + out.domain;
  const resolve::Answer srv = dns.query(srv_name, RrType::SRV);
  if (resolve::could_not_ask(srv.status)) {
    problem(Severity::error, "federation.dns",
            fmt::format("{} SRV: {}; partners cannot tell whether you federate", srv_name,
                        resolve::to_string(srv.status)));
  } else if (srv.records.empty()) {
    problem(Severity::warning, "federation.no-federation-srv",
            fmt::format("{} has no SRV record: partners that discover federation by DNS (open "
                        "or enhanced federation, Teams) cannot find your Access Edge; only "
                        "partners that configured it by name can",
                        srv_name));
  }
  out.srv = srv.records;
  std::set<int> priorities;
  for (const auto& r : srv.records) {
    priorities.insert(r.priority);
    FederationEndpoint e;
    e.target = to_lower(r.value);
    e.port = r.port;
    e.microsoft_online = is_microsoft_online(e.target);
    if (e.microsoft_online) {
      problem(Severity::info, "federation.online",
              fmt::format("{} points at {}: federation is handled by Microsoft 365 (online or "
                          "hybrid), which may sit outside the domain's namespace",
                          srv_name, e.target));
    } else if (!hosted_target.empty() && e.target == to_lower(hosted_target)) {
      problem(Severity::warning, "hosting.federation-namespace",
              fmt::format("{} points at {}, the provider's Access Edge, as hosting has it: "
                          "partners using DNS discovery may refuse a target in another namespace; "
                          "direct federation still works",
                          srv_name, e.target));
    } else if (!dns::is_within(e.target, out.domain)) {
      problem(Severity::error, "federation.srv-namespace",
              fmt::format("{} points at {}, outside {}: the target must be in the SRV's own "
                          "namespace (e.g. sip.{}), and on the Access Edge certificate",
                          srv_name, e.target, out.domain, out.domain));
    }
    if (r.port != kFederationPort) {
      problem(Severity::warning, "federation.port",
              fmt::format("{} uses port {}; the Access Edge federates on {}", srv_name, r.port,
                          kFederationPort));
    }
    e.addresses = addresses_of(dns, e.target);
    if (e.addresses.empty()) {
      problem(Severity::error, "federation.no-address",
              fmt::format("{} (target of {}) has no A or AAAA record", e.target, srv_name));
    }
    out.endpoints.push_back(std::move(e));
  }
  if (srv.records.size() > 1 && priorities.size() > 1) {
    problem(Severity::warning, "federation.srv-priorities",
            fmt::format("{} has {} records with different priorities; federating servers use "
                        "one record, not a fail-over list",
                        srv_name, srv.records.size()));
  }
  const std::string xmpp_name = "_xmpp-server._tcp." + out.domain;
  out.xmpp = dns.query(xmpp_name, RrType::SRV).records;
  for (const auto& r : out.xmpp) {
    if (r.port != kXmppPort) {
      problem(Severity::warning, "federation.xmpp-port",
              fmt::format("{} uses port {}; the XMPP proxy listens on {}", xmpp_name, r.port,
                          kXmppPort));
    }
    FederationEndpoint e;
    e.target = to_lower(r.value);
    e.port = r.port;
    e.addresses = addresses_of(dns, e.target);
    if (e.addresses.empty()) {
      problem(Severity::error, "federation.no-address",
              fmt::format("{} (target of {}) has no A or AAAA record", r.value, xmpp_name));
    }
    out.xmpp_endpoints.push_back(std::move(e));
  }
  return out;
}

} // namespace lyncplan::probe
