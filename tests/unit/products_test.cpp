// The product table: one row per product, names the loader accepts, facts the rules read.
#include "support/topologies.hpp"

#include <lyncplan/discovery/clients.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/topology/products.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace lyncplan::testing {
namespace {

using topology::Product;
using topology::product_facts;

TEST(Products, EveryRowNamesItsProductAndRoundTrips) {
  for (const auto& f : topology::products()) {
    EXPECT_EQ(topology::product_named(f.name), f.product) << f.name;
    EXPECT_EQ(&product_facts(f.product), &f);
    EXPECT_STREQ(topology::to_string(f.product), std::string(f.name).c_str());
    EXPECT_FALSE(f.display_name.empty());
    EXPECT_EQ(f.released.size(), 7u) << f.name << ": year-month";
  }
  EXPECT_FALSE(topology::product_named("lync2012"));
}

// The client column names clients the simulator knows, and every product serves at least one.
TEST(Products, ClientColumnNamesKnownClients) {
  for (const auto& f : topology::products()) {
    std::size_t served = 0;
    for (const auto& client : discovery::client_profiles()) {
      served += topology::signs_in(f, client.name) ? 1 : 0;
    }
    std::size_t listed =
        1 + static_cast<std::size_t>(std::count(f.clients.begin(), f.clients.end(), ' '));
    EXPECT_EQ(served, listed) << f.name << ": " << f.clients;
  }
}

TEST(Products, FactsTheRulesRead) {
  EXPECT_EQ(topology::product_names([](const topology::ProductFacts& f) { return f.xmpp; }, " or "),
            "lync2013 or sfb2015");
  EXPECT_EQ(topology::products_with([](const topology::ProductFacts& f) { return f.mobility; }),
            "a product from lync2010 on");
  EXPECT_EQ(topology::products_with([](const topology::ProductFacts& f) { return f.xmpp; }),
            "one of lync2013, sfb2015");
  EXPECT_TRUE(product_facts(Product::ocs2007r2).client_refuses_foreign_srv_target);
  EXPECT_FALSE(product_facts(Product::lync2013).client_refuses_foreign_srv_target);
  EXPECT_FALSE(signs_in(product_facts(Product::sfb2019), "lpe"));
  EXPECT_TRUE(signs_in(product_facts(Product::sfb2015), "lpe"));
  EXPECT_FALSE(signs_in(product_facts(Product::sfb2019), "lync2010"));
  EXPECT_FALSE(signs_in(product_facts(Product::sfb2015), "ocs2007r2"));
  EXPECT_FALSE(signs_in(product_facts(Product::ocs2007r2), "lync2010"));
  EXPECT_TRUE(signs_in(product_facts(Product::sfb2019), "lync2013"));
  EXPECT_FALSE(signs_in(product_facts(Product::sfb2019), "lync201")) << "whole names only";
  EXPECT_EQ(product_facts(Product::sfb2019).support_ended, "2025-10-14");
}

// Subscription Edition is 2019 but for its name, version and licence: the same records,
// certificates, publishing and ports; only 2019's end of support is not its finding.
TEST(Products, SubscriptionEditionPlansAs2019WithoutTheEndOfSupport) {
  std::string y = reference_topology();
  y.replace(y.find("lync2013"), 8, "sfb2019");
  const plan::Plan p2019 = rules::make_plan(load(y));
  y.replace(y.find("sfb2019"), 7, "sfbse");
  const plan::Plan se = rules::make_plan(load(y));
  EXPECT_EQ(se.product, "sfbse");
  ASSERT_EQ(se.dns.size(), p2019.dns.size());
  for (std::size_t i = 0; i < se.dns.size(); ++i) {
    EXPECT_EQ(se.dns[i].name, p2019.dns[i].name);
    EXPECT_EQ(se.dns[i].value, p2019.dns[i].value);
  }
  ASSERT_EQ(se.certificates.size(), p2019.certificates.size());
  for (std::size_t i = 0; i < se.certificates.size(); ++i) {
    EXPECT_EQ(se.certificates[i].sans, p2019.certificates[i].sans);
    EXPECT_EQ(se.certificates[i].usages, p2019.certificates[i].usages);
  }
  EXPECT_EQ(se.publishing.size(), p2019.publishing.size());
  EXPECT_EQ(se.firewall.size(), p2019.firewall.size());
  auto lifecycle = [](const plan::Plan& p) {
    return std::count_if(p.findings.begin(), p.findings.end(),
                         [](const auto& f) { return f.rule == "product.end-of-support"; });
  };
  EXPECT_EQ(lifecycle(se), 0);
  EXPECT_EQ(lifecycle(p2019), 1);
  EXPECT_EQ(se.findings.size() + 1, p2019.findings.size());
  for (const auto& f : p2019.findings) {
    if (f.rule == "product.end-of-support") {
      EXPECT_EQ(f.message, "Skype for Business Server 2019 left Microsoft's support on "
                           "2025-10-14: no security updates since");
      EXPECT_NE(f.fix.find("in place to Skype for Business Server Subscription Edition"),
                std::string::npos);
    }
  }
}

// Every product past its support date gets the finding, with its date and a way forward.
TEST(Products, EveryProductPastItsSupportHasAWayForward) {
  for (const auto& f : topology::products()) {
    EXPECT_EQ(f.support_ended.empty(), f.way_forward.empty()) << f.name;
    if (!f.support_ended.empty()) {
      EXPECT_EQ(f.support_ended.size(), 10u) << f.name << ": an ISO date";
    }
  }
  EXPECT_NE(product_facts(Product::sfb2015).way_forward.find("side by side"), std::string::npos);
  EXPECT_TRUE(product_facts(Product::sfbse).support_ended.empty());
  EXPECT_FALSE(product_facts(Product::sfbse).xmpp);
  EXPECT_TRUE(product_facts(Product::sfbse).mobility) << "UCWA clients still use lyncdiscover";
}

TEST(Products, TheLoaderTakesNamesAndDefaultsFromTheTable) {
  std::string y = reference_topology();
  y.replace(y.find("lync2013"), 8, "lync2010");
  EXPECT_FALSE(load(y).mobility) << "mobility is off by default before Lync 2013";
  y.replace(y.find("lync2010"), 8, "sfb2019");
  EXPECT_TRUE(load(y).mobility);
  EXPECT_EQ(load(y).product, Product::sfb2019);
}

} // namespace
} // namespace lyncplan::testing
