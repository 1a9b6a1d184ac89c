// The TLS probe against real `openssl s_server` processes with certificates from a test CA made in
// the test, a listener that never speaks TLS, a slow-drip server and a full accept queue: each case
// gets its exact verdict, and none waits past the timeout. Loopback only.
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/servers.hpp"
#include "support/test_ca.hpp"

#include <lyncplan/probe/tls_probe.hpp>
#include <lyncplan/probe/tls_verdict.hpp>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace lyncplan::probe {
namespace {

namespace fs = std::filesystem;
using testing::Tamper;
using testing::TestCa;

const auto read = testing::read_file;
const auto write = testing::write_file;

using testing::Listener;

using testing::free_port;

// `openssl s_server -www` on address:port with the given certificate and key (and, for clients
// that send SNI `sni2`, a second certificate).
class OpenSslServer {
public:
  OpenSslServer(const char* address, const fs::path& cert, const fs::path& key,
                const std::string& sni2 = "", const fs::path& cert2 = {})
      : port_(free_port(address)), process_(arguments(address, port_, cert, key, sni2, cert2)) {
    EXPECT_TRUE(process_.wait_listening(address, port_)) << "openssl s_server did not start";
  }
  int port() const { return port_; }

private:
  static std::vector<std::string> arguments(const char* address, int port, const fs::path& cert,
                                            const fs::path& key, const std::string& sni2,
                                            const fs::path& cert2) {
    std::vector<std::string> args = {"openssl", "s_server",
                                     "-quiet",  "-www",
                                     "-accept", std::string(address) + ":" + std::to_string(port),
                                     "-cert",   cert.string(),
                                     "-key",    key.string()};
    if (!sni2.empty()) {
      args.insert(args.end(),
                  {"-servername", sni2, "-cert2", cert2.string(), "-key2", key.string()});
    }
    return args;
  }

  int port_;
  testing::ServerProcess process_;
};

constexpr const char* kServerAddress = "127.0.0.60";

class TlsProbe : public ::testing::Test {
protected:
  // One directory for the suite; the CA and the requests are made on first use, since RSA key
  // generation is the slow part and the network-failure cases need neither.
  static void SetUpTestSuite() {
    std::signal(SIGPIPE, SIG_IGN);
    suite_dir_ =
        new fs::path(fs::temp_directory_path() / ("lyncplan-tls-" + std::to_string(::getpid())));
    fs::remove_all(*suite_dir_);
    fs::create_directories(*suite_dir_);
  }
  static void make_ca_and_requests() {
    if (ca_ != nullptr) {
      return;
    }
    ca_ = new TestCa();
    write(*suite_dir_ / "ca.pem", ca_->ca_pem());
    const auto r = testing::run_cli({"certs", "request",
                                     testing::source_path("examples/reference-lync2013.yaml"),
                                     "--out", (*suite_dir_ / "req").string()});
    ASSERT_EQ(r.rc, 0) << r.err;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*suite_dir_);
    delete suite_dir_;
    delete ca_;
    ca_ = nullptr;
  }

  void SetUp() override {
    dir_ = *suite_dir_ / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::create_directories(dir_);
  }

  // The reference Edge's external certificate (sip.contoso.com, webcon.contoso.com,
  // sip.fabrikam.com), issued as `tamper` says, served by openssl; the probe's result for `sni`.
  TlsResult probe_edge(const Tamper& tamper, const std::string& sni) {
    make_ca_and_requests();
    const fs::path req = *suite_dir_ / "req" / "edge-external-lsedge.contoso.net";
    write(dir_ / "edge.crt", ca_->sign(read(req.string() + ".csr"), tamper));
    OpenSslServer server(kServerAddress, dir_ / "edge.crt", req.string() + ".key");
    return probe_tls({kServerAddress, server.port(), sni}, options());
  }

