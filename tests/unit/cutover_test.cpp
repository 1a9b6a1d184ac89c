// `lyncplan cutover` over zone data: the steps from hybrid to Teams-only and back, what they
// leave, what they refuse to touch, and what a DNS that does not answer gives.
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/records.hpp"
#include "support/topologies.hpp"

#include <lyncplan/cutover/cutover.hpp>
#include <lyncplan/cutover/report.hpp>
#include <lyncplan/dns/name.hpp>
#include <lyncplan/resolve/zone_resolver.hpp>
#include <lyncplan/rules/planner.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace lyncplan::testing {
namespace {

using cutover::Action;
using plan::View;
using topology::DomainMode;

// The SE deployment of examples/se-hybrid-edge.yaml: contoso.com and fabrikam.com hybrid.
topology::Topology hybrid_topology(topology::Cloud cloud = topology::Cloud::commercial) {
  topology::Topology t = load(read_file(source_path("examples/se-hybrid-edge.yaml")));
  t.cloud = cloud;
  return t;
}

// "name TYPE data" of the records of `domain` in `view`, sorted.
using RecordSet = std::set<std::string>;
std::string text(const plan::DnsRecord& r) {
  return r.name + " " + to_string(r.type) + " " + r.value + " " + std::to_string(r.port) + " " +
         std::to_string(r.priority) + " " + std::to_string(r.weight);
}
RecordSet of_domain(const plan::Plan& p, View view, const std::string& domain) {
  RecordSet out;
  for (const auto& r : p.dns) {
    if (r.view == view && dns::is_within(r.name, domain)) {
      out.insert(text(r));
    }
  }
  return out;
}

// The records the view holds after the steps.
RecordSet applied(RecordSet now, const cutover::Cutover& c, View view) {
  for (const auto& s : c.steps) {
    if (s.view != view) {
      continue;
    }
    for (const auto& r : s.remove) {
      EXPECT_EQ(now.erase(text(r)), 1u) << "deleting what is not there: " << text(r);
    }
    for (const auto& r : s.add) {
      EXPECT_TRUE(now.insert(text(r)).second) << "adding what is there: " << text(r);
    }
  }
  return now;
}

topology::Topology with(const topology::Topology& t, const std::string& domain, DomainMode m,
                        bool legacy = false) {
  topology::Topology out = t;
  out.domain_settings[domain].mode = m;
  out.domain_settings[domain].legacy_online_records = legacy;
  return out;
}

TEST(Cutover, FromHybridZonesToTeamsOnlyTheStepsLeaveExactlyTheTargetPlan) {
  const auto t = hybrid_topology();
  const plan::Plan now = rules::make_plan(t);
  const resolve::ZoneResolver outside = resolve::ZoneResolver::from_plan(now, View::external);
  const resolve::ZoneResolver inside = resolve::ZoneResolver::from_plan(now, View::internal);
  const auto c =
      cutover::plan_cutover(t, {"fabrikam.com", DomainMode::teams_only, &outside, &inside});
  ASSERT_TRUE(c.has_value()) << c.error();
  const plan::Plan target = rules::make_plan(with(t, "fabrikam.com", DomainMode::teams_only));
  for (View v : {View::external, View::internal}) {
    EXPECT_EQ(applied(of_domain(now, v, "fabrikam.com"), *c, v),
              of_domain(target, v, "fabrikam.com"))
        << to_string(v);
  }
  // The first step changes the federation SRV; deletions come after changes and additions.
  ASSERT_FALSE(c->steps.empty());
  EXPECT_EQ(c->steps.front().name, "_sipfederationtls._tcp.fabrikam.com");
  EXPECT_EQ(c->steps.front().action, Action::change);
  EXPECT_EQ(c->steps.back().view, View::internal);
  std::set<std::string> rules;
  for (const auto& n : c->notes) {
    rules.insert(std::string(n.rule.str()));
  }
  EXPECT_EQ(rules,
            (std::set<std::string>{"cutover.lyncdiscover-on-premises", "cutover.move-users-first",
                                   "cutover.on-premises-records"}));
  // Nothing of contoso.com is touched.
  for (const auto& s : c->steps) {
    EXPECT_TRUE(dns::is_within(s.name, "fabrikam.com")) << s.name;
  }
}

TEST(Cutover, ASecondRunOverTheTargetChangesNothing) {
  const auto t = hybrid_topology(topology::Cloud::gcc_high);
  const plan::Plan target = rules::make_plan(with(t, "fabrikam.com", DomainMode::teams_only));
  const resolve::ZoneResolver outside = resolve::ZoneResolver::from_plan(target, View::external);
  const auto c =
      cutover::plan_cutover(t, {"fabrikam.com", DomainMode::teams_only, &outside, nullptr});
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->steps.empty());
  EXPECT_EQ(c->already_right, 1u); // the federation SRV, to GCC High
  EXPECT_EQ(
      outside.query("_sipfederationtls._tcp.fabrikam.com", plan::RrType::SRV).records.at(0).value,
      "sipfed.online.gov.skypeforbusiness.us");
}

