// `lyncplan check` against a lab on loopback started by the test: two NSD servers (the inside and
// outside views), openssl s_server endpoints with certificates from a test CA (correct, missing
// SAN, wildcard on the Access Edge, expired, self-signed, client-only EKU, one reached only by the
// A-record fallback), XMPP servers negotiating STARTTLS, nginx answering Autodiscover (root with
// user link, redirect chain, loop, HTTP-only root), a server that accepts and never speaks and a
// black hole. One SIP domain per fault; each case asserts its verdict.
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/nsd.hpp"
#include "support/servers.hpp"
#include "support/test_ca.hpp"
#include "support/topologies.hpp"
#include "support/xmpp_server.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <thread>

namespace lyncplan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::Tamper;

constexpr const char* kSip = "127.0.0.80";     // openssl s_server endpoints
constexpr const char* kWeb = "127.0.0.81";     // nginx
constexpr const char* kOutside = "127.0.0.82"; // NSD, public view
constexpr const char* kInside = "127.0.0.83";  // NSD, internal view
constexpr const char* kSilent = "127.0.0.84";  // accepts TCP, never answers TLS
constexpr const char* kHole = "127.0.0.85";    // drops SYNs
// The fixed ports below are dialled with --forward-port to a free one (tests run side by side).
constexpr const char* kFallback = "127.0.0.79"; // s_server "on 5061": no SRV, only A sip.<domain>
constexpr int kFallbackPort = 5061;             // the clients' first A-record port (DISCOVERY.md)
constexpr const char* kXmpp = "127.0.0.78";     // XMPP STARTTLS, contoso.com on the certificate
constexpr const char* kXmppBad = "127.0.0.77";  // XMPP STARTTLS, only sip.fourthcoffee.com on it
constexpr int kXmppPort = 5269;
constexpr int kTimeoutMs = 1000;

std::string zone(const std::string& origin, const std::string& body) {
  return "$ORIGIN " + origin + ".\n$TTL 60\n@ SOA ns hostmaster 1 3600 600 86400 60\n@ NS ns\n" +
         "ns A " + kOutside + "\n" + body;
}

std::string srv(const std::string& owner, int priority, int port, const std::string& target) {
  return owner + " SRV " + std::to_string(priority) + " 0 " + std::to_string(port) + " " + target +
         "\n";
}

