// The scan summary's rate-limit hint: timeouts clustered on one server that answered other
// queries (a response rate limit) say so and suggest --qps; other patterns say nothing.
#include <lyncplan/scan/summary.hpp>

#include <gtest/gtest.h>

namespace lyncplan::scan {
namespace {

RunFigures figures(std::vector<ServerFigures> servers) {
  RunFigures f;
  f.seconds = 2.0;
  f.engine.sent = 4000; // 2,000 queries/s
  for (const auto& s : servers) {
    f.engine.timeouts += s.timeouts;
    f.engine.answered += s.answered;
  }
  f.engine.servers = std::move(servers);
  return f;
}

TEST(ScanSummary, TimeoutsOnOneAnsweringServerHintAtRateLimiting) {
  const auto f = figures({{"127.0.0.88:5353", 3500, 244}, {"127.0.0.89:5353", 3600, 2}});
  const auto hint = rate_limit_hint(f);
  ASSERT_TRUE(hint.has_value());
  EXPECT_NE(hint->find("244 of the 246 timeouts came from 127.0.0.88:5353, which answered 3500 "
                       "other queries"),
            std::string::npos)
      << *hint;
  EXPECT_NE(hint->find("--qps 1000"), std::string::npos) << *hint;
  Summary summary;
  EXPECT_NE(summary_table(summary, f).find("\nhint: 244 of the 246 timeouts"), std::string::npos);
  EXPECT_NE(summary_json(summary, f).find("\"rate_limit_hint\": \"244 of"), std::string::npos);
}

TEST(ScanSummary, OtherTimeoutPatternsGiveNoHint) {
  // A handful of timeouts is the network's noise.
  EXPECT_FALSE(rate_limit_hint(figures({{"127.0.0.88:5353", 3500, 9}})));
  // A server that answered nothing is down, not limiting.
  EXPECT_FALSE(rate_limit_hint(figures({{"127.0.0.88:5353", 0, 400}})));
  // Timeouts spread over every server point at the path or this machine, not one server.
  EXPECT_FALSE(
      rate_limit_hint(figures({{"127.0.0.88:5353", 3500, 120}, {"127.0.0.89:5353", 3500, 100}})));
  Summary summary;
  EXPECT_NE(summary_json(summary, figures({})).find("\"rate_limit_hint\": null"),
            std::string::npos);
}

} // namespace
} // namespace lyncplan::scan
