// One tenant's result as one JSON line (the scan's output contract), and the little a resumed
// scan needs to read back from such a line.
#pragma once

#include <lyncplan/scan/judge.hpp>
#include <lyncplan/util/expected.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::scan {

// Appends {"tenant":...,"status":"ok"|"broken","records":[...]} and a newline to `out`.
void append_result_line(std::string& out, const TenantResult& result);

// What a summary needs from a line written earlier.
struct ResultDigest {
  std::string tenant;
  std::vector<Verdict> verdicts;
  std::vector<std::string> owners; // per verdict: the record's owner prefix ("_sip._tls")
  int notes = 0;                   // records right with a caveat (a wildcard answers them)
  bool broken = false;
};

// Reads a line written by append_result_line (without its newline); an error says what is wrong.
Expected<ResultDigest, std::string> read_result_line(std::string_view line);

} // namespace lyncplan::scan
