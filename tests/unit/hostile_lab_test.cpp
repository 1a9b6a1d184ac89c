// Hostile servers on loopback, each with a bounded outcome and a clear verdict: a DNS server that
// answers with a CNAME loop, with records for names that were not asked, with truncated answers
// whose TCP retry is cut or truncated again, under another ID or question, and with garbage;
// nginx answering Autodiscover with 100 MB (declared, and chunked) and JSON nested 100,000 deep;
// servers that send one byte every 300 ms (HTTP, TLS); openssl s_server sending a 50-certificate
// chain and one larger than a handshake may bring. Asked through the live resolver,
// `scan` and the real `lyncplan check` program, whose time and peak memory are measured.
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/hostile_dns.hpp"
#include "support/program_run.hpp"
#include "support/requires.hpp"
#include "support/servers.hpp"
#include "support/test_ca.hpp"

#include <lyncplan/probe/tls_probe.hpp>
#include <lyncplan/resolve/live_resolver.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>

namespace lyncplan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::HostileRecord;
using testing::Trick;

constexpr const char* kDns = "127.0.0.70";  // the hostile DNS server
constexpr const char* kWeb = "127.0.0.71";  // nginx with the 100 MB answers
constexpr const char* kTls = "127.0.0.72";  // s_server with the deep chains
constexpr const char* kDrip = "127.0.0.73"; // HTTP and TLS sent a byte every 300 ms
constexpr std::uint16_t kA = 1, kSrv = 33;
constexpr long kHundredMegabytes = 100L * 1024 * 1024;
#if defined(__SANITIZE_ADDRESS__)
// AddressSanitizer's allocator and shadow memory make the peak several times larger (180-630 MB
// for this check): the bound is asserted in the plain build, which CI runs too.
constexpr bool kMemoryMeasurable = false;
#else
constexpr bool kMemoryMeasurable = true;
#endif

