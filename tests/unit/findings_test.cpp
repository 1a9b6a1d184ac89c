// Findings: the mistakes and risks the seeds warn about, each with its rule id.
#include "support/topologies.hpp"

#include <lyncplan/findings/report.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace lyncplan::testing {
namespace {

bool has(const plan::Plan& p, const std::string& code) {
  const auto codes = finding_codes(p);
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

TEST(Findings, HostingDesignCarriesTheTrustPromptAndRefusals) {
  const auto p = plan_of(reference_topology() +
                         "hosting: {provider_domain: contoso.com, tenants: [tailspin.com]}\n");
  const auto* prompt = finding(p, "trust-prompt", "_sip._tls.<tenant>");
  ASSERT_NE(prompt, nullptr);
  EXPECT_EQ(prompt->severity, plan::Severity::warning);
  EXPECT_NE(prompt->message.find("TrustModelData"), std::string::npos);
  EXPECT_EQ(prompt->tenants, std::vector<std::string>{"tailspin.com"});
  // TrustModelData in practice: where it lives, the policy, and that it replaces the defaults.
  EXPECT_NE(prompt->fix.find("Group Policy 'Trusted Domain List'"), std::string::npos);
  EXPECT_NE(
      prompt->fix.find("TrustModelData under HKLM\\Software\\Policies\\Microsoft\\Office\\16.0"
                       "\\Lync"),
      std::string::npos)
      << prompt->fix;
  EXPECT_NE(prompt->fix.find("set to \"contoso.com, lync.com, outlook.com, "
                             "lync.glbdns.microsoft.com, microsoftonline.com\": the value replaces "
                             "the client's default trusted domains"),
            std::string::npos)
      << prompt->fix;
  // Beside the Edge certificate: why no tenant is on it.
  for (const auto& c : p.certificates) {
    if (c.rule == "cert.edge-external") {
      EXPECT_NE(c.why.find("no hosted tenant is on it"), std::string::npos) << c.why;
    }
  }
  EXPECT_NE(finding(p, "strict-naming-refused", "_sip._tls.<tenant>"), nullptr);
  EXPECT_NE(finding(p, "federation-srv-namespace", "_sipfederationtls._tcp.<tenant>"), nullptr);
  EXPECT_TRUE(has(p, "hosting-simple-urls")) << "option 1 with hosting";
}

// Inside, sip.<provider> is the pool (automatic sign-in); tenant SRVs to that name would send
// inside tenant users to the pool's web site: an error with the fix. A split-brain copy of the
// Access Edge's own name is fine.
TEST(Findings, TenantSrvTargetMustStayTheAccessEdgeInside) {
  const auto p = plan_of(reference_topology() +
                         "hosting: {provider_domain: contoso.com, tenants: [tailspin.com]}\n");
  const auto* inside = finding(p, "hosting-inside-access-name", "sip.contoso.com (internal)");
  ASSERT_NE(inside, nullptr);
  EXPECT_EQ(inside->severity, plan::Severity::error);
  EXPECT_NE(inside->message.find("sip.contoso.com is 192.168.21.40 (internal.sip-a), not the "
                                 "Access Edge"),
            std::string::npos)
      << inside->message;
  EXPECT_NE(inside->fix.find("give the Access Edge a name of its own"), std::string::npos);
  std::string own = reference_topology();
  const std::string edge_name = "{fqdn: sip.contoso.com}";
  own.replace(own.find(edge_name), edge_name.size(), "{fqdn: sipexternal.contoso.com}");
  const auto fixed =
      plan_of(own + "hosting: {provider_domain: contoso.com, tenants: [tailspin.com]}\n");
  EXPECT_FALSE(has(fixed, "hosting-inside-access-name"));
}

// Thousands of tenants are one finding per consequence, carrying every tenant: in JSON their
// count and list, in text the first few and how many more.
TEST(Findings, ManyTenantsAreOneFindingThatListsThemAll) {
  std::string tenants;
  for (int i = 0; i < 2500; ++i) {
    tenants += (i ? ", t" : "t") + std::to_string(i) + ".example";
  }
  const auto p = plan_of(reference_topology() +
                         "hosting: {provider_domain: contoso.com, tenants: [" + tenants + "]}\n");
  const auto prompts = std::count_if(p.findings.begin(), p.findings.end(), [](const auto& f) {
    return f.code == "trust-prompt" && f.subject.starts_with("_sip._tls.");
  });
  EXPECT_EQ(prompts, 1);
  const auto* prompt = finding(p, "trust-prompt", "_sip._tls.<tenant>");
  ASSERT_NE(prompt, nullptr);
  ASSERT_EQ(prompt->tenants.size(), 2500u);
  EXPECT_EQ(prompt->tenants.front(), "t0.example");
  EXPECT_EQ(prompt->tenants.back(), "t2499.example");
  const std::string json = findings::finding_json(*prompt);
  EXPECT_NE(json.find("\"tenant_count\": 2500, \"tenants\": [\"t0.example\", \"t1.example\""),
            std::string::npos)
      << json.substr(0, 300);
  const std::string text = findings::findings_text({*prompt}, false);
  EXPECT_NE(text.find("      2500 tenants: t0.example, t1.example, t2.example, t3.example, "
                      "t4.example and 2495 more\n"),
            std::string::npos)
      << text;
}

// With strict DNS naming the SRV route is clean, but Lync 2013 clients still sign in through
// Autodiscover and meet the home pool's web FQDNs outside the second SIP domain.
TEST(Findings, StrictNamingStillSaysWhereAutodiscoverPrompts) {
  const auto p = plan_of(reference_topology() + "strict_dns_naming: true\n");
  const auto* fabrikam = finding(p, "trust-prompt", "lyncdiscover.fabrikam.com");
  ASSERT_NE(fabrikam, nullptr);
  EXPECT_EQ(fabrikam->severity, plan::Severity::warning);
  EXPECT_EQ(fabrikam->rule.str(), "discovery.trust-prompt");
  EXPECT_NE(fabrikam->message.find("webint.contoso.net inside and webext.contoso.com outside"),
            std::string::npos)
      << fabrikam->message;
  EXPECT_NE(fabrikam->message.find("list contoso.net, contoso.com in TrustModelData"),
            std::string::npos)
      << fabrikam->message;
  EXPECT_NE(finding(p, "trust-prompt", "lyncdiscoverinternal.contoso.com"), nullptr);
  EXPECT_FALSE(has(p, "strict-naming"));
}

TEST(Findings, MixedNamespaceIsAnErrorForOcsAndAWarningForLync) {
  const std::string ocs = R"(lyncplan: 1
product: ocs2007r2
sip_domains: [company.com, company.local]
mobility: false
pools:
  - fqdn: ocspool.company.local
    role: front-end
    load_balancing: hardware
    vip: 10.0.0.100
    servers: [{fqdn: ocssrv01.company.local, ip: 10.0.0.11}]
)";
  const auto p = plan_of(ocs);
  const auto* f = finding(p, "strict-naming", "_sipinternaltls._tcp.company.com");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, plan::Severity::error);
  EXPECT_EQ(finding(p, "strict-naming", "_sipinternaltls._tcp.company.local"), nullptr);
  const auto fixed = plan_of(ocs + "strict_dns_naming: true\n");
  EXPECT_FALSE(has(fixed, "strict-naming"));
  const auto lync = plan_of(reference_topology());
  EXPECT_EQ(finding(lync, "strict-naming", "_sipinternaltls._tcp.contoso.com")->severity,
            plan::Severity::warning);
}

