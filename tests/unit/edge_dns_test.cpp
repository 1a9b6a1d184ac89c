// Edge DNS (RULES 1-3, 6, 7) against Microsoft's Edge DNS summaries.
#include "support/topologies.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lyncplan::testing {
namespace {

using plan::View;
using V = std::vector<std::string>;

// Lync 2013 "DNS summary - Single consolidated edge with private IP addresses using NAT".
TEST(EdgeDns, SingleEdgeBehindNatPublishesThePublicAddresses) {
  const auto p = plan_of(reference_topology());
  EXPECT_EQ(answers(p, View::external, "sip.contoso.com"), V{"A 131.107.155.10"});
  EXPECT_EQ(answers(p, View::external, "webcon.contoso.com"), V{"A 131.107.155.20"});
  EXPECT_EQ(answers(p, View::external, "av.contoso.com"), V{"A 131.107.155.30"});
  EXPECT_EQ(answers(p, View::external, "_sip._tls.contoso.com"), V{"SRV sip.contoso.com:443"});
  EXPECT_EQ(answers(p, View::external, "_sipfederationtls._tcp.contoso.com"),
            V{"SRV sip.contoso.com:5061"});
  EXPECT_EQ(answers(p, View::internal, "lsedge.contoso.net"), V{"A 172.25.33.10"});
  EXPECT_TRUE(answers(p, View::external, "lsedge.contoso.net").empty());
}

TEST(EdgeDns, EverySipDomainPointsIntoItsOwnNamespace) {
  const auto p = plan_of(reference_topology());
  EXPECT_EQ(answers(p, View::external, "_sip._tls.fabrikam.com"), V{"SRV sip.fabrikam.com:443"});
  EXPECT_EQ(answers(p, View::external, "_sipfederationtls._tcp.fabrikam.com"),
            V{"SRV sip.fabrikam.com:5061"});
  EXPECT_EQ(answers(p, View::external, "sip.fabrikam.com"), V{"A 131.107.155.10"});
}

const char* kScaled = R"(lyncplan: 1
product: PRODUCT
sip_domains: [contoso.com]
pools:
  - fqdn: pool01.contoso.net
    role: front-end
    servers: [{fqdn: pool01.contoso.net, ip: 192.168.21.11}]
  - fqdn: lsedge.contoso.net
    role: edge
    load_balancing: LB
    internal: INTERNAL
    external:
      access:  {fqdn: sip.contoso.com ACCESS_VIP}
      webconf: {fqdn: webcon.contoso.com WEBCONF_VIP}
      av:      {fqdn: av.contoso.com AV_VIP}
    servers:
      - fqdn: edge01.contoso.net
        internal_ip: 172.25.33.10
        external: {access: 131.107.155.10, webconf: 131.107.155.20, av: 131.107.155.30}
      - fqdn: edge02.contoso.net
        internal_ip: 172.25.33.11
        external: {access: 131.107.155.11, webconf: 131.107.155.21, av: 131.107.155.31}
reverse_proxy: {ip: 131.107.155.40}
)";

std::string scaled(const std::string& product, bool hardware) {
  std::string y = kScaled;
  auto set = [&](const std::string& key, const std::string& value) {
    y.replace(y.find(key), key.size(), value);
  };
  set("PRODUCT", product);
  set("LB", hardware ? "hardware" : "dns");
  set("INTERNAL", hardware ? "{vip: 172.25.33.20}" : "{}");
  set(" ACCESS_VIP", hardware ? ", vip: 131.107.155.100" : "");
  set(" WEBCONF_VIP", hardware ? ", vip: 131.107.155.101" : "");
  set(" AV_VIP", hardware ? ", vip: 131.107.155.102" : "");
  return y;
}

TEST(EdgeDns, DnsLoadBalancingPublishesEveryServer) {
  const auto p = plan_of(scaled("lync2013", false));
  EXPECT_EQ(answers(p, View::external, "sip.contoso.com"),
            (V{"A 131.107.155.10", "A 131.107.155.11"}));
  EXPECT_EQ(answers(p, View::external, "av.contoso.com"),
            (V{"A 131.107.155.30", "A 131.107.155.31"}));
  EXPECT_EQ(answers(p, View::internal, "lsedge.contoso.net"),
            (V{"A 172.25.33.10", "A 172.25.33.11"}));
}

