// A ZoneResolver over zone-file text written in a test ($ORIGIN contoso.com. and $TTL 300 first).
#pragma once

#include <lyncplan/resolve/zone_file.hpp>
#include <lyncplan/resolve/zone_resolver.hpp>

#include <gtest/gtest.h>

#include <string>

namespace lyncplan::testing {

inline resolve::ZoneResolver contoso_zone(const std::string& text) {
  auto parsed = resolve::parse_zone_file("$ORIGIN contoso.com.\n$TTL 300\n" + text, "test.zone");
  EXPECT_TRUE(parsed.has_value()) << "the test's zone text does not parse";
  return resolve::ZoneResolver(parsed ? parsed->records : std::vector<resolve::Rr>{});
}

} // namespace lyncplan::testing
