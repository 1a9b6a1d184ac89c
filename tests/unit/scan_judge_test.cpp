// Scan verdicts as pure functions: expectations from the hosting example's plan, each verdict
// from synthetic answers, the follow-up questions they need, and the JSON line round trip.
#include "support/cli_run.hpp"
#include "support/files.hpp"

#include <lyncplan/scan/judge.hpp>
#include <lyncplan/scan/result_line.hpp>
#include <lyncplan/scan/seen_set.hpp>
#include <lyncplan/scan/tenant_list.hpp>
#include <lyncplan/topology/loader.hpp>

#include <gtest/gtest.h>

namespace lyncplan::scan {
namespace {

using resolve::Status;

Expectations hosting_expectations(bool internal = false) {
  const std::string path = testing::source_path("examples/hosting-provider.yaml");
  auto t = topology::load_topology(testing::read_file(path), path,
                                   [](const std::string&) { return std::string("a.example\n"); });
  EXPECT_TRUE(t);
  auto e = expectations_for(*t, internal);
  EXPECT_TRUE(e) << e.error();
  return *e;
}

Response srv(std::string target, std::uint16_t port, std::uint16_t priority = 0) {
  Response r;
  r.answer.status = Status::ok;
  resolve::Rr rr;
  rr.type = plan::RrType::SRV;
  rr.value = std::move(target);
  rr.port = port;
  rr.priority = priority;
  r.answer.records.push_back(rr);
  return r;
}

Response a(std::string address, std::vector<std::string> cnames = {}) {
  Response r;
  r.answer.status = Status::ok;
  r.answer.cnames = std::move(cnames);
  resolve::Rr rr;
  rr.value = std::move(address);
  r.answer.records.push_back(rr);
  return r;
}

Response status(Status s, std::string zone = {}, std::vector<std::string> cnames = {}) {
  Response r;
  r.answer.status = s;
  r.zone = std::move(zone);
  r.answer.cnames = std::move(cnames);
  return r;
}

std::vector<Verdict> verdicts(const TenantResult& r) {
  std::vector<Verdict> out;
  for (const auto& x : r.records) {
    out.push_back(x.verdict);
  }
  return out;
}

TEST(ScanExpectations, ComeFromThePlansHostingRules) {
  const Expectations e = hosting_expectations();
  EXPECT_EQ(e.provider, "contoso.com");
  ASSERT_EQ(e.records.size(), 3u);
  EXPECT_EQ(e.records[0].owner("t.example"), "_sip._tls.t.example");
  EXPECT_EQ(e.records[0].describe(), "sipexternal.contoso.com:443");
  EXPECT_EQ(e.records[0].rule, "hosting.sip-tls-srv");
  EXPECT_EQ(e.records[1].describe(), "sipexternal.contoso.com:5061");
  EXPECT_EQ(e.records[2].prefix, "lyncdiscover");
  EXPECT_EQ(e.records[2].addresses, std::vector<std::string>{"203.0.113.20"});
  EXPECT_EQ(e.records[2].alias, "lyncdiscover.contoso.com");
  const Expectations internal = hosting_expectations(true);
  ASSERT_EQ(internal.records.size(), 5u);
  EXPECT_EQ(internal.records[3].prefix, "_sipinternaltls._tcp");
  EXPECT_FALSE(internal.records[3].required);
}

TEST(ScanExpectations, NeedAHostingSection) {
  const std::string path = testing::source_path("examples/reference-lync2013.yaml");
  auto t = topology::load_topology(testing::read_file(path), path,
                                   [](const std::string&) { return std::nullopt; });
  ASSERT_TRUE(t);
  auto e = expectations_for(*t, false);
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().find("no hosting section"), std::string::npos);
}

TEST(ScanJudge, AllAsExpected) {
  const Expectations e = hosting_expectations();
  const std::vector<Response> first = {srv("sipexternal.contoso.com", 443),
                                       srv("sipexternal.contoso.com", 5061), a("203.0.113.20")};
  // A right address may be a wildcard's: the scan asks once whether one answers.
  EXPECT_TRUE(follow_ups(e, "t.example", first).wildcard);
  EXPECT_FALSE(follow_ups(e, "t.example", first).apex);
  const Response no_wildcard = status(Status::nxdomain, "t.example");
  const TenantResult r = judge(e, "t.example", first, &no_wildcard, nullptr);
  EXPECT_EQ(verdicts(r), (std::vector<Verdict>{Verdict::outside_namespace,
                                               Verdict::outside_namespace, Verdict::ok}));
  EXPECT_FALSE(r.broken());
  for (const RecordResult& record : r.records) {
    EXPECT_EQ(record.note, "") << record.name;
  }
}

TEST(ScanJudge, RightOnlyThroughAWildcardIsOkWithANote) {
  const Expectations e = hosting_expectations();
  const std::vector<Response> first = {srv("sipexternal.contoso.com", 443),
                                       srv("sipexternal.contoso.com", 5061), a("203.0.113.20")};
  const Response wildcard = a("203.0.113.20");
  std::string line;
  const TenantResult r = judge(e, "t.example", first, &wildcard, nullptr);
  EXPECT_EQ(verdicts(r), (std::vector<Verdict>{Verdict::outside_namespace,
                                               Verdict::outside_namespace, Verdict::ok}));
  EXPECT_FALSE(r.broken());
  EXPECT_EQ(r.records[2].note,
            "lyncdiscover.t.example exists only through a wildcard record (*.t.example gives the "
            "same A): right today, wrong the day the wildcard changes; publish the record itself");
  append_result_line(line, r);
  EXPECT_NE(line.find("\"note\": \"lyncdiscover.t.example exists only through a wildcard"),
            std::string::npos)
      << line;
  line.pop_back();
  auto digest = read_result_line(line);
  ASSERT_TRUE(digest) << digest.error();
  EXPECT_EQ(digest->notes, 1);
  // The same for the CNAME form: a wildcard CNAME to the provider's lyncdiscover name.
  const Response alias = a("203.0.113.20", {"lyncdiscover.contoso.com"});
  const std::vector<Response> aliased = {first[0], first[1], alias};
  const TenantResult c = judge(e, "t.example", aliased, &alias, nullptr);
  EXPECT_EQ(c.records[2].verdict, Verdict::outside_namespace);
  EXPECT_NE(c.records[2].note, "");
  // A wildcard answering something else leaves the tenant's own record without a note.
  const Response other = a("192.0.2.80");
  EXPECT_EQ(judge(e, "t.example", first, &other, nullptr).records[2].note, "");
  // A wildcard probe that timed out is no answer: no note either.
  const Response lost = status(Status::timeout);
  EXPECT_EQ(judge(e, "t.example", first, &lost, nullptr).records[2].note, "");
}

TEST(ScanJudge, WrongTargetWrongPortAndBackupRecords) {
  const Expectations e = hosting_expectations();
  const std::vector<Response> first = {srv("sip.t.example", 443),
                                       srv("sipexternal.contoso.com", 443),
                                       a("203.0.113.20", {"lyncdiscover.contoso.com"})};
  const TenantResult r = judge(e, "t.example", first, nullptr, nullptr);
  EXPECT_EQ(verdicts(r), (std::vector<Verdict>{Verdict::wrong_target, Verdict::wrong_port,
                                               Verdict::outside_namespace}));
  EXPECT_EQ(r.records[0].detail,
            "clients go to sip.t.example:443, not the provider's sipexternal.contoso.com:443");
  // A backup at a higher priority value does not decide where clients go first.
  Response best = srv("sipexternal.contoso.com", 443);
  best.answer.records.push_back(srv("elsewhere.example", 443, 10).answer.records[0]);
  const std::vector<Response> backup = {best, srv("sipexternal.contoso.com", 5061),
                                        a("203.0.113.20")};
  EXPECT_FALSE(judge(e, "t.example", backup, nullptr, nullptr).broken());
}

// A tenant whose records lead to Microsoft 365 (any cloud) has moved to Teams: still not the
// provider's, and said so.
TEST(ScanJudge, ATenantThatMovedToMicrosoft365IsToldSo) {
  const Expectations e = hosting_expectations();
  const std::vector<Response> first = {srv("sipdir.online.gov.skypeforbusiness.us", 443),
                                       srv("sipfed.online.gov.skypeforbusiness.us", 5061),
                                       a("52.112.0.1", {"webdir.online.gov.skypeforbusiness.us"})};
  const TenantResult r = judge(e, "t.example", first, nullptr, nullptr);
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0].verdict, Verdict::wrong_target);
  EXPECT_NE(r.records[0].detail.find("sipdir.online.gov.skypeforbusiness.us is Microsoft 365 GCC "
                                     "High's: the tenant is moving or has moved to Teams"),
            std::string::npos)
      << r.records[0].detail;
  EXPECT_NE(r.records[1].detail.find("has moved to Teams"), std::string::npos);
  // A plain wrong target says nothing of Teams.
  const std::vector<Response> typo = {srv("sip.t.example", 443),
                                      srv("sipexternal.contoso.com", 5061), a("203.0.113.20")};
  EXPECT_EQ(judge(e, "t.example", typo, nullptr, nullptr).records[0].detail.find("Teams"),
            std::string::npos);
}

