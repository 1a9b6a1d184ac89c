// `lyncplan scan` against a real NSD on loopback: one tenant per verdict, an answer too big for
// UDP (TCP fallback), the optional internal names, shards, a DNS server that never answers,
// kill -9 in the middle of a scan and --resume, and the scan's bad inputs.
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/nsd.hpp"
#include "support/program_run.hpp"
#include "support/servers.hpp"

#include <lyncplan/scan/result_line.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>

namespace lyncplan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kDns = "127.0.0.88";    // NSD with the tenants' zones
constexpr const char* kSilent = "127.0.0.89"; // a UDP socket nobody reads

std::string zone(const std::string& origin, const std::string& body) {
  return "$ORIGIN " + origin +
         ".\n$TTL 60\n@ SOA ns.example. hostmaster.example. 1 3600 600 "
         "86400 60\n@ NS ns.example.\n" +
         body;
}

const std::string kGood = "_sip._tls SRV 0 0 443 sipexternal.contoso.com.\n"
                          "_sipfederationtls._tcp SRV 0 0 5061 sipexternal.contoso.com.\n";

std::map<std::string, std::string> lab_zones() {
  std::string big = "_sip._tls SRV 0 0 443 sipexternal.contoso.com.\n";
  for (int i = 0; i < 100; ++i) {
    big += "_sip._tls SRV 10 0 443 backup" + std::to_string(i) +
           "-with-a-long-name.provider-backup.example.net.\n";
  }
  return {
      {"example",
       zone("example", "ns A 127.0.0.88\n"
                       "_sip._tls.inzone SRV 0 0 443 sipexternal.contoso.com.\n"
                       "_sipfederationtls._tcp.inzone SRV 0 0 5061 sipexternal.contoso.com.\n"
                       "lyncdiscover.inzone A 203.0.113.20\n"
                       "www.partial A 192.0.2.1\n")},
      {"good.example", zone("good.example", kGood + "lyncdiscover A 203.0.113.20\n")},
      {"cname.example",
       zone("cname.example", kGood + "lyncdiscover CNAME lyncdiscover.contoso.com.\n")},
      {"target.example",
       zone("target.example", "_sip._tls SRV 0 0 443 sip.target.example.\n"
                              "_sipfederationtls._tcp SRV 0 0 5061 "
                              "sipexternal.contoso.com.\nlyncdiscover A 203.0.113.20\n")},
      {"port.example",
       zone("port.example", "_sip._tls SRV 0 0 443 sipexternal.contoso.com.\n"
                            "_sipfederationtls._tcp SRV 0 0 443 "
                            "sipexternal.contoso.com.\nlyncdiscover A 203.0.113.20\n")},
      {"missing.example", zone("missing.example", "_sip._tls SRV 0 0 443 sipexternal.contoso.com.\n"
                                                  "lyncdiscover A 203.0.113.20\n")},
      {"lyncwrong.example", zone("lyncwrong.example", kGood + "lyncdiscover A 192.0.2.99\n")},
      {"wild.example", zone("wild.example", "@ A 192.0.2.80\n* CNAME wild.example.\n")},
      {"wildright.example", zone("wildright.example", kGood + "* A 203.0.113.20\n")},
      {"big.example",
       zone("big.example", big + "_sipfederationtls._tcp SRV 0 0 5061 "
                                 "sipexternal.contoso.com.\nlyncdiscover A 203.0.113.20\n")},
      {"internal.example",
       zone("internal.example", kGood +
                                    "lyncdiscover A 203.0.113.20\n"
                                    "_sipinternaltls._tcp SRV 0 0 5061 pool.internal.example.\n")},
  };
}

const char* kTenants = "# the lab's tenants, one per verdict\n"
                       "good.example\n"
                       "cname.example\n"
                       "inzone.example\n"
                       "target.example\n"
                       "port.example\n"
                       "missing.example\n"
                       "lyncwrong.example\n"
                       "wild.example\n"
                       "wildright.example\n"
                       "big.example\n"
                       "partial.example\n"
                       "absent.example\n"
                       "other.test\n"
                       "\n"
                       "  GOOD.example   # listed twice\n"
                       "internal.example\n";

