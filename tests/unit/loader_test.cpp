// The topology loader: defaults, every key of the contract, and positioned errors.
#include "support/topologies.hpp"

#include <lyncplan/dns/address.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace lyncplan::testing {
namespace {

using topology::InternalDns;
using topology::LoadBalancing;
using topology::Product;
using topology::Role;

const char* kMinimal = R"(lyncplan: 1
product: sfb2015
sip_domains: [Contoso.com]
pools:
  - fqdn: SE01.contoso.com
    role: standard-edition
    servers: [{fqdn: se01.contoso.com, ip: 10.0.0.5}]
)";

TEST(Loader, MinimalTopologyGetsTheDefaults) {
  const auto t = load(kMinimal);
  EXPECT_EQ(t.product, Product::sfb2015);
  ASSERT_EQ(t.sip_domains.size(), 1u);
  EXPECT_EQ(t.sip_domains[0], "contoso.com") << "names are folded to lower case";
  EXPECT_EQ(t.internal_dns, InternalDns::split_brain);
  EXPECT_TRUE(t.mobility) << "mobility defaults to true from lync2013 on";
  EXPECT_FALSE(t.strict_dns_naming);
  EXPECT_EQ(t.simple_urls.option, 1);
  EXPECT_TRUE(t.simple_urls.admin);
  EXPECT_TRUE(t.federation.open);
  ASSERT_EQ(t.pools.size(), 1u);
  EXPECT_EQ(t.pools[0].fqdn, "se01.contoso.com");
  EXPECT_EQ(t.pools[0].role, Role::standard_edition);
  EXPECT_EQ(t.pools[0].load_balancing, LoadBalancing::none);
}

TEST(Loader, MobilityDefaultsOffBeforeLync2013) {
  std::string yaml = kMinimal;
  yaml.replace(yaml.find("sfb2015"), 7, "lync2010");
  EXPECT_FALSE(load(yaml).mobility);
}

TEST(Loader, ReadsEveryKeyOfTheReference) {
  const auto t = load(reference_topology());
  ASSERT_EQ(t.pools.size(), 3u);
  const auto& edge = t.pools[2];
  EXPECT_EQ(edge.role, Role::edge);
  EXPECT_EQ(edge.next_hop, "dirpool.contoso.net");
  EXPECT_EQ(edge.access.fqdn, "sip.contoso.com");
  EXPECT_EQ(edge.access.port, 443);
  ASSERT_EQ(edge.servers.size(), 1u);
  EXPECT_EQ(edge.servers[0].nat_av->text, "131.107.155.30");
  EXPECT_EQ(t.pools[0].web_internal->vip->text, "192.168.21.120");
  EXPECT_EQ(t.reverse_proxy->ip->text, "131.107.155.40");
  EXPECT_EQ(t.office_web_apps->fqdn, "officewebapps01.contoso.com");
}

TEST(Loader, TenantsFileIsRelativeToTheTopologyAndCommented) {
  const std::string yaml = std::string(kMinimal) + R"(hosting:
  provider_domain: contoso.com
  tenants: [a.example]
  tenants_file: tenants.txt
)";
  const auto t =
      load(yaml, {{"tenants.txt", "# tenants\ntailspin.com\n\n  Wingtip.com  # big one\r\n"}});
  ASSERT_TRUE(t.hosting);
  EXPECT_EQ(t.hosting->tenants,
            (std::vector<std::string>{"a.example", "tailspin.com", "wingtip.com"}));
}

TEST(Loader, TenantsFileErrorsNameTheirOwnFileAndLine) {
  const std::string yaml = std::string(kMinimal) + R"(hosting:
  provider_domain: contoso.com
  tenants_file: tenants.txt
)";
  const auto errors = load_errors(yaml, {{"tenants.txt", "tailspin.com\n  bad_name.com\n"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].substr(0, 16), "tenants.txt:2:3:");
}

TEST(Loader, MissingTenantsFileIsAnError) {
  const std::string yaml = std::string(kMinimal) + R"(hosting:
  provider_domain: contoso.com
  tenants_file: nowhere.txt
)";
  const auto errors = load_errors(yaml);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("cannot be read"), std::string::npos);
}