TEST(ScanJudge, MissingAskWhetherTheZoneExists) {
  const Expectations e = hosting_expectations();
  const std::vector<Response> first = {status(Status::nxdomain, "example"),
                                       status(Status::nxdomain, "example"),
                                       status(Status::nxdomain, "example")};
  const FollowUps f = follow_ups(e, "t.example", first);
  EXPECT_TRUE(f.apex);
  EXPECT_FALSE(f.wildcard);
  const Response absent = status(Status::nxdomain, "example");
  EXPECT_EQ(verdicts(judge(e, "t.example", first, nullptr, &absent)),
            std::vector<Verdict>(3, Verdict::zone_absent));
  const Response exists = status(Status::nodata, "t.example");
  EXPECT_EQ(verdicts(judge(e, "t.example", first, nullptr, &exists)),
            std::vector<Verdict>(3, Verdict::missing));
  // The tenant's own SOA in the answer settles it without asking.
  const std::vector<Response> own = {status(Status::nxdomain, "t.example"),
                                     srv("sipexternal.contoso.com", 5061), a("203.0.113.20")};
  EXPECT_FALSE(follow_ups(e, "t.example", own).apex);
  EXPECT_EQ(judge(e, "t.example", own, nullptr, nullptr).records[0].verdict, Verdict::missing);
}

