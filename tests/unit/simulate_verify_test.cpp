// The seeds as integration cases for `simulate` and `verify`, run through the real CLI.
#include "app.hpp"
#include "support/cli_run.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace lyncplan::cli {
namespace {

namespace fs = std::filesystem;
testing::CliRun run(std::vector<std::string> args) {
  return testing::run_cli(std::move(args));
}
using nlohmann::json;

std::string source(const std::string& path) {
  return std::string(LYNCPLAN_SOURCE_DIR) + "/" + path;
}

const json* find_case(const json& cases, const std::string& client, const std::string& from) {
  for (const auto& c : cases) {
    if (c["client"] == client && c["from"] == from) {
      return &c;
    }
  }
  return nullptr;
}

TEST(Simulate, JsonFollowsTheContract) {
  const auto r = run({"simulate", source("examples/reference-lync2013.yaml"), "--format", "json",
                      "--domain", "contoso.com", "--client", "lync2010", "--from", "outside"});
  ASSERT_EQ(r.rc, 0) << r.err;
  const json cases = json::parse(r.out)["cases"];
  ASSERT_EQ(cases.size(), 1u);
  const json& c = cases[0];
  EXPECT_EQ(c["domain"], "contoso.com");
  EXPECT_EQ(c["client"], "lync2010");
  EXPECT_EQ(c["from"], "outside");
  EXPECT_EQ(c["result"], "connected");
  EXPECT_EQ(c["server"]["fqdn"], "sip.contoso.com");
  EXPECT_EQ(c["server"]["port"], 443);
  EXPECT_EQ(c["server"]["transport"], "tls");
  EXPECT_EQ(c["via"], "srv");
  ASSERT_FALSE(c["steps"].empty());
  for (const char* key : {"query", "type", "answer", "note"}) {
    EXPECT_TRUE(c["steps"][0].contains(key)) << key;
  }
  EXPECT_TRUE(c["reason"].is_string());
}

// Seed 000: the hosting design prompts in Lync 2010/2013, is refused by Communicator 2007 R2 and
// Phone Edition CU7+, and signs in cleanly once the provider domain is trusted.
TEST(Simulate, Seed000HostingTrustPrompt) {
  const std::vector<std::string> base = {"simulate", source("examples/hosting-provider.yaml"),
                                         "--domain", "tailspin.com",
                                         "--from",   "outside",
                                         "--format", "json"};
  const auto r = run(base);
  EXPECT_EQ(r.rc, 1) << "refusals are failures";
  const json cases = json::parse(r.out)["cases"];
  EXPECT_EQ((*find_case(cases, "lync2010", "outside"))["result"], "prompt");
  EXPECT_EQ((*find_case(cases, "lync2010", "outside"))["rule"], "discovery.trust-prompt");
  EXPECT_EQ((*find_case(cases, "lync2013", "outside"))["result"], "prompt");
  EXPECT_EQ((*find_case(cases, "ocs2007r2", "outside"))["result"], "failed");
  EXPECT_EQ((*find_case(cases, "ocs2007r2", "outside"))["rule"], "discovery.strict-naming");
  EXPECT_EQ((*find_case(cases, "lpe", "outside"))["result"], "failed");
  EXPECT_EQ((*find_case(cases, "lpe", "outside"))["rule"], "discovery.strict-naming");

  auto trusted = base;
  trusted.insert(trusted.end(), {"--trust", "contoso.com"});
  const json after = json::parse(run(trusted).out)["cases"];
  EXPECT_EQ((*find_case(after, "lync2010", "outside"))["result"], "connected");
  EXPECT_EQ((*find_case(after, "lync2013", "outside"))["result"], "connected");
  EXPECT_EQ((*find_case(after, "ocs2007r2", "outside"))["result"], "failed");
}

TEST(Simulate, TableReadsAsAMatrixAndExplains) {
  const auto r = run({"simulate", source("examples/hosting-provider.yaml"), "--domain",
                      "tailspin.com", "--explain", "--fail-on", "never"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_NE(r.out.find("DOMAIN        CLIENT     INSIDE"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("tailspin.com lync2010 outside: prompt"), std::string::npos);
  EXPECT_NE(r.out.find("SRV          _sip._tls.tailspin.com -> 0 0 sipexternal.contoso.com:443"),
            std::string::npos);
}

TEST(Simulate, BadZoneFileIsBadInput) {
  const fs::path bad = fs::temp_directory_path() / "lyncplan-bad.zone";
  std::ofstream(bad) << "$ORIGIN contoso.com.\nsip IN A not-an-address\n";
  const auto r = run({"simulate", source("examples/reference-lync2013.yaml"), "--zone",
                      "external=" + bad.string()});
  fs::remove(bad);
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("lyncplan-bad.zone:2:1: the zone file cannot be read"), std::string::npos)
      << r.err;
  EXPECT_EQ(run({"simulate", source("examples/reference-lync2013.yaml"), "--zone", "dmz=x"}).rc, 2);
}

std::vector<std::string> seed002() {
  return {"verify",   source("examples/lync2013-split-brain.yaml"),
          "--zone",   "external=" + source("tests/data/seed002/external-lyncdude.net.zone"),
          "--zone",   "internal=" + source("tests/data/seed002/internal-lyncdude.net.zone"),
          "--zone",   "internal=" + source("tests/data/seed002/internal-anotherdomain.net.zone"),
          "--format", "json"};
}

const json* find_problem(const json& report, const std::string& code, const std::string& name) {
  for (const auto& p : report["problems"]) {
    if (p["code"] == "drift." + code && p["name"] == name) {
      return &p;
    }
  }
  return nullptr;
}

// Seed 002: sip to the reverse proxy, _sip._tls on 5061, misspelt owners.
TEST(Verify, Seed002MistakesAreFoundWithWhatTheyBreak) {
  const auto r = run(seed002());
  EXPECT_EQ(r.rc, 1);
  const json report = json::parse(r.out);
  const json* sip = find_problem(report, "wrong-value", "sip.lyncdude.net");
  ASSERT_NE(sip, nullptr);
  EXPECT_EQ((*sip)["view"], "external");
  EXPECT_NE((*sip)["message"].get<std::string>().find("is the reverse proxy"), std::string::npos);
  const json* port = find_problem(report, "wrong-value", "_sip._tls.lyncdude.net");
  ASSERT_NE(port, nullptr);
  EXPECT_NE((*port)["message"].get<std::string>().find("port 5061 instead of 443"),
            std::string::npos);
  const json* misspelt =
      find_problem(report, "misspelt-owner", "_sipfederationtls_.tcp.lyncdude.net");
  ASSERT_NE(misspelt, nullptr);
  EXPECT_EQ((*misspelt)["expected"], "_sipfederationtls._tcp.lyncdude.net");
  EXPECT_EQ((*misspelt)["where"], source("tests/data/seed002/external-lyncdude.net.zone") + ":13");
  EXPECT_NE(find_problem(report, "srv-target-namespace", "_sipinternaltls._tcp.anotherdomain.net"),
            nullptr);
  EXPECT_NE(find_problem(report, "missing", "_sipfederationtls._tcp.lyncdude.net"), nullptr);
  bool lync2013_outside = false;
  for (const auto& i : report["impact"]) {
    lync2013_outside =
        lync2013_outside || (i["client"] == "lync2013" && i["from"] == "outside" &&
                             i["domain"] == "lyncdude.net" && i["actual"] == "failed");
  }
  EXPECT_TRUE(lync2013_outside);
}

// A wildcard record sending the missing lyncdiscover name to the company's web site: the web
// site is not in the topology, so it is no Autodiscover service, and the impact names the
// mobile clients it breaks (before, an assumed service "connected" them).
TEST(Verify, WildcardToAWebSiteBreaksMobileClientsInTheImpact) {
  const fs::path dir = fs::temp_directory_path() / ("lyncplan-wild-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ASSERT_EQ(run({"plan", source("examples/lync2013-split-brain.yaml"), "--format", "zone", "-o",
                 dir.string(), "--fail-on", "never"})
                .rc,
            0);
  const fs::path external = dir / "external" / "lyncdude.net.zone";
  std::ifstream in(external);
  std::stringstream text;
  text << in.rdbuf();
  std::string zone = text.str();
  const auto at = zone.find("lyncdiscover\t");
  ASSERT_NE(at, std::string::npos) << zone;
  zone.erase(at, zone.find('\n', at) + 1 - at);
  zone += "*\t3600\tIN\tA\t203.0.113.80\n";
  std::ofstream(external) << zone;
  const auto r = run(
      {"verify", source("examples/lync2013-split-brain.yaml"), "--zone",
       "external=" + external.string(), "--zone",
       "external=" + (dir / "external" / "anotherdomain.net.zone").string(), "--zone",
       "internal=" + (dir / "internal" / "lyncdude.net.zone").string(), "--zone",
       "internal=" + (dir / "internal" / "anotherdomain.net.zone").string(), "--format", "json"});
  fs::remove_all(dir);
  EXPECT_EQ(r.rc, 1) << r.err;
  const json report = json::parse(r.out);
  bool mobile_outside = false;
  for (const auto& i : report["impact"]) {
    mobile_outside = mobile_outside || (i["client"] == "mobile" && i["from"] == "outside" &&
                                        i["domain"] == "lyncdude.net" && i["actual"] == "failed");
  }
  EXPECT_TRUE(mobile_outside) << report["impact"].dump(1);
}

// Seed 001: _sipinternaltls for company.com pointing into company.local.
TEST(Verify, Seed001MixedNamespaceIsFound) {
  const std::vector<std::string> zones = {
      "--zone", "internal=" + source("tests/data/seed001/internal-company.com.zone"), "--zone",
      "internal=" + source("tests/data/seed001/internal-company.local.zone")};
  std::vector<std::string> args = {"verify", source("examples/ocs2007r2-two-sip-domains.yaml"),
                                   "--format", "json"};
  args.insert(args.end(), zones.begin(), zones.end());
  const json report = json::parse(run(args).out);
  const json* p = find_problem(report, "srv-target-namespace", "_sipinternaltls._tcp.company.com");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ((*p)["severity"], "error") << "Communicator refuses, with no prompt";
  std::vector<std::string> sim = {"simulate", source("examples/ocs2007r2-two-sip-domains.yaml"),
                                  "--domain", "company.com",
                                  "--client", "ocs2007r2",
                                  "--from",   "inside",
                                  "--format", "json"};
  sim.insert(sim.end(), zones.begin(), zones.end());
  const json cases = json::parse(run(sim).out)["cases"];
  EXPECT_EQ(cases[0]["result"], "failed");
  EXPECT_EQ(cases[0]["rule"], "discovery.strict-naming");
}

TEST(Verify, WildcardAndFederationPriorities) {
  const fs::path zone = fs::temp_directory_path() / "lyncplan-wild.zone";
  std::ofstream(zone) << "$ORIGIN contoso.com.\n$TTL 3600\n"
                         "* IN A 203.0.113.99\n"
                         "_sipfederationtls._tcp IN SRV 0 0 5061 sip\n"
                         "_sipfederationtls._tcp IN SRV 10 0 5061 sip2\n";
  const auto r = run({"verify", source("examples/reference-lync2013.yaml"), "--zone",
                      "external=" + zone.string(), "--format", "json"});
  fs::remove(zone);
  const json report = json::parse(r.out);
  EXPECT_NE(find_problem(report, "federation-srv-priorities", "_sipfederationtls._tcp.contoso.com"),
            nullptr);
  EXPECT_NE(find_problem(report, "wildcard-answer", "sip.contoso.com"), nullptr);
  // lyncdiscoverinternal is never planned outside, yet the wildcard answers it.
  EXPECT_NE(find_problem(report, "wildcard-lyncdiscover", "lyncdiscoverinternal.contoso.com"),
            nullptr)
      << r.out;
}

TEST(Verify, PlanOwnZonesVerifyClean) {
  const fs::path dir = fs::temp_directory_path() / "lyncplan-verify-clean";
  fs::remove_all(dir);
  ASSERT_EQ(run({"plan", source("examples/reference-lync2013.yaml"), "--format", "zone", "--out",
                 dir.string()})
                .rc,
            0);
  std::vector<std::string> args = {"verify", source("examples/reference-lync2013.yaml"), "--format",
                                   "json"};
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().extension() == ".zone") {
      const std::string view = entry.path().parent_path().filename().string();
      args.push_back("--zone");
      args.push_back(view + "=" + entry.path().string());
    }
  }
  const auto r = run(args);
  fs::remove_all(dir);
  EXPECT_EQ(r.rc, 0) << r.out;
  const json report = json::parse(r.out);
  EXPECT_EQ(report["command"], "verify");
  EXPECT_EQ(report["lyncplan"], LYNCPLAN_PROJECT_VERSION);
  // Only the planned cross-namespace SRVs of Microsoft's tables remain, as warnings.
  for (const auto& p : report["problems"]) {
    EXPECT_EQ(p["code"], "drift.srv-target-namespace") << p.dump();
    EXPECT_EQ(p["severity"], "warning");
  }
  EXPECT_TRUE(report["impact"].empty());
}

} // namespace
} // namespace lyncplan::cli
