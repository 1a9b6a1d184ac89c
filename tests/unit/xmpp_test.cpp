// XMPP STARTTLS before the TLS probe: the reading of a server's bytes (pure), then the probe
// against a real XMPP listener on loopback that negotiates STARTTLS and shakes hands with OpenSSL,
// or refuses in each way a server can; every case ends with its reason, none past the timeout.
#include "support/files.hpp"
#include "support/servers.hpp"
#include "support/test_ca.hpp"
#include "support/xmpp_server.hpp"

#include <lyncplan/probe/tls_probe.hpp>
#include <lyncplan/probe/tls_verdict.hpp>
#include <lyncplan/probe/xmpp_starttls.hpp>

#include <gtest/gtest.h>

#include <unistd.h>

#include <ctime>
#include <filesystem>

namespace lyncplan::probe {
namespace {

namespace fs = std::filesystem;

const std::string kOpen = "<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
                          "xmlns:stream='http://etherx.jabber.org/streams' id='x' "
                          "version='1.0'>";
const std::string kFeatures =
    "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
    "</stream:features>";

TEST(XmppReading, StreamOpenNamesTheDomainAsServerToServer) {
  const std::string open = xmpp_stream_open("contoso.com");
  EXPECT_NE(open.find("to='contoso.com'"), std::string::npos);
  EXPECT_NE(open.find("xmlns='jabber:server'"), std::string::npos);
  EXPECT_NE(open.find("version='1.0'"), std::string::npos);
}

TEST(XmppReading, FeaturesAreReadOnlyWhenWhole) {
  const std::string whole = kOpen + kFeatures;
  for (std::size_t cut = 0; cut < whole.size(); ++cut) {
    EXPECT_EQ(read_xmpp_features(whole.substr(0, cut)).state, XmppState::need_more) << cut;
  }
  EXPECT_EQ(read_xmpp_features(whole).state, XmppState::starttls_offered);
}

TEST(XmppReading, FeaturesWithoutStartTlsAreAFailureWithTheReason) {
  const auto r = read_xmpp_features(
      kOpen + "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>");
  EXPECT_EQ(r.state, XmppState::failed);
  EXPECT_NE(r.reason.find("offer no STARTTLS"), std::string::npos) << r.reason;
  EXPECT_EQ(read_xmpp_features(kOpen + "<stream:features/>").state, XmppState::failed);
  // A starttls element of another namespace is not TLS.
  EXPECT_EQ(read_xmpp_features(kOpen + "<stream:features><starttls xmlns='urn:other'/>"
                                       "</stream:features>")
                .state,
            XmppState::failed);
}

TEST(XmppReading, StreamErrorsAreNamedByTheirCondition) {
  const std::string error = kOpen + "<stream:error><host-unknown "
                                    "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>";
  const auto r = read_xmpp_features(error);
  EXPECT_EQ(r.state, XmppState::failed);
  EXPECT_EQ(r.reason, "the server ended the stream with the error <host-unknown/>");
  EXPECT_EQ(read_xmpp_features(kOpen + "<stream:error>").state, XmppState::need_more);
  EXPECT_EQ(read_xmpp_features(kOpen + "<stream:error></stream:error>").reason,
            "the server ended the stream with the error <undefined-condition/>");
}

TEST(XmppReading, ServersThatDoNotSpeakXmppAreSaidSo) {
  const auto tls = read_xmpp_features(std::string("\x16\x03\x01\x00\x2a", 5));
  EXPECT_EQ(tls.state, XmppState::failed);
  EXPECT_EQ(tls.reason, "the server does not speak XMPP: it answered '....*'");
  const auto http = read_xmpp_features("HTTP/1.1 400 Bad Request\r\n");
  EXPECT_NE(http.reason.find("'HTTP/1.1 400 Bad Request..'"), std::string::npos) << http.reason;
  EXPECT_EQ(read_xmpp_features(kOpen + "</stream:stream>").reason,
            "the server closed the XMPP stream");
}

TEST(XmppReading, EndlessPreambleIsRefusedAtTheBound) {
  const std::string endless = kOpen + std::string(kMaxXmppPreambleBytes, ' ');
  const auto r = read_xmpp_features(endless);
  EXPECT_EQ(r.state, XmppState::failed);
  EXPECT_NE(r.reason.find("without finishing its stream features"), std::string::npos);
  EXPECT_EQ(read_xmpp_features(endless.substr(0, kMaxXmppPreambleBytes - 1)).state,
            XmppState::need_more);
}

TEST(XmppReading, ProceedOrFailure) {
  EXPECT_EQ(read_xmpp_proceed("").state, XmppState::need_more);
  EXPECT_EQ(read_xmpp_proceed("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>").state,
            XmppState::proceed);
  const auto refused = read_xmpp_proceed("<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  EXPECT_EQ(refused.state, XmppState::failed);
  EXPECT_EQ(refused.reason, "the server answered STARTTLS with <failure/>");
}

constexpr const char* kAddress = "127.0.0.65";

class XmppProbe : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    chain_ = testing::make_deep_chain({"xmpp.contoso.com", "contoso.com"}, 1);
    dir_ = fs::temp_directory_path() / ("lyncplan-xmpp-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    testing::write_file(dir_ / "root.pem", chain_.root_pem);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static TlsResult probe(int port, const std::string& domain, int timeout_ms = 3000) {
    TlsOptions options;
    options.timeout_ms = timeout_ms;
    options.ca_file = (dir_ / "root.pem").string();
    return probe_tls({kAddress, port, domain, domain}, options);
  }
  static inline testing::DeepChain chain_;
  static inline fs::path dir_;
};

TEST_F(XmppProbe, StartTlsThenTheCertificateOfTheDomain) {
  testing::XmppServer xmpp(kAddress, 0, chain_.leaf_pem + chain_.intermediates_pem,
                           chain_.leaf_key_pem);
  ASSERT_TRUE(xmpp.ready());
  const TlsResult r = probe(xmpp.port(), "contoso.com");
  ASSERT_EQ(r.outcome, TlsOutcome::handshake) << r.detail;
  ASSERT_TRUE(r.cert.has_value());
  EXPECT_EQ(r.cert->subject, "xmpp.contoso.com");
  EXPECT_TRUE(r.cert->chain_error.empty()) << r.cert->chain_error;
  EXPECT_EQ(r.chain_length, 2);
  EXPECT_NE(xmpp.last_stream_header().find("to='contoso.com'"), std::string::npos)
      << xmpp.last_stream_header();
  EXPECT_TRUE(judge_endpoint(r, "contoso.com", false, std::time(nullptr)).empty());
  // The same certificate for a domain it does not name: the name problem.
  const TlsResult other = probe(xmpp.port(), "fabrikam.com");
  ASSERT_EQ(other.outcome, TlsOutcome::handshake) << other.detail;
  const auto problems = judge_endpoint(other, "fabrikam.com", false, std::time(nullptr));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rule.str(), "cert.name");
}

TEST_F(XmppProbe, EachRefusalEndsTheProbeWithItsReason) {
  struct Case {
    testing::XmppBehaviour behaviour;
    std::string reason;
  };
  for (const Case& c :
       {Case{testing::XmppBehaviour::no_starttls, "offer no STARTTLS"},
        Case{testing::XmppBehaviour::failure, "the server answered STARTTLS with <failure/>"},
        Case{testing::XmppBehaviour::stream_error,
             "the server ended the stream with the error <host-unknown/>"}}) {
    testing::XmppServer xmpp(kAddress, 0, chain_.leaf_pem, chain_.leaf_key_pem, c.behaviour);
    ASSERT_TRUE(xmpp.ready());
    const TlsResult r = probe(xmpp.port(), "contoso.com");
    EXPECT_EQ(r.outcome, TlsOutcome::handshake_failed) << r.detail;
    EXPECT_NE(r.detail.find("XMPP to 127.0.0.65:"), std::string::npos) << r.detail;
    EXPECT_NE(r.detail.find(c.reason), std::string::npos) << r.detail;
    EXPECT_LT(r.elapsed_ms, 1000);
  }
}

TEST_F(XmppProbe, SilentServerEndsAtTheTimeout) {
  testing::Listener silent(kAddress, 8); // accepts, never sends its stream
  const TlsResult r = probe(silent.port, "contoso.com", 700);
  EXPECT_EQ(r.outcome, TlsOutcome::handshake_timeout) << r.detail;
  EXPECT_NE(r.detail.find("XMPP STARTTLS did not finish within 700 ms"), std::string::npos)
      << r.detail;
  EXPECT_GE(r.elapsed_ms, 650);
  EXPECT_LT(r.elapsed_ms, 2000);
}

TEST_F(XmppProbe, PlainTlsServerOnTheXmppPortIsNotTakenForXmpp) {
  // openssl s_server takes the stream header for a broken TLS record and hangs up.
  testing::write_file(dir_ / "leaf.pem", chain_.leaf_pem);
  testing::write_file(dir_ / "leaf.key", chain_.leaf_key_pem);
  const int port = testing::free_port(kAddress);
  testing::ServerProcess tls({"openssl", "s_server", "-quiet", "-accept",
                              std::string(kAddress) + ":" + std::to_string(port), "-cert",
                              (dir_ / "leaf.pem").string(), "-key", (dir_ / "leaf.key").string()});
  ASSERT_TRUE(tls.wait_listening(kAddress, port));
  const TlsResult r = probe(port, "contoso.com");
  EXPECT_EQ(r.outcome, TlsOutcome::handshake_failed) << r.detail;
  EXPECT_NE(r.detail.find("the server closed the connection without a word"), std::string::npos)
      << r.detail;
  EXPECT_LT(r.elapsed_ms, 2000);
}

} // namespace
} // namespace lyncplan::probe