  TlsOptions options(int timeout_ms = 5000) const {
    TlsOptions o;
    o.timeout_ms = timeout_ms;
    if (ca_ != nullptr) {
      o.ca_file = (*suite_dir_ / "ca.pem").string();
    }
    return o;
  }

  static std::string codes(const std::vector<certs::CertProblem>& problems) {
    std::string out;
    for (const auto& p : problems) {
      out += (out.empty() ? "" : " ") + std::string(p.rule.str());
    }
    return out;
  }

  static inline TestCa* ca_ = nullptr;
  static inline fs::path* suite_dir_ = nullptr;
  fs::path dir_;
};

TEST_F(TlsProbe, CorrectEdgeCertificatePassesForEveryNameOnIt) {
  const TlsResult r = probe_edge({}, "sip.contoso.com");
  ASSERT_EQ(r.outcome, TlsOutcome::handshake) << r.detail;
  ASSERT_TRUE(r.cert.has_value());
  EXPECT_EQ(r.cert->subject, "sip.contoso.com");
  EXPECT_EQ(r.cert->sans, (std::vector<std::string>{"sip.contoso.com", "webcon.contoso.com",
                                                    "sip.fabrikam.com"}));
  EXPECT_EQ(r.cert->chain_error, "");
  EXPECT_TRUE(r.protocol == "TLSv1.3" || r.protocol == "TLSv1.2") << r.protocol;
  const std::time_t now = std::time(nullptr);
  EXPECT_EQ(codes(judge_endpoint(r, "sip.contoso.com", false, now)), "");
  EXPECT_EQ(codes(judge_endpoint(r, "sip.fabrikam.com", false, now)), "");
  const auto av = judge_endpoint(r, "av.contoso.com", false, now);
  ASSERT_EQ(codes(av), "cert.name");
  EXPECT_EQ(av[0].message, "'av.contoso.com' is not on the certificate (subject 'sip.contoso.com', "
                           "SANs sip.contoso.com webcon.contoso.com sip.fabrikam.com)");
}

TEST_F(TlsProbe, MissingSanFailsForTheDialledName) {
  Tamper missing;
  missing.drop_sans = {"sip.fabrikam.com"};
  const TlsResult r = probe_edge(missing, "sip.fabrikam.com");
  ASSERT_EQ(r.outcome, TlsOutcome::handshake) << r.detail;
  const auto problems = judge_endpoint(r, "sip.fabrikam.com", false, std::time(nullptr));
  ASSERT_EQ(codes(problems), "cert.name");
  EXPECT_EQ(problems[0].message, "'sip.fabrikam.com' is not on the certificate (subject "
                                 "'sip.contoso.com', SANs sip.contoso.com webcon.contoso.com)");
  EXPECT_EQ(codes(judge_endpoint(r, "sip.contoso.com", false, std::time(nullptr))), "");
}

TEST_F(TlsProbe, TheDialledNameIsSentAsSni) {
  // The server shows a second certificate to clients asking for sip.fabrikam.com by SNI: the probe
  // gets it only if it sends the dialled name.
  make_ca_and_requests();
  const fs::path req = *suite_dir_ / "req" / "edge-external-lsedge.contoso.net";
  Tamper second;
  second.subject = "sip.fabrikam.com";
  write(dir_ / "default.crt", ca_->sign(read(req.string() + ".csr")));
  write(dir_ / "second.crt", ca_->sign(read(req.string() + ".csr"), second));
  OpenSslServer server(kServerAddress, dir_ / "default.crt", req.string() + ".key",
                       "sip.fabrikam.com", dir_ / "second.crt");
  const TlsResult fabrikam =
      probe_tls({kServerAddress, server.port(), "sip.fabrikam.com"}, options());
  const TlsResult contoso =
      probe_tls({kServerAddress, server.port(), "sip.contoso.com"}, options());
  ASSERT_TRUE(fabrikam.cert.has_value()) << fabrikam.detail;
  ASSERT_TRUE(contoso.cert.has_value()) << contoso.detail;
  EXPECT_EQ(fabrikam.cert->subject, "sip.fabrikam.com");
  EXPECT_EQ(contoso.cert->subject, "sip.contoso.com");
}

