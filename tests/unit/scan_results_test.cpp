// Scan results worked with offline: a results file read back (partial last line, bad lines),
// summarised, listed by verdict (names a scan reads again) and two runs compared.
#include "support/cli_run.hpp"
#include "support/files.hpp"

#include <lyncplan/scan/results_read.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>

namespace lyncplan::scan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// One line as scan writes it: the tenant's two records with these verdicts.
std::string line(const std::string& tenant, const std::string& sip, const std::string& discover) {
  const bool broken =
      is_broken(*verdict_from_string(sip)) || is_broken(*verdict_from_string(discover));
  return "{\"tenant\":\"" + tenant + "\",\"status\":\"" + (broken ? "broken" : "ok") +
         "\",\"records\":[{\"name\": \"_sip._tls." + tenant +
         "\", \"type\": \"SRV\", \"verdict\": \"" + sip +
         "\", \"rule\": \"hosting.sip-tls-srv\", \"expected\": \"sipexternal.contoso.com:443\", "
         "\"found\": []},{\"name\": \"lyncdiscover." +
         tenant + "\", \"type\": \"A\", \"verdict\": \"" + discover +
         "\", \"rule\": \"hosting.lyncdiscover\", \"expected\": \"203.0.113.20\", \"found\": "
         "[]}]}\n";
}

class ScanResults : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lyncplan-results-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    testing::write_file(dir_ / "monday.jsonl",
                        line("a.example", "outside-namespace", "ok") +
                            line("b.example", "wrong-port", "ok") +
                            line("c.example", "missing", "ok") +
                            line("d.example", "outside-namespace", "wrong-target") +
                            line("gone.example", "outside-namespace", "ok"));
    testing::write_file(dir_ / "tuesday.jsonl",
                        line("a.example", "wrong-target", "ok") +               // broke
                            line("b.example", "outside-namespace", "ok") +      // fixed
                            line("c.example", "missing", "ok") +                // still broken
                            line("d.example", "outside-namespace", "missing") + // changed
                            line("new.example", "zone-absent", "zone-absent"));
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(ScanResults, ComparesTwoRunsTenantByTenant) {
  std::vector<TenantState> older, newer;
  ASSERT_TRUE(read_results_file(path("monday.jsonl"),
                                [&](ResultDigest&& d) { older.push_back(state_of(d)); }));
  ASSERT_TRUE(read_results_file(path("tuesday.jsonl"),
                                [&](ResultDigest&& d) { newer.push_back(state_of(d)); }));
  const RunComparison c = compare_runs(older, newer);
  ASSERT_EQ(c.broke.size(), 1u);
  EXPECT_EQ(c.broke[0].tenant, "a.example");
  EXPECT_EQ(c.broke[0].after, std::vector<std::string>{"_sip._tls wrong-target"});
  ASSERT_EQ(c.fixed.size(), 1u);
  EXPECT_EQ(c.fixed[0].before, std::vector<std::string>{"_sip._tls wrong-port"});
  ASSERT_EQ(c.changed.size(), 1u);
  EXPECT_EQ(c.changed[0].tenant, "d.example");
  EXPECT_EQ(c.changed[0].before, std::vector<std::string>{"lyncdiscover wrong-target"});
  EXPECT_EQ(c.changed[0].after, std::vector<std::string>{"lyncdiscover missing"});
  ASSERT_EQ(c.added.size(), 1u);
  EXPECT_EQ(c.added[0].tenant, "new.example");
  ASSERT_EQ(c.dropped.size(), 1u);
  EXPECT_EQ(c.dropped[0].tenant, "gone.example");
  EXPECT_EQ(c.still_broken, 1u);
  EXPECT_EQ(c.still_right, 0u);

  const auto table =
      testing::run_cli({"results", "compare", path("monday.jsonl"), path("tuesday.jsonl")});
  EXPECT_EQ(table.rc, 1) << table.err; // something broke
  EXPECT_NE(table.out.find(": 1 broke, 1 fixed, 1 broken differently, 1 still broken, 0 still "
                           "right; 1 only in the newer run, 1 only in the older"),
            std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("a.example                                ok  ->  _sip._tls "
                           "wrong-target"),
            std::string::npos)
      << table.out;
  const auto as_json = testing::run_cli(
      {"results", "compare", path("monday.jsonl"), path("tuesday.jsonl"), "--format", "json"});
  const json j = json::parse(as_json.out);
  EXPECT_EQ(j["command"], "results");
  EXPECT_EQ(j["counts"]["broke"], 1);
  EXPECT_EQ(j["fixed"][0]["tenant"], "b.example");
  EXPECT_EQ(j["dropped"][0]["before"], json::array());
  // The same run twice: nothing broke, exit 0.
  const auto same =
      testing::run_cli({"results", "compare", path("monday.jsonl"), path("monday.jsonl")});
  EXPECT_EQ(same.rc, 0) << same.out;
  EXPECT_NE(same.out.find("0 broke, 0 fixed, 0 broken differently, 3 still broken, 2 still right"),
            std::string::npos)
      << same.out;
}

