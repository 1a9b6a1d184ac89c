// lyncplan report: the check results read back (and refused with their place when wrong), the
// page's sections, accessibility and hosting summaries, and the command's errors.
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/topologies.hpp"

#include <lyncplan/page/check_results.hpp>
#include <lyncplan/page/report_page.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/simulate/simulate.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

namespace lyncplan::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kFixture = fs::path(LYNCPLAN_SOURCE_DIR) / "tests/data/report/check-contoso.json";

std::vector<std::string> problems(const std::string& text) {
  const auto r = page::read_check_results(text, "check.json");
  std::vector<std::string> out;
  if (!r) {
    for (const auto& d : r.error()) {
      out.push_back(util::format(d));
    }
  }
  return out;
}

TEST(CheckResults, ALabCheckIsReadBack) {
  const auto r = page::read_check_results(read_file(kFixture), "check-contoso.json");
  ASSERT_TRUE(r) << util::format(r.error().front());
  ASSERT_EQ(r->domains.size(), 1u);
  const auto& d = r->domains.front();
  EXPECT_EQ(d.domain, "contoso.com");
  EXPECT_FALSE(d.sign_in.empty());
  EXPECT_FALSE(d.endpoints.empty());
  EXPECT_FALSE(d.autodiscover.empty());
  bool edge = false;
  for (const auto& e : d.endpoints) {
    edge = edge ||
           (e.name == "sip.contoso.com" && e.has_certificate && e.subject == "sip.contoso.com");
  }
  EXPECT_TRUE(edge);
  EXPECT_FALSE(r->version.empty());
}

TEST(CheckResults, NotJsonIsRefusedAtItsLineAndColumn) {
  EXPECT_EQ(problems("{\n  \"command\": \"check\",\n  \"domains\": [,]\n}"),
            std::vector<std::string>{"check.json:3:15: not JSON (syntax error while parsing value "
                                     "- unexpected ','; expected '[', '{', or a literal); expected "
                                     "the output of lyncplan check --format json"});
}

TEST(CheckResults, AnotherCommandsOutputIsNamed) {
  EXPECT_EQ(problems(R"({"lyncplan": "1", "command": "plan", "dns": []})"),
            std::vector<std::string>{"check.json: this is the output of lyncplan plan; expected "
                                     "lyncplan check --format json"});
  EXPECT_EQ(problems(R"({"command": 8})"), problems("[1, 2]")); // found by fuzzing: no throw
  EXPECT_EQ(problems(R"({"command": "check", "domains": [], "n": 1E400000})"),
            std::vector<std::string>{"check.json: not readable JSON (number overflow parsing "
                                     "'1E400000')"}); // found by fuzzing
  EXPECT_EQ(problems("[1, 2]"),
            std::vector<std::string>{
                "check.json: expected the output of lyncplan check --format json (an object with "
                "\"command\": \"check\" and \"domains\")"});
}

TEST(CheckResults, EveryValueOfTheWrongKindIsReportedAtOnce) {
  const std::string text = R"({"lyncplan": "1", "command": "check", "domains": [
    {"domain": "contoso.com", "endpoints": [{"name": "sip.contoso.com", "port": "443"}],
     "sign_in": {"client": "lync2013"},
     "findings": [{"severity": "fatal", "rule": "sign-in.failed", "subject": "x", "message": "y"}]}],
    "findings": 3})";
  EXPECT_EQ(problems(text),
            (std::vector<std::string>{
                "check.json: domains[0].sign_in: expected a list, found object",
                "check.json: domains[0].endpoints[0].port: expected a whole number from 0 to "
                "65535, found string",
                "check.json: domains[0].findings[0].severity: expected error, warning or info, "
                "found 'fatal'",
                "check.json: findings: expected a list, found number"}));
}

TEST(CheckResults, ARuleANewerVersionAddedIsKeptByName) {
  const auto r = page::read_check_results(
      R"({"command": "check", "domains": [], "findings": [{"severity": "warning",
          "rule": "future.rule", "code": "future.rule", "subject": "s", "message": "m"}]})",
      "c.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->findings.size(), 1u);
  EXPECT_TRUE(r->findings.front().rule.empty());
  EXPECT_EQ(r->findings.front().code, "future.rule");
}

std::string report_of(const std::string& yaml, bool simulate) {
  const topology::Topology t = load(yaml);
  const plan::Plan plan = rules::make_plan(t);
  const auto outcomes = simulate::run(t, plan, simulate::plan_world(plan), {});
  return page::report_html({t, plan, simulate ? &outcomes : nullptr, {}, "9.9"});
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += what.size()) {
    ++n;
  }
  return n;
}