class HostileLab : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    std::signal(SIGPIPE, SIG_IGN);
    missing_ = testing::first_missing({"nginx", "openssl"});
    if (!missing_.empty()) {
      return;
    }
    dir_ = fs::temp_directory_path() / ("lyncplan-hostile-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    start_tls();
    start_web();
    start_dns();
  }

  static void TearDownTestSuite() {
    dns_.reset();
    servers_.clear();
    drips_.clear();
    if (!dir_.empty()) {
      fs::remove_all(dir_);
    }
  }

  void SetUp() override {
    LYNCPLAN_SKIP_IF_MISSING(missing_);
    ASSERT_TRUE(dns_ && dns_->ready());
    ASSERT_TRUE(ready_) << testing::read_file(dir_ / "nginx.out")
                        << testing::read_file(dir_ / "error.log");
  }

  static std::string path(const std::string& name) { return (dir_ / name).string(); }

  // Two openssl s_server: a chain of 50 certificates (leaf, 48 intermediates, the root), and one
  // whose certificates, padded, are larger than a handshake may bring.
  static void start_tls() {
    const auto deep = testing::make_deep_chain({"sip.deep.test"}, 48);
    const auto deeper = testing::make_deep_chain({"sip.deeper.test"}, 48, 3000);
    std::string roots = deep.root_pem + deeper.root_pem;
    testing::write_file(dir_ / "deep.crt", deep.leaf_pem);
    testing::write_file(dir_ / "deep.key", deep.leaf_key_pem);
    testing::write_file(dir_ / "deep-chain.pem", deep.intermediates_pem + deep.root_pem);
    testing::write_file(dir_ / "deeper.crt", deeper.leaf_pem);
    testing::write_file(dir_ / "deeper.key", deeper.leaf_key_pem);
    testing::write_file(dir_ / "deeper-chain.pem", deeper.intermediates_pem);
    deep_port_ = serve("deep");
    deeper_port_ = serve("deeper");
    const auto web =
        testing::make_deep_chain({"lyncdiscover.big.test", "lyncdiscover.nested.test"}, 0);
    testing::write_file(dir_ / "web.crt", web.leaf_pem);
    testing::write_file(dir_ / "web.key", web.leaf_key_pem);
    testing::write_file(dir_ / "roots.pem", roots + web.root_pem);
  }

  static int serve(const std::string& name) {
    const int port = testing::free_port(kTls);
    servers_.push_back(std::make_unique<testing::ServerProcess>(
        std::vector<std::string>{"openssl", "s_server", "-quiet", "-www", "-accept",
                                 std::string(kTls) + ":" + std::to_string(port), "-cert",
                                 path(name + ".crt"), "-key", path(name + ".key"), "-cert_chain",
                                 path(name + "-chain.pem")},
        path(name + ".out")));
    EXPECT_TRUE(servers_.back()->wait_listening(kTls, port))
        << testing::read_file(path(name + ".out"));
    return port;
  }

  // nginx: the 100 MB answer (a sparse file that starts like Autodiscover JSON) over HTTPS with
  // its Content-Length, and over HTTP chunked (sub_filter drops the length).
  static void start_web() {
    {
      const std::string head = R"({"_links":{"user":{"href":")";
      const int fd = ::open(path("big.json").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ASSERT_EQ(::write(fd, head.data(), head.size()), static_cast<ssize_t>(head.size()));
      ASSERT_EQ(::ftruncate(fd, kHundredMegabytes), 0);
      ::close(fd);
    }
    testing::write_file(dir_ / "nested.json", std::string(100000, '[') + std::string(100000, ']'));
    https_ = testing::free_port(kWeb);
    http_ = testing::free_port(kWeb);
    const std::string d = dir_.string();
    std::string c = "daemon off;\nworker_processes 1;\npid " + d + "/nginx.pid;\nerror_log " + d +
                    "/error.log;\nevents { worker_connections 64; }\nhttp {\n access_log off;\n";
    for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
      c += std::string(" ") + temp + "_temp_path " + d + "/" + temp + ";\n";
    }
    c += " ssl_certificate " + d + "/web.crt;\n ssl_certificate_key " + d + "/web.key;\n";
    const std::string big =
        "default_type application/json; root " + d + "; try_files /big.json =404;";
    c += " server { listen " + std::string(kWeb) + ":" + std::to_string(https_) +
         " ssl; location / { " + big + " } }\n";
    c += " server { listen " + std::string(kWeb) + ":" + std::to_string(http_) + "; location / { " +
         big + " sub_filter_types *; sub_filter '{' '{'; } }\n";
    const std::string nested =
        "default_type application/json; root " + d + "; try_files /nested.json =404;";
    c += " server { listen " + std::string(kWeb) + ":" + std::to_string(https_) +
         " ssl; server_name lyncdiscover.nested.test; location / { " + nested + " } }\n";
    c += " server { listen " + std::string(kWeb) + ":" + std::to_string(http_) +
         "; server_name lyncdiscover.nested.test; location / { " + nested + " } }\n";
    c += "}\n";
    testing::write_file(dir_ / "nginx.conf", c);
    servers_.push_back(std::make_unique<testing::ServerProcess>(
        std::vector<std::string>{"nginx", "-c", path("nginx.conf"), "-p", d}, path("nginx.out")));
    ready_ = servers_.back()->wait_listening(kWeb, https_) &&
             servers_.back()->wait_listening(kWeb, http_);
    // The same port numbers on another address: lyncdiscover.drip.test answers one byte at a
    // time (a per-read timer would never fire; only the overall deadline ends it).
    const auto pace = std::chrono::milliseconds(300);
    drips_.push_back(std::make_unique<testing::DripServer>(
        kDrip, http_, "HTTP/1.1 200 OK\r\nX-Drip: ", 'a', pace));
    drips_.push_back(std::make_unique<testing::DripServer>(
        kDrip, https_, std::string{'\x16', '\x03', '\x03', '\x40', '\x00'}, '\0', pace));
    for (const auto& drip : drips_) {
      ready_ = ready_ && drip->ready();
    }
  }

  static void start_dns() {
    std::vector<std::string> zones = {"loop.test",   "unasked.test", "cut.test", "trunc.test",
                                      "spoof.test",  "garbage.test", "big.test", "deep.test",
                                      "deeper.test", "nested.test",  "drip.test"};
    std::vector<HostileRecord> records = {
        {"lyncdiscover.big.test", kA, kWeb},
        {"lyncdiscover.nested.test", kA, kWeb},
        {"lyncdiscover.drip.test", kA, kDrip},
        {"_sip._tls.deep.test", kSrv, "sip.deep.test", static_cast<std::uint16_t>(deep_port_)},
        {"sip.deep.test", kA, kTls},
        {"_sip._tls.deeper.test", kSrv, "sip.deeper.test",
         static_cast<std::uint16_t>(deeper_port_)},
        {"sip.deeper.test", kA, kTls},
        {"sip.trunc.test", kA, "127.0.0.1"},
    };
    std::map<std::string, Trick> tricks;
    for (const char* prefix : {"_sip._tls.", "_sipfederationtls._tcp.", "lyncdiscover."}) {
      const std::string p = prefix;
      tricks[p + "loop.test"] = Trick::cname_loop;
      tricks[p + "unasked.test"] = Trick::unasked_records;
      tricks[p + "cut.test"] = Trick::truncated_then_cut;
      tricks[p + "trunc.test"] = Trick::truncated_over_tcp;
      tricks[p + "spoof.test"] = Trick::wrong_id_and_question;
      tricks[p + "garbage.test"] = Trick::garbage;
    }
    dns_ = std::make_unique<testing::HostileDns>(kDns, zones, records, tricks);
  }

  static resolve::Answer ask(const std::string& name, plan::RrType type, long& elapsed_ms) {
    auto resolver = resolve::LiveResolver::create({{dns_->endpoint()}, 300, 2});
    EXPECT_TRUE(resolver.has_value());
    const auto start = std::chrono::steady_clock::now();
    resolve::Answer a = (*resolver)->query(name, type);
    elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - start)
                     .count();
    return a;
  }

  static inline std::string missing_;
  static inline fs::path dir_;
  static inline std::unique_ptr<testing::HostileDns> dns_;
  static inline std::vector<std::unique_ptr<testing::ServerProcess>> servers_;
  static inline int deep_port_ = 0;
  static inline int deeper_port_ = 0;
  static inline int https_ = 0;
  static inline int http_ = 0;
  static inline std::vector<std::unique_ptr<testing::DripServer>> drips_;
  static inline bool ready_ = false;
};