// Edge servers are not domain members and the Front Ends replicate the configuration to each by
// its FQDN: every product and every kind of pool resolves each Edge server inside.
TEST(EdgeDns, EveryEdgeServerResolvesInsideInEveryProductAndPool) {
  for (const char* product : {"lync2010", "lync2013", "sfb2015", "sfb2019"}) {
    for (const bool hardware : {false, true}) {
      const auto p = plan_of(scaled(product, hardware));
      EXPECT_EQ(answers(p, View::internal, "edge01.contoso.net"), V{"A 172.25.33.10"})
          << product << (hardware ? " hardware" : " dns");
      EXPECT_EQ(answers(p, View::internal, "edge02.contoso.net"), V{"A 172.25.33.11"})
          << product << (hardware ? " hardware" : " dns");
    }
  }
  // A single server named like its pool needs no second record.
  EXPECT_EQ(answers(plan_of(reference_topology()), View::internal, "lsedge.contoso.net"),
            V{"A 172.25.33.10"});
}

TEST(EdgeDns, HardwareLoadBalancingPublishesTheVipsOnly) {
  const auto p = plan_of(scaled("lync2013", true));
  EXPECT_EQ(answers(p, View::external, "sip.contoso.com"), V{"A 131.107.155.100"});
  EXPECT_EQ(answers(p, View::external, "webcon.contoso.com"), V{"A 131.107.155.101"});
  EXPECT_EQ(answers(p, View::external, "av.contoso.com"), V{"A 131.107.155.102"});
  EXPECT_EQ(answers(p, View::internal, "lsedge.contoso.net"), V{"A 172.25.33.20"});
}

// A forgotten nat: publishes private addresses to the internet: an error per external record.
TEST(EdgeDns, PrivateExternalAddressesWithoutNatAreAnErrorPerRecord) {
  std::string y = scaled("sfb2019", false);
  for (const std::string from : {"131.107.155.1", "131.107.155.2", "131.107.155.3"}) {
    for (std::size_t at; (at = y.find(from)) != std::string::npos;) {
      y.replace(at, from.size(), "10.0.0." + from.substr(from.size() - 1));
    }
  }
  const auto p = plan_of(y);
  std::vector<std::string> subjects;
  for (const auto& f : p.findings) {
    if (f.rule == "dns.non-public-external") {
      EXPECT_EQ(f.severity, plan::Severity::error);
      subjects.push_back(f.subject);
    }
  }
  std::sort(subjects.begin(), subjects.end());
  subjects.erase(std::unique(subjects.begin(), subjects.end()), subjects.end());
  EXPECT_EQ(subjects,
            (std::vector<std::string>{"av.contoso.com", "sip.contoso.com", "webcon.contoso.com"}));
  const auto* sip = finding(p, "non-public-external", "sip.contoso.com");
  ASSERT_NE(sip, nullptr);
  EXPECT_NE(sip->message.find("RFC 1918 private address"), std::string::npos) << sip->message;
  EXPECT_NE(sip->message.find("nat: {access, webconf, av}"), std::string::npos) << sip->message;
  // The same pool with public addresses, or with a NAT, raises nothing of the kind.
  const auto public_pool = plan_of(scaled("sfb2019", false));
  const auto natted = plan_of(reference_topology());
  EXPECT_EQ(finding(public_pool, "non-public-external", "sip.contoso.com"), nullptr);
  EXPECT_EQ(finding(natted, "non-public-external", "sip.contoso.com"), nullptr);
}

TEST(EdgeDns, XmppRecordsPerSipDomain) {
  std::string y = reference_topology() + "federation: {xmpp: true}\n";
  const auto p = plan_of(y);
  EXPECT_EQ(answers(p, View::external, "_xmpp-server._tcp.contoso.com"),
            V{"SRV xmpp.contoso.com:5269"});
  EXPECT_EQ(answers(p, View::external, "xmpp.fabrikam.com"), V{"A 131.107.155.10"});
}

TEST(EdgeDns, AccessPortComesFromTheTopology) {
  std::string y = reference_topology();
  const std::string av = "{fqdn: av.contoso.com}";
  y.replace(y.find(av), av.size(), av + "\n      ports: {access: 5061, webconf: 444}");
  const auto p = plan_of(y);
  EXPECT_EQ(answers(p, View::external, "_sip._tls.contoso.com"), V{"SRV sip.contoso.com:5061"});
}

TEST(EdgeDns, FederationSrvStaysForMobilityWhenFederationIsClosed) {
  const auto closed =
      plan_of(reference_topology() + "federation: {open: false}\nmobility: false\n");
  EXPECT_TRUE(answers(closed, View::external, "_sipfederationtls._tcp.contoso.com").empty());
  const auto mobile = plan_of(reference_topology() + "federation: {open: false}\n");
  EXPECT_EQ(answers(mobile, View::external, "_sipfederationtls._tcp.contoso.com"),
            V{"SRV sip.contoso.com:5061"});
}

} // namespace
} // namespace lyncplan::testing