TEST(Findings, PublicImMatchesTheSubjectOnly) {
  const auto p = plan_of(reference_topology() + "federation: {pic: [aol, msn]}\n");
  const auto* f = finding(p, "pic-subject-only", "sip.contoso.com");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, plan::Severity::warning) << "two SIP domains";
  EXPECT_NE(f->message.find("fabrikam.com"), std::string::npos);
  EXPECT_TRUE(has(p, "pic-aol-client-eku"));
}

TEST(Findings, NatWithHardwareLoadBalancingIsAnError) {
  const auto p = plan_of(R"(lyncplan: 1
product: lync2013
sip_domains: [contoso.com]
pools:
  - fqdn: se.contoso.com
    role: standard-edition
    servers: [{fqdn: se.contoso.com, ip: 10.0.0.5}]
    web: {external: {fqdn: web.contoso.com}}
  - fqdn: edge.contoso.net
    role: edge
    load_balancing: hardware
    internal: {vip: 10.1.0.9}
    external:
      access: {fqdn: sip.contoso.com, vip: 192.0.2.10}
      webconf: {fqdn: webconf.contoso.com, vip: 192.0.2.11}
      av: {fqdn: av.contoso.com, vip: 192.0.2.12}
    servers:
      - {fqdn: e1.contoso.net, internal_ip: 10.1.0.5, external: {access: 10.2.0.1, webconf: 10.2.0.2, av: 10.2.0.3}, nat: {access: 192.0.2.1, webconf: 192.0.2.2, av: 192.0.2.3}}
      - {fqdn: e2.contoso.net, internal_ip: 10.1.0.6, external: {access: 10.2.0.4, webconf: 10.2.0.5, av: 10.2.0.6}, nat: {access: 192.0.2.4, webconf: 192.0.2.5, av: 192.0.2.6}}
reverse_proxy: {ip: 192.0.2.9}
)");
  const auto* f = finding(p, "nat-with-hardware-lb", "edge.contoso.net");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, plan::Severity::error);
}