class CheckLab : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    std::signal(SIGPIPE, SIG_IGN);
    missing_ = testing::first_missing({"nsd", "nginx", "openssl"});
    if (!missing_.empty()) {
      return;
    }
    dir_ = fs::temp_directory_path() / ("lyncplan-checklab-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ca_ = std::make_unique<testing::TestCa>();
    testing::write_file(dir_ / "ca.pem", ca_->ca_pem());
    ASSERT_EQ(run("openssl genrsa -out " + path("lab.key") + " 2048"), 0);
    start_endpoints();
    start_nginx();
    start_dns();
    report_ = check({"contoso.com", "fabrikam.com", "tailspin.com", "adatum.com", "litware.com",
                     "northwind.com", "proseware.com", "woodgrove.com", "wingtip.com",
                     "fourthcoffee.com"},
                    rc_, elapsed_ms_);
  }

  static void TearDownTestSuite() {
    servers_.clear();
    xmpp_.clear();
    nsd_.clear();
    hole_.reset();
    silent_.reset();
    ca_.reset();
    if (!dir_.empty()) {
      fs::remove_all(dir_);
    }
  }

  void SetUp() override {
    LYNCPLAN_SKIP_IF_MISSING(missing_);
    for (const auto& x : xmpp_) {
      ASSERT_TRUE(x->ready()) << "an XMPP lab server could not listen on " << port_["xmpp"];
    }
    for (const auto& n : nsd_) {
      ASSERT_TRUE(n->ready()) << n->log();
    }
    ASSERT_TRUE(nginx_ready_) << testing::read_file(dir_ / "nginx.out")
                              << testing::read_file(dir_ / "error.log");
  }

  static std::string path(const std::string& name) { return (dir_ / name).string(); }
  static int run(const std::string& command) {
    return std::system((command + " >/dev/null 2>&1").c_str());
  }

  // A certificate for `names` (the first is the CN) from the lab key, changed as `tamper` says.
  static void certificate(const std::string& file, const std::vector<std::string>& names,
                          const Tamper& tamper = {}) {
    std::string sans;
    for (const auto& n : names) {
      sans += (sans.empty() ? "DNS:" : ",DNS:") + n;
    }
    if (tamper.self_signed) { // signed with its own (the lab's) key, by no CA
      ASSERT_EQ(run("openssl req -x509 -days 90 -key " + path("lab.key") +
                    " -subj /CN=" + names.front() + " -addext subjectAltName=" + sans + " -out " +
                    path(file + ".crt")),
                0);
      return;
    }
    ASSERT_EQ(run("openssl req -new -key " + path("lab.key") + " -subj /CN=" + names.front() +
                  " -addext subjectAltName=" + sans + " -out " + path(file + ".csr")),
              0);
    testing::write_file(dir_ / (file + ".crt"),
                        ca_->sign(testing::read_file(dir_ / (file + ".csr")), tamper));
  }

  // An openssl s_server on `address` presenting `file`.crt; returns its port (a free one unless
  // `port` is given).
  static int serve(const std::string& file, const char* address = kSip, int port = 0) {
    port = port != 0 ? port : testing::free_port(address);
    servers_.push_back(std::make_unique<testing::ServerProcess>(
        std::vector<std::string>{"openssl", "s_server", "-quiet", "-www", "-accept",
                                 std::string(address) + ":" + std::to_string(port), "-cert",
                                 path(file + ".crt"), "-key", path("lab.key")}));
    EXPECT_TRUE(servers_.back()->wait_listening(address, port)) << "s_server " << file;
    return port;
  }

  static void start_endpoints() {
    certificate("edge", {"sip.contoso.com"});
    certificate("pool", {"pool01.contoso.com"});
    Tamper no_san;
    no_san.drop_sans = {"sip.fabrikam.com"};
    no_san.add_sans = {"sipext.fabrikam.com"};
    certificate("missing-san", {"sip.fabrikam.com"}, no_san);
    Tamper wildcard;
    wildcard.subject = "*.tailspin.com";
    wildcard.drop_sans = {"sip.tailspin.com"};
    wildcard.add_sans = {"*.tailspin.com"};
    certificate("wildcard", {"sip.tailspin.com"}, wildcard);
    Tamper expired;
    expired.valid_from_days = -60;
    expired.valid_to_days = -1;
    certificate("expired", {"sip.adatum.com"}, expired);
    Tamper self;
    self.self_signed = true;
    certificate("self-signed", {"sip.litware.com"}, self);
    Tamper client_only;
    client_only.eku = "clientAuth";
    certificate("client-eku", {"sip.northwind.com"}, client_only);
    certificate("fallback", {"sip.fourthcoffee.com"});
    port_["edge"] = serve("edge");
    port_["pool"] = serve("pool");
    port_["missing-san"] = serve("missing-san");
    port_["wildcard"] = serve("wildcard");
    port_["expired"] = serve("expired");
    port_["self-signed"] = serve("self-signed");
    port_["client-eku"] = serve("client-eku");
    port_["fallback"] = serve("fallback", kFallback);
    certificate("edge-xmpp", {"sip.contoso.com", "contoso.com"});
    port_["xmpp"] = testing::free_port(kXmpp); // one port on both addresses: one forward
    xmpp_.push_back(std::make_unique<testing::XmppServer>(
        kXmpp, port_["xmpp"], testing::read_file(dir_ / "edge-xmpp.crt"),
        testing::read_file(dir_ / "lab.key")));
    xmpp_.push_back(std::make_unique<testing::XmppServer>(kXmppBad, port_["xmpp"],
                                                          testing::read_file(dir_ / "fallback.crt"),
                                                          testing::read_file(dir_ / "lab.key")));
    silent_ = std::make_unique<testing::Listener>(kSilent, 8);
    hole_ = std::make_unique<testing::BlackHole>(kHole);
  }

  static std::string root(const std::string& body) {
    return "default_type application/vnd.microsoft.rtc.autodiscover+json; return 200 '" + body +
           "';";
  }
  static std::string links(const std::string& location, const std::string& key,
                           const std::string& href) {
    return "{" + (location.empty() ? "" : "\"AccessLocation\":\"" + location + "\",") +
           "\"_links\":{\"" + key + "\":{\"href\":\"" + href +
           "\"},\"xframe\":{\"href\":\"https://webext.contoso.com/Autodiscover/XFrame/"
           "XFrame.html\"}}}";
  }
  static std::string server(bool https, const std::string& name, const std::string& body) {
    return "server { listen " + std::string(kWeb) + ":" + std::to_string(https ? https_ : http_) +
           (https ? " ssl" : "") + "; server_name " + name + "; location / { " + body + " } }\n";
  }

  static void start_nginx() {
    certificate("web", {"lyncdiscover.contoso.com", "lyncdiscoverinternal.contoso.com",
                        "webext.contoso.com", "webint.contoso.com", "lyncdiscover.fabrikam.com",
                        "hop1.fabrikam.com", "hop2.fabrikam.com", "lyncdiscover.tailspin.com",
                        "back.tailspin.com"});
    https_ = testing::free_port(kWeb);
    http_ = testing::free_port(kWeb);
    const std::string d = dir_.string();
    std::string c = "daemon off;\nworker_processes 1;\npid " + d + "/nginx.pid;\nerror_log " + d +
                    "/error.log;\nevents { worker_connections 256; }\nhttp {\n access_log off;\n";
    for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
      c += std::string(" ") + temp + "_temp_path " + d + "/" + temp + ";\n";
    }
    c += " ssl_certificate " + d + "/web.crt;\n ssl_certificate_key " + d + "/lab.key;\n";
    c += server(true, "_", "return 421;") + server(false, "_", "return 421;");
    const std::string user = "https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/"
                             "root/oauth/user";
    c += server(true, "lyncdiscover.contoso.com", root(links("External", "user", user)));
    c += server(false, "lyncdiscover.contoso.com",
                "return 301 https://lyncdiscover.contoso.com$request_uri;");
    c += server(true, "webext.contoso.com", root(links("External", "user", user)));
    c += server(true, "lyncdiscoverinternal.contoso.com",
                root(links("Internal", "user",
                           "https://webint.contoso.com/Autodiscover/AutodiscoverService.svc/"
                           "root/oauth/user")));
    c += server(false, "lyncdiscoverinternal.contoso.com",
                "return 301 https://lyncdiscoverinternal.contoso.com$request_uri;");
    c += server(true, "webint.contoso.com", root(links("Internal", "user", user)));
    c += server(true, "lyncdiscover.fabrikam.com",
                root(links("", "redirect", "https://hop1.fabrikam.com/root")));
    c += server(true, "hop1.fabrikam.com",
                root(links("", "redirect", "https://hop2.fabrikam.com/root")));
    c += server(true, "hop2.fabrikam.com",
                root(links("", "redirect",
                           "https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/"
                           "root")));
    c += server(true, "lyncdiscover.tailspin.com",
                root(links("", "redirect", "https://back.tailspin.com/root")));
    c += server(
        true, "back.tailspin.com",
        root(links("", "redirect", "https://lyncdiscover.tailspin.com/?sipuri=user@tailspin.com")));
    c += server(false, "lyncdiscover.adatum.com",
                root(links("External", "user",
                           "http://lyncdiscover.adatum.com/Autodiscover/"
                           "AutodiscoverService.svc/root/oauth/user")));
    c += "}\n";
    testing::write_file(dir_ / "nginx.conf", c);
    nginx_ = std::make_unique<testing::ServerProcess>(
        std::vector<std::string>{"nginx", "-c", path("nginx.conf"), "-p", d}, path("nginx.out"));
    nginx_ready_ = nginx_->wait_listening(kWeb, https_) && nginx_->wait_listening(kWeb, http_);
  }

  static void start_dns() {
    const std::string web = std::string(" A ") + kWeb + "\n";
    const std::string sip = std::string("sip A ") + kSip + "\n";
    std::map<std::string, std::string> outside;
    const std::string contoso_public =
        srv("_sip._tls", 0, port_["edge"], "sip") +
        srv("_sipfederationtls._tcp", 0, port_["edge"], "sip") + sip + "lyncdiscover" + web +
        "webext" + web + srv("_xmpp-server._tcp", 0, kXmppPort, "xmpp") + "xmpp A " + kXmpp + "\n";
    outside["contoso.com"] = zone("contoso.com", contoso_public);
    outside["fabrikam.com"] =
        zone("fabrikam.com", srv("_sip._tls", 0, port_["missing-san"], "sip") + sip +
                                 srv("_sipfederationtls._tcp", 0, port_["missing-san"], "sip") +
                                 srv("_sipfederationtls._tcp", 10, 5061, "sipfed") +
                                 "lyncdiscover" + web + "hop1" + web + "hop2" + web);
    outside["tailspin.com"] = zone("tailspin.com", srv("_sip._tls", 0, port_["wildcard"], "sip") +
                                                       sip + "lyncdiscover" + web + "back" + web);
    outside["adatum.com"] = zone("adatum.com", srv("_sip._tls", 0, port_["expired"], "sip") + sip +
                                                   "lyncdiscover" + web);
    outside["litware.com"] = zone("litware.com", srv("_sip._tls", 0, port_["self-signed"], "sip") +
                                                     sip + "* A 127.0.0.86\n");
    outside["northwind.com"] =
        zone("northwind.com", srv("_sip._tls", 0, port_["client-eku"], "sip") + sip);
    outside["proseware.com"] = zone("proseware.com", srv("_sip._tls", 0, silent_->port, "sip") +
                                                         "sip A " + kSilent + "\n");
    outside["woodgrove.com"] =
        zone("woodgrove.com", srv("_sip._tls", 0, hole_->port(), "sip") + "sip A " + kHole + "\n");
    outside["fourthcoffee.com"] =
        zone("fourthcoffee.com", std::string("sip A ") + kFallback + "\n" +
                                     srv("_xmpp-server._tcp", 0, kXmppPort, "xmpp") + "xmpp A " +
                                     kXmppBad + "\n");
    outside["wingtip.com"] =
        zone("wingtip.com", "_sip._tls SRV 100 1 443 sipdir.online.lync.com.\n"
                            "_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.\n"
                            "lyncdiscover CNAME webdir.online.lync.com.\n");
    outside["lync.com"] = zone("lync.com", "sipdir.online A 127.0.0.99\n"
                                           "webdir.online A 127.0.0.99\n"
                                           "sipfed.online A 127.0.0.99\n");
    std::map<std::string, std::string> inside;
    inside["contoso.com"] = zone(
        "contoso.com", contoso_public + srv("_sipinternaltls._tcp", 0, port_["pool"], "pool01") +
                           "pool01 A " + kSip + "\nlyncdiscoverinternal" + web + "webint" + web);
    nsd_.push_back(std::make_unique<testing::NsdServer>(dir_ / "outside", kOutside, outside));
    nsd_.push_back(std::make_unique<testing::NsdServer>(dir_ / "inside", kInside, inside));
  }

  static std::string fmt_forward(int from, int to) {
    return std::to_string(from) + "=" + std::to_string(to);
  }

  static json check(const std::vector<std::string>& domains, int& rc, long& elapsed_ms,
                    const std::vector<std::string>& extra = {}) {
    if (nsd_.size() < 2 || !nsd_[0]->ready() || !nsd_[1]->ready() || !nginx_ready_) {
      return json();
    }
    std::vector<std::string> args = {"check"};
    args.insert(args.end(), domains.begin(), domains.end());
    for (const std::string& a :
         {std::string("--outside-dns"),    nsd_[0]->endpoint(),
          std::string("--inside-dns"),     nsd_[1]->endpoint(),
          std::string("--ca-file"),        path("ca.pem"),
          std::string("--timeout"),        std::to_string(kTimeoutMs / 1000.0),
          std::string("--https-port"),     std::to_string(https_),
          std::string("--http-port"),      std::to_string(http_),
          std::string("--forward-port"),   fmt_forward(kFallbackPort, port_["fallback"]),
          std::string("--forward-port"),   fmt_forward(kXmppPort, port_["xmpp"]),
          std::string("--wildcard-label"), std::string("lyncplan-probe"),
          std::string("--format"),         std::string("json")}) {
      args.push_back(a);
    }
    args.insert(args.end(), extra.begin(), extra.end());
    const auto start = std::chrono::steady_clock::now();
    const testing::CliRun r = testing::run_cli(args);
    elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - start)
                     .count();
    rc = r.rc;
    const json parsed = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << r.out << r.err;
    return parsed;
  }

  static const json& domain(const std::string& name) {
    static const json none;
    for (const auto& d : report_["domains"]) {
      if (d["domain"] == name) {
        return d;
      }
    }
    ADD_FAILURE() << "no report for " << name;
    return none;
  }

  static const json& sign_in(const std::string& name, const std::string& client,
                             const std::string& from) {
    static const json none;
    for (const auto& c : domain(name)["sign_in"]) {
      if (c["client"] == client && c["from"] == from) {
        return c;
      }
    }
    ADD_FAILURE() << "no case " << client << " from " << from << " for " << name;
    return none;
  }

  // The codes of a domain's findings at `severity` ("" for all).
  static std::vector<std::string> codes(const std::string& name, const std::string& severity = "") {
    std::vector<std::string> out;
    for (const auto& f : domain(name)["findings"]) {
      if (severity.empty() || f["severity"] == severity) {
        out.push_back(f["code"]);
      }
    }
    return out;
  }

  static bool has(const std::vector<std::string>& list, const std::string& code) {
    return std::find(list.begin(), list.end(), code) != list.end();
  }

  // The probed endpoint name:port, as the report gives it.
  static const json& endpoint(const std::string& dname, const std::string& name, int port) {
    static const json none;
    for (const auto& e : domain(dname)["endpoints"]) {
      if (e["name"] == name && e["port"] == port) {
        return e;
      }
    }
    ADD_FAILURE() << "no endpoint " << name << ":" << port;
    return none;
  }

  static std::vector<std::string> problem_codes(const json& e) {
    std::vector<std::string> out;
    for (const auto& p : e["problems"]) {
      out.push_back(p["code"]);
    }
    return out;
  }

  static const json& walk(const std::string& dname, const std::string& url_prefix,
                          const std::string& from) {
    static const json none;
    for (const auto& a : domain(dname)["autodiscover"]) {
      if (a["from"] == from && a["url"].get<std::string>().starts_with(url_prefix)) {
        return a;
      }
    }
    ADD_FAILURE() << "no Autodiscover walk " << url_prefix;
    return none;
  }

  static inline std::string missing_;
  static inline fs::path dir_;
  static inline std::unique_ptr<testing::TestCa> ca_;
  static inline std::vector<std::unique_ptr<testing::ServerProcess>> servers_;
  static inline std::vector<std::unique_ptr<testing::NsdServer>> nsd_;
  static inline std::vector<std::unique_ptr<testing::XmppServer>> xmpp_;
  static inline std::unique_ptr<testing::ServerProcess> nginx_;
  static inline bool nginx_ready_ = false;
  static inline std::unique_ptr<testing::Listener> silent_;
  static inline std::unique_ptr<testing::BlackHole> hole_;
  static inline std::map<std::string, int> port_;
  static inline int https_ = 0;
  static inline int http_ = 0;
  static inline json report_;
  static inline int rc_ = -1;
  static inline long elapsed_ms_ = 0;
};

