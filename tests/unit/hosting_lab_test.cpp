// The hoster's day against a real NSD on loopback: 1,000 generated tenants planned by lyncplan,
// five of them with planted faults (one a wildcard that answers rightly), driven through check,
// verify, simulate and scan. A tenant published right gets no false finding, every planted fault is
// found by each command that looks at it, and one record gets one rating in every command.
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/nsd.hpp"
#include "support/requires.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

namespace lyncplan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr int kTenants = 1000;
constexpr const char* kDns = "127.0.0.94";

// Every address is a loopback one, so that every probe stays on this machine.
constexpr const char* kTopology = R"(lyncplan: 1
product: lync2013
sip_domains: [provider.example]
internal_dns: split-brain
mobility: true
simple_urls: {option: 3, base: lync.provider.example}
pools:
  - fqdn: pool.provider.example
    role: front-end
    load_balancing: hardware
    vip: 10.0.0.100
    servers:
      - {fqdn: fe1.provider.example, ip: 10.0.0.11}
    web:
      external: {fqdn: web.provider.example}
  - fqdn: edge.provider.example
    role: edge
    external:
      access:  {fqdn: sipexternal.provider.example}
      webconf: {fqdn: webconf.provider.example}
      av:      {fqdn: av.provider.example}
    servers:
      - fqdn: edge.provider.example
        internal_ip: 172.16.0.10
        external: {access: 127.0.4.10, webconf: 127.0.4.11, av: 127.0.4.12}
federation: {open: true}
reverse_proxy: {ip: 127.0.4.20}
hosting:
  provider_domain: provider.example
  tenants_file: tenants.txt
)";

std::string tenant(int i) {
  char name[32];
  std::snprintf(name, sizeof name, "t%04d.example", i);
  return name;
}

// The planted faults, by tenant.
const std::string kGood = tenant(1);
const std::string kWrongPort = tenant(5);   // _sip._tls on 5061
const std::string kWrongTarget = tenant(6); // federation SRV to another provider
const std::string kNoDiscover = tenant(7);  // lyncdiscover deleted
const std::string kNoSrv = tenant(8);       // _sip._tls deleted
const std::string kWildRight = tenant(9);   // lyncdiscover only through *.<tenant>, rightly

void replace_line(std::string& zone, const std::string& starts, const std::string& with) {
  const std::size_t at = zone.find("\n" + starts);
  ASSERT_NE(at, std::string::npos) << starts << " in\n" << zone;
  const std::size_t end = zone.find('\n', at + 1);
  zone.replace(at + 1, end - at - 1, with);
}

