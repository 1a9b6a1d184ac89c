// The plan's DNS put into running servers on loopback: `lyncplan apply` against BIND and Knot
// with TSIG (every planned record queried back, a second run that changes nothing, --prune and
// --dry-run, and each failure: wrong key, unknown key, refused, zone not served, silent server,
// a zone changed between read and update, with its exit code and nothing half-applied); the
// `plan --format nsupdate` script sent by nsupdate to BIND, and `--format pdns` SQL loaded into
// PowerDNS's SQLite backend, each run twice.
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/requires.hpp"
#include "support/servers.hpp"
#include "support/shell.hpp"
#include "support/topologies.hpp"

#include <lyncplan/apply/update_client.hpp>
#include <lyncplan/render/renderer.hpp>

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace lyncplan {
namespace {

namespace fs = std::filesystem;
using testing::ask;
using testing::shell;

// named binds only to addresses an interface holds: 127.0.0.1, not the rest of 127/8.
constexpr const char* kBind = "127.0.0.1";
constexpr const char* kKnot = "127.0.0.103";
// Test-only TSIG secrets (base64 of 32 bytes).
constexpr const char* kSecret = "bHluY3BsYW4tdGVzdC1rZXktbm90LWEtc2VjcmV0ISE=";
constexpr const char* kOtherSecret = "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXkhIQ==";

std::string example() {
  return testing::source_path("examples/reference-lync2013.yaml");
}

const std::string kSoa = "$TTL 60\n@ SOA ns.provider.test. hostmaster.provider.test. 1 3600 600 "
                         "86400 60\n@ NS ns.provider.test.\n";

// What the zones hold before lyncplan comes: a stale SRV to another provider, a record of the
// customer's own, and a Lync record the plan does not have.
const std::string kContoso = kSoa + "_sip._tls SRV 0 0 443 sip.old-provider.test.\n"
                                    "www A 192.0.2.7\nlyncdiscoverinternal A 10.9.9.9\n";

std::string bind_key(const char* name, const char* secret, const char* algorithm = "hmac-sha256") {
  return fmt::format("key \"{}\" {{ algorithm {}; secret \"{}\"; }};\n", name, algorithm, secret);
}

// Every planned record of `zone` (external view) as the server answers it, NAME TYPE -> lines.
std::map<std::string, std::string> planned_answers(const std::string& zone) {
  const plan::Plan p = testing::plan_of(testing::read_file(example()));
  std::map<std::string, std::vector<std::string>> lines;
  for (const plan::DnsRecord& r : p.dns) {
    if (r.view == plan::View::external && r.zone == zone) {
      lines[r.name + " " + plan::to_string(r.type)].push_back(render::master_data(r));
    }
  }
  std::map<std::string, std::string> out;
  for (auto& [key, values] : lines) {
    std::sort(values.begin(), values.end());
    for (const std::string& v : values) {
      out[key] += v + "\n";
    }
  }
  return out;
}

void expect_served(const char* server, int port, const std::string& zone) {
  const auto expected = planned_answers(zone);
  ASSERT_FALSE(expected.empty());
  for (const auto& [key, answer] : expected) {
    const std::string name = key.substr(0, key.find(' '));
    const std::string type = key.substr(key.find(' ') + 1);
    EXPECT_EQ(ask(server, port, type, name), answer) << key;
  }
}

std::string soa_serial(const char* server, int port, const std::string& zone) {
  const std::string soa = ask(server, port, "SOA", zone);
  std::size_t at = 0;
  for (int field = 0; field < 2 && at != std::string::npos; ++field) {
    at = soa.find(' ', at + 1);
  }
  return at == std::string::npos ? soa : soa.substr(at + 1, soa.find(' ', at + 1) - at - 1);
}

class BindPrimary {
public:
  // contoso.com: the key may transfer and update; fabrikam.com: transfer only unless
  // `fabrikam_updatable`; nothing else.
  explicit BindPrimary(bool fabrikam_updatable = false)
      : dir_(fs::temp_directory_path() / ("lyncplan-apply-bind-" + std::to_string(::getpid()))) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    port_ = testing::free_port(kBind);
    testing::write_file(dir_ / "contoso.com.zone", kContoso);
    testing::write_file(dir_ / "fabrikam.com.zone", kSoa);
    testing::write_file(dir_ / "key.conf", bind_key("lyncplan-test", kSecret));
    const std::string zone_options =
        "allow-transfer { key \"lyncplan-test\"; }; allow-update { key \"lyncplan-test\"; };";
    testing::write_file(
        dir_ / "named.conf",
        fmt::format("include \"{0}/key.conf\";\ncontrols {{ }};\noptions {{ directory \"{0}\"; "
                    "pid-file \"{0}/named.pid\"; listen-on port {1} {{ {2}; }}; listen-on-v6 {{ "
                    "none; }}; recursion no; dnssec-validation no; }};\n"
                    "zone \"contoso.com\" {{ type primary; file \"{0}/contoso.com.zone\"; {3} }};\n"
                    "zone \"fabrikam.com\" {{ type primary; file \"{0}/fabrikam.com.zone\"; {4} "
                    "}};\n",
                    dir_.string(), port_, kBind, zone_options,
                    fabrikam_updatable ? zone_options
                                       : "allow-transfer { key \"lyncplan-test\"; }; "
                                         "allow-update { none; };"));
    named_ = std::make_unique<testing::ServerProcess>(
        std::vector<std::string>{"named", "-g", "-n", "1", "-c", (dir_ / "named.conf").string()},
        (dir_ / "named.log").string());
    ready_ = named_->wait_listening(kBind, port_);
  }
  ~BindPrimary() {
    named_.reset();
    fs::remove_all(dir_);
  }
  BindPrimary(const BindPrimary&) = delete;
  BindPrimary& operator=(const BindPrimary&) = delete;

  bool ready() const { return ready_; }
  int port() const { return port_; }
  std::string server() const { return std::string(kBind) + ":" + std::to_string(port_); }
  fs::path key() const { return dir_ / "key.conf"; }
  const fs::path& dir() const { return dir_; }
  std::string log() const { return testing::read_file(dir_ / "named.log"); }

  testing::CliRun apply(std::vector<std::string> extra, const fs::path& key = {}) const {
    std::vector<std::string> args = {"apply",    example(),
                                     "--server", server(),
                                     "--tsig",   (key.empty() ? this->key() : key).string(),
                                     "--view",   "external"};
    args.insert(args.end(), extra.begin(), extra.end());
    return testing::run_cli(args);
  }

private:
  fs::path dir_;
  int port_ = 0;
  std::unique_ptr<testing::ServerProcess> named_;
  bool ready_ = false;
};

TEST(ApplyLab, BindTakesThePlanOnceAndASecondRunChangesNothing) {
  LYNCPLAN_SKIP_IF_MISSING(testing::first_missing({"named", "dig"}));
  BindPrimary bind;
  ASSERT_TRUE(bind.ready()) << bind.log();
  const int port = bind.port();

  // A dry run reads and tells, and sends nothing.
  const auto dry = bind.apply({"--zone", "contoso.com", "--dry-run"});
  EXPECT_EQ(dry.rc, 0) << dry.err;
  EXPECT_NE(dry.out.find("would change"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("- _sip._tls.contoso.com. 60 IN SRV 0 0 443 sip.old-provider.test."),
            std::string::npos)
      << dry.out;
  EXPECT_EQ(ask(kBind, port, "SRV", "_sip._tls.contoso.com"), "0 0 443 sip.old-provider.test.\n");
  EXPECT_EQ(soa_serial(kBind, port, "contoso.com"), "1");

  const auto applied = bind.apply({"--zone", "contoso.com"});
  ASSERT_EQ(applied.rc, 0) << applied.out << applied.err;
  expect_served(kBind, port, "contoso.com");
  // The customer's own record stays; the unplanned Lync record is kept and said.
  EXPECT_EQ(ask(kBind, port, "A", "www.contoso.com"), "192.0.2.7\n");
  EXPECT_EQ(ask(kBind, port, "A", "lyncdiscoverinternal.contoso.com"), "10.9.9.9\n");
  EXPECT_NE(applied.out.find("= lyncdiscoverinternal.contoso.com. 60 IN A 10.9.9.9"),
            std::string::npos)
      << applied.out;
  const std::string serial = soa_serial(kBind, port, "contoso.com");
  EXPECT_EQ(serial, "2") << "one UPDATE for the zone";

  const auto again = bind.apply({"--zone", "contoso.com"});
  EXPECT_EQ(again.rc, 0) << again.err;
  EXPECT_NE(again.out.find("0 changed (0 records added, 0 deleted), 1 as planned"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(soa_serial(kBind, port, "contoso.com"), serial) << "nothing sent the second time";

  const auto pruned = bind.apply({"--zone", "contoso.com", "--prune"});
  EXPECT_EQ(pruned.rc, 0) << pruned.err;
  EXPECT_EQ(ask(kBind, port, "A", "lyncdiscoverinternal.contoso.com"), "");
  EXPECT_EQ(ask(kBind, port, "A", "www.contoso.com"), "192.0.2.7\n");
  expect_served(kBind, port, "contoso.com");
}

TEST(ApplyLab, BindFailuresAreClearAndChangeNothing) {
  LYNCPLAN_SKIP_IF_MISSING(testing::first_missing({"named", "dig"}));
  BindPrimary bind;
  ASSERT_TRUE(bind.ready()) << bind.log();
  const int port = bind.port();
  const fs::path dir = bind.dir();

  // The right name with another secret: BADSIG, exit 2, the rest not tried.
  testing::write_file(dir / "wrong.conf", bind_key("lyncplan-test", kOtherSecret));
  const auto wrong = bind.apply({}, dir / "wrong.conf");
  EXPECT_EQ(wrong.rc, 2);
  EXPECT_NE(wrong.err.find("BADSIG"), std::string::npos) << wrong.err;
  EXPECT_NE(wrong.err.find("1 more zone not tried"), std::string::npos) << wrong.err;
  // A key the server does not have: BADKEY.
  testing::write_file(dir / "unknown.conf", bind_key("someone-else", kSecret));
  const auto unknown = bind.apply({}, dir / "unknown.conf");
  EXPECT_EQ(unknown.rc, 2);
  EXPECT_NE(unknown.err.find("BADKEY"), std::string::npos) << unknown.err;
  EXPECT_EQ(ask(kBind, port, "SRV", "_sip._tls.contoso.com"), "0 0 443 sip.old-provider.test.\n");

  // fabrikam.com may be read but not updated: refused, exit 3, and contoso.com still done.
  const auto refused = bind.apply({});
  EXPECT_EQ(refused.rc, 3) << refused.out;
  EXPECT_NE(refused.err.find("zone fabrikam.com: refused"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("nothing was changed"), std::string::npos) << refused.err;
  EXPECT_EQ(ask(kBind, port, "A", "lyncdiscover.fabrikam.com"), "");
  expect_served(kBind, port, "contoso.com");

  // A zone the server does not serve: a hosted tenant's zone.
  const auto other = testing::run_cli(
      {"apply", testing::source_path("examples/hosting-provider.yaml"), "--server", bind.server(),
       "--tsig", bind.key().string(), "--view", "external", "--zone", "tailspin.com"});
  EXPECT_EQ(other.rc, 3) << other.out << other.err;
  EXPECT_NE(other.err.find("zone tailspin.com: zone not served"), std::string::npos) << other.err;

  // A server that takes the connection and never answers: a timeout, exit 3.
  testing::Listener silent(kBind, 4);
  const auto quiet = testing::run_cli(
      {"apply", example(), "--server", std::string(kBind) + ":" + std::to_string(silent.port),
       "--tsig", bind.key().string(), "--view", "external", "--timeout", "0.5"});
  EXPECT_EQ(quiet.rc, 3);
  EXPECT_NE(quiet.err.find("did not answer within 0.5 s"), std::string::npos) << quiet.err;
}

TEST(ApplyLab, AnUpdateAfterTheZoneChangedIsRefusedWhole) {
  LYNCPLAN_SKIP_IF_MISSING(testing::first_missing({"named", "nsupdate", "dig"}));
  BindPrimary bind;
  ASSERT_TRUE(bind.ready()) << bind.log();
  const auto endpoint = dns::parse_endpoint(bind.server(), 53);
  ASSERT_TRUE(endpoint);
  const apply::UpdateClient client(*endpoint, {"lyncplan-test", "hmac-sha256", kSecret},
                                   std::chrono::seconds(5));
  auto read = client.read_zone("contoso.com");
  ASSERT_TRUE(read) << read.error().message;
  const plan::Plan p = testing::plan_of(testing::read_file(example()));
  std::vector<plan::DnsRecord> planned;
  std::copy_if(p.dns.begin(), p.dns.end(), std::back_inserter(planned), [](const auto& r) {
    return r.view == plan::View::external && r.zone == "contoso.com";
  });
  const apply::ZoneChanges changes =
      apply::zone_changes("contoso.com", planned, {}, read->records, false);
  ASSERT_FALSE(changes.empty());
  // Someone else changes the zone between lyncplan's read and its update.
  testing::write_file(bind.dir() / "other.nsupdate",
                      fmt::format("server {} {}\nzone contoso.com.\nupdate add ftp.contoso.com. "
                                  "60 IN A 192.0.2.9\nsend\n",
                                  kBind, bind.port()));
  const auto other =
      shell("nsupdate -k " + bind.key().string() + " " + (bind.dir() / "other.nsupdate").string());
  ASSERT_EQ(other.rc, 0) << other.out;
  const auto problem = client.update(*read, changes);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->failure, apply::Failure::changed) << problem->message;
  EXPECT_EQ(ask(kBind, bind.port(), "A", "lyncdiscover.contoso.com"), "") << "nothing applied";
  EXPECT_EQ(ask(kBind, bind.port(), "A", "ftp.contoso.com"), "192.0.2.9\n");
}

TEST(ApplyLab, KnotTakesThePlanWithAKnotKeyFile) {
  LYNCPLAN_SKIP_IF_MISSING(testing::first_missing({"knotd", "dig"}));
  const fs::path dir =
      fs::temp_directory_path() / ("lyncplan-apply-knot-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "zones");
  fs::create_directories(dir / "db");
  testing::write_file(dir / "zones" / "contoso.com.zone", kContoso);
  testing::write_file(dir / "zones" / "fabrikam.com.zone", kSoa);
  const int port = testing::free_port(kKnot);
  const std::string key_section = std::string("key:\n  - id: lyncplan-test\n    algorithm: "
                                              "hmac-sha256\n    secret: ") +
                                  kSecret + "\n";
  testing::write_file(dir / "key.yaml", "# keymgr -t lyncplan-test\n" + key_section);
  testing::write_file(
      dir / "knot.conf",
      "server:\n  listen: " + std::string(kKnot) + "@" + std::to_string(port) + "\n  rundir: " +
          dir.string() + "\ndatabase:\n  storage: " + (dir / "db").string() + "\n" + key_section +
          "acl:\n  - id: lyncplan\n    key: lyncplan-test\n    action: [transfer, update]\n"
          "template:\n  - id: default\n    storage: " +
          (dir / "zones").string() +
          "\n    zonefile-sync: -1\n    zonefile-load: difference-no-serial\n"
          "    journal-content: all\n    acl: lyncplan\nzone:\n  - domain: contoso.com\n"
          "    file: contoso.com.zone\n  - domain: fabrikam.com\n    file: fabrikam.com.zone\n");
  {
    testing::ServerProcess knot({"knotd", "-c", (dir / "knot.conf").string()},
                                (dir / "knot.log").string());
    ASSERT_TRUE(knot.wait_listening(kKnot, port)) << testing::read_file(dir / "knot.log");
    ASSERT_EQ(ask(kKnot, port, "A", "www.contoso.com"), "192.0.2.7\n")
        << testing::read_file(dir / "knot.log");
    const std::string server = std::string(kKnot) + ":" + std::to_string(port);
    const std::vector<std::string> args = {"apply",  example(), "--server",
                                           server,   "--tsig",  (dir / "key.yaml").string(),
                                           "--view", "external"};
    const auto applied = testing::run_cli(args);
    ASSERT_EQ(applied.rc, 0) << applied.out << applied.err << testing::read_file(dir / "knot.log");
    expect_served(kKnot, port, "contoso.com");
    expect_served(kKnot, port, "fabrikam.com");
    EXPECT_EQ(ask(kKnot, port, "A", "www.contoso.com"), "192.0.2.7\n");
    const std::string serial = soa_serial(kKnot, port, "contoso.com");
    const auto again = testing::run_cli(args);
    EXPECT_EQ(again.rc, 0) << again.err;
    EXPECT_NE(again.out.find("0 changed (0 records added, 0 deleted), 2 as planned"),
              std::string::npos)
        << again.out;
    EXPECT_EQ(soa_serial(kKnot, port, "contoso.com"), serial);
  }
  fs::remove_all(dir);
}

TEST(DnsUpdates, TheNsupdateScriptGivesBindThePlanAndARerunChangesNothing) {
  LYNCPLAN_SKIP_IF_MISSING(testing::first_missing({"named", "nsupdate", "dig"}));
  BindPrimary bind(true);
  ASSERT_TRUE(bind.ready()) << bind.log();
  const fs::path script = bind.dir() / "plan.nsupdate";
  const auto planned =
      testing::run_cli({"plan", example(), "-f", "nsupdate", "-o", script.string()});
  ASSERT_EQ(planned.rc, 0) << planned.err;
  EXPECT_NE(planned.err.find("the internal view's 30 records are not in this output"),
            std::string::npos)
      << planned.err;
  testing::write_file(script, fmt::format("server {} {}\n", kBind, bind.port()) +
                                  testing::read_file(script));
  const std::string nsupdate = "nsupdate -k " + bind.key().string() + " " + script.string();
  const auto sent = shell(nsupdate);
  ASSERT_EQ(sent.rc, 0) << sent.out << bind.log();
  expect_served(kBind, bind.port(), "contoso.com");
  expect_served(kBind, bind.port(), "fabrikam.com");
  EXPECT_EQ(ask(kBind, bind.port(), "A", "www.contoso.com"), "192.0.2.7\n");
  const auto again = shell(nsupdate);
  ASSERT_EQ(again.rc, 0) << again.out;
  expect_served(kBind, bind.port(), "contoso.com");
  // What apply reads afterwards is the plan exactly.
  const auto check = bind.apply({"--dry-run"});
  EXPECT_NE(check.out.find("0 would change (0 records added, 0 deleted), 2 as planned"),
            std::string::npos)
      << check.out;
}

TEST(DnsUpdates, ThePdnsSqlGivesPowerDnsThePlanAndARerunChangesNothing) {
  LYNCPLAN_SKIP_IF_MISSING(testing::first_missing({"pdns_server", "sqlite3", "dig"}));
  const fs::path schema = "/usr/share/doc/pdns-backend-sqlite3/schema.sqlite3.sql";
  LYNCPLAN_SKIP_IF_MISSING(fs::exists(schema) ? "" : "pdns-backend-sqlite3");
  const char* address = "127.0.0.104";
  const fs::path dir =
      fs::temp_directory_path() / ("lyncplan-plan-pdns-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path db = dir / "pdns.sqlite3";
  ASSERT_EQ(shell("sqlite3 " + db.string() + " < " + schema.string()).rc, 0);
  // contoso.com exists already, with a stale SRV and a record of its own.
  ASSERT_EQ(shell("sqlite3 " + db.string() +
                  " \"INSERT INTO domains (name, type) VALUES ('contoso.com', 'NATIVE'); "
                  "INSERT INTO records (domain_id, name, type, content, ttl) VALUES "
                  "(1, 'contoso.com', 'SOA', 'ns.provider.test hostmaster.provider.test 1 3600 "
                  "600 86400 60', 60), (1, 'contoso.com', 'NS', 'ns.provider.test', 60), "
                  "(1, '_sip._tls.contoso.com', 'SRV', '0 0 443 sip.old-provider.test', 60), "
                  "(1, 'www.contoso.com', 'A', '192.0.2.7', 60);\"")
                .rc,
            0);
  const fs::path sql = dir / "plan.pdns.sql";
  const auto planned = testing::run_cli({"plan", example(), "-f", "pdns", "-o", sql.string()});
  ASSERT_EQ(planned.rc, 0) << planned.err;
  const std::string load = "sqlite3 -bail " + db.string() + " < " + sql.string();
  const auto loaded = shell(load);
  ASSERT_EQ(loaded.rc, 0) << loaded.out;
  const std::string count = "sqlite3 " + db.string() + " 'SELECT COUNT(*) FROM records'";
  const std::string rows = shell(count).out;
  ASSERT_EQ(shell(load).rc, 0);
  EXPECT_EQ(shell(count).out, rows) << "a rerun adds nothing";

  const int port = testing::free_port(address);
  testing::write_file(dir / "pdns.conf", "launch=gsqlite3\ngsqlite3-database=" + db.string() +
                                             "\nlocal-address=" + address + "\nlocal-port=" +
                                             std::to_string(port) + "\nsocket-dir=" + dir.string() +
                                             "\nguardian=no\ndaemon=no\ndisable-syslog=yes\n");
  {
    testing::ServerProcess pdns({"pdns_server", "--config-dir=" + dir.string()},
                                (dir / "pdns.log").string());
    ASSERT_TRUE(pdns.wait_listening(address, port)) << testing::read_file(dir / "pdns.log");
    expect_served(address, port, "contoso.com");
    expect_served(address, port, "fabrikam.com");
    EXPECT_EQ(ask(address, port, "A", "www.contoso.com"), "192.0.2.7\n");
    // The zone that existed keeps its SOA; the new one has the placeholder the plan says.
    EXPECT_EQ(ask(address, port, "NS", "contoso.com"), "ns.provider.test.\n");
    EXPECT_EQ(ask(address, port, "NS", "fabrikam.com"), "ns.invalid.\n");
  }
  fs::remove_all(dir);
}

} // namespace
} // namespace lyncplan