TEST(Loader, UnknownKeyNamesTheNearestKnownKey) {
  std::string yaml = kMinimal;
  yaml.replace(yaml.find("sip_domains"), 11, "sip_domians");
  const auto errors = load_errors(yaml);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], "test.yaml:1:1: the topology has no 'sip_domains'; expected "
                       "'sip_domains' to be given");
  EXPECT_EQ(errors[1], "test.yaml:3:1: unknown key 'sip_domians' in the topology; expected a "
                       "known key: did you mean 'sip_domains'?");
}

TEST(Loader, ReportsEveryProblemAtOnceInOrder) {
  const auto errors = load_errors(R"(lyncplan: 1
product: lync2012
sip_domains: [contoso.com]
pools:
  - fqdn: pool_1.contoso.com
    role: front-end
    servers: [{fqdn: fe01.contoso.com, ip: 10.0.0.300}]
)");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].substr(0, 14), "test.yaml:2:10");
  EXPECT_EQ(errors[1].substr(0, 14), "test.yaml:5:11");
  EXPECT_EQ(errors[2].substr(0, 14), "test.yaml:7:44");
}

TEST(Loader, DuplicateKeysAreRejected) {
  const auto errors = load_errors(std::string(kMinimal) + "product: lync2013\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("appears twice"), std::string::npos);
}

TEST(Validation, MeaningErrors) {
  // A Standard Edition pool with two servers, and XMPP on sfb2019.
  const auto errors = load_errors(R"(lyncplan: 1
product: sfb2019
sip_domains: [contoso.com]
pools:
  - fqdn: se01.contoso.com
    role: standard-edition
    load_balancing: dns
    servers:
      - {fqdn: se01.contoso.com, ip: 10.0.0.5}
      - {fqdn: se02.contoso.com, ip: 10.0.0.6}
    web: {internal: {fqdn: web.contoso.com}}
federation: {xmpp: true}
)");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("Standard Edition pool with 2 servers"), std::string::npos);
  EXPECT_NE(errors[1].find("XMPP federation does not exist in sfb2019"), std::string::npos);
}

TEST(Validation, DnsLoadBalancedPoolNeedsAnotherWebName) {
  const auto errors = load_errors(R"(lyncplan: 1
product: lync2013
sip_domains: [contoso.com]
pools:
  - fqdn: pool.contoso.com
    role: front-end
    load_balancing: dns
    servers:
      - {fqdn: fe1.contoso.com, ip: 10.0.0.5}
      - {fqdn: fe2.contoso.com, ip: 10.0.0.6}
)");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("HTTP cannot be DNS load balanced"), std::string::npos);
}

TEST(Validation, DuplicateFqdnsPointAtBothPlaces) {
  const auto errors = load_errors(R"(lyncplan: 1
product: lync2013
sip_domains: [contoso.com]
pools:
  - fqdn: pool.contoso.com
    role: front-end
    servers: [{fqdn: pool.contoso.com, ip: 10.0.0.5}]
  - fqdn: pool.contoso.com
    role: mediation
    servers: [{fqdn: med.contoso.com, ip: 10.0.0.6}]
)");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "test.yaml:8:11: FQDN 'pool.contoso.com' is used twice (first at line 5); "
                       "expected every pool, server and service name to be unique");
}

} // namespace
} // namespace lyncplan::testing