class HostingLab : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    if (!testing::first_missing({"nsd"}).empty()) {
      return;
    }
    dir_ = fs::temp_directory_path() / ("lyncplan-hostinglab-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    testing::write_file(dir_ / "lab.yaml", kTopology);
    std::string list;
    for (int i = 1; i <= kTenants; ++i) {
      list += tenant(i) + "\n";
    }
    testing::write_file(dir_ / "tenants.txt", list);
    // Loopback "public" addresses are an error in the plan's external view; the zones are
    // written all the same.
    const auto planned = testing::run_cli(
        {"plan", path("lab.yaml"), "--format", "zone", "-o", path("zones"), "--fail-on", "never"});
    ASSERT_EQ(planned.rc, 0) << planned.err;
    std::map<std::string, std::string> zones;
    for (const auto& entry : fs::directory_iterator(dir_ / "zones" / "external")) {
      zones[entry.path().stem().string()] = testing::read_file(entry.path());
    }
    ASSERT_EQ(zones.size(), static_cast<std::size_t>(kTenants) + 1);
    replace_line(zones[kWrongPort], "_sip._tls",
                 "_sip._tls\t3600\tIN\tSRV\t0 0 5061 "
                 "sipexternal.provider.example.");
    replace_line(zones[kWrongTarget], "_sipfederationtls._tcp",
                 "_sipfederationtls._tcp\t3600\tIN\tSRV\t0 0 5061 sip.elsewhere.example.");
    replace_line(zones[kNoDiscover], "lyncdiscover", "; lyncdiscover removed");
    replace_line(zones[kNoSrv], "_sip._tls", "; _sip._tls removed");
    replace_line(zones[kWildRight], "lyncdiscover", "*\t3600\tIN\tA\t127.0.4.20");
    fs::create_directories(dir_ / "served");
    for (const auto& t : {kGood, kWrongPort, kWrongTarget, kNoDiscover, kNoSrv, kWildRight}) {
      testing::write_file(dir_ / "served" / (t + ".zone"), zones[t]);
    }
    testing::write_file(dir_ / "served" / "provider.example.zone", zones["provider.example"]);
    nsd_ = std::make_unique<testing::NsdServer>(dir_ / "nsd", kDns, zones);
    ASSERT_TRUE(nsd_->ready()) << nsd_->log();
  }

  static void TearDownTestSuite() {
    nsd_.reset();
    if (std::getenv("LYNCPLAN_KEEP_LAB") == nullptr) {
      fs::remove_all(dir_);
    }
  }

  void SetUp() override {
    LYNCPLAN_SKIP_IF_MISSING(testing::first_missing({"nsd"}));
    ASSERT_TRUE(nsd_ && nsd_->ready());
  }

  static std::string path(const std::string& name) { return (dir_ / name).string(); }

  // `lyncplan check DOMAIN` with the topology, over the lab's DNS, as JSON.
  static json check(const std::string& domain) {
    const auto r = testing::run_cli({"check", domain, "--topology", path("lab.yaml"),
                                     "--outside-dns", nsd_->endpoint(), "--from", "outside",
                                     "--timeout", "0.5", "--format", "json", "--fail-on", "never"});
    EXPECT_EQ(r.rc, 0) << r.err;
    json j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
    return j;
  }

  // The findings of a check whose code starts with `prefix` (and of `severity`, when given), as
  // "severity code subject".
  static std::vector<std::string> findings(const json& report, const std::string& prefix,
                                           const std::string& severity = "") {
    std::vector<std::string> out;
    for (const auto& f : report["findings"]) {
      const std::string code = f["code"];
      if (code.starts_with(prefix) && (severity.empty() || f["severity"] == severity)) {
        out.push_back(f["severity"].get<std::string>() + " " + code + " " +
                      f["subject"].get<std::string>());
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  static json verify(const std::vector<std::string>& tenants) {
    std::vector<std::string> args = {"verify", path("lab.yaml"), "--zone",
                                     "external=" + path("served/provider.example.zone")};
    for (const auto& t : tenants) {
      args.push_back("--zone");
      args.push_back("external=" + path("served/" + t + ".zone"));
      args.push_back("--tenant");
      args.push_back(t);
    }
    args.insert(args.end(), {"--format", "json", "--fail-on", "never"});
    const auto r = testing::run_cli(args);
    EXPECT_EQ(r.rc, 0) << r.err;
    json j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out << r.err;
    return j;
  }

  static inline fs::path dir_;
  static inline std::unique_ptr<testing::NsdServer> nsd_;
};

// One tenant checked out of a thousand: its records only, and nothing false about them.
TEST_F(HostingLab, CheckOfOneGoodTenantHasNoFalseFinding) {
  const json report = check(kGood);
  EXPECT_EQ(findings(report, "drift.", "error"), std::vector<std::string>{})
      << "the other 999 tenants are not missing, the checked one is as planned";
  // Its SRVs leave its namespace as the hosting design has it: the plan's warning, no more.
  EXPECT_EQ(findings(report, "drift.", "warning"),
            (std::vector<std::string>{
                "warning drift.srv-target-namespace _sip._tls.t0001.example SRV (external)",
                "warning drift.srv-target-namespace _sipfederationtls._tcp.t0001.example SRV "
                "(external)"}));
  EXPECT_EQ(findings(report, "federation."), std::vector<std::string>{});
  EXPECT_EQ(findings(report, "hosting.federation-namespace"),
            std::vector<std::string>{"warning hosting.federation-namespace "
                                     "_sipfederationtls._tcp.t0001.example"});
  // lyncdiscover.<tenant> is on no certificate by design: HTTPS failing there is the hosting
  // rule's info, never an error.
  for (const auto& f : report["findings"]) {
    const std::string subject = f["subject"];
    if (subject.starts_with("https://lyncdiscover.t0001.example")) {
      EXPECT_EQ(f["code"], "hosting.lyncdiscover-http") << f.dump();
      EXPECT_EQ(f["severity"], "info") << f.dump();
    }
  }
}

TEST_F(HostingLab, CheckFindsEachPlantedFaultOfTheTenantChecked) {
  EXPECT_EQ(findings(check(kWrongPort), "drift.", "error"),
            std::vector<std::string>{"error drift.wrong-value _sip._tls.t0005.example SRV "
                                     "(external)"});
  const json target = check(kWrongTarget);
  EXPECT_EQ(findings(target, "drift.", "error"),
            std::vector<std::string>{"error drift.wrong-value "
                                     "_sipfederationtls._tcp.t0006.example SRV (external)"});
  EXPECT_EQ(findings(target, "federation.srv-namespace"),
            std::vector<std::string>{"error federation.srv-namespace "
                                     "_sipfederationtls._tcp.t0006.example"});
  EXPECT_EQ(findings(check(kNoDiscover), "drift.", "error"),
            std::vector<std::string>{"error drift.missing lyncdiscover.t0007.example A "
                                     "(external)"});
  EXPECT_EQ(findings(check(kNoSrv), "drift.", "error"),
            std::vector<std::string>{"error drift.missing _sip._tls.t0008.example SRV "
                                     "(external)"});
}

// lyncdiscover.<tenant> answered rightly, but only by the tenant's wildcard: one rating in every
// command (verify and check: drift.wildcard-answer, a warning; scan: ok with the same note), and
// check still names what the wildcard fakes (the names clients try that nobody planned).
TEST_F(HostingLab, ARightAnswerFromAWildcardIsOneWarningEverywhere) {
  const std::string subject = "lyncdiscover." + kWildRight + " A (external)";
  const json checked = check(kWildRight);
  EXPECT_EQ(findings(checked, "drift.", "error"), std::vector<std::string>{});
  EXPECT_EQ(findings(checked, "drift.wildcard-answer"),
            std::vector<std::string>{"warning drift.wildcard-answer " + subject});
  const auto fakes = findings(checked, "dns.wildcard");
  ASSERT_EQ(fakes.size(), 1u);
  std::string faked_message;
  for (const auto& f : checked["findings"]) {
    if (f["code"] == "dns.wildcard") {
      faked_message = f["message"];
    }
  }
  EXPECT_NE(faked_message.find("fakes lyncdiscoverinternal." + kWildRight), std::string::npos)
      << faked_message;
  EXPECT_EQ(faked_message.find(" lyncdiscover." + kWildRight), std::string::npos)
      << "the planned answer is not a fake: " << faked_message;

  std::vector<std::string> verified;
  const json verify_report = verify({kWildRight});
  for (const auto& p : verify_report["problems"]) {
    if (p["severity"] != "warning" || p["code"] != "drift.srv-target-namespace") {
      verified.push_back(p["severity"].get<std::string>() + " " + p["code"].get<std::string>() +
                         " " + p["subject"].get<std::string>());
    }
  }
  EXPECT_EQ(verified, std::vector<std::string>{"warning drift.wildcard-answer " + subject});

  testing::write_file(dir_ / "wild.txt", kWildRight + "\n");
  const auto scanned = testing::run_cli(
      {"scan", path("wild.txt"), "--topology", path("lab.yaml"), "--resolver", nsd_->endpoint()});
  EXPECT_EQ(scanned.rc, 0) << scanned.err;
  const json line = json::parse(scanned.out);
  EXPECT_EQ(line["status"], "ok");
  EXPECT_EQ(line["records"][2]["verdict"], "ok");
  EXPECT_NE(line["records"][2]["note"].get<std::string>().find(
                "lyncdiscover." + kWildRight + " exists only through a wildcard record"),
            std::string::npos);
}

TEST_F(HostingLab, VerifyScopedToTenantsFindsTheFaultsAndNothingElse) {
  const json report = verify({kGood, kWrongPort, kWrongTarget, kNoDiscover, kNoSrv});
  std::vector<std::string> errors, hosting_warnings;
  for (const auto& p : report["problems"]) {
    const std::string line = p["code"].get<std::string>() + " " + p["subject"].get<std::string>();
    if (p["severity"] == "error") {
      errors.push_back(line);
    }
    const std::string message = p["message"];
    EXPECT_EQ(message.find("point it at a name inside"), std::string::npos)
        << "a hosted tenant's SRV is never told to leave the provider: " << message;
  }
  std::sort(errors.begin(), errors.end());
  EXPECT_EQ(errors, (std::vector<std::string>{
                        "drift.missing _sip._tls.t0008.example SRV (external)",
                        "drift.missing lyncdiscover.t0007.example A (external)",
                        "drift.wrong-value _sip._tls.t0005.example SRV (external)",
                        "drift.wrong-value _sipfederationtls._tcp.t0006.example SRV (external)",
                    }))
      << report["problems"].dump(1);
  const auto unknown = testing::run_cli(
      {"verify", path("lab.yaml"), "--zone", "external=" + path("served/provider.example.zone"),
       "--tenant", "nope.example", "--tenant", "t0001.example", "--tenant", "other.test"});
  EXPECT_EQ(unknown.rc, 2);
  EXPECT_NE(unknown.err.find("--tenant 'nope.example' is not a hosted tenant"), std::string::npos)
      << unknown.err;
  EXPECT_NE(unknown.err.find("--tenant 'other.test' is not a hosted tenant"), std::string::npos)
      << "every unknown tenant at once: " << unknown.err;
}

TEST_F(HostingLab, ScanFindsEveryPlantedFaultAndPassesTheRest) {
  const auto r =
      testing::run_cli({"scan", path("tenants.txt"), "--topology", path("lab.yaml"), "--resolver",
                        nsd_->endpoint(), "-o", path("scan.jsonl"), "--format", "json"});
  EXPECT_EQ(r.rc, 1) << r.err;
  std::map<std::string, json> lines;
  std::ifstream in(path("scan.jsonl"));
  for (std::string line; std::getline(in, line);) {
    json j = json::parse(line);
    lines[j["tenant"]] = j;
  }
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kTenants));
  std::vector<std::string> broken;
  for (const auto& [name, line] : lines) {
    if (line["status"] != "ok") {
      broken.push_back(name + " " + line["status"].get<std::string>());
    }
  }
  EXPECT_EQ(broken.size(), 4u) << ::testing::PrintToString(broken);
  for (const auto& t : {kWrongPort, kWrongTarget, kNoDiscover, kNoSrv}) {
    EXPECT_NE(lines[t]["status"], "ok") << t;
  }
}

