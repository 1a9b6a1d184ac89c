// Zone data: the ldns zone-file reader and the offline resolver's answers.
#include "support/records.hpp"

#include <lyncplan/resolve/split_horizon.hpp>
#include <lyncplan/resolve/zone_file.hpp>
#include <lyncplan/resolve/zone_resolver.hpp>

#include <gtest/gtest.h>

namespace lyncplan::resolve {
namespace {

using plan::RrType;

using testing::a;
using testing::cname;
using testing::record;
using testing::srv;

TEST(ZoneFile, ReadsOriginTtlAndRelativeNames) {
  const auto parsed = parse_zone_file(R"($ORIGIN contoso.com.
$TTL 300
@ IN SOA ns1 hostmaster 1 3600 600 86400 3600
_sip._tls IN SRV 0 0 443 sip
sip 60 IN A 192.0.2.10
lyncdiscover IN CNAME web.Fabrikam.com.
@ IN MX 10 mail
)",
                                      "contoso.zone");
  ASSERT_TRUE(parsed) << format(parsed.error());
  EXPECT_EQ(parsed->origins, std::vector<std::string>{"contoso.com"});
  ASSERT_EQ(parsed->records.size(), 3u) << "SOA and MX are not kept";
  EXPECT_EQ(parsed->records[0].name, "_sip._tls.contoso.com");
  EXPECT_EQ(parsed->records[0].value, "sip.contoso.com");
  EXPECT_EQ(parsed->records[0].port, 443);
  EXPECT_EQ(parsed->records[0].line, 4);
  EXPECT_EQ(parsed->records[1].ttl, 60u);
  EXPECT_EQ(parsed->records[2].value, "web.fabrikam.com");
}

TEST(ZoneFile, ReportsTheLineOfABadRecord) {
  const auto parsed = parse_zone_file(
      "$ORIGIN contoso.com.\nsip IN A 192.0.2.10\nsip IN A 999.1.1.1\n", "bad.zone");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().file, "bad.zone");
  EXPECT_EQ(parsed.error().pos.line, 3);
}

TEST(ZoneFile, RefusesInclude) {
  EXPECT_FALSE(parse_zone_file("$INCLUDE /etc/passwd\n", "x.zone"));
}

TEST(ZoneResolver, DistinguishesNxdomainFromNodata) {
  const ZoneResolver z(
      {a("sip.contoso.com", "192.0.2.10"), srv("_sip._tls.contoso.com", "sip.contoso.com", 443)});
  EXPECT_EQ(z.query("sip.contoso.com", RrType::A).status, Status::ok);
  EXPECT_EQ(z.query("sip.contoso.com", RrType::SRV).status, Status::nodata);
  EXPECT_EQ(z.query("nope.contoso.com", RrType::A).status, Status::nxdomain);
  EXPECT_EQ(z.query("_tls.contoso.com", RrType::A).status, Status::nodata) << "empty non-terminal";
  EXPECT_EQ(z.query("SIP.Contoso.COM", RrType::A).status, Status::ok) << "case-insensitive";
}

TEST(ZoneResolver, FollowsCnamesAndStopsLoops) {
  const ZoneResolver z({cname("lyncdiscover.contoso.com", "web.contoso.com"),
                        a("web.contoso.com", "192.0.2.20"), cname("a.contoso.com", "b.contoso.com"),
                        cname("b.contoso.com", "a.contoso.com")});
  const auto answer = z.query("lyncdiscover.contoso.com", RrType::A);
  ASSERT_EQ(answer.status, Status::ok);
  EXPECT_EQ(answer.cnames, std::vector<std::string>{"web.contoso.com"});
  EXPECT_EQ(answer.records.at(0).value, "192.0.2.20");
  EXPECT_EQ(z.query("a.contoso.com", RrType::A).status, Status::servfail);
}

TEST(ZoneResolver, WildcardsAnswerOnlyNamesThatDoNotExist) {
  const ZoneResolver z({a("*.contoso.com", "192.0.2.99"), a("sip.contoso.com", "192.0.2.10"),
                        a("x.deep.contoso.com", "192.0.2.1")});
  const auto wild = z.query("lyncdiscover.contoso.com", RrType::A);
  EXPECT_EQ(wild.status, Status::ok);
  EXPECT_TRUE(wild.from_wildcard);
  EXPECT_FALSE(z.query("sip.contoso.com", RrType::A).from_wildcard);
  EXPECT_EQ(z.query("sip.contoso.com", RrType::SRV).status, Status::nodata);
  EXPECT_EQ(z.query("y.deep.contoso.com", RrType::A).status, Status::nxdomain)
      << "deep.contoso.com exists, so *.contoso.com does not cover its children";
}

TEST(SplitHorizon, InternalZonesFirstThenThePublicDns) {
  const ZoneResolver internal(
      {a("sip.contoso.com", "10.0.0.5"), cname("lyncdiscover.contoso.com", "web.fabrikam.com")});
  const ZoneResolver external({a("sip.contoso.com", "192.0.2.10"),
                               a("web.fabrikam.com", "192.0.2.20"),
                               a("sip.fabrikam.com", "192.0.2.30")});
  const SplitHorizonResolver inside(internal, {"contoso.com"}, external);
  EXPECT_EQ(inside.query("sip.contoso.com", RrType::A).records.at(0).value, "10.0.0.5");
  EXPECT_EQ(inside.query("sip.fabrikam.com", RrType::A).records.at(0).value, "192.0.2.30");
  const auto chased = inside.query("lyncdiscover.contoso.com", RrType::A);
  ASSERT_EQ(chased.status, Status::ok);
  EXPECT_EQ(chased.records.at(0).value, "192.0.2.20");
  EXPECT_EQ(inside.query("nope.contoso.com", RrType::A).status, Status::nxdomain)
      << "a hosted zone answers NXDOMAIN itself";
}

} // namespace
} // namespace lyncplan::resolve
