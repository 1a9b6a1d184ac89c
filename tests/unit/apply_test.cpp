// The pure parts of `lyncplan apply`: TSIG key files in BIND's and Knot's forms (every problem
// at its position) and the changes that make a zone hold the plan.
#include <lyncplan/apply/changes.hpp>
#include <lyncplan/apply/tsig_key.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace lyncplan {
namespace {

using apply::Why;
using apply::ZoneRecord;

constexpr const char* kSecret = "bHluY3BsYW4tdGVzdC1rZXktbm90LWEtc2VjcmV0ISE=";

std::vector<std::string> problems(const std::string& text) {
  auto key = apply::parse_tsig_key(text, "k.conf");
  std::vector<std::string> out;
  if (!key) {
    for (const auto& d : key.error()) {
      out.push_back(util::format(d));
    }
  }
  return out;
}

TEST(TsigKey, ReadsTsigKeygenOutput) {
  const auto key = apply::parse_tsig_key(
      std::string("key \"lyncplan-update\" {\n\talgorithm hmac-sha256;\n\tsecret \"") + kSecret +
          "\";\n};\n",
      "k.conf");
  ASSERT_TRUE(key);
  EXPECT_EQ(key->name, "lyncplan-update");
  EXPECT_EQ(key->algorithm, "hmac-sha256");
  EXPECT_EQ(key->secret, kSecret);
}

TEST(TsigKey, ReadsKeymgrOutputAndComments) {
  const auto key = apply::parse_tsig_key(
      std::string("# hmac-sha512:lyncplan:...\nkey:\n  - id: lyncplan\n    algorithm: "
                  "HMAC-SHA512\n    secret: ") +
          kSecret + "\n",
      "k.yaml");
  ASSERT_TRUE(key);
  EXPECT_EQ(key->name, "lyncplan");
  EXPECT_EQ(key->algorithm, "hmac-sha512");
}

TEST(TsigKey, ReportsEveryProblemAtItsPosition) {
  EXPECT_EQ(problems("key \"x\" {\n algorithm hmac-sha257;\n secret \"abc\";\n foo bar;\n};\n"),
            (std::vector<std::string>{
                "k.conf:2:12: unknown TSIG algorithm 'hmac-sha257'; expected one of hmac-sha256, "
                "hmac-sha512, hmac-sha384, hmac-sha224, hmac-sha1, hmac-md5",
                "k.conf:3:9: the secret is not base64; expected the secret as tsig-keygen or "
                "keymgr wrote it",
                "k.conf:4:2: unknown key option 'foo'; expected algorithm or secret"}));
  EXPECT_EQ(problems("key \"x\" { algorithm hmac-sha256; };"),
            (std::vector<std::string>{"k.conf:1:1: the key has no secret; expected one"}));
  EXPECT_EQ(problems("key \"x\" { algorithm hmac-sha256 secret \"a\"; };"),
            (std::vector<std::string>{"k.conf:1:33: expected ; after the algorithm"}));
  EXPECT_EQ(problems("options { };"),
            (std::vector<std::string>{"k.conf:1:1: expected a key statement: key \"NAME\" { "
                                      "algorithm hmac-sha256; secret \"...\"; };"}));
  EXPECT_EQ(problems(std::string("key \"a\" { algorithm hmac-sha256; secret \"") + kSecret +
                     "\"; };\nkey \"b\" { };\n"),
            (std::vector<std::string>{"k.conf:2:1: expected one key per file; give the file of "
                                      "the key the server accepts updates with"}));
  EXPECT_EQ(problems("key \"a\" { secret \"unterminated; };"),
            (std::vector<std::string>{"k.conf:1:18: string never closed; expected \""}));
  EXPECT_EQ(problems("key:\n  - id: a\n    algorithm: hmac-sha256\n    secrit: x\n"),
            (std::vector<std::string>{
                "k.conf:4:5: unknown key option 'secrit'; expected id, algorithm or secret"}));
  EXPECT_EQ(problems(""), (std::vector<std::string>{"k.conf:1:1: expected a key statement: key "
                                                    "\"NAME\" { algorithm hmac-sha256; secret "
                                                    "\"...\"; };"}));
}

plan::DnsRecord srv(const std::string& name, const std::string& target, std::uint16_t port) {
  plan::DnsRecord r;
  r.zone = "contoso.com";
  r.name = name;
  r.type = plan::RrType::SRV;
  r.value = target;
  r.port = port;
  return r;
}

plan::DnsRecord a(const std::string& name, const std::string& ip, std::uint32_t ttl = 3600) {
  plan::DnsRecord r;
  r.zone = "contoso.com";
  r.name = name;
  r.type = ip.find(':') == std::string::npos ? plan::RrType::A : plan::RrType::AAAA;
  r.value = ip;
  r.ttl = ttl;
  return r;
}

std::vector<std::string> lines(const std::vector<apply::Change>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) {
    out.push_back(c.record.name + " " + c.record.type + " " + std::to_string(c.record.ttl) + " " +
                  c.record.data + " (" + apply::to_string(c.why) + ")");
  }
  return out;
}

