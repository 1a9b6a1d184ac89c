// `lyncplan cutover` applied to a real Knot DNS on loopback: the hybrid zone served, the steps
// asked from it live, the nsupdate script sent with TSIG, every target record queried back, and
// a second run and a second send that change nothing.
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/requires.hpp"
#include "support/servers.hpp"
#include "support/shell.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

namespace lyncplan {
namespace {

namespace fs = std::filesystem;
using testing::ask;
using testing::shell;

constexpr const char* kKnot = "127.0.0.1";
// A test-only TSIG secret (base64 of 32 bytes).
constexpr const char* kSecret = "bHluY3BsYW4tdGVzdC1rZXktbm90LWEtc2VjcmV0ISE=";

TEST(CutoverLab, KnotServesTheTargetAfterTheNsupdateScriptAndASecondRunChangesNothing) {
  LYNCPLAN_SKIP_IF_MISSING(testing::first_missing({"knotd", "nsupdate", "dig"}));
  const fs::path dir =
      fs::temp_directory_path() / ("lyncplan-cutover-knot-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "zones");
  fs::create_directories(dir / "db");
  // What the hybrid deployment serves for fabrikam.com today, plus a record of its own.
  const auto planned =
      testing::run_cli({"plan", testing::source_path("examples/se-hybrid-edge.yaml"), "-f", "zone",
                        "-o", (dir / "hybrid").string()});
  ASSERT_EQ(planned.rc, 0) << planned.err;
  testing::write_file(dir / "zones" / "fabrikam.com.zone",
                      testing::read_file(dir / "hybrid" / "external" / "fabrikam.com.zone") +
                          "www\t3600\tIN\tA\t192.0.2.7\n");
  const int port = testing::free_port(kKnot);
  testing::write_file(
      dir / "knot.conf",
      "server:\n  listen: " + std::string(kKnot) + "@" + std::to_string(port) +
          "\n  rundir: " + dir.string() + "\ndatabase:\n  storage: " + (dir / "db").string() +
          "\nkey:\n  - id: lyncplan-test\n    algorithm: hmac-sha256\n    secret: " + kSecret +
          "\nacl:\n  - id: update\n    key: lyncplan-test\n    action: update\n"
          "template:\n  - id: default\n    storage: " +
          (dir / "zones").string() +
          "\n    zonefile-sync: -1\n    zonefile-load: difference-no-serial\n"
          "    journal-content: all\nzone:\n  - domain: fabrikam.com\n"
          "    file: fabrikam.com.zone\n    acl: update\n");
  testing::write_file(dir / "key.conf", std::string("key \"lyncplan-test\" { algorithm "
                                                    "hmac-sha256; secret \"") +
                                            kSecret + "\"; };\n");
  testing::ServerProcess knot({"knotd", "-c", (dir / "knot.conf").string()},
                              (dir / "knot.log").string());
  ASSERT_TRUE(knot.wait_listening(kKnot, port)) << testing::read_file(dir / "knot.log");
  ASSERT_EQ(ask(kKnot, port, "A", "lyncdiscover.fabrikam.com"), "203.0.113.20\n")
      << testing::read_file(dir / "knot.log");

  const std::string server = std::string(kKnot) + ":" + std::to_string(port);
  const std::string topology = testing::source_path("examples/teams-only-cutover.yaml");
  const fs::path script = dir / "cutover.nsupdate";
  const auto steps = testing::run_cli({"cutover", topology, "--domain", "fabrikam.com", "--to",
                                       "teams-only", "--outside-dns", server, "-f", "nsupdate",
                                       "--server", server, "-o", script.string()});
  ASSERT_EQ(steps.rc, 0) << steps.err;
  EXPECT_NE(steps.err.find("cutover.move-users-first"), std::string::npos) << steps.err;
  const std::string nsupdate = "nsupdate -k " + (dir / "key.conf").string() + " " + script.string();
  const auto sent = shell(nsupdate);
  ASSERT_EQ(sent.rc, 0) << sent.out << testing::read_file(script);

  // The target plan of teams-only-cutover.yaml for fabrikam.com, outside: the federation SRV to
  // Microsoft 365 and nothing on premises; the domain's own record stays.
  auto served = [&] {
    return ask(kKnot, port, "SRV", "_sipfederationtls._tcp.fabrikam.com") + "|" +
           ask(kKnot, port, "SRV", "_sip._tls.fabrikam.com") + "|" +
           ask(kKnot, port, "A", "sip.fabrikam.com") + "|" +
           ask(kKnot, port, "A", "lyncdiscover.fabrikam.com") + "|" +
           ask(kKnot, port, "A", "meet.fabrikam.com") + "|" +
           ask(kKnot, port, "A", "www.fabrikam.com");
  };
  const std::string target = "100 1 5061 sipfed.online.lync.com.\n|||||192.0.2.7\n";
  EXPECT_EQ(served(), target);

  // Asked again, the DNS is where the plan wants it: no step.
  const auto again = testing::run_cli({"cutover", topology, "--domain", "fabrikam.com", "--to",
                                       "teams-only", "--outside-dns", server, "-f", "json"});
  ASSERT_EQ(again.rc, 0) << again.err;
  EXPECT_NE(again.out.find("\"steps\": []"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("\"already_right\": 1"), std::string::npos) << again.out;
  // Sending the same script twice changes nothing either.
  ASSERT_EQ(shell(nsupdate).rc, 0);
  EXPECT_EQ(served(), target);
  fs::remove_all(dir);
}

} // namespace
} // namespace lyncplan
