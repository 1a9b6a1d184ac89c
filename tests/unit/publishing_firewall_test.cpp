// Reverse-proxy publishing (RULES 29, 30, 36) and firewall ports (RULES 31).
#include "support/topologies.hpp"

#include <gtest/gtest.h>

namespace lyncplan::testing {
namespace {

const plan::PublishingRule* rule_for(const plan::Plan& p, const std::string& name) {
  for (const auto& r : p.publishing) {
    if (r.public_name == name) {
      return &r;
    }
  }
  return nullptr;
}

TEST(Publishing, DirectorAndFrontEndAreBothPublishedWithPortBridging) {
  const auto p = plan_of(reference_topology());
  const auto* fe = rule_for(p, "webext.contoso.com");
  const auto* dir = rule_for(p, "webdirext.contoso.com");
  ASSERT_NE(fe, nullptr);
  ASSERT_NE(dir, nullptr);
  EXPECT_EQ(fe->backend, "pool01.contoso.net");
  EXPECT_EQ(dir->backend, "dirpool.contoso.net");
  EXPECT_EQ(fe->from_ports, (std::vector<int>{443, 80}));
  EXPECT_EQ(fe->backend_ports, (std::vector<int>{4443, 8080}));
  EXPECT_EQ(fe->listener, "131.107.155.40");
}

TEST(Publishing, SimpleUrlsAndLyncdiscoverGoToTheDirector) {
  const auto p = plan_of(reference_topology());
  for (const char* name : {"meet.contoso.com", "meet.fabrikam.com", "dialin.contoso.com",
                           "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"}) {
    const auto* r = rule_for(p, name);
    ASSERT_NE(r, nullptr) << name;
    EXPECT_EQ(r->backend, "dirpool.contoso.net") << name;
  }
  EXPECT_EQ(rule_for(p, "admin.contoso.com"), nullptr);
}

TEST(Publishing, OfficeWebAppsStaysOn443) {
  const auto p = plan_of(reference_topology());
  const auto* r = rule_for(p, "officewebapps01.contoso.com");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->from_ports, std::vector<int>{443});
  EXPECT_EQ(r->backend_ports, std::vector<int>{443});
}

TEST(Publishing, NothingWithoutAReverseProxy) {
  std::string y = reference_topology();
  y.replace(y.find("reverse_proxy: {ip: 131.107.155.40}\n"), 36, "");
  EXPECT_TRUE(plan_of(y).publishing.empty());
}

TEST(Firewall, EdgeExternalAndInternalPorts) {
  const auto p = plan_of(reference_topology());
  EXPECT_TRUE(has_port(p, "internet", "edge-external-access", "tcp", "443"));
  EXPECT_TRUE(has_port(p, "internet", "edge-external-access", "tcp", "5061"));
  EXPECT_TRUE(has_port(p, "internet", "edge-external-av", "udp", "3478"));
  EXPECT_TRUE(has_port(p, "edge-external-av", "internet", "udp", "50000-59999"));
  EXPECT_TRUE(has_port(p, "dirpool.contoso.net", "edge-internal", "tcp", "5061"));
  EXPECT_TRUE(has_port(p, "pool01.contoso.net", "edge-internal", "tcp", "8057"));
  EXPECT_TRUE(has_port(p, "pool01.contoso.net", "edge-internal", "tcp", "4443"));
  EXPECT_TRUE(has_port(p, "reverse-proxy", "pool01.contoso.net", "tcp", "4443"));
  EXPECT_FALSE(has_port(p, "internet", "edge-external-access", "tcp", "5269"));
  const auto xmpp = plan_of(reference_topology() + "federation: {xmpp: true}\n");
  EXPECT_TRUE(has_port(xmpp, "internet", "edge-external-access", "tcp", "5269"));
  EXPECT_TRUE(has_port(xmpp, "pool01.contoso.net", "edge-internal", "tcp", "23456"));
}

} // namespace
} // namespace lyncplan::testing