// The threads the process runs now (the kernel's count, not the pool's own accounting).
std::size_t threads_now() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& task : fs::directory_iterator("/proc/self/task")) {
    ++n;
  }
  return n;
}

TEST_F(CheckLab, FiftyDomainsNeverRunMoreThreadsThanAsked) {
  // The lab's domains (every kind of failure, silent servers included) and names nobody serves.
  std::vector<std::string> domains = {
      "contoso.com",   "fabrikam.com",  "tailspin.com",  "adatum.com",       "litware.com",
      "northwind.com", "proseware.com", "woodgrove.com", "fourthcoffee.com", "wingtip.com"};
  for (int i = 0; domains.size() < 50; ++i) {
    domains.push_back("absent" + std::to_string(i) + ".example");
  }
  std::atomic<bool> done{false};
  std::atomic<std::size_t> peak{0};
  std::thread sampler([&] {
    while (!done) {
      peak = std::max(peak.load(), threads_now());
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const std::size_t before = threads_now(); // this thread, the sampler, gtest's
  int rc = -1;
  long elapsed_ms = 0;
  const json report = check(domains, rc, elapsed_ms, {"--threads", "12"});
  done = true;
  sampler.join();
  ASSERT_TRUE(report.is_object());
  EXPECT_EQ(report["domains"].size(), 50u);
  // The caller is one of the 12: the pool adds at most 11.
  EXPECT_LE(peak.load(), before + 11) << "before " << before << ", peak " << peak.load();
  EXPECT_GE(peak.load(), before + 2) << "the check ran in parallel";
  std::cout << "50 domains, --threads 12: " << elapsed_ms << " ms, threads " << before << " -> "
            << peak.load() << "\n";
}

TEST_F(CheckLab, CorrectDeploymentSignsEveryClientInFromBothSides) {
  EXPECT_TRUE(codes("contoso.com", "error").empty()) << domain("contoso.com")["findings"].dump(1);
  // The only warning: the lab's federation SRV carries a lab port instead of 5061.
  EXPECT_EQ(codes("contoso.com", "warning"), std::vector<std::string>{"federation.port"})
      << domain("contoso.com")["findings"].dump(1);
  const json& outside2013 = sign_in("contoso.com", "lync2013", "outside");
  EXPECT_EQ(outside2013["result"], "connected") << outside2013.dump(1);
  EXPECT_EQ(outside2013["via"], "autodiscover");
  EXPECT_EQ(outside2013["server"]["fqdn"], "sip.contoso.com");
  const json& inside2013 = sign_in("contoso.com", "lync2013", "inside");
  EXPECT_EQ(inside2013["result"], "connected") << inside2013.dump(1);
  EXPECT_EQ(inside2013["server"]["fqdn"], "pool01.contoso.com");
  const json& lync2010 = sign_in("contoso.com", "lync2010", "outside");
  EXPECT_EQ(lync2010["via"], "srv");
  EXPECT_EQ(lync2010["result"], "connected");
  const json& mobile = sign_in("contoso.com", "mobile", "outside");
  EXPECT_EQ(mobile["result"], "connected") << mobile.dump(1);
  EXPECT_EQ(mobile["server"]["fqdn"], "webext.contoso.com");
  const json& edge = endpoint("contoso.com", "sip.contoso.com", port_["edge"]);
  EXPECT_EQ(edge["outcome"], "handshake");
  EXPECT_EQ(edge["port"], port_["edge"]);
  EXPECT_TRUE(edge["problems"].empty()) << edge.dump(1);
  EXPECT_EQ(edge["certificate"]["subject"], "sip.contoso.com");
  EXPECT_EQ(edge["certificate"]["key_type"], "RSA");
  EXPECT_EQ(edge["certificate"]["key_bits"], 2048);
  EXPECT_TRUE(edge["certificate"]["key_curve"].is_null());
  EXPECT_EQ(edge["chain_length"], 1) << edge.dump(1);
}

TEST_F(CheckLab, AutodiscoverRootWithUserLinkIsReportedPerSide) {
  const json& outside = walk("contoso.com", "https://lyncdiscover.contoso.com/", "outside");
  EXPECT_EQ(outside["verdict"], "answered") << outside.dump(1);
  EXPECT_EQ(outside["side"], "external");
  EXPECT_EQ(outside["links"]["user"],
            "https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/root/oauth/user");
  EXPECT_EQ(outside["links"]["xframe"],
            "https://webext.contoso.com/Autodiscover/XFrame/XFrame.html");
  const json& http = walk("contoso.com", "http://lyncdiscover.contoso.com/", "outside");
  EXPECT_EQ(http["verdict"], "answered") << http.dump(1);
  EXPECT_EQ(http["hops"].size(), 2u); // HTTP 301 to HTTPS, then the Root
  const json& inside = walk("contoso.com", "https://lyncdiscoverinternal.contoso.com/", "inside");
  EXPECT_EQ(inside["verdict"], "answered") << inside.dump(1);
  EXPECT_EQ(inside["side"], "internal");
  EXPECT_FALSE(
      walk("contoso.com", "https://lyncdiscoverinternal.contoso.com/", "outside")["resolved"]);
}

TEST_F(CheckLab, FederationOfTheCorrectDomainIsReady) {
  const json& f = domain("contoso.com")["federation"];
  ASSERT_EQ(f["tls"].size(), 2u) << f.dump(1); // SIP federation, then XMPP
  EXPECT_EQ(f["tls"][0]["name"], "sip.contoso.com");
  EXPECT_EQ(f["tls"][0]["purpose"], "federation");
  EXPECT_EQ(f["tls"][0]["outcome"], "handshake");
  EXPECT_TRUE(f["tls"][0]["problems"].empty());
  EXPECT_EQ(f["tls"][1]["name"], "xmpp.contoso.com");
}

TEST_F(CheckLab, MissingSanFailsSignInAndNamesTheEndpoint) {
  EXPECT_EQ(problem_codes(endpoint("fabrikam.com", "sip.fabrikam.com", port_["missing-san"])),
            std::vector<std::string>{"cert.name"});
  const json& c = sign_in("fabrikam.com", "lync2010", "outside");
  EXPECT_EQ(c["result"], "failed");
  EXPECT_NE(c["reason"].get<std::string>().find("does not name sip.fabrikam.com"),
            std::string::npos)
      << c["reason"];
  EXPECT_TRUE(has(codes("fabrikam.com"), "cert.name"));
}

TEST_F(CheckLab, FederationWithTwoPrioritiesAndATargetWithoutAddress) {
  const auto list = codes("fabrikam.com");
  EXPECT_TRUE(has(list, "federation.srv-priorities"));
  EXPECT_TRUE(has(list, "federation.no-address"));
}

TEST_F(CheckLab, RedirectChainIsFollowedToTheAnswer) {
  const json& w = walk("fabrikam.com", "https://lyncdiscover.fabrikam.com/", "outside");
  EXPECT_EQ(w["verdict"], "answered") << w.dump(1);
  EXPECT_EQ(w["hops"].size(), 4u);
  EXPECT_EQ(w["hops"][3]["url"],
            "https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/root");
}

TEST_F(CheckLab, WildcardOnTheAccessEdgeIsRefused) {
  EXPECT_EQ(problem_codes(endpoint("tailspin.com", "sip.tailspin.com", port_["wildcard"])),
            std::vector<std::string>{"cert.wildcard-san"});
  EXPECT_EQ(sign_in("tailspin.com", "lync2010", "outside")["result"], "failed");
}

TEST_F(CheckLab, RedirectLoopIsReported) {
  const json& w = walk("tailspin.com", "https://lyncdiscover.tailspin.com/", "outside");
  EXPECT_EQ(w["verdict"], "redirect-loop") << w.dump(1);
  EXPECT_TRUE(has(codes("tailspin.com", "error"), "autodiscover.redirect-loop"));
}

TEST_F(CheckLab, ExpiredCertificateIsRefused) {
  const auto problems = problem_codes(endpoint("adatum.com", "sip.adatum.com", port_["expired"]));
  EXPECT_TRUE(has(problems, "cert.expired"));
  const json& c = sign_in("adatum.com", "lync2013", "outside");
  EXPECT_EQ(c["result"], "failed") << c.dump(1);
}

TEST_F(CheckLab, HttpOnlyRootIsNotEnoughForMobileClients) {
  const json& https = walk("adatum.com", "https://lyncdiscover.adatum.com/", "outside");
  EXPECT_EQ(https["verdict"], "unreachable") << https.dump(1);
  const json& http = walk("adatum.com", "http://lyncdiscover.adatum.com/", "outside");
  EXPECT_EQ(http["verdict"], "answered") << http.dump(1);
  EXPECT_TRUE(has(codes("adatum.com", "error"), "autodiscover.unreachable"));
  const json& mobile = sign_in("adatum.com", "mobile", "outside");
  EXPECT_EQ(mobile["result"], "failed") << mobile.dump(1);
}

TEST_F(CheckLab, SelfSignedCertificateFailsTheChain) {
  EXPECT_TRUE(has(problem_codes(endpoint("litware.com", "sip.litware.com", port_["self-signed"])),
                  "cert.chain"));
}

TEST_F(CheckLab, WildcardDnsRecordFakingLyncNamesIsFound) {
  EXPECT_TRUE(has(codes("litware.com"), "dns.wildcard"));
  const json& w = domain("litware.com")["wildcards"][0];
  EXPECT_EQ(w["probe"], "lyncplan-probe.litware.com");
  EXPECT_EQ(w["answer"], "127.0.0.86");
}

TEST_F(CheckLab, ClientOnlyEkuIsRefused) {
  EXPECT_TRUE(
      has(problem_codes(endpoint("northwind.com", "sip.northwind.com", port_["client-eku"])),
          "cert.eku-server"));
  EXPECT_EQ(sign_in("northwind.com", "lync2010", "outside")["result"], "failed");
}

TEST_F(CheckLab, SilentServerEndsAtTheTimeout) {
  const json& e = endpoint("proseware.com", "sip.proseware.com", silent_->port);
  EXPECT_EQ(e["outcome"], "handshake-timeout") << e.dump(1);
  EXPECT_LE(e["elapsed_ms"].get<long>(), kTimeoutMs + 500);
  EXPECT_EQ(sign_in("proseware.com", "lync2010", "outside")["result"], "failed");
}

TEST_F(CheckLab, BlackHoleEndsAtTheTimeout) {
  const json& e = endpoint("woodgrove.com", "sip.woodgrove.com", hole_->port());
  EXPECT_EQ(e["outcome"], "connect-timeout") << e.dump(1);
  EXPECT_LE(e["elapsed_ms"].get<long>(), kTimeoutMs + 500);
}

TEST_F(CheckLab, Microsoft365RecordsAreExplainedNotReportedAsStrangers) {
  const auto notes = codes("wingtip.com", "info");
  EXPECT_TRUE(has(notes, "microsoft-365"));
  const json& m365 = domain("wingtip.com")["microsoft_365"];
  ASSERT_FALSE(m365.empty());
  EXPECT_NE(m365.back().get<std::string>().find("is online"), std::string::npos) << m365.dump(1);
  EXPECT_EQ(sign_in("wingtip.com", "lync2010", "outside")["result"], "connected");
  EXPECT_FALSE(has(codes("wingtip.com"), "federation.srv-namespace"));
}

TEST_F(CheckLab, FindingsMakeTheExitCodeOne) {
  EXPECT_EQ(rc_, 1);
  EXPECT_GT(report_["summary"]["errors"].get<int>(), 0);
  EXPECT_GT(report_["summary"]["dns_answered"].get<int>(), 0);
}

// The report puts this live check beside the plan: every domain, the endpoints reached with
// their certificates, the Autodiscover walks, and the plan's verdict next to each live case.
// LYNCPLAN_UPDATE_GOLDEN=1 keeps the check's JSON as the fixture the report's browser test reads.
TEST_F(CheckLab, TheReportShowsTheLiveCheckBesideThePlan) {
  ASSERT_TRUE(report_.is_object());
  const fs::path check_file = dir_ / "check.json";
  const fs::path topology_file = dir_ / "reference.yaml";
  testing::write_file(check_file, report_.dump(1));
  testing::write_file(topology_file, testing::reference_topology());
  const fs::path page = dir_ / "report.html";
  const testing::CliRun r = testing::run_cli({"report", topology_file.string(), "--simulate",
                                              "--check", check_file.string(), "-o", page.string()});
  ASSERT_EQ(r.rc, 0) << r.err;
  const std::string html = testing::read_file(page);
  EXPECT_NE(html.find("<section id=\"check\""), std::string::npos);
  for (const auto& d : report_["domains"]) {
    EXPECT_NE(html.find("Domain <code>" + d["domain"].get<std::string>() + "</code>"),
              std::string::npos)
        << d["domain"];
  }
  const std::string edge = "sip.contoso.com:" + std::to_string(port_["edge"]);
  EXPECT_NE(html.find("<code>" + edge + "</code>"), std::string::npos) << edge;
  EXPECT_NE(html.find("<th scope=\"col\">Plan says</th>"), std::string::npos);
  EXPECT_NE(html.find("lyncdiscover.contoso.com"), std::string::npos);
  if (const char* v = std::getenv("LYNCPLAN_UPDATE_GOLDEN");
      v != nullptr && std::string(v) == "1") {
    nlohmann::json contoso = report_;
    contoso["domains"] = nlohmann::json::array();
    contoso["findings"] = nlohmann::json::array();
    for (const auto& d : report_["domains"]) {
      if (d["domain"] == "contoso.com") {
        contoso["domains"].push_back(d);
        for (const auto& f : d["findings"]) {
          nlohmann::json g = {{"domain", "contoso.com"}};
          g.update(f);
          contoso["findings"].push_back(g);
        }
      }
    }
    contoso["drift"] = nullptr;
    for (const char* severity : {"error", "warning", "info"}) {
      int n = 0;
      for (const auto& f : contoso["findings"]) {
        n += f["severity"] == severity ? 1 : 0;
      }
      contoso["summary"][std::string(severity) + "s"] = n;
    }
    contoso["summary"].erase("infos");
    contoso["summary"]["info"] =
        std::count_if(contoso["findings"].begin(), contoso["findings"].end(),
                      [](const nlohmann::json& f) { return f["severity"] == "info"; });
    testing::write_file(fs::path(LYNCPLAN_SOURCE_DIR) / "tests/data/report/check-contoso.json",
                        contoso.dump(1) + "\n");
  }
}

TEST_F(CheckLab, WithoutSrvRecordsDesktopClientsFallBackToTheARecord) {
  // No SRV and no lyncdiscover: the desktop clients try A sipinternal, then sip.<domain> on 5061.
  for (const char* client : {"lync2010", "lync2013"}) {
    const json& c = sign_in("fourthcoffee.com", client, "outside");
    EXPECT_EQ(c["result"], "connected") << client << " " << c.dump(1);
    EXPECT_EQ(c["via"], "a") << client;
    EXPECT_EQ(c["server"]["fqdn"], "sip.fourthcoffee.com") << client;
    EXPECT_EQ(c["server"]["port"], kFallbackPort) << client;
  }
  EXPECT_EQ(sign_in("fourthcoffee.com", "mobile", "outside")["result"], "failed")
      << "mobile clients use Autodiscover only";
  const json& e = endpoint("fourthcoffee.com", "sip.fourthcoffee.com", kFallbackPort);
  EXPECT_EQ(e["outcome"], "handshake") << e.dump(1);
  EXPECT_TRUE(e["problems"].empty()) << e.dump(1);
  EXPECT_EQ(e["address"], kFallback);
  // pidgin-sipe tries sip.<domain> on 443 only (SIPE.md): where Lync signs in, sipe does not.
  const json& sipe = sign_in("fourthcoffee.com", "sipe", "outside");
  EXPECT_EQ(sipe["result"], "failed") << sipe.dump(1);
  EXPECT_TRUE(has(codes("fourthcoffee.com", "warning"), "federation.no-federation-srv"));
  // One warning per vantage for the clients that got in only this way (the inside view has no
  // fourthcoffee.com zone, so inside clients see the public records).
  std::vector<json> fallback;
  for (const auto& f : domain("fourthcoffee.com")["findings"]) {
    if (f["code"] == "sign-in.a-fallback") {
      fallback.push_back(f);
    }
  }
  ASSERT_EQ(fallback.size(), 2u);
  EXPECT_EQ(fallback[0]["subject"], "ocs2007r2, lync2010, lync2013 from inside");
  EXPECT_EQ(fallback[0]["fix"], "publish _sipinternaltls._tcp.fourthcoffee.com (and "
                                "lyncdiscoverinternal.fourthcoffee.com)")
      << fallback[0].dump();
  EXPECT_EQ(fallback[1]["subject"], "ocs2007r2, lync2010, lync2013 from outside");
  EXPECT_NE(fallback[1]["message"].get<std::string>().find(
                "found a server (sip.fourthcoffee.com:5061) only through the A-record fallback"),
            std::string::npos)
      << fallback[1].dump();
  EXPECT_EQ(fallback[1]["fix"],
            "publish _sip._tls.fourthcoffee.com (and lyncdiscover.fourthcoffee.com)");
  EXPECT_FALSE(has(codes("contoso.com"), "sign-in.a-fallback"));
}

// The federation TLS endpoint of `domain` at `name`.
const json& federation_tls(const json& domain, const std::string& name) {
  static const json none;
  for (const auto& e : domain["federation"]["tls"]) {
    if (e["name"] == name) {
      return e;
    }
  }
  ADD_FAILURE() << "no federation endpoint " << name << " in " << domain["federation"].dump(1);
  return none;
}

TEST_F(CheckLab, XmppTargetsAreCheckedAfterStartTlsForTheDomainItself) {
  const json& good = federation_tls(domain("contoso.com"), "xmpp.contoso.com");
  EXPECT_EQ(good["purpose"], "xmpp");
  EXPECT_EQ(good["port"], kXmppPort);
  EXPECT_EQ(good["outcome"], "handshake") << good.dump(1);
  EXPECT_TRUE(good["problems"].empty()) << good.dump(1);
  EXPECT_NE(xmpp_[0]->last_stream_header().find("to='contoso.com'"), std::string::npos);

  // The Edge certificate of fourthcoffee.com names sip.fourthcoffee.com only.
  const json& bad = federation_tls(domain("fourthcoffee.com"), "xmpp.fourthcoffee.com");
  EXPECT_EQ(bad["outcome"], "handshake") << bad.dump(1);
  ASSERT_EQ(problem_codes(bad), std::vector<std::string>{"cert.name"}) << bad.dump(1);
  const std::string message = bad["problems"][0]["message"];
  EXPECT_NE(message.find("'fourthcoffee.com' is not on the certificate"), std::string::npos)
      << message;
  EXPECT_NE(message.find("expect the domain itself on the Edge certificate"), std::string::npos)
      << message;
  EXPECT_TRUE(has(codes("fourthcoffee.com", "error"), "cert.name"));
  EXPECT_NE(xmpp_[1]->last_stream_header().find("to='fourthcoffee.com'"), std::string::npos);
}

TEST_F(CheckLab, IndependentProbesRunAtOnce) {
  // Ten domains, two of them ending only at the 1 s timeout (several times over: TLS, then
  // discovery again): run one after the other it would take well over 2 s.
  EXPECT_LT(elapsed_ms_, 8000);
  int rc = -1;
  long single = 0;
  check({"contoso.com"}, rc, single);
  EXPECT_EQ(rc, 0) << "the correct domain alone has no findings";
}

} // namespace
} // namespace lyncplan

namespace lyncplan {
namespace {

// The seed 002 example with loopback addresses, so that every probe stays on this machine,
// planned into `dir`/zones.
void write_drift_lab(const fs::path& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string yaml = testing::read_file(testing::source_path("examples/lync2013-split-brain.yaml"));
  for (const auto& [from, to] :
       std::vector<std::pair<std::string, std::string>>{{"192.168.1.20", "127.0.1.20"},
                                                        {"192.168.2.10", "127.0.2.10"},
                                                        {"198.51.100.", "127.0.3."}}) {
    for (auto at = yaml.find(from); at != std::string::npos; at = yaml.find(from, at)) {
      yaml.replace(at, from.size(), to);
    }
  }
  testing::write_file(dir / "lab.yaml", yaml);
  // The lab's "public" addresses are loopback ones, which the plan rightly calls an error in
  // the external view: the zones are written all the same.
  ASSERT_EQ(testing::run_cli({"plan", (dir / "lab.yaml").string(), "--format", "zone", "-o",
                              (dir / "zones").string(), "--fail-on", "never"})
                .rc,
            0);
}

std::map<std::string, std::string> lab_zones(const fs::path& dir, const std::string& view,
                                             const std::vector<std::string>& names) {
  std::map<std::string, std::string> out;
  for (const auto& name : names) {
    out[name] = testing::read_file(dir / "zones" / view / (name + ".zone"));
  }
  return out;
}

// Live drift: the plan's own zone files served by NSD with one record changed the way seed 002
// had it (sip.<domain> pointing at the reverse proxy) are reported as exactly that one drift.
TEST(CheckDrift, LiveAnswersAreComparedWithThePlan) {
  LYNCPLAN_SKIP_IF_MISSING(testing::first_missing({"nsd"}));
  const fs::path dir =
      fs::temp_directory_path() / ("lyncplan-checkdrift-" + std::to_string(::getpid()));
  write_drift_lab(dir);
  auto outside = lab_zones(dir, "external", {"lyncdude.net", "anotherdomain.net"});
  std::string& lyncdude = outside["lyncdude.net"];
  const auto at = lyncdude.find("127.0.3.10");
  ASSERT_NE(at, std::string::npos) << lyncdude;
  lyncdude.replace(at, std::string("127.0.3.10").size(), "127.0.3.20"); // sip -> reverse proxy
  testing::NsdServer nsd(dir / "nsd", "127.0.0.87", outside);
  ASSERT_TRUE(nsd.ready()) << nsd.log();
  const testing::CliRun r =
      testing::run_cli({"check", "lyncdude.net", "--topology", (dir / "lab.yaml").string(),
                        "--outside-dns", nsd.endpoint(), "--timeout", "0.5", "--format", "json"});
  fs::remove_all(dir);
  const json report = json::parse(r.out, nullptr, false);
  EXPECT_EQ(report["command"], "check");
  EXPECT_EQ(report["lyncplan"], LYNCPLAN_PROJECT_VERSION);
  ASSERT_FALSE(report.is_discarded()) << r.out << r.err;
  std::vector<json> drift;
  for (const auto& f : report["findings"]) {
    if (f["code"].get<std::string>().starts_with("drift.")) {
      drift.push_back(f);
    }
  }
  ASSERT_EQ(drift.size(), 1u) << report["findings"].dump(1);
  EXPECT_EQ(drift[0]["code"], "drift.wrong-value");
  EXPECT_EQ(drift[0]["subject"], "sip.lyncdude.net A (external)");
  EXPECT_NE(drift[0]["message"].get<std::string>().find("reverse proxy"), std::string::npos)
      << drift[0]["message"];
  EXPECT_EQ(r.rc, 1);
}

// A dead inside DNS server is not 26 missing records: nothing about the internal view was
// observed, so check says so and stops with exit 3 before reporting anything.
TEST(CheckDrift, DeadInsideServerStopsWithExitThree) {
  LYNCPLAN_SKIP_IF_MISSING(testing::first_missing({"nsd"}));
  const fs::path dir =
      fs::temp_directory_path() / ("lyncplan-checkdead-" + std::to_string(::getpid()));
  write_drift_lab(dir);
  testing::NsdServer nsd(dir / "nsd", "127.0.0.89",
                         lab_zones(dir, "external", {"lyncdude.net", "anotherdomain.net"}));
  ASSERT_TRUE(nsd.ready()) << nsd.log();
  // Nothing listens on this loopback address and port.
  const testing::CliRun r = testing::run_cli(
      {"check", "lyncdude.net", "--topology", (dir / "lab.yaml").string(), "--outside-dns",
       nsd.endpoint(), "--inside-dns", "127.0.0.90:9", "--timeout", "0.3", "--tries", "1"});
  fs::remove_all(dir);
  EXPECT_EQ(r.rc, 3) << r.out << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("the inside DNS (127.0.0.90:9) answered none of the "), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("NXDOMAIN"), std::string::npos) << r.err;
}

// An inside server that answers for one internal zone and refuses the other: the refused
// records are "could not ask" warnings, not missing ones.
TEST(CheckDrift, UnansweredRecordsAreCouldNotAskNotMissing) {
  LYNCPLAN_SKIP_IF_MISSING(testing::first_missing({"nsd"}));
  const fs::path dir =
      fs::temp_directory_path() / ("lyncplan-checkpartial-" + std::to_string(::getpid()));
  write_drift_lab(dir);
  testing::NsdServer outside(dir / "nsd-out", "127.0.0.91",
                             lab_zones(dir, "external", {"lyncdude.net", "anotherdomain.net"}));
  testing::NsdServer inside(dir / "nsd-in", "127.0.0.92",
                            lab_zones(dir, "internal", {"lyncdude.net"}));
  ASSERT_TRUE(outside.ready()) << outside.log();
  ASSERT_TRUE(inside.ready()) << inside.log();
  const testing::CliRun r =
      testing::run_cli({"check", "lyncdude.net", "--topology", (dir / "lab.yaml").string(),
                        "--outside-dns", outside.endpoint(), "--inside-dns", inside.endpoint(),
                        "--timeout", "0.5", "--format", "json", "--fail-on", "never"});
  fs::remove_all(dir);
  EXPECT_EQ(r.rc, 0) << r.err;
  const json report = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << r.out << r.err;
  std::size_t could_not_ask = 0;
  for (const auto& f : report["findings"]) {
    const std::string code = f["code"];
    const std::string subject = f["subject"];
    EXPECT_FALSE(code == "drift.missing" && subject.find("(internal)") != std::string::npos)
        << f.dump();
    if (code == "drift.could-not-ask") {
      ++could_not_ask;
      EXPECT_NE(subject.find("anotherdomain.net"), std::string::npos) << f.dump();
      EXPECT_EQ(f["severity"], "warning");
      EXPECT_NE(f["message"].get<std::string>().find("REFUSED"), std::string::npos) << f.dump();
    }
  }
  EXPECT_GT(could_not_ask, 0u) << report["findings"].dump(1);
}

} // namespace
} // namespace lyncplan

