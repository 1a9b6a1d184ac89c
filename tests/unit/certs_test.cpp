// certs request and certs verify through the CLI, with a test CA made in the test.
#include "app.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/test_ca.hpp"

#include <lyncplan/certs/check.hpp>
#include <lyncplan/certs/inspect.hpp>
#include <lyncplan/certs/windows_script.hpp>

#include <gtest/gtest.h>

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lyncplan::cli {
namespace {

namespace fs = std::filesystem;
testing::CliRun run(std::vector<std::string> args) {
  return testing::run_cli(std::move(args));
}
using testing::Tamper;
using testing::TestCa;

const auto read = testing::read_file;
const auto write = testing::write_file;

std::string example(const std::string& name) {
  return std::string(LYNCPLAN_SOURCE_DIR) + "/examples/" + name;
}

class Certs : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lyncplan-certs-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    write(dir_ / "ca.pem", ca_.ca_pem());
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Requests for `topology` into dir_/req; returns the CSR files.
  std::vector<fs::path> request(const std::string& topology) {
    const auto r = run({"certs", "request", topology, "--out", (dir_ / "req").string()});
    EXPECT_EQ(r.rc, 0) << r.err;
    std::vector<fs::path> csrs;
    for (const auto& e : fs::directory_iterator(dir_ / "req")) {
      if (e.path().extension() == ".csr") {
        csrs.push_back(e.path());
      }
    }
    std::sort(csrs.begin(), csrs.end());
    return csrs;
  }

  testing::CliRun verify(const std::string& topology, const std::vector<fs::path>& certs) {
    std::vector<std::string> args = {"certs", "verify", topology, "--ca-file",
                                     (dir_ / "ca.pem").string()};
    for (const auto& c : certs) {
      args.push_back(c.string());
    }
    return run(args);
  }

  // One certificate for the reference Edge, issued as `tamper` says; its verify report.
  std::string edge_report(const Tamper& tamper, int expected_rc = 1) {
    if (!fs::exists(dir_ / "req")) {
      request(example("reference-lync2013.yaml"));
    }
    const fs::path cert = dir_ / "edge.pem";
    write(cert, ca_.sign(read(dir_ / "req" / "edge-external-lsedge.contoso.net.csr"), tamper));
    const auto r = verify(example("reference-lync2013.yaml"), {cert});
    EXPECT_EQ(r.rc, expected_rc) << r.out << r.err;
    return r.out;
  }

  TestCa ca_;
  fs::path dir_;
};

TEST_F(Certs, EveryCsrOfEveryExampleSignedByTheTestCaVerifies) {
  for (const auto& entry : fs::directory_iterator(std::string(LYNCPLAN_SOURCE_DIR) + "/examples")) {
    if (entry.path().extension() != ".yaml") {
      continue;
    }
    fs::remove_all(dir_ / "req");
    std::vector<fs::path> certs;
    for (const auto& csr : request(entry.path().string())) {
      fs::path cert = csr;
      cert.replace_extension(".pem");
      write(cert, ca_.sign(read(csr)));
      certs.push_back(cert);
    }
    ASSERT_FALSE(certs.empty());
    const auto r = verify(entry.path().string(), certs);
    EXPECT_EQ(r.rc, 0) << entry.path() << "\n" << r.out << r.err;
    EXPECT_EQ(r.out.find("error"), std::string::npos) << r.out;
  }
}

TEST_F(Certs, KeysArePrivateAndNeverReplacedWithoutForce) {
  const auto csrs = request(example("reference-lync2013.yaml"));
  const fs::path key = dir_ / "req" / "edge-external-lsedge.contoso.net.key";
  struct stat st {};
  ASSERT_EQ(::stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string before_key = read(key);
  const std::string before_csr = read(csrs.front());
  const auto again = run(
      {"certs", "request", example("reference-lync2013.yaml"), "--out", (dir_ / "req").string()});
  EXPECT_EQ(again.rc, 2);
  EXPECT_NE(again.err.find("refusing to replace 12 existing private key(s)"), std::string::npos)
      << again.err;
  EXPECT_EQ(read(key), before_key);
  EXPECT_EQ(read(csrs.front()), before_csr) << "nothing else changes either";
  const auto forced = run({"certs", "request", example("reference-lync2013.yaml"), "--out",
                           (dir_ / "req").string(), "--force"});
  EXPECT_EQ(forced.rc, 0);
  EXPECT_NE(read(key), before_key);
  ASSERT_EQ(::stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(Certs, DroppedSanIsReported) {
  Tamper t;
  t.drop_sans = {"sip.fabrikam.com"};
  EXPECT_NE(edge_report(t).find("  error cert.missing-san: SAN 'sip.fabrikam.com' is missing\n"),
            std::string::npos);
}

TEST_F(Certs, WildcardSubjectIsReported) {
  Tamper t;
  t.subject = "*.contoso.com";
  const std::string out = edge_report(t);
  EXPECT_NE(
      out.find("  error cert.wildcard-subject: wildcard subject '*.contoso.com': a wildcard is "
               "never the subject\n"),
      std::string::npos)
      << out;
}

TEST_F(Certs, ClientOnlyEkuIsReported) {
  Tamper t;
  t.eku = "clientAuth";
  EXPECT_NE(edge_report(t).find(
                "  error cert.eku-server: the extended key usage lacks server authentication\n"),
            std::string::npos);
}

TEST_F(Certs, ExpiredCertificateIsReported) {
  Tamper t;
  t.valid_from_days = -400;
  t.valid_to_days = -10;
  const std::time_t then = std::time(nullptr) - 10 * 86400;
  std::tm tm{};
  gmtime_r(&then, &tm);
  char date[16];
  std::strftime(date, sizeof date, "%Y-%m-%d", &tm);
  EXPECT_NE(edge_report(t).find(std::string("  error cert.expired: expired on ") + date + "\n"),
            std::string::npos);
}

TEST_F(Certs, SmallKeyIsReported) {
  Tamper t;
  t.new_key_bits = 1024;
  EXPECT_NE(edge_report(t, 0).find("  warning cert.key-size: the key is RSA 1024 bits: it works, "
                                   "but 2048 or more are recommended (and all a public CA "
                                   "issues)\n"),
            std::string::npos);
  t.new_key_bits = 768;
  EXPECT_NE(edge_report(t).find("  error cert.key-size: the key is RSA 768 bits; the servers take "
                                "1024 at the least, and 2048 are needed\n"),
            std::string::npos);
}

// What 2019 and Subscription Edition do not take, from real certificates the test CA signs: an
// RSASSA-PSS signature (error) and a SHA-1 one (warning); an EC key is fine there and warned on
// Skype for Business Server 2015, which does not support CNG certificates.
TEST_F(Certs, SignaturesAndKeyTypesTheServersDoNotTake) {
  Tamper pss;
  pss.signature = testing::Signature::pss;
  EXPECT_NE(edge_report(pss).find("  error cert.signature-pss: the CA signed it with RSASSA-PSS, "
                                  "which Skype for Business Server does not support"),
            std::string::npos);
  Tamper sha1;
  sha1.signature = testing::Signature::sha1;
  const std::string weak = edge_report(sha1, 0); // a warning: the default --fail-on passes it
  EXPECT_NE(weak.find("  warning cert.signature-sha1: the CA signed it with SHA-1 "
                      "(sha1WithRSAEncryption)"),
            std::string::npos)
      << weak;
  EXPECT_EQ(weak.find("error"), std::string::npos) << weak;

  // The same EC certificate for the same Edge, judged for 2015 and for Subscription Edition.
  Tamper ec;
  ec.ec_key = true;
  const fs::path cert = dir_ / "edge-ec.pem";
  for (const char* product : {"sfb2015", "sfbse"}) {
    std::string topology = read(example("reference-lync2013.yaml"));
    topology.replace(topology.find("product: lync2013"), 17, std::string("product: ") + product);
    const fs::path file = dir_ / (std::string(product) + ".yaml");
    write(file, topology);
    if (!fs::exists(dir_ / "req")) {
      request(file.string());
    }
    write(cert, ca_.sign(read(dir_ / "req" / "edge-external-lsedge.contoso.net.csr"), ec));
    const auto r = verify(file.string(), {cert});
    const bool warned = r.out.find("warning cert.key-cng: the key is on the EC curve prime256v1: "
                                   "on Windows an EC key is a CNG key, which Skype for Business "
                                   "Server 2015 does not support") != std::string::npos;
    EXPECT_EQ(warned, std::string(product) == "sfb2015") << product << "\n" << r.out << r.err;
    EXPECT_EQ(r.out.find("cert.key-size"), std::string::npos) << r.out;
  }
}

// --key ec:P-256 where the product takes EC keys: EC keys and requests (signed by the test CA,
// they verify clean), the index says the Windows way makes RSA keys only, and no script is
// written; on 2015 the option is refused before anything is written.
TEST_F(Certs, EcKeysWhereTheProductTakesThem) {
  std::string topology = read(example("reference-lync2013.yaml"));
  topology.replace(topology.find("product: lync2013"), 17, "product: sfbse");
  write(dir_ / "se.yaml", topology);
  const auto r = run({"certs", "request", (dir_ / "se.yaml").string(), "--out",
                      (dir_ / "ec").string(), "--key", "ec:P-256"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "ec" / certs::kWindowsScriptName));
  EXPECT_NE(read(dir_ / "ec" / "index.txt").find("makes RSA keys only: with these EC P-256 keys"),
            std::string::npos);
  const std::string config = read(dir_ / "ec" / "edge-external-lsedge.contoso.net.cnf");
  EXPECT_NE(config.find("-newkey ec -pkeyopt ec_paramgen_curve:P-256"), std::string::npos);
  EXPECT_NE(config.find("keyUsage = critical, digitalSignature, keyAgreement"), std::string::npos);
  const fs::path cert = dir_ / "edge-ec.pem";
  write(cert, ca_.sign(read(dir_ / "ec" / "edge-external-lsedge.contoso.net.csr")));
  auto info = certs::inspect_certificate(read(cert), cert.string(), {});
  ASSERT_TRUE(info) << info.error();
  EXPECT_EQ(info->key_type, "EC");
  EXPECT_EQ(info->key_curve, "prime256v1");
  const auto verified = verify((dir_ / "se.yaml").string(), {cert});
  EXPECT_EQ(verified.rc, 0) << verified.out;
  EXPECT_NE(verified.out.find("  ok\n"), std::string::npos) << verified.out;

  topology.replace(topology.find("product: sfbse"), 14, "product: sfb2015");
  write(dir_ / "2015.yaml", topology);
  const auto refused = run({"certs", "request", (dir_ / "2015.yaml").string(), "--out",
                            (dir_ / "ec2015").string(), "--key", "ec:P-256"});
  EXPECT_EQ(refused.rc, 2);
  EXPECT_NE(refused.err.find("--key ec:P-256: Skype for Business Server 2015 does not take EC "
                             "certificates"),
            std::string::npos)
      << refused.err;
  EXPECT_FALSE(fs::exists(dir_ / "ec2015" / "index.txt"));
}

TEST_F(Certs, SelfSignedFailsTheChainAndExpiringWarns) {
  Tamper self;
  self.self_signed = true;
  EXPECT_NE(edge_report(self).find("  error cert.chain: the chain does not verify: self-signed "
                                   "certificate\n"),
            std::string::npos);
  Tamper soon;
  soon.valid_to_days = 10;
  const std::string out = edge_report(soon, 0);
  EXPECT_NE(out.find("  warning cert.expiring: expires on "), std::string::npos) << out;
}

TEST_F(Certs, DerAndPkcs12AreReadToo) {
  request(example("reference-lync2013.yaml"));
  const std::string pem =
      ca_.sign(read(dir_ / "req" / "edge-external-lsedge.contoso.net.csr"), Tamper{});
  write(dir_ / "edge.der", TestCa::to_der(pem));
  write(dir_ / "edge.p12",
        TestCa::to_pkcs12(pem, read(dir_ / "req" / "edge-external-lsedge.contoso.net.key"),
                          "s3cret"));
  const auto der = verify(example("reference-lync2013.yaml"), {dir_ / "edge.der"});
  EXPECT_EQ(der.rc, 0) << der.out << der.err;
  EXPECT_NE(der.out.find("planned edge-external-lsedge.contoso.net (the same subject, 3 of 3 "
                         "planned SANs)\n  ok\n"),
            std::string::npos);
  const auto wrong = run({"certs", "verify", example("reference-lync2013.yaml"),
                          (dir_ / "edge.p12").string(), "--ca-file", (dir_ / "ca.pem").string()});
  EXPECT_EQ(wrong.rc, 2) << "no password given";
  const auto p12 =
      run({"certs", "verify", example("reference-lync2013.yaml"), (dir_ / "edge.p12").string(),
           "--ca-file", (dir_ / "ca.pem").string(), "--password", "s3cret"});
  EXPECT_EQ(p12.rc, 0) << p12.out << p12.err;
  EXPECT_NE(p12.out.find("planned edge-external-lsedge.contoso.net (the same subject, 3 of 3 "
                         "planned SANs)\n  ok\n"),
            std::string::npos);
}

// A Director-style OAuthTokenIssuer certificate (a server FQDN as subject, no SAN) is the
// deployment's OAuthTokenIssuer one, not a Default certificate missing its SANs.
TEST_F(Certs, SanLessCertificateIsTheOAuthOne) {
  request(example("reference-lync2013.yaml"));
  Tamper t;
  t.subject = "dir01.contoso.net";
  write(dir_ / "oauth.pem", ca_.sign(read(dir_ / "req" / "oauth-token-issuer.csr"), t));
  const auto r = verify(example("reference-lync2013.yaml"), {dir_ / "oauth.pem"});
  EXPECT_EQ(r.rc, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("planned oauth-token-issuer (no SAN and no other SAN-less certificate "
                       "with this subject: the OAuthTokenIssuer certificate)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("info cert.subject"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("missing-san"), std::string::npos) << r.out;
}

// Each server's certificate is matched to its own server's entry, not the pool's first.
TEST_F(Certs, PerServerCertificatesMatchTheirOwnServer) {
  request(example("reference-lync2013.yaml"));
  std::vector<fs::path> certs;
  for (const std::string id :
       {"front-end-default-fe02.contoso.net", "front-end-web-internal-fe02.contoso.net",
        "front-end-web-external-fe02.contoso.net", "front-end-default-fe01.contoso.net"}) {
    certs.push_back(dir_ / (id + ".pem"));
    write(certs.back(), ca_.sign(read(dir_ / "req" / (id + ".csr"))));
  }
  const auto r = verify(example("reference-lync2013.yaml"), certs);
  EXPECT_EQ(r.rc, 0) << r.out << r.err;
  for (const auto& c : {certs[0], certs[1], certs[3]}) {
    EXPECT_NE(r.out.find(c.string() + ": planned " + c.stem().string() + " ("), std::string::npos)
        << r.out;
  }
  // Microsoft's external web certificate names no server: every server's is the same, and
  // verify says so rather than pretending to know.
  EXPECT_NE(r.out.find("; front-end-web-external-fe02.contoso.net carries the same names, so it "
                       "is taken for the first (FILE=ID names another)"),
            std::string::npos)
      << r.out;
}

// A wildcard SAN stands in for the simple URLs and lyncdiscover a web certificate carries,
// never for the server and pool FQDNs.
TEST_F(Certs, WildcardServesSimpleUrlsOnlyWhereThePlanAllows) {
  request(example("reference-lync2013.yaml"));
  Tamper web;
  web.drop_sans = {"meet.contoso.com", "dialin.contoso.com", "lyncdiscover.contoso.com"};
  web.add_sans = {"*.contoso.com"};
  write(dir_ / "webext.pem",
        ca_.sign(read(dir_ / "req" / "front-end-web-external-fe01.contoso.net.csr"), web));
  const auto ok = verify(example("reference-lync2013.yaml"), {dir_ / "webext.pem"});
  EXPECT_EQ(ok.rc, 0) << ok.out << ok.err;
  EXPECT_EQ(ok.out.find("missing"), std::string::npos) << ok.out;

  Tamper director;
  director.drop_sans = {"dir01.contoso.net", "meet.contoso.com"};
  director.add_sans = {"*.contoso.net", "*.contoso.com"};
  write(dir_ / "dir.pem",
        ca_.sign(read(dir_ / "req" / "director-default-dir01.contoso.net.csr"), director));
  const auto bad = verify(example("reference-lync2013.yaml"), {dir_ / "dir.pem"});
  EXPECT_EQ(bad.rc, 1) << bad.out << bad.err;
  EXPECT_NE(bad.out.find("error cert.missing-san: SAN 'dir01.contoso.net' is missing; the "
                         "wildcard '*.contoso.net' cannot stand in for it"),
            std::string::npos)
      << bad.out;
  EXPECT_EQ(bad.out.find("'meet.contoso.com' is missing"), std::string::npos) << bad.out;
}

TEST_F(Certs, FileEqualsIdNamesThePlannedCertificate) {
  request(example("reference-lync2013.yaml"));
  write(dir_ / "edge.pem",
        ca_.sign(read(dir_ / "req" / "edge-external-lsedge.contoso.net.csr"), Tamper{}));
  const std::string edge = (dir_ / "edge.pem").string();
  const auto named =
      verify(example("reference-lync2013.yaml"), {edge + "=edge-internal-lsedge.contoso.net"});
  EXPECT_EQ(named.rc, 1) << named.out << named.err;
  EXPECT_NE(named.out.find("planned edge-internal-lsedge.contoso.net (named on the command "
                           "line)"),
            std::string::npos)
      << named.out;
  EXPECT_NE(named.out.find("subject is 'sip.contoso.com'; the plan needs 'lsedge.contoso.net'"),
            std::string::npos)
      << named.out;
  const auto unknown =
      verify(example("reference-lync2013.yaml"), {edge + "=edge-externl", edge + "=nope"});
  EXPECT_EQ(unknown.rc, 2);
  EXPECT_NE(unknown.err.find("'edge-externl' is not a planned certificate id; expected one of: "),
            std::string::npos)
      << unknown.err;
  EXPECT_NE(unknown.err.find("'nope' is not a planned certificate id"), std::string::npos)
      << "every bad argument is reported at once: " << unknown.err;
  EXPECT_TRUE(unknown.out.empty());
}

// O, OU, L, ST and C from the topology reach the CSR, the OpenSSL config and the
// Request-CsCertificate line, quoted for PowerShell.
TEST_F(Certs, SubjectFieldsReachEveryRequest) {
  const fs::path topology = dir_ / "subject.yaml";
  write(topology, read(example("reference-lync2013.yaml")) +
                      "certificates:\n  subject: {country: US, state: Washington, locality: "
                      "Redmond, organization: \"O'Neil & Co\", organizational_unit: IT}\n");
  request(topology.string());
  const std::string cnf = read(dir_ / "req" / "edge-external-lsedge.contoso.net.cnf");
  EXPECT_NE(cnf.find("[ dn ]\nC = US\nST = Washington\nL = Redmond\nO = O'Neil & Co\nOU = IT\n"
                     "CN = sip.contoso.com\n"),
            std::string::npos)
      << cnf;
  const std::string ps = read(dir_ / "req" / "request-cscertificate.ps1");
  EXPECT_NE(ps.find(" -Country 'US' -State 'Washington' -City 'Redmond' -Organization "
                    "'O''Neil & Co' -OU 'IT' "),
            std::string::npos)
      << ps;
  EXPECT_NE(ps.find("Request-CsCertificate -New -Type 'OAuthTokenIssuer' "), std::string::npos);
  EXPECT_NE(ps.find("Complete-LyncCertificate 'oauth-token-issuer' @('OAuthTokenIssuer') -Global"),
            std::string::npos);
  // The CSR itself, read back with OpenSSL.
  const std::string csr = read(dir_ / "req" / "edge-external-lsedge.contoso.net.csr");
  BIO* bio = BIO_new_mem_buf(csr.data(), static_cast<int>(csr.size()));
  X509_REQ* req = PEM_read_bio_X509_REQ(bio, nullptr, nullptr, nullptr);
  ASSERT_NE(req, nullptr);
  char line[512];
  X509_NAME_oneline(X509_REQ_get_subject_name(req), line, sizeof line);
  EXPECT_EQ(std::string(line),
            "/C=US/ST=Washington/L=Redmond/O=O'Neil & Co/OU=IT/CN=sip.contoso.com");
  X509_REQ_free(req);
  BIO_free(bio);
}

// OCS 2007 R2 has no Request-CsCertificate: no script is written (and one left by an earlier
// run for another product is removed); index.txt tells the Certificate Wizard way.
TEST_F(Certs, OcsGetsTheCertificateWizardNotCmdlets) {
  request(example("reference-lync2013.yaml"));
  ASSERT_TRUE(fs::exists(dir_ / "req" / "request-cscertificate.ps1"));
  const auto r = run({"certs", "request", example("ocs2007r2-two-sip-domains.yaml"), "--out",
                      (dir_ / "req").string(), "--force"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "req" / "request-cscertificate.ps1"));
  const std::string index = read(dir_ / "req" / "index.txt");
  EXPECT_NE(index.find("A. Office Communications Server 2007 R2 has no certificate cmdlets"),
            std::string::npos)
      << index;
  EXPECT_NE(index.find("run the Certificate Wizard"), std::string::npos);
  EXPECT_EQ(index.find("Request-CsCertificate -New"), std::string::npos);
  EXPECT_EQ(index.find("Set-CsCertificate"), std::string::npos);
  EXPECT_NE(r.out.find("the Certificate Wizard"), std::string::npos) << r.out;
}

// --key rsa3072: OpenSSL makes 3072-bit keys; Request-CsCertificate is given a documented size.
TEST_F(Certs, KeySizeOutsideTheCmdletsListIsMappedAndSaid) {
  const auto r = run({"certs", "request", example("reference-lync2013.yaml"), "--out",
                      (dir_ / "req").string(), "--key", "rsa3072"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out.find("Request-CsCertificate documents -KeySize 1024, 2048 and 4096 only: its "
                       "requests ask for 4096 bits"),
            std::string::npos)
      << r.out;
  const std::string ps = read(dir_ / "req" / "request-cscertificate.ps1");
  EXPECT_EQ(ps.find("-KeySize 3072"), std::string::npos);
  EXPECT_NE(ps.find("-KeySize 4096"), std::string::npos);
  EXPECT_NE(ps.find("these\nrequests use 4096 bits where the OpenSSL keys have 3072."),
            std::string::npos);
  EXPECT_NE(read(dir_ / "req" / "index.txt").find("so the Windows way asks for 4096"),
            std::string::npos);
}

TEST_F(Certs, UnreadableCertificateIsBadInput) {
  write(dir_ / "junk.pem", "not a certificate");
  const auto r = verify(example("reference-lync2013.yaml"), {dir_ / "junk.pem"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("not a certificate in PEM, DER or PKCS#12"), std::string::npos);
}

// Lync supports RSA keys and the P-256, P-384 and P-521 curves: an EC key is judged by its
// curve, not by comparing its bits with the RSA minimum; read from real certificates.
TEST(KeyRules, EcKeysAreJudgedByTheirCurve) {
  const auto chain = testing::make_deep_chain({"sip.contoso.com"}, 0);
  auto p256 = certs::inspect_certificate(chain.leaf_pem, "p256.crt", {});
  ASSERT_TRUE(p256.has_value()) << p256.error();
  EXPECT_EQ(p256->key_type, "EC");
  EXPECT_EQ(p256->key_curve, "prime256v1");
  const auto codes = [](certs::CertInfo c) {
    c.chain_error.clear(); // its root is in no trust store; the chain is not what is judged here
    std::string out;
    for (const auto& p : certs::intrinsic_problems(c, c.not_before + 86400, 2048)) {
      out += std::string(p.rule.str()) + " ";
    }
    return out;
  };
  EXPECT_EQ(codes(*p256), "") << "P-256 is ECDH_P256, which Lync supports";
  certs::CertInfo other = *p256;
  other.key_curve = "secp256k1";
  EXPECT_EQ(codes(other), "cert.key-size ");
  certs::CertInfo rsa = *p256;
  rsa.key_type = "RSA";
  rsa.key_curve.clear();
  rsa.key_bits = 1024;
  EXPECT_EQ(codes(rsa), "cert.key-size ");
  rsa.key_bits = 512;
  EXPECT_EQ(codes(rsa), "cert.key-size ");
}

} // namespace
} // namespace lyncplan::cli