TEST_F(TlsProbe, WildcardOnTheAccessEdgeIsRefusedButCoversWebNames) {
  Tamper wildcard;
  wildcard.drop_sans = {"sip.fabrikam.com"};
  wildcard.add_sans = {"*.fabrikam.com"};
  const TlsResult r = probe_edge(wildcard, "sip.fabrikam.com");
  ASSERT_EQ(r.outcome, TlsOutcome::handshake) << r.detail;
  const std::time_t now = std::time(nullptr);
  const auto sip = judge_endpoint(r, "sip.fabrikam.com", false, now);
  ASSERT_EQ(codes(sip), "cert.wildcard-san");
  EXPECT_NE(sip[0].message.find("Lync clients do not accept wildcards for SIP;"), std::string::npos)
      << sip[0].message;
  EXPECT_EQ(codes(judge_endpoint(r, "meet.fabrikam.com", true, now)), "")
      << "a web name may be covered by the wildcard";
}

TEST_F(TlsProbe, ExpiredCertificate) {
  Tamper expired;
  expired.valid_from_days = -400;
  expired.valid_to_days = -2;
  const TlsResult r = probe_edge(expired, "sip.contoso.com");
  ASSERT_EQ(r.outcome, TlsOutcome::handshake) << r.detail;
  EXPECT_EQ(codes(judge_endpoint(r, "sip.contoso.com", false, std::time(nullptr))),
            "cert.expired cert.chain");
  EXPECT_EQ(r.cert->chain_error, "certificate has expired");
}

TEST_F(TlsProbe, CertificateExpiringWithin30DaysWarns) {
  Tamper soon;
  soon.valid_to_days = 10;
  const TlsResult r = probe_edge(soon, "sip.contoso.com");
  ASSERT_EQ(r.outcome, TlsOutcome::handshake) << r.detail;
  const auto problems = judge_endpoint(r, "sip.contoso.com", false, std::time(nullptr));
  ASSERT_EQ(codes(problems), "cert.expiring");
  EXPECT_EQ(problems[0].severity, plan::Severity::warning);
}

TEST_F(TlsProbe, ClientOnlyEkuIsRefused) {
  Tamper client;
  client.eku = "clientAuth";
  const TlsResult r = probe_edge(client, "sip.contoso.com");
  ASSERT_EQ(r.outcome, TlsOutcome::handshake) << r.detail;
  EXPECT_EQ(codes(judge_endpoint(r, "sip.contoso.com", false, std::time(nullptr))),
            "cert.eku-server cert.chain");
  EXPECT_EQ(r.cert->chain_error, "unsuitable certificate purpose");
}

TEST_F(TlsProbe, SelfSignedCertificateFailsTheChain) {
  const fs::path key = dir_ / "self.key";
  const fs::path cert = dir_ / "self.crt";
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 90 -subj /CN=sip.contoso.com "
      "-addext subjectAltName=DNS:sip.contoso.com -keyout " +
      key.string() + " -out " + cert.string() + " 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  make_ca_and_requests(); // the test CA is the trust anchor: it did not sign this one
  OpenSslServer server(kServerAddress, cert, key);
  const TlsResult r = probe_tls({kServerAddress, server.port(), "sip.contoso.com"}, options());
  ASSERT_EQ(r.outcome, TlsOutcome::handshake) << r.detail;
  const auto problems = judge_endpoint(r, "sip.contoso.com", false, std::time(nullptr));
  ASSERT_EQ(codes(problems), "cert.chain");
  EXPECT_EQ(problems[0].message, "the chain does not verify: self-signed certificate");
}