TEST(ScanJudge, WildcardsAreToldApartFromWrongRecords) {
  const Expectations e = hosting_expectations();
  const std::vector<Response> first = {status(Status::nodata, {}, {"t.example"}),
                                       status(Status::nodata), a("192.0.2.80")};
  EXPECT_TRUE(follow_ups(e, "t.example", first).wildcard);
  const Response wildcard = a("192.0.2.80", {"t.example"});
  const TenantResult r = judge(e, "t.example", first, &wildcard, nullptr);
  EXPECT_EQ(verdicts(r),
            (std::vector<Verdict>{Verdict::wildcard, Verdict::wildcard, Verdict::wrong_target}));
  const Response plain_wildcard = a("192.0.2.80");
  EXPECT_EQ(judge(e, "t.example", first, &plain_wildcard, nullptr).records[2].verdict,
            Verdict::wildcard);
  const Response none = status(Status::nxdomain, "t.example");
  EXPECT_EQ(verdicts(judge(e, "t.example", first, &none, nullptr)),
            (std::vector<Verdict>{Verdict::wrong_target, Verdict::missing, Verdict::wrong_target}));
}

TEST(ScanJudge, TransportFailuresAndOptionalRecords) {
  const Expectations e = hosting_expectations(true);
  const std::vector<Response> first = {
      status(Status::timeout), status(Status::servfail), status(Status::refused),
      status(Status::nxdomain, "t.example"), status(Status::nodata, "t.example")};
  const TenantResult r = judge(e, "t.example", first, nullptr, nullptr);
  EXPECT_EQ(verdicts(r),
            (std::vector<Verdict>{Verdict::timeout, Verdict::servfail, Verdict::refused,
                                  Verdict::optional_absent, Verdict::optional_absent}));
  EXPECT_EQ(r.broken_records(), 3);
  const std::vector<Response> wrong_internal = {
      srv("sipexternal.contoso.com", 443), srv("sipexternal.contoso.com", 5061), a("203.0.113.20"),
      srv("pool.t.example", 5061), status(Status::nxdomain)};
  EXPECT_EQ(judge(e, "t.example", wrong_internal, nullptr, nullptr).records[3].verdict,
            Verdict::wrong_target);
}