// Each query has 2 tries of 300 ms; one second more is the resolver's own guard.
constexpr long kQueryBoundMs = 2 * 300 + 1000;

TEST_F(HostileLab, CnameLoopIsAFailureNamedAsALoop) {
  long ms = 0;
  const auto a = ask("_sip._tls.loop.test", plan::RrType::SRV, ms);
  EXPECT_EQ(a.status, resolve::Status::servfail);
  EXPECT_TRUE(a.cname_loop);
  EXPECT_TRUE(a.records.empty());
  EXPECT_EQ(resolve::describe(a),
            "CNAME loop via loop-back.loop.test and back to a name already followed");
  EXPECT_LT(ms, kQueryBoundMs);
}

TEST_F(HostileLab, RecordsForNamesThatWereNotAskedAreIgnored) {
  long ms = 0;
  const auto srv = ask("_sip._tls.unasked.test", plan::RrType::SRV, ms);
  EXPECT_EQ(srv.status, resolve::Status::nodata) << resolve::describe(srv);
  EXPECT_TRUE(srv.records.empty()) << resolve::describe(srv);
  const auto a = ask("lyncdiscover.unasked.test", plan::RrType::A, ms);
  EXPECT_EQ(a.status, resolve::Status::nodata) << resolve::describe(a);
  EXPECT_TRUE(a.records.empty()) << resolve::describe(a);
}

