// Microsoft 365 modes of SIP domains: the internal records a hybrid Edge looks up, the records
// that lead a teams-only domain to its cloud, and the findings that go with them.
#include <lyncplan/rules/families.hpp>
#include <lyncplan/topology/clouds.hpp>

#include <fmt/format.h>

namespace lyncplan::rules {
namespace {

using plan::RrType;
using plan::Severity;
using plan::View;
using topology::DomainMode;

// Hybrid: the Edge checks every SIP domain's federation SRV against its own Access Edge name
// (strict DNS name matching), and internal clients reach the Web Conferencing Edge by its public
// name.
void hybrid_records(const Context& c, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  const topology::Pool* edge = c.edge();
  if (edge == nullptr) {
    b.finding(Severity::error, "hybrid-edge-missing", t.sip_domains.front(),
              "a hybrid SIP domain federates with Microsoft 365 through the Access Edge, and "
              "the topology has no Edge pool; fix: add the Edge pool, or set the domain's mode "
              "to on-premises",
              "hybrid.edge-missing");
    return;
  }
  for (const std::string& d : t.sip_domains) {
    if (topology::mode_of(t, d) != DomainMode::hybrid) {
      continue;
    }
    b.srv(View::internal, "_sipfederationtls._tcp." + d, edge->access.fqdn, 5061,
          "hybrid.federation-srv-internal",
          fmt::format("hybrid: the Edge resolves the federation SRV of {} to its own Access "
                      "Edge name (strict DNS name matching) before it federates with Microsoft "
                      "365",
                      d));
  }
  b.addresses(View::internal, edge->webconf.fqdn,
              c.edge_public_addresses(*edge, EdgeService::webconf), "hybrid.edge-a-internal",
              "hybrid: internal clients join meetings through the Web Conferencing Edge by its "
              "public name");
  const topology::CloudFacts& cloud = topology::cloud_facts(t.cloud);
  b.finding(Severity::info, "hybrid-hosting-provider", std::string(cloud.federation_target),
            fmt::format("hybrid with {}: configure the hosting provider (ProxyFqdn {}, "
                        "AutodiscoverUrl {}; --format powershell writes the line) and, from the "
                        "August 2025 updates, the customer-owned Dedicated Hybrid Application in "
                        "Entra ID",
                        cloud.display_name, cloud.federation_target,
                        topology::autodiscover_url(cloud)),
            "hybrid.hosting-provider");
}

// Teams-only: the federation SRV to the cloud (Microsoft's list since October 2024) and, when
// asked, the three legacy records, all to Microsoft 365.
void teams_only_records(const Context& c, const std::string& d, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  const topology::CloudFacts& cloud = topology::cloud_facts(t.cloud);
  b.srv(View::external, "_sipfederationtls._tcp." + d, std::string(cloud.federation_target), 5061,
        "teams.federation-srv",
        fmt::format("teams-only: partners federate with {} through {}", d, cloud.display_name), 100,
        1);
  if (!topology::settings_of(t, d).legacy_online_records) {
    return;
  }
  b.srv(View::external, "_sip._tls." + d, std::string(cloud.sipdir), 443, "teams.legacy-record",
        "teams-only, legacy (optional since October 2024): older clients sign in to Microsoft "
        "365",
        100, 1);
  b.record(View::external, "sip." + d, RrType::CNAME, std::string(cloud.sipdir),
           "teams.legacy-record",
           "teams-only, legacy (optional since October 2024): sign-in by name to Microsoft 365");
  b.record(View::external, "lyncdiscover." + d, RrType::CNAME, std::string(cloud.webdir),
           "teams.legacy-record",
           "teams-only, legacy (optional since October 2024): Autodiscover at Microsoft 365, "
           "which tenant-wide TeamsOnly mode needs when the record exists");
}

} // namespace

void microsoft365_dns(const Context& c, PlanBuilder& b) {
  const topology::Topology& t = c.topology();
  if (topology::has_hybrid(t)) {
    hybrid_records(c, b);
  }
  for (const std::string& d : t.sip_domains) {
    if (topology::mode_of(t, d) == DomainMode::teams_only) {
      teams_only_records(c, d, b);
    }
  }
}

} // namespace lyncplan::rules
