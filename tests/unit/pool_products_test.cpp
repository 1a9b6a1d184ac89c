// Side-by-side migrations: a pool of another version than the topology's, planned by its own
// version's facts; in-place upgrades only where Microsoft supports them; two versions in hybrid.
#include "support/topologies.hpp"

#include <lyncplan/discovery/clients.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/simulate/simulate.hpp>
#include <lyncplan/topology/products.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace lyncplan::testing {
namespace {

// PRODUCT for the topology, OLD_KEYS on the first pool, SE_KEYS on the second.
std::string side_by_side(const std::string& product, const std::string& old_keys,
                         const std::string& new_keys, const std::string& domains = "[contoso.com]",
                         const std::string& edge_keys = "") {
  return "lyncplan: 1\nproduct: " + product + "\nsip_domains: " + domains + R"(
pools:
  - fqdn: pool01.contoso.com
    role: front-end
)" + old_keys +
         R"(
    servers: [{fqdn: fe01.contoso.com, ip: 10.0.10.11}]
  - fqdn: pool02.contoso.com
    role: front-end
)" + new_keys +
         R"(
    servers: [{fqdn: fe02.contoso.com, ip: 10.0.10.12}]
  - fqdn: edge.contoso.net
    role: edge
)" + edge_keys +
         R"(
    external:
      access:  {fqdn: sip.contoso.com}
      webconf: {fqdn: webconf.contoso.com}
      av:      {fqdn: av.contoso.com}
    servers:
      - fqdn: edge.contoso.net
        internal_ip: 10.0.20.10
        external: {access: 203.0.113.10, webconf: 203.0.113.11, av: 203.0.113.12}
)";
}

TEST(PoolProducts, TwentyFifteenToSubscriptionEditionInPlaceIsRefusedWithTheSideBySideFact) {
  const auto errors =
      load_errors(side_by_side("sfbse", "    sign_in: false", "    upgraded_from: sfb2015"));
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
  EXPECT_NE(errors[0].find(":11:"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("cannot have been upgraded in place from sfb2015 to sfbse"),
            std::string::npos)
      << errors[0];
  EXPECT_NE(errors[0].find("upgraded in place only from Skype for Business Server 2019"),
            std::string::npos)
      << errors[0];
  EXPECT_NE(errors[0].find("a new sfbse pool beside the sfb2015 pool"), std::string::npos);
  // 2019 to SE and Lync 2013 to 2015 are Microsoft's in-place paths.
  EXPECT_EQ(
      load(side_by_side("sfbse", "    sign_in: false", "    upgraded_from: sfb2019")).pools.size(),
      3u);
  EXPECT_EQ(load(side_by_side("sfb2015", "    sign_in: false", "    upgraded_from: lync2013"))
                .pools.size(),
            3u);
}

TEST(PoolProducts, AHybridDeploymentRunsAtMostTwoVersions) {
  const std::string hybrid = "[{name: contoso.com, mode: hybrid}]";
  const auto errors =
      load_errors(side_by_side("sfbse", "    product: sfb2015", "    product: sfb2019", hybrid));
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
  EXPECT_NE(errors[0].find("at most two server versions"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("runs 3 (sfb2015, sfb2019, sfbse)"), std::string::npos) << errors[0];
  // Two versions in hybrid, and three without hybrid, are allowed.
  EXPECT_EQ(load(side_by_side("sfbse", "    product: sfb2015", "", hybrid)).pools.size(), 3u);
  EXPECT_EQ(
      load(side_by_side("sfbse", "    product: sfb2015", "    product: sfb2019")).pools.size(), 3u);
}

// Office Communications Server's pool certificate carries sip.<domain>; a Lync Server 2013 pool's
// does not: each pool's certificate follows its own version.
TEST(PoolProducts, EachPoolsCertificateFollowsItsOwnVersion) {
  const auto p = plan_of(side_by_side("lync2013", "    product: ocs2007r2\n    sign_in: false",
                                      "    sign_in: true", "[contoso.com]",
                                      "    next_hop: pool02.contoso.com"));
  auto sans_of = [&](const std::string& server) {
    for (const auto& c : p.certificates) {
      if (std::find(c.servers.begin(), c.servers.end(), server) != c.servers.end() &&
          c.interface == "default") {
        return c.sans;
      }
    }
    return std::vector<std::string>{};
  };
  const auto old_sans = sans_of("fe01.contoso.com");
  const auto new_sans = sans_of("fe02.contoso.com");
  EXPECT_NE(std::find(old_sans.begin(), old_sans.end(), "sip.contoso.com"), old_sans.end())
      << ::testing::PrintToString(old_sans);
  EXPECT_EQ(std::find(new_sans.begin(), new_sans.end(), "sip.contoso.com"), new_sans.end())
      << ::testing::PrintToString(new_sans);
}

TEST(PoolProducts, TheLifecycleFindingNamesThePoolsLeftOnAnOldVersion) {
  const auto p = plan_of(side_by_side("sfbse", "    product: sfb2015", ""));
  const auto* f = finding(p, "end-of-support", "product: sfb2015");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message.find("(pool01.contoso.com)"), std::string::npos) << f->message;
  EXPECT_EQ(finding(p, "end-of-support", "product: sfbse"), nullptr);
}

// Lync Phone Edition signs in to 2015, not to 2019 or SE: beside a 2015 pool it is served.
TEST(PoolProducts, AClientIsServedWhenSomePoolThatHomesUsersTakesIt) {
  const auto* lpe = discovery::find_client("lpe");
  ASSERT_NE(lpe, nullptr);
  EXPECT_TRUE(simulate::serves(load(side_by_side("sfbse", "    product: sfb2015", "")), *lpe));
  EXPECT_FALSE(simulate::serves(load(side_by_side("sfbse", "", "")), *lpe));
}

} // namespace
} // namespace lyncplan::testing
