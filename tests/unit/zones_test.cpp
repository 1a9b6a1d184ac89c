// Views and zones under each internal_dns mode (RULES 5).
#include "support/topologies.hpp"

#include <gtest/gtest.h>

#include <set>

namespace lyncplan::testing {
namespace {

using plan::View;
using V = std::vector<std::string>;

std::string zone_of(const plan::Plan& p, View view, const std::string& name) {
  const auto rs = records(p, view, name);
  return rs.empty() ? std::string() : rs.front()->zone;
}

TEST(Zones, ExternalNamesLiveInTheirSipDomainZone) {
  const auto p = plan_of(reference_topology());
  EXPECT_EQ(zone_of(p, View::external, "_sip._tls.fabrikam.com"), "fabrikam.com");
  EXPECT_EQ(zone_of(p, View::external, "webext.contoso.com"), "contoso.com");
  EXPECT_EQ(zone_of(p, View::internal, "lsedge.contoso.net"), "contoso.net");
}

TEST(Zones, SplitBrainCopiesExternalNamesInside) {
  const auto p = plan_of(reference_topology());
  const auto copies = records(p, View::internal, "webext.contoso.com");
  ASSERT_EQ(copies.size(), 1u);
  EXPECT_EQ(copies[0]->rule.str(), "dns.split-brain-copy");
  EXPECT_EQ(copies[0]->value, "131.107.155.40");
  // A name defined inside keeps its internal answer only.
  EXPECT_EQ(answers(p, View::internal, "sip.contoso.com"), V{"A 192.168.21.40"});
}

TEST(Zones, PinPointGivesEveryNameItsOwnZone) {
  std::string y = reference_topology();
  y.replace(y.find("split-brain"), 11, "pin-point");
  const auto p = plan_of(y);
  EXPECT_EQ(zone_of(p, View::internal, "sip.contoso.com"), "sip.contoso.com");
  EXPECT_EQ(zone_of(p, View::internal, "_sipinternaltls._tcp.fabrikam.com"),
            "_sipinternaltls._tcp.fabrikam.com");
  EXPECT_EQ(zone_of(p, View::internal, "pool01.contoso.net"), "contoso.net");
  EXPECT_TRUE(records(p, View::internal, "webext.contoso.com").empty()) << "no copies";
}

TEST(Zones, NoInternalDnsDropsSipDomainNamesAndSaysWhatBreaks) {
  std::string y = reference_topology();
  y.replace(y.find("split-brain"), 11, "none");
  const auto p = plan_of(y);
  EXPECT_TRUE(records(p, View::internal, "_sipinternaltls._tcp.contoso.com").empty());
  EXPECT_TRUE(records(p, View::internal, "lyncdiscoverinternal.contoso.com").empty());
  EXPECT_EQ(answers(p, View::internal, "pool01.contoso.net"), V{"A 192.168.21.100"});
  const auto* f = finding(p, "internal-dns-none", "internal_dns");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message.find("lyncdiscoverinternal.contoso.com"), std::string::npos);
}

TEST(Zones, ADomainThatIsAlsoTheSipDomainIsHeldWholeInside) {
  const auto p = plan_of(R"(lyncplan: 1
product: lync2013
sip_domains: [contoso.com]
internal_dns: pin-point
pools:
  - fqdn: se01.contoso.com
    role: standard-edition
    servers: [{fqdn: se01.contoso.com, ip: 10.0.0.5}]
    web: {external: {fqdn: web.contoso.com}}
  - fqdn: edge.contoso.com
    role: edge
    external:
      access: {fqdn: sip.contoso.com}
      webconf: {fqdn: webconf.contoso.com}
      av: {fqdn: av.contoso.com}
    servers:
      - {fqdn: edge.contoso.com, internal_ip: 10.1.0.5, external: {access: 192.0.2.1, webconf: 192.0.2.2, av: 192.0.2.3}}
reverse_proxy: {ip: 192.0.2.9}
)");
  EXPECT_EQ(zone_of(p, View::internal, "sip.contoso.com"), "contoso.com");
  EXPECT_EQ(answers(p, View::internal, "av.contoso.com"), V{"A 192.0.2.3"});
}

TEST(Zones, RecordsAreSortedAndUnique) {
  const auto p = plan_of(reference_topology());
  for (std::size_t i = 1; i < p.dns.size(); ++i) {
    const auto& a = p.dns[i - 1];
    const auto& b = p.dns[i];
    EXPECT_TRUE(std::tie(a.view, a.zone, a.name, a.type, a.value) <
                std::tie(b.view, b.zone, b.name, b.type, b.value))
        << a.name << " / " << b.name;
  }
}

} // namespace
} // namespace lyncplan::testing
