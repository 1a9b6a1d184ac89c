// SIP domain modes (on premises, hybrid, Teams-only) and clouds, against Microsoft's hybrid and
// Teams DNS tables.
#include "support/topologies.hpp"

#include <lyncplan/render/renderer.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/topology/clouds.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace lyncplan::testing {
namespace {

using plan::View;
using V = std::vector<std::string>;

// An SE pool, one Edge, a reverse proxy; DOMAINS and CLOUD filled in per test.
std::string deployment(const std::string& domains, const std::string& extra = "",
                       bool edge = true) {
  std::string yaml = "lyncplan: 1\nproduct: sfbse\nsip_domains:\n" + domains + extra + R"(
pools:
  - fqdn: pool01.corp.contoso.com
    role: front-end
    load_balancing: hardware
    vip: 10.0.10.100
    servers:
      - {fqdn: fe01.corp.contoso.com, ip: 10.0.10.11}
      - {fqdn: fe02.corp.contoso.com, ip: 10.0.10.12}
    web:
      external: {fqdn: webext.contoso.com}
)";
  if (edge) {
    yaml += R"(  - fqdn: edge.corp.contoso.com
    role: edge
    external:
      access:  {fqdn: sip.contoso.com}
      webconf: {fqdn: webconf.contoso.com}
      av:      {fqdn: av.contoso.com}
    servers:
      - fqdn: edge.corp.contoso.com
        internal_ip: 10.0.20.10
        external: {access: 203.0.113.10, webconf: 203.0.113.11, av: 203.0.113.12}
)";
  }
  return yaml + "reverse_proxy: {ip: 203.0.113.20}\n";
}

std::vector<std::string> external_records(const plan::Plan& p) {
  std::vector<std::string> out;
  for (const auto& r : p.dns) {
    if (r.view == View::external) {
      out.push_back(r.name + " " + to_string(r.type) + " " + r.value + " " +
                    std::to_string(r.port));
    }
  }
  return out;
}

bool removed(const plan::Plan& p, View view, const std::string& name) {
  return std::any_of(p.dns_removals.begin(), p.dns_removals.end(),
                     [&](const plan::DnsRecord& r) { return r.view == view && r.name == name; });
}

bool has_san(const plan::Plan& p, const std::string& name) {
  return std::any_of(p.certificates.begin(), p.certificates.end(), [&](const plan::Certificate& c) {
    return std::find(c.sans.begin(), c.sans.end(), name) != c.sans.end();
  });
}

TEST(DomainModes, ANameAloneAndAnOnPremisesMappingPlanTheSame) {
  const auto plain = plan_of(deployment("  - contoso.com\n  - fabrikam.com\n"));
  const auto mapped =
      plan_of(deployment("  - {name: contoso.com, mode: on-premises}\n  - {name: fabrikam.com}\n"));
  EXPECT_EQ(external_records(plain), external_records(mapped));
  EXPECT_EQ(plain.dns.size(), mapped.dns.size());
  EXPECT_TRUE(mapped.dns_removals.empty());
}