TEST_F(HostileLab, TruncatedAnswerWhoseTcpRetryIsCutEndsWithoutAnAnswer) {
  const int tcp_before = dns_->tcp_queries();
  long ms = 0;
  const auto a = ask("_sip._tls.cut.test", plan::RrType::SRV, ms);
  EXPECT_NE(a.status, resolve::Status::ok) << resolve::describe(a);
  EXPECT_TRUE(a.records.empty());
  EXPECT_GT(dns_->tcp_queries(), tcp_before) << "the resolver must retry over TCP";
  EXPECT_LT(ms, kQueryBoundMs);
}

TEST_F(HostileLab, TruncatedAnswerOverTcpKeepsOnlyWholeRecords) {
  long ms = 0;
  const auto a = ask("_sip._tls.trunc.test", plan::RrType::SRV, ms);
  ASSERT_EQ(a.status, resolve::Status::ok) << resolve::describe(a);
  ASSERT_EQ(a.records.size(), 1u) << "three announced, one whole, the second cut";
  EXPECT_EQ(a.records[0].value, "sip.trunc.test");
  EXPECT_EQ(a.records[0].port, 443);
}

TEST_F(HostileLab, AnswersUnderAnotherIdOrForAnotherQuestionAreNotTaken) {
  long ms = 0;
  const auto a = ask("_sip._tls.spoof.test", plan::RrType::SRV, ms);
  EXPECT_EQ(a.status, resolve::Status::timeout) << resolve::describe(a);
  EXPECT_TRUE(a.records.empty()) << resolve::describe(a);
  EXPECT_LT(ms, kQueryBoundMs);
}

TEST_F(HostileLab, GarbageIsNotAnAnswer) {
  long ms = 0;
  const auto a = ask("_sip._tls.garbage.test", plan::RrType::SRV, ms);
  EXPECT_NE(a.status, resolve::Status::ok) << resolve::describe(a);
  EXPECT_TRUE(a.records.empty());
  EXPECT_LT(ms, kQueryBoundMs);
}

TEST_F(HostileLab, FiftyCertificateChainVerifiesAndIsCalledTooLong) {
  probe::TlsOptions options;
  options.timeout_ms = 5000;
  options.ca_file = path("roots.pem");
  const auto r = probe::probe_tls({kTls, deep_port_, "sip.deep.test"}, options);
  ASSERT_EQ(r.outcome, probe::TlsOutcome::handshake) << r.detail;
  EXPECT_EQ(r.chain_length, 50);
  ASSERT_TRUE(r.cert.has_value());
  EXPECT_EQ(r.cert->chain_error, "") << "49 CAs deep is within what OpenSSL verifies";
}

TEST_F(HostileLab, ChainLargerThanAHandshakeMayBringFailsTheHandshake) {
  probe::TlsOptions options;
  options.timeout_ms = 5000;
  options.ca_file = path("roots.pem");
  const auto r = probe::probe_tls({kTls, deeper_port_, "sip.deeper.test"}, options);
  EXPECT_EQ(r.outcome, probe::TlsOutcome::handshake_failed);
  EXPECT_NE(r.detail.find("larger than the 102400 bytes a handshake may bring"), std::string::npos)
      << r.detail;
  EXPECT_LT(r.elapsed_ms, 5000);
}