TEST_F(ScanResults, ListsTenantsByVerdictAndRecord) {
  const auto broken = testing::run_cli({"results", "list", path("tuesday.jsonl")});
  EXPECT_EQ(broken.rc, 0) << broken.err;
  EXPECT_EQ(broken.out, "a.example                                _sip._tls wrong-target\n"
                        "c.example                                _sip._tls missing\n"
                        "d.example                                lyncdiscover missing\n"
                        "new.example                              _sip._tls zone-absent, "
                        "lyncdiscover zone-absent\n");
  // Names only: a tenant list that lyncplan scan reads again.
  const auto missing = testing::run_cli({"results", "list", path("tuesday.jsonl"), "--verdict",
                                         "missing", "--record", "lyncdiscover", "-f", "names"});
  EXPECT_EQ(missing.out, "d.example\n");
  const auto right = testing::run_cli(
      {"results", "list", path("tuesday.jsonl"), "--verdict", "ok", "-f", "names"});
  EXPECT_EQ(right.out, "b.example\n");
  const auto sip_ok = testing::run_cli({"results", "list", path("tuesday.jsonl"), "--verdict", "ok",
                                        "--record", "_sip._tls", "-f", "names"});
  EXPECT_EQ(sip_ok.out, "b.example\nd.example\n");
  const json all = json::parse(
      testing::run_cli({"results", "list", path("tuesday.jsonl"), "--verdict", "all", "-f", "json"})
          .out);
  ASSERT_EQ(all["tenants"].size(), 5u);
  EXPECT_EQ(all["tenants"][1]["status"], "ok");
  EXPECT_EQ(all["tenants"][1]["issues"], json::array());
  const auto bad = testing::run_cli(
      {"results", "list", path("tuesday.jsonl"), "--verdict", "wrong", "--verdict", "brokn"});
  EXPECT_EQ(bad.rc, 2);
  EXPECT_NE(bad.err.find("--verdict 'wrong': expected one of broken, ok, all, outside-namespace"),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("--verdict 'brokn'"), std::string::npos) << bad.err;
}

TEST_F(ScanResults, SummaryOfAFileAndWhatItCannotRead) {
  // An interrupted scan's partial last line is left out and named.
  testing::write_file(dir_ / "cut.jsonl", line("a.example", "outside-namespace", "ok") +
                                              line("b.example", "missing", "ok") +
                                              "{\"tenant\":\"c.exa");
  const auto cut = testing::run_cli({"results", "summary", path("cut.jsonl"), "-f", "json"});
  EXPECT_EQ(cut.rc, 1) << cut.err; // a broken tenant, as scan itself exits
  const json j = json::parse(cut.out);
  EXPECT_EQ(j["tenants"], 2);
  EXPECT_EQ(j["broken"], 1);
  EXPECT_EQ(j["records"]["missing"], 1);
  EXPECT_EQ(j["worst"][0]["issues"][0], "_sip._tls missing");
  EXPECT_NE(cut.err.find("cut.jsonl:3: a partial last line (16 bytes) left by an interrupted "
                         "scan was not read"),
            std::string::npos)
      << cut.err;
  // Every bad line at once, with its number; nothing printed on standard output.
  testing::write_file(dir_ / "bad.jsonl", line("a.example", "ok", "ok") + "not json\n" +
                                              "{\"tenant\": \"x\"}\n" +
                                              line("b.example", "ok", "ok"));
  const auto bad = testing::run_cli({"results", "summary", path("bad.jsonl")});
  EXPECT_EQ(bad.rc, 2);
  EXPECT_EQ(bad.out, "");
  EXPECT_NE(bad.err.find("bad.jsonl:2:1: not JSON; expected one scan result object a line"),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("bad.jsonl:3:1: not a scan result; expected \"tenant\" and \"records\""),
            std::string::npos)
      << bad.err;
  const auto absent = testing::run_cli({"results", "summary", path("absent.jsonl")});
  EXPECT_EQ(absent.rc, 2);
  EXPECT_NE(absent.err.find("absent.jsonl: cannot be read; expected the JSON lines file of "
                            "lyncplan scan -o"),
            std::string::npos)
      << absent.err;
}

} // namespace
} // namespace lyncplan::scan