TEST(DomainModes, LoaderRefusesWhatTheModesDoNotAllow) {
  const auto errors =
      load_errors(deployment("  - {name: contoso.com, mode: hybird}\n"
                             "  - {name: fabrikam.com, mode: hybrid, legacy_online_records: true}\n"
                             "  - {mode: teams-only}\n",
                             "cloud: gcc\n"));
  ASSERT_EQ(errors.size(), 4u) << ::testing::PrintToString(errors);
  EXPECT_NE(errors[0].find(":4:"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("did you mean 'hybrid'"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("legacy_online_records applies to a teams-only domain only"),
            std::string::npos)
      << errors[1];
  EXPECT_NE(errors[2].find("has no 'name'"), std::string::npos) << errors[2];
  EXPECT_NE(errors[3].find("cloud"), std::string::npos) << errors[3];
}

// "All Skype for Business external DNS records should point to the on-premises infrastructure";
// inside, the Edge's own federation lookup and the Web Conferencing Edge name.
TEST(DomainModes, HybridKeepsEveryExternalRecordAndAddsTheEdgesInternalLookups) {
  const auto on_premises = plan_of(deployment("  - contoso.com\n"));
  const auto hybrid = plan_of(deployment("  - {name: contoso.com, mode: hybrid}\n"));
  EXPECT_EQ(external_records(on_premises), external_records(hybrid));
  EXPECT_EQ(answers(hybrid, View::internal, "_sipfederationtls._tcp.contoso.com"),
            V{"SRV sip.contoso.com:5061"});
  EXPECT_EQ(records(hybrid, View::internal, "_sipfederationtls._tcp.contoso.com")[0]->rule.str(),
            "hybrid.federation-srv-internal");
  EXPECT_EQ(answers(hybrid, View::internal, "webconf.contoso.com"), V{"A 203.0.113.11"});
  // The sign-in name inside still leads to the pool, not to the Edge's public address.
  EXPECT_EQ(answers(hybrid, View::internal, "sip.contoso.com"), V{"A 10.0.10.100"});
  ASSERT_NE(finding(hybrid, "hybrid-hosting-provider", "sipfed.online.lync.com"), nullptr);
  EXPECT_TRUE(hybrid.dns_removals.empty());
}

TEST(DomainModes, HybridWithoutAnEdgeIsAnError) {
  const auto p = plan_of(deployment("  - {name: contoso.com, mode: hybrid}\n", "", false));
  const auto* f = finding(p, "hybrid-edge-missing", "contoso.com");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, plan::Severity::error);
}

TEST(DomainModes, HybridPowerShellConfiguresTheCloudsHostingProvider) {
  const std::string yaml = deployment("  - {name: contoso.com, mode: hybrid}\n", "cloud: dod\n");
  const auto t = load(yaml);
  const auto p = rules::make_plan(t);
  const auto out = render::render_powershell({p, t, {}});
  ASSERT_TRUE(out.has_value()) << out.error();
  EXPECT_NE(out->text.find("New-CsHostingProvider -Identity Office365 -ProxyFqdn "
                           "'sipfed.online.dod.skypeforbusiness.us'"),
            std::string::npos);
  EXPECT_NE(out->text.find("-AutodiscoverUrl 'https://webdir.online.dod.skypeforbusiness.us/"
                           "Autodiscover/AutodiscoverService.svc/root'"),
            std::string::npos);
  // An on-premises deployment gets no hosting provider.
  const auto t2 = load(deployment("  - contoso.com\n"));
  const auto out2 = render::render_powershell({rules::make_plan(t2), t2, {}});
  ASSERT_TRUE(out2.has_value());
  EXPECT_EQ(out2->text.find("CsHostingProvider"), std::string::npos);
}

// Microsoft 365 "External Domain Name System records": the federation SRV, 100 1 5061, to the
// cloud's federation name; nothing else unless the legacy records are asked for.
class TeamsOnlyPerCloud : public ::testing::TestWithParam<topology::Cloud> {};

TEST_P(TeamsOnlyPerCloud, TheFederationSrvLeadsToTheCloud) {
  const topology::CloudFacts& cloud = topology::cloud_facts(GetParam());
  const auto p = plan_of(deployment("  - contoso.com\n  - {name: fabrikam.com, mode: teams-only}\n",
                                    "cloud: " + std::string(cloud.name) + "\n"));
  const auto srv = records(p, View::external, "_sipfederationtls._tcp.fabrikam.com");
  ASSERT_EQ(srv.size(), 1u);
  EXPECT_EQ(srv[0]->value, cloud.federation_target);
  EXPECT_EQ(srv[0]->port, 5061);
  EXPECT_EQ(srv[0]->priority, 100);
  EXPECT_EQ(srv[0]->weight, 1);
  EXPECT_EQ(srv[0]->rule.str(), "teams.federation-srv");
  for (const char* name : {"_sip._tls.fabrikam.com", "sip.fabrikam.com",
                           "lyncdiscover.fabrikam.com", "meet.fabrikam.com"}) {
    EXPECT_TRUE(answers(p, View::external, name).empty()) << name;
  }
  EXPECT_EQ(topology::microsoft_cloud_of(cloud.federation_target), GetParam());
  EXPECT_EQ(topology::microsoft_cloud_of(cloud.webdir), GetParam());
}

TEST_P(TeamsOnlyPerCloud, LegacyRecordsOnRequestToTheSameCloud) {
  const topology::CloudFacts& cloud = topology::cloud_facts(GetParam());
  const auto p = plan_of(deployment(
      "  - contoso.com\n  - {name: fabrikam.com, mode: teams-only, legacy_online_records: true}\n",
      "cloud: " + std::string(cloud.name) + "\n"));
  const auto sip_tls = records(p, View::external, "_sip._tls.fabrikam.com");
  ASSERT_EQ(sip_tls.size(), 1u);
  EXPECT_EQ(sip_tls[0]->value, cloud.sipdir);
  EXPECT_EQ(sip_tls[0]->port, 443);
  EXPECT_EQ(sip_tls[0]->priority, 100);
  EXPECT_EQ(sip_tls[0]->weight, 1);
  EXPECT_EQ(answers(p, View::external, "sip.fabrikam.com"),
            V{"CNAME " + std::string(cloud.sipdir)});
  EXPECT_EQ(answers(p, View::external, "lyncdiscover.fabrikam.com"),
            V{"CNAME " + std::string(cloud.webdir)});
}

INSTANTIATE_TEST_SUITE_P(Clouds, TeamsOnlyPerCloud,
                         ::testing::Values(topology::Cloud::commercial, topology::Cloud::gcc_high,
                                           topology::Cloud::dod, topology::Cloud::china),
                         [](const auto& param_info) {
                           std::string n(topology::cloud_facts(param_info.param).name);
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

TEST(DomainModes, TeamsOnlyListsEveryOnPremisesRecordToDeleteAndDropsItsNames) {
  const auto p =
      plan_of(deployment("  - contoso.com\n  - {name: fabrikam.com, mode: teams-only}\n"));
  for (const char* name :
       {"_sip._tls.fabrikam.com", "sip.fabrikam.com", "lyncdiscover.fabrikam.com",
        "meet.fabrikam.com", "_sipfederationtls._tcp.fabrikam.com"}) {
    EXPECT_TRUE(removed(p, View::external, name)) << name;
  }
  for (const char* name : {"_sipinternaltls._tcp.fabrikam.com", "lyncdiscoverinternal.fabrikam.com",
                           "sip.fabrikam.com", "meet.fabrikam.com"}) {
    EXPECT_TRUE(removed(p, View::internal, name)) << name;
  }
  // Nothing of the domain that stays, nor the pools' own names, is deleted.
  for (const auto& r : p.dns_removals) {
    EXPECT_NE(r.zone, "contoso.com") << r.name;
    EXPECT_NE(r.zone, "corp.contoso.com") << r.name;
  }
  EXPECT_FALSE(has_san(p, "lyncdiscover.fabrikam.com"));
  EXPECT_FALSE(has_san(p, "meet.fabrikam.com"));
  EXPECT_FALSE(has_san(p, "sip.fabrikam.com")); // no hybrid domain: nothing federates for it
  EXPECT_TRUE(has_san(p, "meet.contoso.com"));
  for (const auto& rule : p.publishing) {
    EXPECT_EQ(rule.public_name.find("fabrikam.com"), std::string::npos) << rule.public_name;
  }
  const auto* f = finding(p, "teams-only-removals", "fabrikam.com");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message.find("lyncdiscover.fabrikam.com"), std::string::npos) << f->message;
  EXPECT_NE(f->message.find("the reverse proxy no longer publishes"), std::string::npos);
}

// cloud-consolidation-edge-certificates: in hybrid, the Edge certificate names every SIP domain,
// the online-only ones too.
TEST(DomainModes, AHybridEdgeKeepsTheOnlineOnlyDomainsSipName) {
  const auto p = plan_of(deployment(
      "  - {name: contoso.com, mode: hybrid}\n  - {name: fabrikam.com, mode: teams-only}\n"));
  const auto& edge = cert(p, "edge-external-edge.corp.contoso.com");
  EXPECT_NE(std::find(edge.sans.begin(), edge.sans.end(), "sip.fabrikam.com"), edge.sans.end());
}

TEST(DomainModes, PowerShellDeletesOnlyTheRecordsItPlannedAway) {
  const auto t = load(deployment("  - contoso.com\n  - {name: fabrikam.com, mode: teams-only}\n"));
  const auto p = rules::make_plan(t);
  const auto out = render::render_powershell({p, t, {}});
  ASSERT_TRUE(out.has_value()) << out.error();
  EXPECT_NE(out->text.find("$Removed = @(\n  @{ View = 'external'; Zone = 'fabrikam.com'; Name = "
                           "'_sip._tls'; Type = 'SRV'; Data = '0 0 443 sip.fabrikam.com'"),
            std::string::npos);
  EXPECT_NE(out->text.find("#   dnscmd /RecordDelete fabrikam.com lyncdiscover A 203.0.113.20 /f"),
            std::string::npos);
  const auto json = render::render_json({p, t, {}});
  ASSERT_TRUE(json.has_value());
  EXPECT_NE(json->text.find("\"dns_removals\": [\n    {\"view\": \"external\""), std::string::npos);
}

TEST(DomainModes, EveryDomainTeamsOnlyLeavesNoSimpleUrlsAndNoSignInRecords) {
  const auto p = plan_of(deployment("  - {name: contoso.com, mode: teams-only}\n"));
  EXPECT_TRUE(answers(p, View::external, "meet.contoso.com").empty());
  EXPECT_TRUE(answers(p, View::external, "dialin.contoso.com").empty());
  EXPECT_TRUE(answers(p, View::internal, "lyncdiscoverinternal.contoso.com").empty());
  EXPECT_TRUE(removed(p, View::external, "dialin.contoso.com"));
  EXPECT_EQ(answers(p, View::external, "_sipfederationtls._tcp.contoso.com"),
            V{"SRV sipfed.online.lync.com:5061"});
}

} // namespace
} // namespace lyncplan::testing
