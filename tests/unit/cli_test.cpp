// The command line run in-process: exit codes, output files, atomic writes.
#include "app.hpp"
#include "support/cli_run.hpp"

#include <lyncplan/topology/products.hpp>
#include <lyncplan/util/atomic_file.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace lyncplan::cli {
namespace {

namespace fs = std::filesystem;
testing::CliRun run(std::vector<std::string> args) {
  return testing::run_cli(std::move(args));
}

std::string example(const std::string& name) {
  return std::string(LYNCPLAN_SOURCE_DIR) + "/examples/" + name;
}

class TempDir : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lyncplan-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST(Cli, CleanPlanExitsZero) {
  const auto r = run({"plan", example("reference-lync2013.yaml"), "--format", "json"});
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("{\n  \"lyncplan\": \"" LYNCPLAN_PROJECT_VERSION
                                "\", \"command\": \"plan\",\n"))
      << r.out.substr(0, 80);
  EXPECT_TRUE(r.err.empty());
}

// Every --format json output opens with the same envelope: the version and the command.
TEST(Cli, JsonOutputsOpenWithTheEnvelope) {
  const std::string topology = example("reference-lync2013.yaml");
  const std::vector<std::pair<std::string, std::vector<std::string>>> runs = {
      {"plan", {"plan", topology, "--format", "json"}},
      {"simulate", {"simulate", topology, "--format", "json", "--domain", "contoso.com"}},
      {"rules", {"rules", "--format", "json"}},
  };
  for (const auto& [command, args] : runs) {
    const auto r = run(args);
    const std::string want =
        "\"lyncplan\": \"" LYNCPLAN_PROJECT_VERSION "\", \"command\": \"" + command + "\"";
    EXPECT_NE(r.out.substr(0, 80).find(want), std::string::npos)
        << command << ": " << r.out.substr(0, 80);
  }
}

TEST(Cli, ErrorFindingsExitOneUnlessToldOtherwise) {
  EXPECT_EQ(run({"plan", example("ocs2007r2-two-sip-domains.yaml")}).rc, 1);
  EXPECT_EQ(run({"plan", example("ocs2007r2-two-sip-domains.yaml"), "--fail-on", "never"}).rc, 0);
  EXPECT_EQ(run({"plan", example("reference-lync2013.yaml"), "--fail-on", "warning"}).rc, 1);
}