// tenant -> its line, read back from a JSON-lines file; every line must parse, once per tenant.
// With `cut_tail`, a last line without its newline (what SIGKILL leaves when it lands inside a
// write of several pages: Linux stops such a write at a page) is not read; a resume cuts it.
std::map<std::string, json> read_results(const fs::path& file, bool cut_tail = false) {
  std::map<std::string, json> out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (cut_tail && in.eof()) {
      break;
    }
    json j = json::parse(line);
    const std::string tenant = j["tenant"];
    EXPECT_EQ(out.count(tenant), 0u) << tenant << " written twice";
    out[tenant] = std::move(j);
  }
  return out;
}

std::vector<std::string> verdicts(const json& line) {
  std::vector<std::string> out;
  for (const auto& r : line["records"]) {
    out.push_back(r["verdict"]);
  }
  return out;
}

class ScanLab : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    if (!testing::installed("nsd")) {
      return;
    }
    dir_ = fs::temp_directory_path() / ("lyncplan-scanlab-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    testing::write_file(dir_ / "tenants.txt", kTenants);
    nsd_ = std::make_unique<testing::NsdServer>(dir_ / "nsd", kDns, lab_zones());
    if (nsd_->ready()) {
      main_ = scan({"--format", "json", "-o", path("results.jsonl")});
      results_ = read_results(dir_ / "results.jsonl");
    }
  }
  static void TearDownTestSuite() {
    nsd_.reset();
    if (!dir_.empty()) {
      fs::remove_all(dir_);
    }
  }
  void SetUp() override {
    LYNCPLAN_SKIP_IF_MISSING(nsd_ ? "" : "nsd");
    ASSERT_TRUE(nsd_->ready()) << nsd_->log();
  }

  static std::string path(const std::string& name) { return (dir_ / name).string(); }
  static testing::CliRun scan(std::vector<std::string> extra,
                              const std::string& tenants = path("tenants.txt"),
                              bool terminal = false) {
    std::vector<std::string> args = {"scan",
                                     tenants,
                                     "--topology",
                                     testing::source_path("examples/hosting-provider.yaml"),
                                     "--resolver",
                                     nsd_->endpoint(),
                                     "--wildcard-label",
                                     "lyncplan-lab-probe",
                                     "--timeout",
                                     "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    return testing::run_cli(args, terminal);
  }

  static inline fs::path dir_;
  static inline std::unique_ptr<testing::NsdServer> nsd_;
  static inline testing::CliRun main_;
  static inline std::map<std::string, json> results_;
};