// `lyncplan scan` over the hostile tenants: every record gets a verdict, none hangs.
TEST_F(HostileLab, ScanGivesEveryHostileTenantAVerdict) {
  testing::write_file(dir_ / "tenants.txt",
                      "loop.test\nunasked.test\ncut.test\ntrunc.test\nspoof.test\ngarbage.test\n");
  const auto start = std::chrono::steady_clock::now();
  const auto r = testing::run_cli({"scan", path("tenants.txt"), "--topology",
                                   testing::source_path("examples/hosting-provider.yaml"),
                                   "--resolver", dns_->endpoint(), "--timeout", "0.3", "--retries",
                                   "1", "-o", path("scan.jsonl"), "--force"});
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  EXPECT_EQ(r.rc, 1) << r.err;
  EXPECT_LT(ms, 5000);
  std::map<std::string, json> sip; // tenant -> its _sip._tls record result
  std::istringstream lines(testing::read_file(dir_ / "scan.jsonl"));
  for (std::string line; std::getline(lines, line);) {
    const json t = json::parse(line);
    for (const auto& rec : t["records"]) {
      if (rec["name"].get<std::string>().starts_with("_sip._tls.")) {
        sip[t["tenant"]] = rec;
      }
    }
  }
  ASSERT_EQ(sip.size(), 6u);
  EXPECT_EQ(sip["loop.test"]["verdict"], "wrong-target") << sip["loop.test"].dump();
  EXPECT_EQ(sip["loop.test"]["detail"], "the CNAME chain loops");
  EXPECT_EQ(sip["unasked.test"]["verdict"], "missing") << sip["unasked.test"].dump();
  EXPECT_EQ(sip["unasked.test"]["found"], json::array());
  EXPECT_EQ(sip["cut.test"]["verdict"], "servfail") << sip["cut.test"].dump();
  EXPECT_EQ(sip["cut.test"]["detail"], "the answer was truncated and the TCP connection closed "
                                       "before a whole answer");
  EXPECT_EQ(sip["trunc.test"]["verdict"], "wrong-target") << sip["trunc.test"].dump();
  EXPECT_EQ(sip["trunc.test"]["found"], json::array({"sip.trunc.test:443 (priority 0)"}));
  EXPECT_EQ(sip["spoof.test"]["verdict"], "timeout") << sip["spoof.test"].dump();
  EXPECT_EQ(sip["garbage.test"]["verdict"], "timeout") << sip["garbage.test"].dump();
  EXPECT_EQ(r.out.find("evil.test"), std::string::npos);
  EXPECT_EQ(testing::read_file(dir_ / "scan.jsonl").find("evil.test"), std::string::npos);
}

const json& find_domain(const json& report, const std::string& name) {
  static const json none;
  for (const auto& d : report["domains"]) {
    if (d["domain"] == name) {
      return d;
    }
  }
  ADD_FAILURE() << "no report for " << name;
  return none;
}

