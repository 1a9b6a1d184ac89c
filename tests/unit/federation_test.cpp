// Federation readiness from zone data: the SRV, its namespace, its address, one priority,
// Microsoft 365's sipfed recognised, XMPP checked when present.
#include "support/zone_text.hpp"

#include <lyncplan/probe/federation.hpp>
#include <lyncplan/resolve/zone_file.hpp>
#include <lyncplan/resolve/zone_resolver.hpp>

#include <gtest/gtest.h>

namespace lyncplan::probe {
namespace {

const auto zone = testing::contoso_zone;

std::string codes(const FederationReadiness& r) {
  std::string out;
  for (const auto& p : r.problems) {
    out += (out.empty() ? "" : " ") + std::string(p.rule.str());
  }
  return out;
}

TEST(Federation, SrvInTheNamespaceWithAnAddressIsReady) {
  const auto r = federation_readiness(zone("_sipfederationtls._tcp IN SRV 100 1 5061 sip\n"
                                           "sip IN A 192.0.2.10\n"),
                                      "Contoso.com");
  EXPECT_EQ(codes(r), "");
  ASSERT_EQ(r.endpoints.size(), 1u);
  EXPECT_EQ(r.endpoints[0].target, "sip.contoso.com");
  EXPECT_EQ(r.endpoints[0].port, 5061);
  EXPECT_EQ(r.endpoints[0].addresses, std::vector<std::string>{"192.0.2.10"});
}

TEST(Federation, MissingSrvLeavesOnlyDirectPartners) {
  const auto r = federation_readiness(zone("sip IN A 192.0.2.10\n"), "contoso.com");
  EXPECT_EQ(codes(r), "federation.no-federation-srv");
  EXPECT_EQ(r.problems[0].severity, plan::Severity::warning);
  EXPECT_TRUE(r.endpoints.empty());
}

TEST(Federation, TargetOutsideTheNamespaceWrongPortAndNoAddress) {
  const auto r = federation_readiness(
      zone("_sipfederationtls._tcp IN SRV 100 1 443 edge.fabrikam.com.\n"), "contoso.com");
  EXPECT_EQ(codes(r), "federation.srv-namespace federation.port federation.no-address");
  EXPECT_EQ(r.problems[0].message,
            "_sipfederationtls._tcp.contoso.com points at edge.fabrikam.com, outside contoso.com: "
            "the target must be in the SRV's own namespace (e.g. sip.contoso.com), and on the "
            "Access Edge certificate");
}

TEST(Federation, SeveralPrioritiesAreFlagged) {
  const auto r = federation_readiness(zone("_sipfederationtls._tcp IN SRV 10 1 5061 sip\n"
                                           "_sipfederationtls._tcp IN SRV 20 1 5061 sip2\n"
                                           "sip IN A 192.0.2.10\nsip2 IN A 192.0.2.11\n"),
                                      "contoso.com");
  EXPECT_EQ(codes(r), "federation.srv-priorities");
  EXPECT_EQ(r.endpoints.size(), 2u);
}

TEST(Federation, MicrosoftOnlineIsExplainedNotAStranger) {
  auto parsed = resolve::parse_zone_file(
      "$ORIGIN contoso.com.\n_sipfederationtls._tcp IN SRV 100 1 5061 sipfed.online.lync.com.\n"
      "$ORIGIN online.lync.com.\nsipfed IN A 52.112.0.1\n",
      "test.zone");
  ASSERT_TRUE(parsed);
  const auto r = federation_readiness(resolve::ZoneResolver(parsed->records), "contoso.com");
  EXPECT_EQ(codes(r), "federation.online");
  EXPECT_EQ(r.problems[0].severity, plan::Severity::info);
  ASSERT_EQ(r.endpoints.size(), 1u);
  EXPECT_TRUE(r.endpoints[0].microsoft_online);
}

TEST(Federation, XmppSrvIsCheckedWhenPresent) {
  const auto r = federation_readiness(zone("_sipfederationtls._tcp IN SRV 100 1 5061 sip\n"
                                           "sip IN A 192.0.2.10\n"
                                           "_xmpp-server._tcp IN SRV 0 0 5222 xmpp\n"),
                                      "contoso.com");
  EXPECT_EQ(codes(r), "federation.xmpp-port federation.no-address");
  EXPECT_EQ(r.xmpp.size(), 1u);
}

} // namespace
} // namespace lyncplan::probe