TEST_F(TlsProbe, NothingListeningIsRefusedAtOnce) {
  const int port = free_port(kServerAddress);
  const TlsResult r = probe_tls({kServerAddress, port, "sip.contoso.com"}, options());
  EXPECT_EQ(r.outcome, TlsOutcome::refused);
  EXPECT_LT(r.elapsed_ms, 1000);
  EXPECT_EQ(codes(judge_endpoint(r, "sip.contoso.com", false, 0)), "tls.refused");
}

TEST_F(TlsProbe, ServerThatAcceptsAndStaysSilentEndsAtTheTimeout) {
  Listener silent("127.0.0.61", 8); // the kernel completes the TCP handshake; nobody speaks
  const TlsResult r = probe_tls({"127.0.0.61", silent.port, "sip.contoso.com"}, options(700));
  EXPECT_EQ(r.outcome, TlsOutcome::handshake_timeout) << r.detail;
  EXPECT_GE(r.elapsed_ms, 650);
  EXPECT_LT(r.elapsed_ms, 2000);
  EXPECT_NE(r.detail.find("accepted the connection but the TLS handshake did not finish within "
                          "700 ms"),
            std::string::npos)
      << r.detail;
}

TEST_F(TlsProbe, SlowDripServerEndsAtTheTimeoutNotAtItsPace) {
  // A TLS handshake record announcing 16 KB, then one byte every 100 ms: each byte resets a
  // per-read timer, so only an overall deadline ends this.
  const std::string header = {'\x16', '\x03', '\x03', '\x40', '\x00'};
  testing::DripServer drip("127.0.0.62", 0, header, '\0', std::chrono::milliseconds(100));
  ASSERT_TRUE(drip.ready());
  const TlsResult r = probe_tls({"127.0.0.62", drip.port(), "sip.contoso.com"}, options(800));
  EXPECT_EQ(r.outcome, TlsOutcome::handshake_timeout) << r.detail;
  EXPECT_GE(r.elapsed_ms, 750);
  EXPECT_LT(r.elapsed_ms, 2000);
}

TEST_F(TlsProbe, FullAcceptQueueIsABlackHoleThatEndsAtTheTimeout) {
  // With the accept queue full, Linux drops further SYNs: the connect is never answered, as
  // behind a firewall that drops packets, and without leaving loopback.
  testing::BlackHole full("127.0.0.63");
  const TlsResult r = probe_tls({"127.0.0.63", full.port(), "sip.contoso.com"}, options(700));
  EXPECT_EQ(r.outcome, TlsOutcome::connect_timeout) << to_string(r.outcome) << ": " << r.detail;
  EXPECT_GE(r.elapsed_ms, 650);
  EXPECT_LT(r.elapsed_ms, 2000);
}

TEST_F(TlsProbe, PlainHttpServerIsAFailedHandshakeWithTheReason) {
  Listener plain("127.0.0.64", 8);
  std::thread server([&] {
    pollfd p{plain.fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) {
      return;
    }
    const int client = ::accept(plain.fd, nullptr, nullptr);
    const char answer[] = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n";
    ::send(client, answer, sizeof answer - 1, MSG_NOSIGNAL);
    ::close(client);
  });
  const TlsResult r = probe_tls({"127.0.0.64", plain.port, "sip.contoso.com"}, options());
  server.join();
  EXPECT_EQ(r.outcome, TlsOutcome::handshake_failed);
  EXPECT_NE(r.detail.find("TLS to 127.0.0.64:"), std::string::npos) << r.detail;
  EXPECT_LT(r.elapsed_ms, 1000);
}

TEST_F(TlsProbe, NonNumericAddressIsRefusedWithoutAnyTraffic) {
  const TlsResult r = probe_tls({"sip.contoso.com", 443, "sip.contoso.com"}, options());
  EXPECT_EQ(r.outcome, TlsOutcome::unreachable);
  EXPECT_EQ(r.detail, "sip.contoso.com is not a numeric address");
}

} // namespace
} // namespace lyncplan::probe