TEST(ReportPage, SectionsHaveAnchorsHeadingsAndAccessibleTables) {
  const std::string html = report_of(reference_topology(), true);
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  for (const char* id : {"summary", "diagram", "dns", "certificates", "publishing", "firewall",
                         "clients", "findings"}) {
    EXPECT_NE(
        html.find(std::string("<section id=\"") + id + "\" aria-labelledby=\"" + id + "-h\">"),
        std::string::npos)
        << id;
    EXPECT_NE(html.find(std::string("<a href=\"#") + id + "\">"), std::string::npos) << id;
  }
  EXPECT_EQ(html.find("<section id=\"check\""), std::string::npos); // no --check given
  EXPECT_EQ(count(html, "<table>"), count(html, "<thead><tr><th scope=\"col\">"));
  EXPECT_NE(html.find("<title id=\"lp-title\">"), std::string::npos);
  EXPECT_NE(html.find("@media (prefers-color-scheme:dark)"), std::string::npos);
  EXPECT_NE(html.find("@media print{"), std::string::npos);
  // Self-contained: nothing is fetched.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("url(http"), std::string::npos);
  EXPECT_NE(html.find("Written by lyncplan 9.9."), std::string::npos);
  // The client matrix only with --simulate.
  EXPECT_EQ(report_of(reference_topology(), false).find("<section id=\"clients\""),
            std::string::npos);
}

TEST(ReportPage, TheWorstFindingsComeFirst) {
  const std::string html = report_of(reference_topology(), true);
  const auto worst = html.find("<h3>Worst findings first</h3>");
  ASSERT_NE(worst, std::string::npos);
  const auto first_error = html.find("sev-error", worst);
  const auto first_warning = html.find("sev-warning", worst);
  ASSERT_NE(first_error, std::string::npos);
  EXPECT_LT(first_error, first_warning);
}

// A hosting topology's tenants are summarised: a few zones shown, the rest counted.
TEST(ReportPage, TenantsAreSummarisedWithASampleAndCounts) {
  std::string tenants;
  for (int i = 0; i < 500; ++i) {
    tenants += "      - tenant" + std::to_string(i) + ".example\n";
  }
  std::string y = reference_topology();
  y += "hosting:\n  provider_domain: contoso.com\n  tenants:\n" + tenants;
  const std::string html = report_of(y, false);
  EXPECT_NE(html.find("500</td><td>hosted tenants of contoso.com"), std::string::npos);
  EXPECT_NE(html.find("tenant0.example, tenant1.example"), std::string::npos);
  EXPECT_NE(html.find("and 490 more"), std::string::npos);
  EXPECT_NE(html.find("<p>And 497 more tenant zones like the ones above"), std::string::npos);
  EXPECT_EQ(html.find("Zone <code>tenant3.example</code>"), std::string::npos);
  EXPECT_LT(html.size(), 200'000u);
}

TEST(ReportCommand, BadCheckFilesAreAllReportedAndNothingIsWritten) {
  const fs::path dir =
      fs::temp_directory_path() / ("lyncplan-report-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_file(dir / "t.yaml", reference_topology());
  write_file(dir / "a.json", "{\"command\": \"check\", \"domains\": 1}");
  write_file(dir / "b.json", "{oops");
  const fs::path out = dir / "report.html";
  const CliRun r = run_cli({"report", (dir / "t.yaml").string(), "--check",
                            (dir / "a.json").string(), "--check", (dir / "b.json").string(),
                            "--check", (dir / "missing.json").string(), "-o", out.string()});
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("a.json: domains: expected a list, found number"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("b.json:1:2: not JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot read the check results"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  const CliRun good = run_cli(
      {"report", (dir / "t.yaml").string(), "--check", kFixture.string(), "-o", out.string()});
  EXPECT_EQ(good.rc, 0) << good.err;
  const std::string page = read_file(out);
  EXPECT_NE(page.find("<section id=\"check\""), std::string::npos);
  // --check puts the plan beside the live results: the simulation's verdict for each case, and
  // the planned certificate that names each endpoint (the lab's Edge: the reference Edge's).
  EXPECT_NE(page.find("<th scope=\"col\">Plan says</th>"), std::string::npos);
  // The lab signs Communicator 2007 R2 in from inside; the reference plan's strict naming does
  // not: said in words.
  EXPECT_NE(page.find("<td>ocs2007r2</td><td>inside</td><td><span class=\"sev res-connected\">"
                      "connected</span> </td>"),
            std::string::npos);
  EXPECT_NE(page.find("<span class=\"sev res-failed\">failed</span> <strong>differs from the "
                      "live result</strong>"),
            std::string::npos);
  EXPECT_NE(page.find("<section id=\"clients\""), std::string::npos);
  EXPECT_NE(page.find("<code>sip.contoso.com:"), std::string::npos);
  EXPECT_NE(page.find("<code>edge-external-lsedge.contoso.net</code>"), std::string::npos);
  fs::remove_all(dir);
}

} // namespace
} // namespace lyncplan::testing
