// Autodiscover, simple URLs and published web names (RULES 14, 16, 30; Lync 2013 reverse-proxy
// DNS summary).
#include "support/topologies.hpp"

#include <gtest/gtest.h>

namespace lyncplan::testing {
namespace {

using plan::View;
using V = std::vector<std::string>;

TEST(WebDns, ReverseProxyTableNamesAllOnTheListener) {
  const auto p = plan_of(reference_topology());
  for (const char* name : {"webext.contoso.com", "webdirext.contoso.com", "dialin.contoso.com",
                           "meet.contoso.com", "meet.fabrikam.com", "officewebapps01.contoso.com",
                           "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"}) {
    EXPECT_EQ(answers(p, View::external, name), V{"A 131.107.155.40"}) << name;
  }
  EXPECT_TRUE(answers(p, View::external, "admin.contoso.com").empty()) << "admin is internal";
  EXPECT_TRUE(answers(p, View::external, "lyncdiscoverinternal.contoso.com").empty());
}

TEST(WebDns, InsideNamesGoToTheDirector) {
  const auto p = plan_of(reference_topology());
  EXPECT_EQ(answers(p, View::internal, "lyncdiscoverinternal.contoso.com"), V{"A 192.168.21.40"});
  EXPECT_EQ(answers(p, View::internal, "meet.fabrikam.com"), V{"A 192.168.21.40"});
  EXPECT_EQ(answers(p, View::internal, "admin.contoso.com"), V{"A 192.168.21.40"});
  EXPECT_EQ(answers(p, View::internal, "webdirext.contoso.com"), V{"A 192.168.21.40"});
  EXPECT_EQ(answers(p, View::internal, "officewebapps01.contoso.com"), V{"A 192.168.21.60"});
}

TEST(WebDns, WithoutDirectorInsideNamesGoToThePoolWebVip) {
  std::string y = reference_topology();
  const auto begin = y.find("  - fqdn: dirpool.contoso.net");
  const auto end = y.find("  - fqdn: lsedge.contoso.net");
  y.erase(begin, end - begin);
  y.replace(y.find("    next_hop: dirpool.contoso.net\n"), 34, "");
  const auto p = plan_of(y);
  EXPECT_EQ(answers(p, View::internal, "meet.contoso.com"), V{"A 192.168.21.120"});
  EXPECT_EQ(answers(p, View::internal, "lyncdiscoverinternal.contoso.com"), V{"A 192.168.21.120"});
}

TEST(WebDns, SimpleUrlOptionTwoUsesABasePerDomain) {
  const auto p = plan_of(reference_topology() + "simple_urls: {option: 2}\n");
  EXPECT_EQ(answers(p, View::external, "lync.contoso.com"), V{"A 131.107.155.40"});
  EXPECT_EQ(answers(p, View::external, "lync.fabrikam.com"), V{"A 131.107.155.40"});
  EXPECT_TRUE(answers(p, View::external, "meet.contoso.com").empty());
}

TEST(WebDns, SimpleUrlOptionThreeUsesOneHost) {
  const auto p =
      plan_of(reference_topology() + "simple_urls: {option: 3, base: lync.contoso.com}\n");
  EXPECT_EQ(answers(p, View::external, "lync.contoso.com"), V{"A 131.107.155.40"});
  EXPECT_TRUE(answers(p, View::external, "lync.fabrikam.com").empty());
}

TEST(WebDns, ExplicitMeetAndDialinNames) {
  const auto p = plan_of(reference_topology() +
                         "simple_urls: {meet: {fabrikam.com: conf.fabrikam.com}, dialin: "
                         "pstn.contoso.com, admin: false}\n");
  EXPECT_EQ(answers(p, View::external, "conf.fabrikam.com"), V{"A 131.107.155.40"});
  EXPECT_EQ(answers(p, View::external, "pstn.contoso.com"), V{"A 131.107.155.40"});
  EXPECT_TRUE(answers(p, View::internal, "admin.contoso.com").empty());
}

TEST(WebDns, ListenersSplitThePublishedNames) {
  std::string y = reference_topology();
  y.replace(y.find("reverse_proxy: {ip: 131.107.155.40}"), 35,
            "reverse_proxy:\n  ip: 131.107.155.40\n  listeners:\n"
            "    - {ip: 131.107.155.41, names: [webext.contoso.com]}");
  const auto p = plan_of(y);
  EXPECT_EQ(answers(p, View::external, "webext.contoso.com"), V{"A 131.107.155.41"});
  EXPECT_EQ(answers(p, View::external, "webdirext.contoso.com"), V{"A 131.107.155.40"});
}

// Hosted tenants' lyncdiscover: an A record to the reverse proxy by default, or with
// lyncdiscover: cname one CNAME each to the provider's own name, which the plan publishes; and
// simulate follows it to the provider's Autodiscover.
TEST(WebDns, TenantLyncdiscoverAsACnameToTheProvider) {
  const std::string hosting = "hosting: {provider_domain: contoso.com, tenants: [tailspin.com]";
  const auto a = plan_of(reference_topology() + hosting + "}\n");
  EXPECT_EQ(answers(a, View::external, "lyncdiscover.tailspin.com"), V{"A 131.107.155.40"});
  const auto cname = plan_of(reference_topology() + hosting + ", lyncdiscover: cname}\n");
  EXPECT_EQ(answers(cname, View::external, "lyncdiscover.tailspin.com"),
            V{"CNAME lyncdiscover.contoso.com"});
  EXPECT_EQ(answers(cname, View::external, "lyncdiscover.contoso.com"), V{"A 131.107.155.40"});
}

} // namespace
} // namespace lyncplan::testing
