// DNS names and addresses: what the topology contract accepts.
#include <lyncplan/dns/address.hpp>
#include <lyncplan/dns/name.hpp>
#include <lyncplan/util/strings.hpp>

#include <gtest/gtest.h>

namespace lyncplan::dns {
namespace {

TEST(HostName, AcceptsLettersDigitsHyphens) {
  EXPECT_FALSE(host_name_problem("pool-01.contoso.com"));
  EXPECT_FALSE(host_name_problem("a.b"));
}

TEST(HostName, RejectsWhatTheContractForbids) {
  EXPECT_TRUE(host_name_problem(""));
  EXPECT_TRUE(host_name_problem("pool.contoso.com."));
  EXPECT_TRUE(host_name_problem("pool..contoso.com"));
  EXPECT_TRUE(host_name_problem("pool_01.contoso.com"));
  EXPECT_TRUE(host_name_problem("*.contoso.com"));
  EXPECT_TRUE(host_name_problem("-pool.contoso.com"));
  EXPECT_TRUE(host_name_problem("pool.contoso.com;rm"));
  EXPECT_TRUE(host_name_problem(std::string(64, 'a') + ".com"));
  std::string long_name;
  for (int i = 0; i < 26; ++i) {
    long_name += "abcdefghi.";
  }
  long_name += "com";
  EXPECT_TRUE(host_name_problem(long_name));
}

TEST(HostName, ExplainsWildcardsAndUnderscores) {
  EXPECT_NE(host_name_problem("*.contoso.com")->find("a wildcard is never a subject"),
            std::string::npos);
  EXPECT_NE(host_name_problem("a_b.contoso.com")->find("underscores are not allowed"),
            std::string::npos);
}

TEST(Namespace, WithinAndChild) {
  EXPECT_TRUE(is_within("sip.contoso.com", "contoso.com"));
  EXPECT_TRUE(is_within("contoso.com", "contoso.com"));
  EXPECT_FALSE(is_within("sip.notcontoso.com", "contoso.com"));
  EXPECT_FALSE(is_within("pool01.contoso.net", "contoso.com"));
  EXPECT_TRUE(is_child_of("sip.contoso.com", "contoso.com"));
  EXPECT_FALSE(is_child_of("a.sip.contoso.com", "contoso.com"));
  EXPECT_EQ(parent_domain("pool01.contoso.net"), "contoso.net");
  EXPECT_EQ(parent_domain("com"), "");
}

TEST(Namespace, RelativeNames) {
  EXPECT_EQ(relative_name("_sip._tls.contoso.com", "contoso.com"), "_sip._tls");
  EXPECT_EQ(relative_name("sip.contoso.com", "sip.contoso.com"), "@");
  EXPECT_EQ(relative_name("sip.fabrikam.com", "contoso.com"), "sip.fabrikam.com.");
}

TEST(Address, ParsesAndNormalises) {
  EXPECT_EQ(parse_ip("131.107.155.10")->family, Family::v4);
  EXPECT_EQ(parse_ip("2001:DB8::0:1")->text, "2001:db8::1");
  EXPECT_EQ(parse_ip("2001:db8::1")->family, Family::v6);
  EXPECT_FALSE(parse_ip("131.107.155.300"));
  EXPECT_FALSE(parse_ip("sip.contoso.com"));
  EXPECT_FALSE(parse_ip(""));
  EXPECT_FALSE(parse_ip("10.0.0.1 "));
}

TEST(Strings, NearestSuggestsTyposOnly) {
  EXPECT_EQ(nearest("sip_domian", {"sip_domains", "pools"}), "sip_domains");
  EXPECT_EQ(nearest("zzzzzzzz", {"sip_domains", "pools"}), "");
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

} // namespace
} // namespace lyncplan::dns