TEST(Cutover, BackFromTeamsOnlyWithLegacyRecordsTheCnamesBecomeAddressesAgain) {
  const auto t = hybrid_topology();
  const plan::Plan online = rules::make_plan(with(t, "fabrikam.com", DomainMode::teams_only, true));
  const resolve::ZoneResolver outside = resolve::ZoneResolver::from_plan(online, View::external);
  const auto c = cutover::plan_cutover(t, {"fabrikam.com", DomainMode::hybrid, &outside, nullptr});
  ASSERT_TRUE(c.has_value());
  const plan::Plan hybrid = rules::make_plan(t);
  EXPECT_EQ(applied(of_domain(online, View::external, "fabrikam.com"), *c, View::external),
            of_domain(hybrid, View::external, "fabrikam.com"));
  const auto lyncdiscover = std::find_if(c->steps.begin(), c->steps.end(), [](const auto& s) {
    return s.name == "lyncdiscover.fabrikam.com";
  });
  ASSERT_NE(lyncdiscover, c->steps.end());
  EXPECT_EQ(lyncdiscover->action, Action::change);
  EXPECT_EQ(lyncdiscover->remove.at(0).type, plan::RrType::CNAME);
  EXPECT_EQ(lyncdiscover->add.at(0).type, plan::RrType::A);
  // Going back to hybrid is not a move to Teams: no user-move warning.
  for (const auto& n : c->notes) {
    EXPECT_NE(n.rule.str(), "cutover.move-users-first");
  }
}

TEST(Cutover, AValueNoModePlansIsLeftAloneAndNamed) {
  const auto t = hybrid_topology();
  const resolve::ZoneResolver outside({srv("_sip._tls.fabrikam.com", "sip.other.example", 443),
                                       a("lyncdiscover.fabrikam.com", "203.0.113.20")});
  const auto c =
      cutover::plan_cutover(t, {"fabrikam.com", DomainMode::teams_only, &outside, nullptr});
  ASSERT_TRUE(c.has_value());
  for (const auto& s : c->steps) {
    for (const auto& r : s.remove) {
      EXPECT_NE(r.value, "sip.other.example");
    }
  }
  const auto unexpected = std::find_if(c->notes.begin(), c->notes.end(), [](const auto& n) {
    return n.rule.str() == "cutover.unexpected-value";
  });
  ASSERT_NE(unexpected, c->notes.end());
  EXPECT_NE(unexpected->subject.find("sip.other.example"), std::string::npos);
  // The PowerShell script gets only the known value to delete.
  ASSERT_EQ(c->script_plan.dns_removals.size(), 1u);
  EXPECT_EQ(c->script_plan.dns_removals[0].name, "lyncdiscover.fabrikam.com");
}

// A DNS that does not answer is never taken for an empty zone.
class Silent : public resolve::Resolver {
public:
  resolve::Answer query(std::string_view, plan::RrType) const override {
    resolve::Answer a;
    a.status = resolve::Status::timeout;
    return a;
  }
};

TEST(Cutover, ATimeoutIsAFailureToAskNotAnEmptyZone) {
  const auto t = hybrid_topology();
  const Silent silent;
  const auto c =
      cutover::plan_cutover(t, {"fabrikam.com", DomainMode::teams_only, &silent, nullptr});
  ASSERT_TRUE(c.has_value());
  EXPECT_TRUE(c->steps.empty());
  const auto unasked = std::count_if(c->notes.begin(), c->notes.end(), [](const auto& n) {
    return n.rule.str() == "cutover.could-not-ask" && n.severity == plan::Severity::error;
  });
  EXPECT_GT(unasked, 3);
  EXPECT_NE(cutover::cutover_text(*c, false).find("timeout"), std::string::npos);
}

TEST(Cutover, ADomainTheTopologyDoesNotHaveIsRefused) {
  const auto t = hybrid_topology();
  const Silent silent;
  const auto c =
      cutover::plan_cutover(t, {"tailspin.com", DomainMode::teams_only, &silent, nullptr});
  ASSERT_FALSE(c.has_value());
  EXPECT_NE(c.error().find("expected one of contoso.com, fabrikam.com"), std::string::npos)
      << c.error();
}

TEST(Cutover, NsupdateDeletesExactValuesBeforeItAdds) {
  const auto t = hybrid_topology();
  const plan::Plan now = rules::make_plan(t);
  const resolve::ZoneResolver outside = resolve::ZoneResolver::from_plan(now, View::external);
  const auto c =
      cutover::plan_cutover(t, {"fabrikam.com", DomainMode::teams_only, &outside, nullptr});
  ASSERT_TRUE(c.has_value());
  const std::string script = cutover::cutover_nsupdate(*c, {View::external, "127.0.0.1 5300", ""});
  const auto del = script.find("update delete _sipfederationtls._tcp.fabrikam.com. IN SRV 0 0 "
                               "5061 sip.fabrikam.com.");
  const auto add = script.find("update add _sipfederationtls._tcp.fabrikam.com. 3600 IN SRV 100 1 "
                               "5061 sipfed.online.lync.com.");
  ASSERT_NE(del, std::string::npos) << script;
  ASSERT_NE(add, std::string::npos) << script;
  EXPECT_LT(del, add);
  EXPECT_NE(script.find("server 127.0.0.1 5300\nzone fabrikam.com.\n"), std::string::npos);
  // A bare "update delete NAME" would remove whatever the name holds: never written.
  EXPECT_EQ(script.find(". IN \n"), std::string::npos);
  for (std::size_t at = script.find("update delete"); at != std::string::npos;
       at = script.find("update delete", at + 1)) {
    EXPECT_NE(script.substr(at, script.find('\n', at) - at).find(" IN "), std::string::npos);
  }
}

} // namespace
} // namespace lyncplan::testing