namespace lyncplan {
namespace {

// The four states a domain on its way to Teams is found in, served by NSD: a clean Teams-only
// domain, one whose lyncdiscover still leads on premises, a GCC High one, and a cutover left half
// done. Each is judged by the mode it is expected in.
const std::map<std::string, std::string> kModeZones = {
    {"tailspin.com", "_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.\n"},
    {"litware.com", "_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.\n"
                    "lyncdiscover A 127.0.5.20\n"},
    {"govcorp.com", "_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.gov.skypeforbusiness.us.\n"
                    "lyncdiscover CNAME webdir.online.gov.skypeforbusiness.us.\n"},
    {"halfway.com", "_sipfederationtls._tcp SRV 100 1 5061 sipfed.online.lync.com.\n"
                    "_sip._tls SRV 0 0 443 sip.halfway.com.\nsip A 127.0.5.10\n"},
};

std::map<std::string, std::string> mode_zone_files() {
  std::map<std::string, std::string> out;
  for (const auto& [zone, records] : kModeZones) {
    out[zone] = "$ORIGIN " + zone + ".\n$TTL 300\n@ SOA ns." + zone + ". hostmaster." + zone +
                ". 1 3600 600 86400 60\n@ NS ns." + zone + ".\n" + records;
  }
  return out;
}

// code -> subjects of a check run's findings.
std::multimap<std::string, std::string> mode_findings(const testing::CliRun& r) {
  std::multimap<std::string, std::string> out;
  const json report = json::parse(r.out, nullptr, false);
  EXPECT_FALSE(report.is_discarded()) << r.out << r.err;
  if (report.is_discarded()) {
    return out;
  }
  for (const auto& f : report["findings"]) {
    const std::string code = f["code"];
    if (code.starts_with("mode.")) {
      out.emplace(code, f["subject"].get<std::string>());
    }
  }
  return out;
}

TEST(CheckModes, EachDomainIsJudgedByTheModeItIsExpectedIn) {
  LYNCPLAN_SKIP_IF_MISSING(testing::first_missing({"nsd"}));
  const fs::path dir =
      fs::temp_directory_path() / ("lyncplan-checkmodes-" + std::to_string(::getpid()));
  testing::NsdServer nsd(dir / "nsd", "127.0.0.93", mode_zone_files());
  ASSERT_TRUE(nsd.ready()) << nsd.log();
  auto check = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "check");
    args.insert(args.end(), {"--outside-dns", nsd.endpoint(), "--from", "outside", "--timeout",
                             "0.5", "--format", "json", "--fail-on", "never"});
    return testing::run_cli(args);
  };
  // Expected teams-only: the clean domain and the GCC High one pass, lyncdiscover on premises
  // blocks the switch.
  const auto teams = mode_findings(
      check({"tailspin.com", "litware.com", "govcorp.com", "--expect", "teams-only"}));
  EXPECT_EQ(teams.size(), 1u) << ::testing::PrintToString(teams);
  EXPECT_EQ(teams.count("mode.blocks-teams-only"), 1u);
  EXPECT_EQ(teams.find("mode.blocks-teams-only")->second, "lyncdiscover.litware.com");
  // Without an expectation the split domain is a cutover left half done, never "hybrid"; the
  // all-online domain is only explained.
  const auto seen = mode_findings(check({"halfway.com", "tailspin.com"}));
  ASSERT_EQ(seen.size(), 1u) << ::testing::PrintToString(seen);
  EXPECT_EQ(seen.begin()->first, "mode.half-cutover");
  EXPECT_EQ(seen.begin()->second, "halfway.com");
  // Expected hybrid, the records that lead to Microsoft 365 are errors, each named.
  const auto hybrid = mode_findings(check({"halfway.com", "--expect", "hybrid"}));
  EXPECT_EQ(hybrid.count("mode.leads-to-microsoft-365"), 1u) << ::testing::PrintToString(hybrid);
  EXPECT_EQ(hybrid.find("mode.leads-to-microsoft-365")->second,
            "_sipfederationtls._tcp.halfway.com");
  fs::remove_all(dir);
}

} // namespace
} // namespace lyncplan