TEST_F(HostingLab, SimulateOverTheLabDnsShowsTheDesignAndTheFault) {
  const auto r = testing::run_cli({"simulate", path("lab.yaml"), "--outside-dns", nsd_->endpoint(),
                                   "--inside-dns", nsd_->endpoint(), "--domain", kGood, "--domain",
                                   kNoSrv, "--client", "lync2010", "--from", "outside", "--format",
                                   "json", "--fail-on", "never"});
  ASSERT_EQ(r.rc, 0) << r.err;
  std::map<std::string, std::string> result;
  SCOPED_TRACE(r.out.substr(0, 2000));
  const json cases = json::parse(r.out)["cases"];
  for (const auto& c : cases) {
    result[c["domain"].get<std::string>()] = c["result"].get<std::string>();
  }
  EXPECT_EQ(result[kGood], "prompt") << "the hosting design's trust prompt, as the plan says";
  EXPECT_NE(result[kNoSrv], "prompt") << r.out;
  EXPECT_NE(result[kNoSrv], "connected") << r.out;
}

// The good tenant's federation SRV, rated by every command that looks at it: the same severity.
TEST_F(HostingLab, OneRecordOneRatingInEveryCommand) {
  const auto planned =
      testing::run_cli({"plan", path("lab.yaml"), "--format", "json", "--fail-on", "never"});
  ASSERT_EQ(planned.rc, 0) << planned.err;
  std::string plan_rating;
  const json plan = json::parse(planned.out);
  for (const auto& f : plan["findings"]) {
    if (f["rule"] == "hosting.federation-namespace") {
      plan_rating = f["severity"].get<std::string>();
      EXPECT_EQ(f["tenant_count"], kTenants);
    }
  }
  std::string verify_rating;
  const json verified = verify({kGood});
  for (const auto& p : verified["problems"]) {
    if (p["subject"] == "_sipfederationtls._tcp.t0001.example SRV (external)") {
      verify_rating = p["severity"].get<std::string>();
    }
  }
  std::string check_rating;
  const json checked = check(kGood);
  for (const auto& f : checked["findings"]) {
    if (f["subject"] == "_sipfederationtls._tcp.t0001.example" &&
        f["code"] == "hosting.federation-namespace") {
      check_rating = f["severity"].get<std::string>();
    }
  }
  const auto rules = testing::run_cli({"rules", "--format", "json"});
  std::string scan_rating;
  const json catalog = json::parse(rules.out);
  for (const auto& rule : catalog["rules"]) {
    if (rule["id"] == "scan.outside-namespace") {
      scan_rating = rule["severity"].get<std::string>();
    }
  }
  EXPECT_EQ(plan_rating, "warning");
  EXPECT_EQ(verify_rating, plan_rating);
  EXPECT_EQ(check_rating, plan_rating);
  EXPECT_EQ(scan_rating, plan_rating);
}

} // namespace
} // namespace lyncplan
