// The hands-on trial's own deployments, planned and held to Microsoft's tables: names, addresses,
// ports and SAN sets. A Skype for Business Server 2019 pool of three behind a hardware load
// balancer with a DNS-load-balanced Edge pool of two and two SIP domains; a Lync Server 2013
// Standard Edition server with a single Edge behind a NAT.
#include "support/topologies.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lyncplan::testing {
namespace {

using plan::View;
using V = std::vector<std::string>;

const char* kSfb2019 = R"(lyncplan: 1
product: sfb2019
sip_domains: [litware.com, litware.de]
pools:
  - fqdn: pool.litware.net
    role: front-end
    load_balancing: hardware
    vip: 10.10.0.100
    servers:
      - {fqdn: fe01.litware.net, ip: 10.10.0.11}
      - {fqdn: fe02.litware.net, ip: 10.10.0.12}
      - {fqdn: fe03.litware.net, ip: 10.10.0.13}
    web:
      internal: {fqdn: webint.litware.net, vip: 10.10.0.101}
      external: {fqdn: webext.litware.com}
  - fqdn: edgepool.litware.net
    role: edge
    load_balancing: dns
    next_hop: pool.litware.net
    external:
      access:  {fqdn: sip.litware.com}
      webconf: {fqdn: webconf.litware.com}
      av:      {fqdn: av.litware.com}
    servers:
      - fqdn: edge01.litware.net
        internal_ip: 172.20.0.11
        external: {access: 198.51.100.11, webconf: 198.51.100.21, av: 198.51.100.31}
      - fqdn: edge02.litware.net
        internal_ip: 172.20.0.12
        external: {access: 198.51.100.12, webconf: 198.51.100.22, av: 198.51.100.32}
reverse_proxy: {ip: 198.51.100.40}
)";

// "DNS summary - Scaled consolidated edge, DNS load balancing" and "Certificate summary" of the
// same: one public A record per Edge server and service, SRVs in each SIP domain's namespace.
TEST(TrialSfb2019, EdgePoolDnsMatchesTheScaledDnsLoadBalancedTables) {
  const auto p = plan_of(kSfb2019);
  EXPECT_EQ(answers(p, View::external, "sip.litware.com"),
            (V{"A 198.51.100.11", "A 198.51.100.12"}));
  EXPECT_EQ(answers(p, View::external, "webconf.litware.com"),
            (V{"A 198.51.100.21", "A 198.51.100.22"}));
  EXPECT_EQ(answers(p, View::external, "av.litware.com"),
            (V{"A 198.51.100.31", "A 198.51.100.32"}));
  EXPECT_EQ(answers(p, View::external, "_sip._tls.litware.com"), V{"SRV sip.litware.com:443"});
  EXPECT_EQ(answers(p, View::external, "_sipfederationtls._tcp.litware.com"),
            V{"SRV sip.litware.com:5061"});
  // The second SIP domain: its own sip name on the same Access Edge addresses.
  EXPECT_EQ(answers(p, View::external, "_sip._tls.litware.de"), V{"SRV sip.litware.de:443"});
  EXPECT_EQ(answers(p, View::external, "sip.litware.de"),
            (V{"A 198.51.100.11", "A 198.51.100.12"}));
  // Inside: the pool name on each Edge server's internal address, and each server by name.
  EXPECT_EQ(answers(p, View::internal, "edgepool.litware.net"),
            (V{"A 172.20.0.11", "A 172.20.0.12"}));
  EXPECT_EQ(answers(p, View::internal, "edge01.litware.net"), V{"A 172.20.0.11"});
  EXPECT_EQ(answers(p, View::internal, "edge02.litware.net"), V{"A 172.20.0.12"});
  EXPECT_TRUE(answers(p, View::external, "edgepool.litware.net").empty());
}