// Skype for Business Server 2019 supports neither Communicator 2007 R2 nor Lync Phone Edition:
// their failures are shown (marked) but decide the exit code only when asked for by name.
TEST_F(TempDir, OnlyTheClientsTheProductServesDecideTheExitCode) {
  std::ifstream in(example("edge-dns-lb-nat.yaml"));
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  yaml.replace(yaml.find("product: sfb2015"), 16, "product: sfb2019");
  yaml.replace(yaml.find("xmpp: true"), 10, "xmpp: false");
  const fs::path topology = dir_ / "sfb2019.yaml";
  std::ofstream(topology) << yaml;
  const auto all = run({"simulate", topology.string()});
  EXPECT_EQ(all.rc, 0) << all.out << all.err;
  EXPECT_NE(all.out.find("lpe*        FAILED strict-naming"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("ocs2007r2*  FAILED strict-naming"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("* the product does not support this client signing in"),
            std::string::npos);
  EXPECT_EQ(run({"simulate", topology.string(), "--client", "lpe"}).rc, 1);
  const auto json = run({"simulate", topology.string(), "--format", "json", "--client", "lpe"});
  EXPECT_NE(json.out.find("\"served\": false"), std::string::npos);
  // The same failures under Skype for Business Server 2015, which serves Lync Phone Edition.
  EXPECT_EQ(run({"simulate", example("edge-dns-lb-nat.yaml")}).rc, 1);
}

// Users never see the project's internal labels: what lyncplan prints explains instead of citing
// design notes ("RULES 23", "seed 004", "DISCOVERY.md") a user who cloned the project lacks.
TEST(Cli, OutputCarriesNoInternalLabels) {
  std::vector<std::vector<std::string>> runs = {{"rules"}, {"rules", "--format", "json"}};
  for (const auto& entry : fs::directory_iterator(std::string(LYNCPLAN_SOURCE_DIR) + "/examples")) {
    if (entry.path().extension() == ".yaml") {
      for (const char* format : {"table", "json", "powershell", "nginx", "haproxy"}) {
        runs.push_back({"plan", entry.path().string(), "--format", format, "--fail-on", "never"});
      }
      runs.push_back({"simulate", entry.path().string(), "--explain", "--fail-on", "never"});
    }
  }
  for (const auto& args : runs) {
    const auto r = run(args);
    for (const char* label :
         {"RULES ", "seed 00", "DISCOVERY", "TOPOLOGY.md", "SIPE.md", "../shared", "RULES.md"}) {
      EXPECT_EQ(r.out.find(label), std::string::npos)
          << fmt::format("{}", fmt::join(args, " ")) << ": " << label << " in "
          << r.out.substr(r.out.find(label) == std::string::npos ? 0 : r.out.find(label), 120);
      EXPECT_EQ(r.err.find(label), std::string::npos) << r.err;
    }
  }
}

// `lyncplan init` writes, for every product, a starter that plans and simulates with nothing at
// or above a warning but the product's end of support; into a file it never replaces one
// without --force.
TEST_F(TempDir, InitWritesAStarterThatPlansForEveryProduct) {
  for (const auto& facts : topology::products()) {
    const std::string product(facts.name);
    const fs::path file = dir_ / (product + ".yaml");
    const auto init = run({"init", "--product", product, "-o", file.string()});
    ASSERT_EQ(init.rc, 0) << init.err;
    const auto plan = run({"plan", file.string(), "--fail-on", "warning"});
    const bool supported = facts.support_ended.empty();
    EXPECT_EQ(plan.rc, supported ? 0 : 1) << product << "\n" << plan.out << plan.err;
    EXPECT_NE(plan.out.find(supported ? "0 errors, 0 warnings" : "0 errors, 1 warnings"),
              std::string::npos)
        << plan.out;
    EXPECT_EQ(plan.out.find("end-of-support") != std::string::npos, !supported) << plan.out;
    EXPECT_NE(plan.out.find("lyncplan plan for " + std::string(product)), std::string::npos);
    EXPECT_EQ(run({"simulate", file.string()}).rc, 0) << product;
    const auto again = run({"init", "--product", product, "-o", file.string()});
    EXPECT_EQ(again.rc, 2) << "an existing file is not replaced without --force";
    EXPECT_EQ(run({"init", "--product", product, "-o", file.string(), "--force"}).rc, 0);
  }
  const auto printed = run({"init"});
  EXPECT_EQ(printed.rc, 0);
  EXPECT_NE(printed.out.find("product: sfbse\n"), std::string::npos) << "the supported one";
  EXPECT_NE(printed.out.find("# "), std::string::npos) << "commented";
  EXPECT_EQ(run({"init", "--product", "lync2012"}).rc, 2);
}

TEST(Cli, CheckForwardPortMustBeTwoPorts) {
  for (const char* bad :
       {"5061", "5061=", "=15061", "5061=0", "5061=70000", "sip=5061", "5061=15061x"}) {
    const auto r =
        run({"check", "contoso.com", "--outside-dns", "127.0.0.1:9", "--forward-port", bad});
    EXPECT_EQ(r.rc, 2) << bad;
    EXPECT_EQ(r.err, std::string("lyncplan: --forward-port '") + bad +
                         "': expected FROM=TO, two ports from 1 to 65535 such as 5061=15061\n")
        << bad;
  }
}

TEST(Cli, VersionIsTheProjectVersionAndExitsZero) {
  const auto r = run({"--version"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_EQ(r.out.rfind("lyncplan 0.1.0", 0), 0u) << r.out;
  EXPECT_EQ(r.out.back(), '\n');
  EXPECT_TRUE(r.err.empty());
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run({}).rc, 2);
  EXPECT_EQ(run({"plan"}).rc, 2);
  EXPECT_EQ(run({"plan", example("reference-lync2013.yaml"), "--format", "yaml"}).rc, 2);
  const auto zone = run({"plan", example("reference-lync2013.yaml"), "--format", "zone"});
  EXPECT_EQ(zone.rc, 2);
  EXPECT_NE(zone.err.find("--out"), std::string::npos);
  const auto missing = run({"plan", "/nonexistent/topology.yaml"});
  EXPECT_EQ(missing.rc, 2);
  EXPECT_EQ(missing.err, "lyncplan: /nonexistent/topology.yaml: cannot read: No such file or "
                         "directory\n");
}

// --server belongs to the zone output, and a zone folder a server configuration cannot quote is
// refused before anything is written.
TEST_F(TempDir, ZoneServerOptionsAreCheckedFirst) {
  const auto json =
      run({"plan", example("reference-lync2013.yaml"), "--format", "json", "--server", "bind"});
  EXPECT_EQ(json.rc, 2);
  EXPECT_NE(json.err.find("--server and --zone-dir apply to --format zone, not json"),
            std::string::npos)
      << json.err;
  const auto unknown = run({"plan", example("reference-lync2013.yaml"), "--format", "zone", "-o",
                            (dir_ / "z").string(), "--server", "unbound"});
  EXPECT_EQ(unknown.rc, 2);
  const auto quote = run({"plan", example("reference-lync2013.yaml"), "--format", "zone", "-o",
                          (dir_ / "z").string(), "--server", "nsd", "--zone-dir", "/srv/\"x"});
  EXPECT_EQ(quote.rc, 2);
  EXPECT_NE(quote.err.find("cannot quote"), std::string::npos) << quote.err;
  EXPECT_FALSE(fs::exists(dir_ / "z"));
  const auto ok = run({"plan", example("reference-lync2013.yaml"), "--format", "zone", "-o",
                       (dir_ / "z").string(), "--server", "nsd", "--zone-dir", "/srv/zones",
                       "--fail-on", "never"});
  ASSERT_EQ(ok.rc, 0) << ok.err;
  std::ifstream conf(dir_ / "z" / "nsd-external.conf");
  std::stringstream text;
  text << conf.rdbuf();
  EXPECT_NE(text.str().find("zonefile: \"/srv/zones/external/contoso.com.zone\""),
            std::string::npos)
      << text.str();
}

TEST(Cli, HelpExitsZero) {
  EXPECT_EQ(run({"--help"}).rc, 0);
}

TEST(Cli, RulesListsTheCatalog) {
  const auto r = run({"rules"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_NE(r.out.find("edge.sip-tls-srv"), std::string::npos);
}

TEST_F(TempDir, ZoneFormatWritesEveryFileAndNoTemporaries) {
  const auto r =
      run({"plan", example("reference-lync2013.yaml"), "--format", "zone", "--out", dir_.string()});
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "index.txt"));
  EXPECT_TRUE(fs::exists(dir_ / "external" / "contoso.com.zone"));
  for (const auto& entry : fs::recursive_directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().string().find(".tmp."), std::string::npos) << entry.path();
  }
}

// A SIP domain removed from the topology takes its zone files with it on the next run into the
// same folder; files lyncplan did not list in its index stay, whatever they are.
TEST_F(TempDir, ZoneOutputLeavesNothingStale) {
  const fs::path zones = dir_ / "zones";
  ASSERT_EQ(run({"plan", example("reference-lync2013.yaml"), "--format", "zone", "-o",
                 zones.string(), "--fail-on", "never"})
                .rc,
            0);
  ASSERT_TRUE(fs::exists(zones / "external/fabrikam.com.zone"));
  std::ofstream(zones / "notes.txt") << "the DNS team's own notes\n";
  std::ofstream(zones / "external/custom.zone") << "; not lyncplan's\n";
  std::ifstream in(example("reference-lync2013.yaml"));
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const std::string both = "sip_domains: [contoso.com, fabrikam.com]";
  ASSERT_NE(yaml.find(both), std::string::npos);
  yaml.replace(yaml.find(both), both.size(), "sip_domains: [contoso.com]");
  std::ofstream(dir_ / "one-domain.yaml") << yaml;
  const auto r = run({"plan", (dir_ / "one-domain.yaml").string(), "--format", "zone", "-o",
                      zones.string(), "--fail-on", "never"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_FALSE(fs::exists(zones / "external/fabrikam.com.zone"));
  EXPECT_TRUE(fs::exists(zones / "external/contoso.com.zone"));
  EXPECT_TRUE(fs::exists(zones / "notes.txt"));
  EXPECT_TRUE(fs::exists(zones / "external/custom.zone"));
  std::ifstream index(zones / "index.txt");
  std::stringstream listed;
  listed << index.rdbuf();
  EXPECT_EQ(listed.str().find("fabrikam.com"), std::string::npos);
}

// An index changed to point outside the folder removes nothing there.
TEST_F(TempDir, ZoneOutputNeverRemovesOutsideItsFolder) {
  const fs::path zones = dir_ / "zones";
  fs::create_directories(zones);
  std::ofstream(dir_ / "precious.txt") << "keep\n";
  std::ofstream(zones / "index.txt")
      << "# lyncplan zone files: view, zone, file, records\n"
      << "external\tx\t../precious.txt\t1\n"
      << "external\tx\t" << (dir_ / "precious.txt").string() << "\t1\n";
  ASSERT_EQ(run({"plan", example("reference-lync2013.yaml"), "--format", "zone", "-o",
                 zones.string(), "--fail-on", "never"})
                .rc,
            0);
  EXPECT_TRUE(fs::exists(dir_ / "precious.txt"));
}

TEST_F(TempDir, BadInputWritesNothing) {
  const auto out = dir_ / "plan.json";
  std::ofstream(dir_ / "bad.yaml") << "lyncplan: 1\nproduct: nope\n";
  const auto r =
      run({"plan", (dir_ / "bad.yaml").string(), "--format", "json", "--out", out.string()});
  EXPECT_EQ(r.rc, 2);
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(TempDir, AtomicWriteRefusesToOverwriteWhenAsked) {
  const auto path = dir_ / "key.pem";
  ASSERT_TRUE(write_file_atomically(path, "secret", {0600, Overwrite::refused}));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const auto again = write_file_atomically(path, "other", {0600, Overwrite::refused});
  EXPECT_FALSE(again);
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content, "secret");
}

TEST_F(TempDir, OutputFileIsReplacedWhole) {
  const auto out = dir_ / "plan.txt";
  std::ofstream(out) << "old content that is much longer than anything else here";
  const auto r = run({"plan", example("reference-lync2013.yaml"), "--out", out.string()});
  EXPECT_EQ(r.rc, 0);
  std::ifstream in(out);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content.substr(0, 13), "lyncplan plan");
}

// The DNS script names the file it was written to and the lyncplan that wrote it.
TEST_F(TempDir, PowerShellScriptNamesItsOwnFileAndVersion) {
  const auto out = dir_ / "contoso-dc01.ps1";
  const auto r = run(
      {"plan", example("reference-lync2013.yaml"), "--format", "powershell", "-o", out.string()});
  ASSERT_EQ(r.rc, 0) << r.err;
  std::ifstream in(out);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(content.find("Written by lyncplan " LYNCPLAN_PROJECT_VERSION), std::string::npos);
  EXPECT_NE(content.find(" from reference-lync2013.yaml as contoso-dc01.ps1.\n"),
            std::string::npos);
  EXPECT_NE(content.find("PS> .\\contoso-dc01.ps1 -View internal -WhatIf\n"), std::string::npos);
}

} // namespace
} // namespace lyncplan::cli
