// `lyncplan tenant add|remove` applied by real DNS servers: the nsupdate script sent with TSIG
// to a BIND primary, and the pdnsutil commands run against PowerDNS with its SQLite backend;
// every planned record queried back after adding, none left after removing, other records kept.
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/requires.hpp"
#include "support/servers.hpp"
#include "support/shell.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace lyncplan {
namespace {

namespace fs = std::filesystem;

// named binds only to addresses an interface holds: 127.0.0.1, not the rest of 127/8.
constexpr const char* kBind = "127.0.0.1";
constexpr const char* kPowerDns = "127.0.0.102";
// A test-only TSIG secret (base64 of 32 bytes).
constexpr const char* kSecret = "bHluY3BsYW4tdGVzdC1rZXktbm90LWEtc2VjcmV0ISE=";

using testing::ask;
using testing::Shell;
using testing::shell;

std::string topology() {
  return testing::source_path("examples/hosting-provider.yaml");
}

// The steps as lyncplan writes them, in a file.
fs::path steps(const fs::path& dir, const std::string& change, const std::string& form,
               const std::string& tenant, std::vector<std::string> extra = {}) {
  const fs::path out = dir / (change + "." + form);
  std::vector<std::string> args = {"tenant", change, topology(), tenant,
                                   "-f",     form,   "-o",       out.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto run = testing::run_cli(args);
  EXPECT_EQ(run.rc, 0) << run.err;
  return out;
}

const std::string kSoa = "$TTL 60\n@ SOA ns.provider.test. hostmaster.provider.test. 1 3600 600 "
                         "86400 60\n@ NS ns.provider.test.\n";

TEST(TenantDnsLab, NsupdateWithTsigAddsAndRemovesExactlyThePlannedRecords) {
  LYNCPLAN_SKIP_IF_MISSING(testing::first_missing({"named", "nsupdate", "dig"}));
  const fs::path dir =
      fs::temp_directory_path() / ("lyncplan-tenant-bind-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const int port = testing::free_port(kBind);
  // fabrikam.com is new and empty; it already has an old SRV pointing elsewhere and a record of
  // its own that must survive.
  testing::write_file(dir / "fabrikam.com.zone",
                      kSoa + "_sip._tls SRV 0 0 443 sip.old-provider.test.\nwww A 192.0.2.7\n");
  testing::write_file(dir / "key.conf", std::string("key \"lyncplan-test\" { algorithm "
                                                    "hmac-sha256; secret \"") +
                                            kSecret + "\"; };\n");
  testing::write_file(dir / "named.conf",
                      "include \"" + (dir / "key.conf").string() +
                          "\";\ncontrols { };\noptions { directory \"" + dir.string() +
                          "\"; pid-file \"" + (dir / "named.pid").string() + "\"; listen-on port " +
                          std::to_string(port) + " { " + kBind +
                          "; }; listen-on-v6 { none; }; recursion no; dnssec-validation no; };\n"
                          "zone \"fabrikam.com\" { type primary; file \"" +
                          (dir / "fabrikam.com.zone").string() +
                          "\"; allow-update { key \"lyncplan-test\"; }; };\n");
  testing::ServerProcess named({"named", "-g", "-n", "1", "-c", (dir / "named.conf").string()},
                               (dir / "named.log").string());
  ASSERT_TRUE(named.wait_listening(kBind, port)) << testing::read_file(dir / "named.log");

  const std::string server = std::string(kBind) + ":" + std::to_string(port);
  const fs::path add = steps(dir, "add", "nsupdate", "fabrikam.com", {"--server", server});
  const std::string nsupdate = "nsupdate -k " + (dir / "key.conf").string() + " ";
  const Shell added = shell(nsupdate + add.string());
  ASSERT_EQ(added.rc, 0) << added.out << testing::read_file(add);
  EXPECT_EQ(ask(kBind, port, "SRV", "_sip._tls.fabrikam.com"),
            "0 0 443 sipexternal.contoso.com.\n");
  EXPECT_EQ(ask(kBind, port, "SRV", "_sipfederationtls._tcp.fabrikam.com"),
            "0 0 5061 sipexternal.contoso.com.\n");
  EXPECT_EQ(ask(kBind, port, "A", "lyncdiscover.fabrikam.com"), "203.0.113.20\n");
  EXPECT_EQ(ask(kBind, port, "A", "www.fabrikam.com"), "192.0.2.7\n");
  // What tenant add wrote is what scan expects: the tenant is right.
  testing::write_file(dir / "tenants.txt", "fabrikam.com\n");
  const auto scanned = testing::run_cli({"scan", (dir / "tenants.txt").string(), "--topology",
                                         topology(), "--resolver", server, "--format", "json"});
  EXPECT_EQ(scanned.rc, 0) << scanned.out << scanned.err;
  EXPECT_NE(scanned.out.find("\"status\":\"ok\""), std::string::npos) << scanned.out;
  // A second run changes nothing.
  EXPECT_EQ(shell(nsupdate + add.string()).rc, 0);
  EXPECT_EQ(ask(kBind, port, "SRV", "_sip._tls.fabrikam.com"),
            "0 0 443 sipexternal.contoso.com.\n");

  // A wrong key is refused by the server, and nothing changes.
  testing::write_file(dir / "wrong.conf", "key \"lyncplan-test\" { algorithm hmac-sha256; secret "
                                          "\"d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXkhIQ==\"; };\n");
  const fs::path remove = steps(dir, "remove", "nsupdate", "fabrikam.com", {"--server", server});
  const Shell refused =
      shell("nsupdate -k " + (dir / "wrong.conf").string() + " " + remove.string());
  EXPECT_NE(refused.rc, 0) << refused.out;
  EXPECT_EQ(ask(kBind, port, "A", "lyncdiscover.fabrikam.com"), "203.0.113.20\n");

  const Shell removed = shell(nsupdate + remove.string());
  ASSERT_EQ(removed.rc, 0) << removed.out;
  EXPECT_EQ(ask(kBind, port, "SRV", "_sip._tls.fabrikam.com"), "");
  EXPECT_EQ(ask(kBind, port, "SRV", "_sipfederationtls._tcp.fabrikam.com"), "");
  EXPECT_EQ(ask(kBind, port, "A", "lyncdiscover.fabrikam.com"), "");
  EXPECT_EQ(ask(kBind, port, "A", "www.fabrikam.com"), "192.0.2.7\n");
  fs::remove_all(dir);
}

TEST(TenantDnsLab, PdnsutilCommandsServeTheTenantFromPowerDns) {
  LYNCPLAN_SKIP_IF_MISSING(testing::first_missing({"pdns_server", "pdnsutil", "sqlite3", "dig"}));
  const fs::path schema = "/usr/share/doc/pdns-backend-sqlite3/schema.sqlite3.sql";
  LYNCPLAN_SKIP_IF_MISSING(fs::exists(schema) ? "" : "pdns-backend-sqlite3");
  const fs::path dir =
      fs::temp_directory_path() / ("lyncplan-tenant-pdns-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const int port = testing::free_port(kPowerDns);
  const fs::path db = dir / "pdns.sqlite3";
  ASSERT_EQ(shell("sqlite3 " + db.string() + " < " + schema.string()).rc, 0);
  // No caches: each query reads the backend, so a change is seen at once.
  testing::write_file(dir / "pdns.conf",
                      "launch=gsqlite3\ngsqlite3-database=" + db.string() +
                          "\nlocal-address=" + kPowerDns + "\nlocal-port=" + std::to_string(port) +
                          "\nsocket-dir=" + dir.string() +
                          "\nguardian=no\ndaemon=no\ndisable-syslog=yes\ncache-ttl=0\n"
                          "query-cache-ttl=0\nnegquery-cache-ttl=0\nzone-cache-refresh-interval=0"
                          "\ndefault-soa-content=ns.provider.test. hostmaster.@ 0 10800 3600 "
                          "604800 60\n");
  const std::string pdnsutil = "PDNSUTIL='pdnsutil --config-dir=" + dir.string() + "' sh ";
  const fs::path add = steps(dir, "add", "pdns", "fabrikam.com");
  const Shell added = shell(pdnsutil + add.string());
  ASSERT_EQ(added.rc, 0) << added.out;
  // The zone existed after the first run: a second run replaces, and creates nothing twice.
  const Shell again = shell(pdnsutil + add.string());
  ASSERT_EQ(again.rc, 0) << again.out;
  ASSERT_EQ(
      shell("pdnsutil --config-dir=" + dir.string() + " add-record fabrikam.com www A 60 192.0.2.7")
          .rc,
      0);

  testing::ServerProcess pdns({"pdns_server", "--config-dir=" + dir.string()},
                              (dir / "pdns.log").string());
  ASSERT_TRUE(pdns.wait_listening(kPowerDns, port)) << testing::read_file(dir / "pdns.log");
  EXPECT_EQ(ask(kPowerDns, port, "SRV", "_sip._tls.fabrikam.com"),
            "0 0 443 sipexternal.contoso.com.\n");
  EXPECT_EQ(ask(kPowerDns, port, "SRV", "_sipfederationtls._tcp.fabrikam.com"),
            "0 0 5061 sipexternal.contoso.com.\n");
  EXPECT_EQ(ask(kPowerDns, port, "A", "lyncdiscover.fabrikam.com"), "203.0.113.20\n");

  const fs::path remove = steps(dir, "remove", "pdns", "fabrikam.com");
  const Shell removed = shell(pdnsutil + remove.string());
  ASSERT_EQ(removed.rc, 0) << removed.out;
  EXPECT_EQ(ask(kPowerDns, port, "SRV", "_sip._tls.fabrikam.com"), "");
  EXPECT_EQ(ask(kPowerDns, port, "A", "lyncdiscover.fabrikam.com"), "");
  EXPECT_EQ(ask(kPowerDns, port, "A", "www.fabrikam.com"), "192.0.2.7\n");
  fs::remove_all(dir);
}

} // namespace
} // namespace lyncplan
