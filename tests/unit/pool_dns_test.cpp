// Front End / Director / Standard Edition DNS (RULES 11-13, 15, 34).
#include "support/topologies.hpp"

#include <gtest/gtest.h>

namespace lyncplan::testing {
namespace {

using plan::View;
using V = std::vector<std::string>;

TEST(PoolDns, HardwarePoolOnItsVipAndServersOnTheirOwn) {
  const auto p = plan_of(reference_topology());
  EXPECT_EQ(answers(p, View::internal, "pool01.contoso.net"), V{"A 192.168.21.100"});
  EXPECT_EQ(answers(p, View::internal, "fe01.contoso.net"), V{"A 192.168.21.11"});
  EXPECT_EQ(answers(p, View::internal, "webint.contoso.net"), V{"A 192.168.21.120"});
  EXPECT_EQ(answers(p, View::internal, "dirpool.contoso.net"), V{"A 192.168.21.40"});
}

TEST(PoolDns, SignInGoesToTheDirectorByDefault) {
  const auto p = plan_of(reference_topology());
  EXPECT_EQ(answers(p, View::internal, "_sipinternaltls._tcp.contoso.com"),
            V{"SRV dirpool.contoso.net:5061"});
  EXPECT_EQ(answers(p, View::internal, "sip.contoso.com"), V{"A 192.168.21.40"});
  EXPECT_EQ(answers(p, View::internal, "_sipinternaltls._tcp.fabrikam.com"),
            V{"SRV dirpool.contoso.net:5061"});
}

TEST(PoolDns, SignInFlagChoosesThePool) {
  std::string y = reference_topology();
  y.replace(y.find("    role: front-end\n"), 20, "    role: front-end\n    sign_in: true\n");
  const auto p = plan_of(y);
  EXPECT_EQ(answers(p, View::internal, "_sipinternaltls._tcp.contoso.com"),
            V{"SRV pool01.contoso.net:5061"});
  EXPECT_EQ(answers(p, View::internal, "sip.contoso.com"), V{"A 192.168.21.100"});
}

TEST(PoolDns, StrictNamingPointsTheSrvIntoTheDomain) {
  const auto p = plan_of(reference_topology() + "strict_dns_naming: true\n");
  EXPECT_EQ(answers(p, View::internal, "_sipinternaltls._tcp.fabrikam.com"),
            V{"SRV sip.fabrikam.com:5061"});
  EXPECT_EQ(answers(p, View::internal, "sip.fabrikam.com"), V{"A 192.168.21.40"});
}

TEST(PoolDns, DnsLoadBalancedPoolHasARecordPerMember) {
  const auto p = plan_of(R"(lyncplan: 1
product: lync2013
sip_domains: [contoso.com]
pools:
  - fqdn: pool01.contoso.com
    role: front-end
    load_balancing: dns
    servers:
      - {fqdn: fe01.contoso.com, ip: 10.0.0.11}
      - {fqdn: fe02.contoso.com, ip: 10.0.0.12}
    web: {internal: {fqdn: web-int.contoso.com, vip: 10.0.0.20}}
)");
  EXPECT_EQ(answers(p, View::internal, "pool01.contoso.com"), (V{"A 10.0.0.11", "A 10.0.0.12"}));
  EXPECT_EQ(answers(p, View::internal, "fe02.contoso.com"), V{"A 10.0.0.12"});
  EXPECT_EQ(answers(p, View::internal, "web-int.contoso.com"), V{"A 10.0.0.20"});
  EXPECT_EQ(answers(p, View::internal, "_sipinternaltls._tcp.contoso.com"),
            V{"SRV pool01.contoso.com:5061"});
}

TEST(PoolDns, DeviceUpdateRecordOnlyWhereDevicesAreSupported) {
  EXPECT_EQ(answers(plan_of(reference_topology()), View::internal, "ucupdates-r2.contoso.com"),
            V{"A 192.168.21.120"});
  std::string y = reference_topology();
  y.replace(y.find("lync2013"), 8, "sfb2019");
  EXPECT_TRUE(answers(plan_of(y), View::internal, "ucupdates-r2.contoso.com").empty());
}

} // namespace
} // namespace lyncplan::testing