TEST(ZoneChanges, MakesPlannedSetsExactAndLeavesOtherNamesAlone) {
  const std::vector<plan::DnsRecord> planned = {
      srv("_sip._tls.contoso.com", "sip.contoso.com", 443), a("sip.contoso.com", "203.0.113.10"),
      a("sip.contoso.com", "2001:DB8::10"), a("meet.contoso.com", "203.0.113.20", 300)};
  const std::vector<ZoneRecord> current = {
      {"contoso.com", "SOA", 60, "ns. host. 1 2 3 4 5"},
      {"contoso.com", "NS", 60, "ns.provider.test."},
      {"_sip._tls.contoso.com", "SRV", 3600, "0 0 443 SIP.contoso.com."}, // case differs only
      {"sip.contoso.com", "A", 3600, "198.51.100.1"},                     // stale
      {"sip.contoso.com", "AAAA", 3600, "2001:db8::10"},                  // canonical form
      {"sip.contoso.com", "TXT", 3600, "\"keep me\""},                    // another type
      {"meet.contoso.com", "A", 3600, "203.0.113.20"},                    // TTL differs
      {"lyncdiscover.contoso.com", "CNAME", 3600, "webdir.online.lync.com."},
      {"www.contoso.com", "A", 60, "192.0.2.7"},
  };
  const auto changes = apply::zone_changes("contoso.com", planned, {}, current, false);
  EXPECT_EQ(changes.already, 2U);
  EXPECT_EQ(lines(changes.deletes),
            (std::vector<std::string>{"sip.contoso.com A 3600 198.51.100.1 (not planned at this "
                                      "name)",
                                      "meet.contoso.com A 3600 203.0.113.20 (planned TTL)"}));
  EXPECT_EQ(lines(changes.adds),
            (std::vector<std::string>{"sip.contoso.com A 3600 203.0.113.10 (planned)",
                                      "meet.contoso.com A 300 203.0.113.20 (planned TTL)"}));
  ASSERT_EQ(changes.unplanned.size(), 1U);
  EXPECT_EQ(changes.unplanned[0].name, "lyncdiscover.contoso.com");

  const auto pruned = apply::zone_changes("contoso.com", planned, {}, current, true);
  EXPECT_TRUE(pruned.unplanned.empty());
  EXPECT_EQ(lines(pruned.deletes).back(),
            "lyncdiscover.contoso.com CNAME 3600 webdir.online.lync.com. (Lync record the plan "
            "lacks (--prune))");
}

TEST(ZoneChanges, ClearsCnameConflictsAndDeletesRemovals) {
  plan::DnsRecord cname;
  cname.zone = "contoso.com";
  cname.name = "lyncdiscover.contoso.com";
  cname.type = plan::RrType::CNAME;
  cname.value = "webdir.online.lync.com";
  const std::vector<plan::DnsRecord> planned = {cname, a("sip.contoso.com", "203.0.113.10")};
  const std::vector<plan::DnsRecord> removals = {
      srv("_sipfederationtls._tcp.contoso.com", "sip.contoso.com", 5061)};
  const std::vector<ZoneRecord> current = {
      {"lyncdiscover.contoso.com", "A", 3600, "203.0.113.40"},
      {"sip.contoso.com", "CNAME", 3600, "sipdir.online.lync.com."},
      {"_sipfederationtls._tcp.contoso.com", "SRV", 3600, "0 0 5061 sip.contoso.com."},
      {"_sipfederationtls._tcp.contoso.com", "SRV", 3600, "0 0 5061 other.contoso.com."},
  };
  const auto changes = apply::zone_changes("contoso.com", planned, removals, current, false);
  EXPECT_EQ(lines(changes.deletes),
            (std::vector<std::string>{
                "lyncdiscover.contoso.com A 3600 203.0.113.40 (a CNAME and other records cannot "
                "share a name)",
                "sip.contoso.com CNAME 3600 sipdir.online.lync.com. (a CNAME and other records "
                "cannot share a name)",
                "_sipfederationtls._tcp.contoso.com SRV 3600 0 0 5061 sip.contoso.com. (the plan "
                "removes it)"}));
  EXPECT_EQ(changes.adds.size(), 2U);
  ASSERT_EQ(changes.unplanned.size(), 1U) << "a Lync record the removal does not name is kept";
  EXPECT_EQ(changes.unplanned[0].data, "0 0 5061 other.contoso.com.");
}

TEST(ZoneChanges, AZoneAsPlannedNeedsNothing) {
  const std::vector<plan::DnsRecord> planned = {a("sip.contoso.com", "203.0.113.10")};
  const std::vector<ZoneRecord> current = {{"sip.contoso.com", "A", 3600, "203.0.113.10"}};
  const auto changes = apply::zone_changes("contoso.com", planned, {}, current, true);
  EXPECT_TRUE(changes.empty());
  EXPECT_EQ(changes.already, 1U);
}

} // namespace
} // namespace lyncplan