namespace lyncplan::testing {
namespace {

// The meaning checks run over the model, so a topology built by another reader (an import)
// gets them without YAML: every mistake below is found in one pass, at the positions recorded.
TEST(Validate, MeaningChecksNeedOnlyTheModel) {
  topology::Topology t;
  t.source = "imported.tbxml";
  t.product = Product::sfb2019;
  t.sip_domains = {"contoso.com"};
  t.federation.xmpp = true;
  t.federation.xmpp_pos = {40, 3};
  topology::Pool fe;
  fe.fqdn = "pool.contoso.com";
  fe.role = Role::front_end;
  fe.map_pos = fe.pos = {10, 5};
  fe.load_balancing = LoadBalancing::hardware;
  fe.load_balancing_pos = {11, 21};
  fe.servers_pos = {12, 5};
  for (const char* name : {"fe1.contoso.com", "fe2.contoso.com"}) {
    topology::Server s;
    s.fqdn = name;
    s.ip = dns::parse_ip(fe.servers.empty() ? "10.0.0.1" : "10.0.0.2");
    fe.servers.push_back(s);
  }
  topology::Pool director = fe;
  director.fqdn = "dir.contoso.com";
  director.role = Role::director;
  director.map_pos = director.pos = {20, 5};
  director.load_balancing = LoadBalancing::none;
  director.load_balancing_pos = {};
  director.servers[0].fqdn = "dir1.contoso.com";
  director.servers[1].fqdn = "dir2.contoso.com";
  director.servers[0].ip = dns::parse_ip("10.0.0.3");
  director.servers[1].ip = dns::parse_ip("10.0.0.4");
  t.pools = {fe, director};

  std::vector<topology::Diagnostic> out;
  topology::validate(t, out);
  std::vector<std::string> seen;
  for (const auto& d : out) {
    seen.push_back(fmt::format("{}:{}:{}: {}", d.file, d.pos.line, d.pos.column, d.message));
  }
  const auto has = [&](const std::string& prefix) {
    return std::any_of(seen.begin(), seen.end(),
                       [&](const std::string& s) { return s.starts_with(prefix); });
  };
  EXPECT_TRUE(has("imported.tbxml:10:5: pool pool.contoso.com uses hardware load balancing "
                  "without a vip"));
  EXPECT_TRUE(has("imported.tbxml:20:5: pool dir.contoso.com has 2 servers but no load "
                  "balancing"));
  EXPECT_TRUE(has("imported.tbxml:40:3: XMPP federation does not exist in sfb2019"));
  EXPECT_EQ(seen.size(), 3u) << fmt::format("{}", fmt::join(seen, "\n"));
}

// Topology Builder's defaults: a single-IP Edge names its three services alike, and the external
// web FQDN repeats the pool's. Both load; one name over two addresses does not.
constexpr const char* kSingleNameEdge = R"(lyncplan: 1
product: sfb2015
sip_domains: [contoso.com]
pools:
  - fqdn: skypefe.contoso.com
    role: standard-edition
    servers: [{fqdn: skypefe.contoso.com, ip: 10.0.0.5}]
    web:
      external: {fqdn: skypefe.contoso.com}
  - fqdn: edge.contoso.com
    role: edge
    external:
      access:  {fqdn: sip.contoso.com}
      webconf: {fqdn: sip.contoso.com}
      av:      {fqdn: sip.contoso.com}
      ports:   {access: 5061, webconf: 444, av: 442}
    servers:
      - fqdn: edge.contoso.com
        internal_ip: 10.0.1.5
        external: {access: 172.16.0.5, webconf: 172.16.0.5, av: 172.16.0.5}
        nat: {access: 203.0.113.5, webconf: 203.0.113.5, av: 203.0.113.5}
reverse_proxy: {ip: 203.0.113.6}
)";

TEST(Loader, TopologyBuilderDefaultsLoad) {
  const auto t = load(kSingleNameEdge);
  ASSERT_EQ(t.pools.size(), 2u);
  EXPECT_EQ(t.pools[1].webconf.fqdn, "sip.contoso.com");
  EXPECT_EQ(t.pools[0].web_external->fqdn, t.pools[0].fqdn);
}

TEST(Loader, OneEdgeNameOverTwoAddressesIsRefused) {
  std::string yaml = kSingleNameEdge;
  yaml.replace(yaml.find("webconf: 203.0.113.5"), 20, "webconf: 203.0.113.7");
  const auto errors = load_errors(yaml);
  ASSERT_EQ(errors.size(), 1u) << fmt::format("{}", fmt::join(errors, "\n"));
  EXPECT_NE(errors[0].find("Edge services share the FQDN 'sip.contoso.com' but not their "
                           "addresses"),
            std::string::npos)
      << errors[0];
}

} // namespace
} // namespace lyncplan::testing
