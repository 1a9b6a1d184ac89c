// check over a scripted world: DNS from zone text, TLS and HTTP from scripts and the time from a
// fake clock, so the discovery fixpoint and the certificate verdicts are tested without a socket
// or a wall-clock wait. CheckLab (check_lab_test.cpp) runs the same code against real servers.
#include "support/zone_text.hpp"

#include <lyncplan/check/check.hpp>
#include <lyncplan/util/clock.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

namespace lyncplan::check {
namespace {

// A clock a test sets.
class FakeClock final : public util::Clock {
public:
  explicit FakeClock(std::time_t t) : t_(t) {}
  std::time_t now() const override { return t_; }

private:
  std::time_t t_;
};

// Answers every handshake with the certificate scripted for the SNI name, and remembers what it
// was asked.
class ScriptedTls final : public probe::TlsProber {
public:
  std::map<std::string, certs::CertInfo> certificates; // by SNI name

  probe::TlsResult handshake(const probe::TlsTarget& target,
                             const probe::TlsOptions& options) const override {
    {
      std::lock_guard lock(mutex_);
      asked_.insert(target.sni + "@" + target.address + ":" + std::to_string(target.port));
      judged_at_.insert(options.now);
    }
    probe::TlsResult r;
    const auto it = certificates.find(target.sni);
    if (it == certificates.end()) {
      r.outcome = probe::TlsOutcome::refused;
      r.detail = "scripted: nothing listens";
      return r;
    }
    r.outcome = probe::TlsOutcome::handshake;
    r.protocol = "TLSv1.3";
    r.cert = it->second;
    r.chain_length = 2;
    return r;
  }

  std::set<std::string> asked() const {
    std::lock_guard lock(mutex_);
    return asked_;
  }
  std::set<std::time_t> judged_at() const {
    std::lock_guard lock(mutex_);
    return judged_at_;
  }

private:
  mutable std::mutex mutex_;
  mutable std::set<std::string> asked_;
  mutable std::set<std::time_t> judged_at_;
};

// Every URL fails as a refused connection would; remembers the URLs.
class ScriptedHttp final : public probe::HttpFetcher {
public:
  probe::HttpResponse get(const std::string& url, const probe::HttpOptions&) const override {
    std::lock_guard lock(mutex_);
    urls_.insert(url);
    probe::HttpResponse r;
    r.error = "scripted: connection refused";
    return r;
  }
  std::set<std::string> urls() const {
    std::lock_guard lock(mutex_);
    return urls_;
  }

private:
  mutable std::mutex mutex_;
  mutable std::set<std::string> urls_;
};

constexpr std::time_t kIssued = 1'780'000'000; // 2026-05-28
constexpr std::time_t kDay = 86'400;

certs::CertInfo edge_certificate() {
  certs::CertInfo c;
  c.subject = "sip.contoso.com";
  c.sans = {"sip.contoso.com"};
  c.server_auth = true;
  c.eku_present = true;
  c.key_type = "RSA";
  c.key_bits = 2048;
  c.not_before = kIssued;
  c.not_after = kIssued + 365 * kDay;
  c.issuer = "scripted CA";
  return c;
}

std::vector<std::string> rules_about(const Report& report, const std::string& subject_start) {
  std::vector<std::string> out;
  for (const auto& d : report.domains) {
    for (const auto& f : d.findings) {
      if (f.subject.starts_with(subject_start)) {
        out.emplace_back(f.rule.str());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct World {
  resolve::ZoneResolver dns = testing::contoso_zone("_sip._tls IN SRV 0 0 443 sip\n"
                                                    "sip IN A 192.0.2.10\n"
                                                    "lyncdiscover IN A 192.0.2.20\n");
  ScriptedTls tls;
  ScriptedHttp http;

  Report check_at(const util::Clock& clock) {
    tls.certificates["sip.contoso.com"] = edge_certificate();
    Request request;
    request.domains = {"contoso.com"};
    request.vantages = {discovery::Vantage::outside};
    request.now = clock.now();
    request.tls_prober = &tls;
    request.http_fetcher = &http;
    request.threads = 4;
    return run_check(request, {dns, dns});
  }
};

TEST(CheckSeams, ScriptedWorldSignsInWithoutANetwork) {
  World w;
  const FakeClock during(kIssued + 30 * kDay);
  const Report report = w.check_at(during);
  ASSERT_EQ(report.domains.size(), 1u);
  EXPECT_TRUE(w.tls.asked().count("sip.contoso.com@192.0.2.10:443")) << "the SRV target dialled";
  EXPECT_EQ(w.tls.judged_at(), (std::set<std::time_t>{during.now()}));
  const auto urls = w.http.urls();
  EXPECT_TRUE(std::any_of(urls.begin(), urls.end(), [](const std::string& u) {
    return u.starts_with("https://lyncdiscover.contoso.com");
  })) << "the Autodiscover walk goes through the fetcher";
  bool lync2013_in = false;
  for (const auto& o : report.domains[0].sign_in) {
    lync2013_in =
        lync2013_in || (o.client == "lync2013" && o.result == discovery::Result::connected);
  }
  EXPECT_TRUE(lync2013_in);
  EXPECT_EQ(rules_about(report, "sip.contoso.com:443"), std::vector<std::string>{});
}

// The same certificate judged at three times of the fake clock: fine, expiring, expired.
TEST(CheckSeams, CertificateVerdictFollowsTheClock) {
  World fine, expiring, expired;
  EXPECT_EQ(rules_about(fine.check_at(FakeClock(kIssued + 10 * kDay)), "sip.contoso.com:443"),
            std::vector<std::string>{});
  EXPECT_EQ(rules_about(expiring.check_at(FakeClock(kIssued + 350 * kDay)), "sip.contoso.com:443"),
            std::vector<std::string>{"cert.expiring"});
  EXPECT_EQ(rules_about(expired.check_at(FakeClock(kIssued + 400 * kDay)), "sip.contoso.com:443"),
            std::vector<std::string>{"cert.expired"});
}

TEST(CheckSeams, TheSystemClockIsTheWallClock) {
  const std::time_t before = std::time(nullptr);
  const std::time_t now = util::system_clock().now();
  EXPECT_GE(now, before);
  EXPECT_LE(now, std::time(nullptr));
}

} // namespace
} // namespace lyncplan::check