// "DNS requirements for Front End pools": the pool on the hardware load balancer's VIP, each
// server by its own address, the internal web services on the web VIP.
TEST(TrialSfb2019, FrontEndPoolDnsUsesTheVips) {
  const auto p = plan_of(kSfb2019);
  EXPECT_EQ(answers(p, View::internal, "pool.litware.net"), V{"A 10.10.0.100"});
  EXPECT_EQ(answers(p, View::internal, "webint.litware.net"), V{"A 10.10.0.101"});
  for (const auto& [fqdn, ip] :
       std::vector<std::pair<std::string, std::string>>{{"fe01.litware.net", "A 10.10.0.11"},
                                                        {"fe02.litware.net", "A 10.10.0.12"},
                                                        {"fe03.litware.net", "A 10.10.0.13"}}) {
    EXPECT_EQ(answers(p, View::internal, fqdn), V{ip}) << fqdn;
  }
  EXPECT_EQ(answers(p, View::external, "webext.litware.com"), V{"A 198.51.100.40"});
}

TEST(TrialSfb2019, CertificatesMatchTheSummaries) {
  const auto p = plan_of(kSfb2019);
  const auto& ext = cert(p, "edge-external-edgepool.litware.net");
  EXPECT_EQ(ext.subject, "sip.litware.com");
  EXPECT_EQ(ext.sans, (V{"sip.litware.com", "webconf.litware.com", "sip.litware.de"}));
  EXPECT_TRUE(ext.exportable_key) << "one key on both Edge servers";
  EXPECT_EQ(ext.servers, (V{"edge01.litware.net", "edge02.litware.net"}));
  const auto& in = cert(p, "edge-internal-edgepool.litware.net");
  EXPECT_EQ(in.subject, "edgepool.litware.net");
  EXPECT_TRUE(in.sans.empty());
  EXPECT_TRUE(in.exportable_key);
  for (const char* server : {"fe01.litware.net", "fe02.litware.net", "fe03.litware.net"}) {
    const auto& d = cert(p, std::string("front-end-default-") + server);
    EXPECT_EQ(d.subject, "pool.litware.net");
    EXPECT_EQ(d.sans, (V{"pool.litware.net", server}));
    const auto& wi = cert(p, std::string("front-end-web-internal-") + server);
    EXPECT_EQ(sorted(wi.sans),
              sorted({"pool.litware.net", "webint.litware.net", server, "meet.litware.com",
                      "meet.litware.de", "dialin.litware.com", "admin.litware.com",
                      "lyncdiscoverinternal.litware.com", "lyncdiscoverinternal.litware.de"}));
    const auto& we = cert(p, std::string("front-end-web-external-") + server);
    EXPECT_EQ(sorted(we.sans), sorted({"pool.litware.net", "webext.litware.com", "meet.litware.com",
                                       "meet.litware.de", "dialin.litware.com",
                                       "lyncdiscover.litware.com", "lyncdiscover.litware.de"}));
  }
  EXPECT_EQ(cert(p, "oauth-token-issuer").servers,
            (V{"fe01.litware.net", "fe02.litware.net", "fe03.litware.net"}));
  EXPECT_EQ(cert(p, "reverse-proxy-198.51.100.40").sans,
            (V{"webext.litware.com", "dialin.litware.com", "meet.litware.com", "meet.litware.de",
               "lyncdiscover.litware.com", "lyncdiscover.litware.de"}));
}

// "Edge environmental requirements": the external and internal ports of the Edge pool.
TEST(TrialSfb2019, EdgeFirewallPorts) {
  const auto p = plan_of(kSfb2019);
  EXPECT_TRUE(has_port(p, "internet", "edge-external-access", "tcp", "443"));
  EXPECT_TRUE(has_port(p, "internet", "edge-external-access", "tcp", "5061"));
  EXPECT_TRUE(has_port(p, "internet", "edge-external-webconf", "tcp", "443"));
  EXPECT_TRUE(has_port(p, "internet", "edge-external-av", "tcp", "443"));
  EXPECT_TRUE(has_port(p, "internet", "edge-external-av", "udp", "3478"));
  EXPECT_TRUE(has_port(p, "edge-external-av", "internet", "udp", "50000-59999"));
  EXPECT_TRUE(has_port(p, "pool.litware.net", "edge-internal", "tcp", "5061"));
  EXPECT_TRUE(has_port(p, "pool.litware.net", "edge-internal", "tcp", "4443"));
  EXPECT_TRUE(has_port(p, "reverse-proxy", "pool.litware.net", "tcp", "4443"));
}