TEST_F(ScanLab, OneVerdictPerFault) {
  using V = std::vector<std::string>;
  const V expected_srvs = {"outside-namespace", "outside-namespace"};
  EXPECT_EQ(main_.rc, 1) << main_.err;
  ASSERT_EQ(results_.size(), 14u) << main_.out << main_.err;
  EXPECT_EQ(verdicts(results_["good.example"]),
            (V{"outside-namespace", "outside-namespace", "ok"}));
  EXPECT_EQ(results_["good.example"]["status"], "ok");
  EXPECT_EQ(verdicts(results_["cname.example"]),
            (V{"outside-namespace", "outside-namespace", "outside-namespace"}));
  EXPECT_EQ(verdicts(results_["inzone.example"]),
            (V{"outside-namespace", "outside-namespace", "ok"}));
  EXPECT_EQ(verdicts(results_["target.example"]), (V{"wrong-target", "outside-namespace", "ok"}));
  EXPECT_EQ(results_["target.example"]["status"], "broken");
  EXPECT_EQ(results_["target.example"]["records"][0]["detail"],
            "clients go to sip.target.example:443, not the provider's sipexternal.contoso.com:443");
  EXPECT_EQ(verdicts(results_["port.example"]), (V{"outside-namespace", "wrong-port", "ok"}));
  EXPECT_EQ(verdicts(results_["missing.example"]), (V{"outside-namespace", "missing", "ok"}));
  EXPECT_EQ(verdicts(results_["lyncwrong.example"]),
            (V{"outside-namespace", "outside-namespace", "wrong-target"}));
  EXPECT_EQ(verdicts(results_["wild.example"]), (V{"wildcard", "wildcard", "wildcard"}));
  // Right, but only because *.wildright.example happens to hold the provider's address.
  EXPECT_EQ(verdicts(results_["wildright.example"]),
            (V{"outside-namespace", "outside-namespace", "ok"}));
  EXPECT_EQ(results_["wildright.example"]["status"], "ok");
  EXPECT_EQ(results_["wildright.example"]["records"][2]["note"],
            "lyncdiscover.wildright.example exists only through a wildcard record "
            "(*.wildright.example gives the same A): right today, wrong the day the wildcard "
            "changes; publish the record itself");
  EXPECT_FALSE(results_["good.example"]["records"][2].contains("note"));
  EXPECT_EQ(verdicts(results_["partial.example"]), (V{"missing", "missing", "missing"}));
  EXPECT_EQ(verdicts(results_["absent.example"]), (V{"zone-absent", "zone-absent", "zone-absent"}));
  EXPECT_EQ(verdicts(results_["other.test"]), (V{"refused", "refused", "refused"}));
  const json summary = json::parse(main_.out);
  EXPECT_EQ(summary["command"], "scan");
  EXPECT_EQ(summary["tenants"], 14);
  EXPECT_EQ(summary["wildcard_answered"], 1);
  EXPECT_EQ(summary["broken"], 8);
  EXPECT_EQ(summary["duplicates"], 1);
  EXPECT_EQ(summary["records"]["zone-absent"], 3);
  EXPECT_EQ(summary["worst"][0]["tenant"], "absent.example");
  EXPECT_EQ(summary["run"]["timeouts"], 0);
}

TEST_F(ScanLab, ResultsSummaryReadsTheFileAsTheScanCountedIt) {
  const json scanned = json::parse(main_.out);
  const auto offline =
      testing::run_cli({"results", "summary", path("results.jsonl"), "--format", "json"});
  EXPECT_EQ(offline.rc, 1) << offline.err;
  const json read = json::parse(offline.out);
  EXPECT_EQ(read["command"], "results");
  for (const char* key : {"tenants", "broken", "records", "worst", "wildcard_answered"}) {
    EXPECT_EQ(read[key], scanned[key]) << key;
  }
  EXPECT_FALSE(read.contains("run")); // no DNS was asked
}

TEST_F(ScanLab, TruncatedAnswerIsAskedAgainOverTcp) {
  const json summary = json::parse(main_.out);
  EXPECT_EQ(summary["run"]["tcp"], 1);
  const json& big = results_["big.example"];
  EXPECT_EQ(verdicts(big),
            (std::vector<std::string>{"outside-namespace", "outside-namespace", "ok"}));
  const auto& found = big["records"][0]["found"];
  ASSERT_EQ(found.size(), 9u); // 8 shown of 101, then the count
  EXPECT_EQ(found[8], "... and 93 more");
}

TEST_F(ScanLab, OptionalInternalNamesMustLeadToTheProvider) {
  testing::write_file(dir_ / "internal.txt", "internal.example\ngood.example\n");
  const auto run =
      scan({"--internal", "--format", "json", "-o", path("internal.jsonl")}, path("internal.txt"));
  EXPECT_EQ(run.rc, 1) << run.err;
  auto results = read_results(dir_ / "internal.jsonl");
  EXPECT_EQ(verdicts(results["internal.example"]),
            (std::vector<std::string>{"outside-namespace", "outside-namespace", "ok",
                                      "wrong-target", "optional-absent"}));
  EXPECT_EQ(verdicts(results["good.example"]),
            (std::vector<std::string>{"outside-namespace", "outside-namespace", "ok",
                                      "optional-absent", "optional-absent"}));
}

