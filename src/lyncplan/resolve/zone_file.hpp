// BIND master files read with ldns ($ORIGIN, $TTL, relative names); errors with file and line.
#pragma once

#include <lyncplan/resolve/resolver.hpp>
#include <lyncplan/util/diagnostic.hpp>
#include <lyncplan/util/expected.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::resolve {

struct ZoneFileResult {
  std::vector<Rr> records;          // A, AAAA, CNAME and SRV records; other types are skipped
  std::vector<std::string> origins; // SOA owners (zone apexes) found in the file
};

// Parses zone file text that came from `file_name`. `origin` is used for relative names
// before any $ORIGIN line (default: the root).
Expected<ZoneFileResult, util::Diagnostic> parse_zone_file(std::string_view text,
                                                           const std::string& file_name,
                                                           const std::string& origin = "");

} // namespace lyncplan::resolve
