// Wildcards that fake Lync names, found by asking a random label.
#include "support/zone_text.hpp"

#include <lyncplan/probe/wildcard.hpp>
#include <lyncplan/resolve/zone_file.hpp>
#include <lyncplan/resolve/zone_resolver.hpp>

#include <gtest/gtest.h>

namespace lyncplan::probe {
namespace {

const auto zone = testing::contoso_zone;

TEST(WildcardFakes, NoWildcardNoReport) {
  const auto r = find_wildcard_fakes(zone("sip IN A 192.0.2.10\n"), "contoso.com", "q7x2k9");
  EXPECT_EQ(r.answer, "");
  EXPECT_TRUE(r.problems.empty());
}

TEST(WildcardFakes, WebHostingWildcardFakesEveryUnpublishedLyncName) {
  const auto r = find_wildcard_fakes(zone("* IN CNAME www.hoster.net.\nsip IN A 192.0.2.10\n"
                                          "$ORIGIN hoster.net.\nwww IN A 203.0.113.80\n"),
                                     "contoso.com", "q7x2k9");
  EXPECT_EQ(r.probe_name, "q7x2k9.contoso.com");
  EXPECT_EQ(r.answer, "www.hoster.net -> 203.0.113.80");
  EXPECT_EQ(r.faked, (std::vector<std::string>{
                         "lyncdiscover.contoso.com", "lyncdiscoverinternal.contoso.com",
                         "sipinternal.contoso.com", "sipexternal.contoso.com"}))
      << "sip is published, so it is not faked";
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].severity, plan::Severity::error);
}

TEST(WildcardFakes, WildcardThatFakesNothingIsAWarning) {
  const auto r = find_wildcard_fakes(
      zone("* IN A 203.0.113.80\nsip IN A 192.0.2.10\nlyncdiscover IN A 192.0.2.20\n"
           "lyncdiscoverinternal IN A 10.0.0.20\nsipinternal IN A 10.0.0.5\n"
           "sipexternal IN A 192.0.2.10\n"),
      "contoso.com", "q7x2k9");
  EXPECT_TRUE(r.faked.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].severity, plan::Severity::warning);
}

} // namespace
} // namespace lyncplan::probe