TEST(ScanResultLine, RoundTrips) {
  const Expectations e = hosting_expectations();
  const std::vector<Response> first = {srv("sip.t.example", 443),
                                       srv("sipexternal.contoso.com", 5061), a("203.0.113.20")};
  std::string line;
  append_result_line(line, judge(e, "t.example", first, nullptr, nullptr));
  ASSERT_EQ(line.back(), '\n');
  line.pop_back();
  auto digest = read_result_line(line);
  ASSERT_TRUE(digest) << digest.error();
  EXPECT_EQ(digest->tenant, "t.example");
  EXPECT_TRUE(digest->broken);
  EXPECT_EQ(digest->verdicts,
            (std::vector<Verdict>{Verdict::wrong_target, Verdict::outside_namespace, Verdict::ok}));
  EXPECT_FALSE(read_result_line("{\"tenant\":\"t.ex"));
  EXPECT_FALSE(read_result_line("{\"tenant\":\"t.example\",\"records\":[{\"verdict\":\"odd\"}]}"));
}

TEST(ScanTenants, ShardsAreDisjointStableAndComplete) {
  EXPECT_EQ(tenant_hash("tailspin.com"), 0x9f23badf3ae92090ULL); // the same on every machine
  EXPECT_FALSE(parse_shard("0/4"));
  EXPECT_FALSE(parse_shard("5/4"));
  EXPECT_FALSE(parse_shard("1/0"));
  EXPECT_FALSE(parse_shard("2"));
  EXPECT_FALSE(parse_shard("1/4x"));
  ASSERT_TRUE(parse_shard("4/4"));
  std::vector<int> per(4, 0);
  for (int i = 0; i < 4000; ++i) {
    const std::uint64_t h = tenant_hash("t" + std::to_string(i) + ".example");
    int owners = 0;
    for (unsigned k = 1; k <= 4; ++k) {
      if (in_shard(h, {k, 4})) {
        ++owners;
        ++per[k - 1];
      }
    }
    EXPECT_EQ(owners, 1);
  }
  for (int n : per) {
    EXPECT_GT(n, 850);
  }
}

TEST(ScanTenants, SeenSetGrowsAndRemembers) {
  SeenSet seen;
  for (std::uint64_t i = 0; i < 100000; ++i) {
    ASSERT_TRUE(seen.insert(i * 0x9e3779b97f4a7c15ULL));
  }
  EXPECT_EQ(seen.size(), 100000u);
  EXPECT_FALSE(seen.insert(5 * 0x9e3779b97f4a7c15ULL));
  EXPECT_TRUE(seen.contains(99999 * 0x9e3779b97f4a7c15ULL));
  EXPECT_FALSE(seen.contains(3));
}

} // namespace
} // namespace lyncplan::scan