const char* kLync2013 = R"(lyncplan: 1
product: lync2013
sip_domains: [fabrikam.com]
pools:
  - fqdn: se01.fabrikam.com
    role: standard-edition
    servers: [{fqdn: se01.fabrikam.com, ip: 10.20.0.11}]
    web:
      external: {fqdn: webext.fabrikam.com}
  - fqdn: edge01.fabrikam.com
    role: edge
    external:
      access:  {fqdn: sip.fabrikam.com}
      webconf: {fqdn: webconf.fabrikam.com}
      av:      {fqdn: av.fabrikam.com}
    servers:
      - fqdn: edge01.fabrikam.com
        internal_ip: 10.20.1.11
        external: {access: 172.16.1.11, webconf: 172.16.1.12, av: 172.16.1.13}
        nat:      {access: 203.0.113.11, webconf: 203.0.113.12, av: 203.0.113.13}
reverse_proxy: {ip: 203.0.113.20}
)";

// "DNS summary - Single consolidated edge with private IP addresses using NAT" and the
// Standard Edition certificate summary.
TEST(TrialLync2013, SingleNatedEdgeAndStandardEdition) {
  const auto p = plan_of(kLync2013);
  EXPECT_EQ(answers(p, View::external, "sip.fabrikam.com"), V{"A 203.0.113.11"});
  EXPECT_EQ(answers(p, View::external, "webconf.fabrikam.com"), V{"A 203.0.113.12"});
  EXPECT_EQ(answers(p, View::external, "av.fabrikam.com"), V{"A 203.0.113.13"});
  EXPECT_EQ(answers(p, View::internal, "edge01.fabrikam.com"), V{"A 10.20.1.11"});
  EXPECT_EQ(answers(p, View::internal, "se01.fabrikam.com"), V{"A 10.20.0.11"});
  EXPECT_EQ(answers(p, View::internal, "_sipinternaltls._tcp.fabrikam.com"),
            V{"SRV se01.fabrikam.com:5061"});
  const auto& d = cert(p, "standard-edition-default-se01.fabrikam.com");
  EXPECT_EQ(d.subject, "se01.fabrikam.com");
  EXPECT_EQ(d.sans, V{"se01.fabrikam.com"});
  const auto& ext = cert(p, "edge-external-edge01.fabrikam.com");
  EXPECT_EQ(ext.sans, (V{"sip.fabrikam.com", "webconf.fabrikam.com"}));
  EXPECT_FALSE(ext.exportable_key) << "a single Edge keeps its key";
  EXPECT_EQ(cert(p, "oauth-token-issuer").servers, V{"se01.fabrikam.com"});
  const auto* nat = finding(p, "av-edge-nat", "av.fabrikam.com");
  ASSERT_NE(nat, nullptr);
  EXPECT_NE(nat->message.find("203.0.113.13"), std::string::npos);
  // Nothing above info but the product's own age: Lync Server 2013 left support in 2023.
  EXPECT_EQ(std::count_if(p.findings.begin(), p.findings.end(),
                          [](const auto& f) {
                            return f.severity != plan::Severity::info &&
                                   f.rule != "product.end-of-support";
                          }),
            0);
  EXPECT_NE(finding(p, "end-of-support", "product: lync2013"), nullptr);
}

} // namespace
} // namespace lyncplan::testing