TEST_F(ScanLab, ShardsConcatenateToTheWholeList) {
  std::map<std::string, json> all;
  for (int k = 1; k <= 3; ++k) {
    const std::string out = path("shard" + std::to_string(k) + ".jsonl");
    scan({"--shard", std::to_string(k) + "/3", "-o", out});
    for (auto& [tenant, line] : read_results(out)) {
      EXPECT_EQ(all.count(tenant), 0u) << tenant << " in two shards";
      all[tenant] = line;
    }
  }
  ASSERT_EQ(all.size(), results_.size());
  for (const auto& [tenant, line] : results_) {
    EXPECT_EQ(verdicts(all[tenant]), verdicts(line)) << tenant;
  }
}

TEST_F(ScanLab, ASilentServerEndsInTimeoutsWithinTheBound) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  inet_pton(AF_INET, kSilent, &a.sin_addr);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  socklen_t length = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length);
  const std::string silent = std::string(kSilent) + ":" + std::to_string(ntohs(a.sin_port));
  const auto started = std::chrono::steady_clock::now();
  const auto run =
      testing::run_cli({"scan", path("tenants.txt"), "--topology",
                        testing::source_path("examples/hosting-provider.yaml"), "--resolver",
                        silent, "--timeout", "0.2", "--retries", "1", "-o", path("silent.jsonl")});
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  ::close(fd);
  EXPECT_EQ(run.rc, 3) << run.err;
  EXPECT_NE(run.err.find("no DNS server answered any of 42 queries"), std::string::npos) << run.err;
  EXPECT_GE(ms, 600);  // 0.2 s, then a retry waiting 0.4 s
  EXPECT_LT(ms, 2000); // and not a moment more per query: they all wait at once
  const auto results = read_results(dir_ / "silent.jsonl");
  ASSERT_EQ(results.size(), 14u);
  for (const auto& [tenant, line] : results) {
    EXPECT_EQ(verdicts(line), std::vector<std::string>(3, "timeout")) << tenant;
  }
}