TEST(Findings, MissingReverseProxyAndUnpublishedFrontEnd) {
  std::string y = reference_topology();
  y.replace(y.find("      external: {fqdn: webext.contoso.com}\n"), 42, "");
  const auto p = plan_of(y);
  EXPECT_NE(finding(p, "front-end-not-published", "pool01.contoso.net"), nullptr);
  std::string no_rp = reference_topology();
  no_rp.replace(no_rp.find("reverse_proxy: {ip: 131.107.155.40}\n"), 36, "");
  const auto q = plan_of(no_rp);
  const auto* f = finding(q, "no-reverse-proxy", "reverse_proxy");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message.find("webdirext.contoso.com"), std::string::npos);
}

TEST(Findings, ListenerWithoutDefaultMissesNames) {
  std::string y = reference_topology();
  y.replace(y.find("reverse_proxy: {ip: 131.107.155.40}"), 35,
            "reverse_proxy:\n  listeners:\n    - {ip: 131.107.155.41, names: [webext.contoso.com, "
            "nosuch.contoso.com]}");
  const auto p = plan_of(y);
  EXPECT_NE(finding(p, "name-without-listener", "webdirext.contoso.com"), nullptr);
  EXPECT_NE(finding(p, "listener-name-unused", "nosuch.contoso.com"), nullptr);
  EXPECT_TRUE(records(p, plan::View::external, "webdirext.contoso.com").empty());
}

TEST(Findings, EdgeServicesOnOneAddressAndPort) {
  std::string y = reference_topology();
  y.replace(y.find("webconf: 10.45.16.20"), 20, "webconf: 10.45.16.10");
  EXPECT_EQ(finding(plan_of(y), "edge-single-ip", "lsedge.contoso.net")->severity,
            plan::Severity::error);
}

// Every plan item names a rule the catalog says the plan emits, and every finding is no worse
// than its rule's catalog severity (so `lyncplan rules` tells the truth about plan).
TEST(Catalog, PlanItemsAndFindingsAgreeWithTheCatalog) {
  auto emitted_by_plan = [](plan::RuleId id) {
    return !id.empty() && (id.info().commands & findings::kPlan) != 0;
  };
  for (const auto& yaml : {reference_topology(),
                           reference_topology() + "federation: {xmpp: true, pic: [aol]}\n" +
                               "hosting: {provider_domain: contoso.com, tenants: [t.example]}\n"}) {
    const auto p = plan_of(yaml);
    for (const auto& r : p.dns) {
      EXPECT_TRUE(emitted_by_plan(r.rule)) << r.name << " " << r.rule;
      EXPECT_FALSE(r.why.empty()) << r.name;
    }
    for (const auto& c : p.certificates) {
      EXPECT_TRUE(emitted_by_plan(c.rule)) << c.id;
    }
    for (const auto& x : p.publishing) {
      EXPECT_TRUE(emitted_by_plan(x.rule)) << x.public_name;
    }
    for (const auto& x : p.firewall) {
      EXPECT_TRUE(emitted_by_plan(x.rule)) << x.from << " " << x.to;
    }
    for (const auto& f : p.findings) {
      ASSERT_TRUE(emitted_by_plan(f.rule)) << f.code;
      ASSERT_TRUE(f.rule.info().severity.has_value()) << f.rule << " raises findings";
      EXPECT_GE(f.severity, *f.rule.info().severity) << f.rule << " " << f.code;
    }
  }
}

} // namespace
} // namespace lyncplan::testing
