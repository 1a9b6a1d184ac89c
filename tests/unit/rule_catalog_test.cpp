// The rule catalog: ids found at run time, every row complete, scan's verdicts named, and
// docs/rules.md exactly what `lyncplan rules` prints.
#include "support/cli_run.hpp"

#include <lyncplan/findings/finding.hpp>
#include <lyncplan/findings/report.hpp>
#include <lyncplan/scan/verdict.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace lyncplan::findings {
namespace {

TEST(RuleCatalog, RunTimeLookupFindsEveryIdAndNothingElse) {
  for (const auto& r : kRules) {
    const auto id = RuleId::find(r.id);
    ASSERT_TRUE(id.has_value()) << r.id;
    EXPECT_EQ(id->str(), r.id);
    EXPECT_EQ(&id->info(), &r);
  }
  EXPECT_FALSE(RuleId::find("edge.sip").has_value());
  EXPECT_FALSE(RuleId::find("").has_value());
  EXPECT_FALSE(RuleId::find("zzz").has_value());
  constexpr RuleId compiled = "edge.sip-a";
  EXPECT_EQ(RuleId::find("edge.sip-a"), compiled);
  EXPECT_TRUE(RuleId().empty());
  EXPECT_EQ(RuleId().str(), "");
}

TEST(RuleCatalog, EveryRowSaysWhoEmitsItWhatItMeansAndWhereFrom) {
  for (const auto& r : kRules) {
    EXPECT_NE(r.commands, 0) << r.id;
    EXPECT_FALSE(r.summary.empty()) << r.id;
    EXPECT_FALSE(r.source.empty()) << r.id;
    // Only plan rules make items; every other command reports findings with a severity.
    if (r.commands != kPlan) {
      EXPECT_TRUE(r.severity.has_value()) << r.id;
    }
  }
}

// Scan reports verdicts; each one that is not "ok" has its row, emitted by scan.
TEST(RuleCatalog, EveryScanVerdictHasARule) {
  for (const scan::Verdict v : scan::kAllVerdicts) {
    if (v == scan::Verdict::ok) {
      continue;
    }
    const auto id = RuleId::find("scan." + std::string(scan::to_string(v)));
    ASSERT_TRUE(id.has_value()) << scan::to_string(v);
    EXPECT_NE(id->info().commands & kScan, 0) << id->str();
    EXPECT_EQ(*id->info().severity == Severity::error, scan::is_broken(v)) << id->str();
  }
}

TEST(RuleCatalog, FailsAtOrAboveTheThresholdOnly) {
  const std::vector<Finding> list = {{Severity::warning, "drift.extra-value", "a", "b"},
                                     {Severity::info, "microsoft-365", "c", "d"}};
  EXPECT_FALSE(fails(list, fail_threshold("error")));
  EXPECT_TRUE(fails(list, fail_threshold("warning")));
  EXPECT_TRUE(fails(list, fail_threshold("info")));
  EXPECT_FALSE(fails(list, fail_threshold("never")));
  EXPECT_FALSE(fails(std::vector<Finding>{}, fail_threshold("info")));
}

TEST(RuleCatalog, OneTextAndJsonShapeForEveryFinding) {
  const Finding plain{Severity::error, "drift.missing", "sip.contoso.com A (external)",
                      "the plan needs it", "add sip.contoso.com A 131.107.155.10"};
  std::string text;
  append_text(text, plain, false);
  EXPECT_EQ(text, "  error drift.missing sip.contoso.com A (external)\n      the plan needs it\n"
                  "      fix: add sip.contoso.com A 131.107.155.10\n");
  EXPECT_EQ(finding_json(plain),
            "{\"severity\": \"error\", \"code\": \"drift.missing\", \"subject\": "
            "\"sip.contoso.com A (external)\", \"message\": \"the plan needs it\", \"rule\": "
            "\"drift.missing\", \"fix\": \"add sip.contoso.com A 131.107.155.10\"}");
  const Finding from_plan{Severity::warning, "hosting.trust-prompt", "_sip._tls.t.example", "m", "",
                          "trust-prompt"};
  text.clear();
  append_text(text, from_plan, false);
  EXPECT_EQ(text, "  warning trust-prompt _sip._tls.t.example [hosting.trust-prompt]\n      m\n");
}

std::string rules_block_of_docs() {
  std::ifstream in(std::string(LYNCPLAN_SOURCE_DIR) + "/docs/rules.md");
  std::stringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  const std::string fence = "```\n";
  const auto begin = text.find(fence);
  const auto end = text.find(fence, begin + fence.size());
  if (begin == std::string::npos || end == std::string::npos) {
    return "";
  }
  return text.substr(begin + fence.size(), end - begin - fence.size());
}

TEST(RuleCatalog, DocsListExactlyWhatTheCommandPrints) {
  const auto r = testing::run_cli({"rules"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(rules_block_of_docs(), r.out)
      << "docs/rules.md is out of date: put the output of `lyncplan rules` between its fences";
  const auto scan_only = testing::run_cli({"rules", "--command", "scan"});
  EXPECT_NE(scan_only.out.find("scan.timeout"), std::string::npos);
  EXPECT_EQ(scan_only.out.find("edge.sip-a"), std::string::npos);
}

} // namespace
} // namespace lyncplan::findings