// Whole lines in a file (those ending in a newline); 0 when it does not exist.
std::size_t whole_lines(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return static_cast<std::size_t>(
      std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
}

// Bytes up to and including the last newline of a file.
std::uintmax_t bytes_to_last_newline(const fs::path& file) {
  const std::string text = testing::read_file(file);
  const auto at = text.rfind('\n');
  return at == std::string::npos ? 0 : at + 1;
}

// Runs the lyncplan program (not in-process) and kills it with SIGKILL as soon as `out` holds
// `lines` results: the kill waits for the work, not for a time a slower or busier machine (the
// sanitizer build, CI running tests side by side) would not reach.
void run_and_kill_at(const std::vector<std::string>& args, const fs::path& out, std::size_t lines,
                     const fs::path& scratch) {
  const testing::ProgramRun r = testing::run_program(args, std::chrono::seconds(120), scratch,
                                                     [&] { return whole_lines(out) >= lines; });
  EXPECT_TRUE(r.killed) << "the scan ended before it was killed; make it longer: " << r.err;
}

TEST_F(ScanLab, KilledWithSigkillThenResumedLosesAndRepeatsNothing) {
  constexpr int kCount = 20000;
  std::string list;
  for (int i = 0; i < kCount; ++i) {
    list += "n" + std::to_string(100000 + i) + ".example\n";
  }
  testing::write_file(dir_ / "many.txt", list);
  const std::string out = path("many.jsonl");
  std::vector<std::string> args = {
      "scan",       path("many.txt"),
      "--topology", testing::source_path("examples/hosting-provider.yaml"),
      "--resolver", nsd_->endpoint(),
      "--qps",      "20000",
      "-o",         out,
      "--resume"};
  run_and_kill_at(args, out, 2000, dir_ / "killed");
  const std::size_t after_first = read_results(out, true).size();
  run_and_kill_at(args, out, after_first + 3000, dir_ / "killed");
  const std::size_t after_second = read_results(out, true).size();
  const std::uintmax_t tail = fs::file_size(out) - bytes_to_last_newline(out);
  EXPECT_GE(after_first, 2000u);
  EXPECT_GE(after_second, after_first + 3000);
  EXPECT_LT(after_second, static_cast<std::size_t>(kCount));
  // Whatever the kill left, a write cut in the middle of a line is also survived.
  std::ofstream(out, std::ios::app) << "{\"tenant\":\"n1000";
  const auto resumed = scan({"-o", out, "--resume", "--format", "json"}, path("many.txt"));
  EXPECT_EQ(resumed.rc, 1) << resumed.err;
  const std::string cut = "cut a partial last line (" + std::to_string(tail + 16) + " bytes)";
  EXPECT_NE(resumed.err.find(cut), std::string::npos) << resumed.err;
  const json summary = json::parse(resumed.out);
  EXPECT_EQ(summary["tenants"], kCount);
  EXPECT_EQ(summary["resumed"], after_second);
  EXPECT_EQ(summary["records"]["zone-absent"], 3 * kCount);
  const auto results = read_results(out); // fails on any partial line or repeated tenant
  EXPECT_EQ(results.size(), static_cast<std::size_t>(kCount));
  for (int i = 0; i < kCount; i += 997) {
    EXPECT_EQ(results.count("n" + std::to_string(100000 + i) + ".example"), 1u);
  }
}

TEST_F(ScanLab, SummaryPeakMemoryIsTheScansOwnWhenABigProcessStartsIt) {
  // Make this (parent) process's high-water mark 400 MB, then start the real program from it:
  // Linux puts the parent's mark into the child's ru_maxrss at the exec, so a summary that
  // trusted getrusage would claim at least 400 MB for a scan of 14 tenants.
  constexpr std::size_t kBig = 400u << 20;
  {
    std::vector<char> big(kBig);
    for (std::size_t i = 0; i < big.size(); i += 4096) {
      big[i] = 1;
    }
    asm volatile("" : : "r"(big.data()) : "memory"); // the pages are really touched
  }
  const std::vector<std::string> args = {
      "scan",       path("tenants.txt"),
      "--topology", testing::source_path("examples/hosting-provider.yaml"),
      "--resolver", nsd_->endpoint(),
      "--format",   "json",
      "-o",         path("memory.jsonl")};
  const testing::ProgramRun run =
      testing::run_program(args, std::chrono::seconds(60), dir_ / "memory-run");
  ASSERT_EQ(run.rc, 1) << run.err;
  const long reported = json::parse(run.out)["run"]["peak_memory_kb"].get<long>();
  std::printf("[ figures  ] scan of 14 tenants: summary says %ld KB, /proc sampled %ld KB\n",
              reported, run.max_rss_kb);
  EXPECT_GT(reported, 0);
  // The summary is read before the last lines are written, so a little under what /proc saw.
  EXPECT_GT(reported, run.max_rss_kb / 2);
  EXPECT_LT(reported, static_cast<long>(kBig >> 10) / 2);
}

TEST_F(ScanLab, BadInputsAreNamedAndExitTwo) {
  testing::write_file(dir_ / "bad.txt", "good.example\n# fine\n  bad_name.example\nsingle\n");
  auto run = scan({"-o", path("bad.jsonl")}, path("bad.txt"));
  EXPECT_EQ(run.rc, 2);
  EXPECT_NE(run.err.find(path("bad.txt") + ":3:3: tenant domain 'bad_name.example' is not a "
                                           "valid DNS name"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(path("bad.txt") + ":4:1: tenant domain 'single' is a single label"),
            std::string::npos);
  EXPECT_FALSE(fs::exists(dir_ / "bad.jsonl")); // nothing scanned, nothing written
  EXPECT_EQ(scan({"--shard", "0/4"}).rc, 2);
  run = testing::run_cli({"scan", path("tenants.txt"), "--topology",
                          testing::source_path("examples/hosting-provider.yaml"), "--resolver",
                          "dns.example:53"});
  EXPECT_EQ(run.rc, 2);
  EXPECT_NE(run.err.find("--resolver 'dns.example:53': expected IP, IP:PORT or [IPv6]:PORT"),
            std::string::npos);
  run = scan({"-o", path("results.jsonl")}); // holds the main run's results
  EXPECT_EQ(run.rc, 2);
  EXPECT_NE(run.err.find("holds results already; expected --resume to go on with them, or "
                         "--force to start over"),
            std::string::npos);
  testing::write_file(dir_ / "notjson.jsonl", "good.example ok\n");
  run = scan({"-o", path("notjson.jsonl"), "--resume"});
  EXPECT_EQ(run.rc, 2);
  EXPECT_NE(run.err.find("notjson.jsonl:1: not JSON"), std::string::npos) << run.err;
  run = testing::run_cli({"scan", path("tenants.txt"), "--topology",
                          testing::source_path("examples/reference-lync2013.yaml"), "--resolver",
                          nsd_->endpoint()});
  EXPECT_EQ(run.rc, 2);
  EXPECT_NE(run.err.find("reference-lync2013.yaml:1:1: the topology has no hosting section"),
            std::string::npos);
  EXPECT_EQ(scan({"--resume"}).rc, 2); // --resume without --out
}

// A results file resumed with nothing left to ask still names the broken records in the worst
// tenants, as the first run did; and on a terminal the progress line is wiped at the end, never
// redrawn as "0/0".
TEST_F(ScanLab, ResumedWorstTenantsKeepTheirRecordNames) {
  const std::string out = path("resumed.jsonl");
  fs::copy_file(dir_ / "results.jsonl", out, fs::copy_options::overwrite_existing);
  const auto resumed = scan({"-o", out, "--resume"}, path("tenants.txt"), true);
  EXPECT_EQ(resumed.rc, 1) << resumed.err;
  EXPECT_NE(resumed.out.find("target.example"), std::string::npos) << resumed.out;
  EXPECT_NE(resumed.out.find("_sip._tls wrong-target"), std::string::npos) << resumed.out;
  EXPECT_NE(resumed.out.find("_sipfederationtls._tcp wrong-port"), std::string::npos)
      << resumed.out;
  EXPECT_EQ(resumed.err.find("0/0"), std::string::npos) << resumed.err;
  EXPECT_NE(resumed.err.find("\r\033[K"), std::string::npos) << "the progress line is wiped";
}

// Ctrl-C in the middle of a scan says that --resume goes on, and the file is whole.
TEST_F(ScanLab, InterruptedScanSaysHowToGoOn) {
  std::string list;
  for (int i = 0; i < 20000; ++i) {
    list += "i" + std::to_string(100000 + i) + ".example\n";
  }
  testing::write_file(dir_ / "interrupted.txt", list);
  const std::string out = path("interrupted.jsonl");
  const testing::ProgramRun r = testing::run_program(
      {"scan", path("interrupted.txt"), "--topology",
       testing::source_path("examples/hosting-provider.yaml"), "--resolver", nsd_->endpoint(),
       "--qps", "20000", "-o", out},
      std::chrono::seconds(120), dir_ / "interrupted", [&] { return whole_lines(out) >= 1000; },
      SIGINT);
  ASSERT_TRUE(r.killed) << "the scan ended before it was interrupted: " << r.err;
  EXPECT_NE(r.err.find("lyncplan: interrupted; every result written so far is whole in " + out +
                       ": run the same command with --resume (and the same -o) to go on"),
            std::string::npos)
      << r.err;
  EXPECT_GE(read_results(out, true).size(), 1000u);
}

} // namespace
} // namespace lyncplan