// The real program against everything hostile at once: it ends in time, its peak memory stays
// far below the 100 MB it was offered, and each domain has its verdict.
TEST_F(HostileLab, CheckEndsInTimeWithBoundedMemoryAndAVerdictForEach) {
  std::vector<std::string> args = {"check"};
  for (const char* domain :
       {"loop.test", "unasked.test", "cut.test", "trunc.test", "spoof.test", "garbage.test",
        "big.test", "deep.test", "deeper.test", "nested.test", "drip.test"}) {
    args.push_back(domain);
  }
  for (const std::string& option :
       {std::string("--outside-dns"), dns_->endpoint(), std::string("--ca-file"), path("roots.pem"),
        std::string("--timeout"), std::string("1"), std::string("--https-port"),
        std::to_string(https_), std::string("--http-port"), std::to_string(http_),
        std::string("--format"), std::string("json")}) {
    args.push_back(option);
  }
  const testing::ProgramRun run =
      testing::run_program(args, std::chrono::seconds(60), dir_ / "check-run");
  ASSERT_FALSE(run.killed) << "check did not end within 60 s";
  EXPECT_EQ(run.rc, 1) << run.err;
  std::printf("[ figures  ] check of 11 hostile domains: %ld ms, peak memory %ld KB\n",
              run.elapsed_ms, run.max_rss_kb);
  EXPECT_LT(run.elapsed_ms, 20000);
  if (kMemoryMeasurable) {
    EXPECT_LT(run.max_rss_kb, 96 * 1024) << "the 100 MB answer must not be held";
  }
  const json report = json::parse(run.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << run.out << run.err;
  EXPECT_EQ(run.out.find("evil.test"), std::string::npos) << "an unasked record was used";

  // The 100 MB answers: cut off before the body when declared, at 1 MB when chunked.
  int big_walks = 0;
  for (const auto& w : find_domain(report, "big.test")["autodiscover"]) {
    if (w["resolved"] != true) {
      continue;
    }
    ++big_walks;
    EXPECT_EQ(w["verdict"], "unreachable") << w.dump();
    const std::string message = w["message"];
    if (w["url"].get<std::string>().starts_with("https:")) {
      EXPECT_NE(message.find("larger than 1048576 bytes (its Content-Length says so"),
                std::string::npos)
          << message;
    } else {
      EXPECT_NE(message.find("larger than 1048576 bytes"), std::string::npos) << message;
    }
  }
  EXPECT_EQ(big_walks, 2) << "lyncdiscover.big.test over HTTPS and HTTP";

  // JSON nested 100,000 deep, over HTTPS and HTTP.
  int nested_walks = 0;
  for (const auto& w : find_domain(report, "nested.test")["autodiscover"]) {
    if (w["resolved"] == true) {
      ++nested_walks;
      EXPECT_EQ(w["verdict"], "not-autodiscover") << w.dump();
    }
  }
  EXPECT_EQ(nested_walks, 2) << "lyncdiscover.nested.test over HTTPS and HTTP";

  // One byte at a time, over HTTPS and HTTP: each walk ends at the 1 s deadline.
  int drip_walks = 0;
  for (const auto& w : find_domain(report, "drip.test")["autodiscover"]) {
    if (w["resolved"] == true) {
      ++drip_walks;
      EXPECT_EQ(w["verdict"], "unreachable") << w.dump();
      EXPECT_NE(w["message"].get<std::string>().find("timed out after 100"), std::string::npos)
          << w.dump();
    }
  }
  EXPECT_EQ(drip_walks, 2) << "lyncdiscover.drip.test over HTTPS and HTTP";

  // The deep chains.
  bool deep_seen = false, deeper_seen = false;
  for (const char* name : {"deep.test", "deeper.test"}) {
    for (const auto& e : find_domain(report, name)["endpoints"]) {
      std::vector<std::string> codes;
      for (const auto& p : e["problems"]) {
        codes.push_back(p["code"]);
      }
      if (e["name"] == "sip.deep.test" && e["port"] == deep_port_) {
        deep_seen = true;
        EXPECT_EQ(e["outcome"], "handshake") << e.dump();
        EXPECT_EQ(codes, std::vector<std::string>{"cert.long-chain"}) << e.dump();
        EXPECT_EQ(e["chain_length"], 50);
        EXPECT_EQ(e["certificate"]["key_type"], "EC");
        EXPECT_EQ(e["certificate"]["key_curve"], "prime256v1");
      }
      if (e["name"] == "sip.deeper.test" && e["port"] == deeper_port_) {
        deeper_seen = true;
        EXPECT_EQ(e["outcome"], "handshake-failed") << e.dump();
      }
    }
  }
  EXPECT_TRUE(deep_seen && deeper_seen);

  // The DNS tricks: each sign-in step says what came back.
  const auto steps_text = [&](const std::string& name) {
    std::string all;
    for (const auto& c : find_domain(report, name)["sign_in"]) {
      for (const auto& s : c["steps"]) {
        all += s["query"].get<std::string>() + " " + s["answer"].get<std::string>() + "\n";
      }
    }
    return all;
  };
  EXPECT_NE(steps_text("loop.test").find("_sip._tls.loop.test CNAME loop via"), std::string::npos)
      << steps_text("loop.test");
  EXPECT_NE(steps_text("unasked.test").find("_sip._tls.unasked.test NODATA"), std::string::npos)
      << steps_text("unasked.test");
  EXPECT_NE(steps_text("spoof.test").find("_sip._tls.spoof.test timeout"), std::string::npos)
      << steps_text("spoof.test");
  EXPECT_NE(steps_text("trunc.test").find("_sip._tls.trunc.test 0 0 sip.trunc.test:443"),
            std::string::npos)
      << steps_text("trunc.test");
}

} // namespace
} // namespace lyncplan
