// Judging one tenant from the answers to its queries: a pure function of the expectations and
// what DNS said, with the two follow-up questions (wildcard, does the domain exist) it may need.
#pragma once

#include <lyncplan/resolve/resolver.hpp>
#include <lyncplan/scan/expectations.hpp>
#include <lyncplan/scan/verdict.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::scan {

// What one query came back with; status timeout when nothing came after every retry.
struct Response {
  resolve::Answer answer;
  std::string zone; // the zone whose SOA came in the authority section
  std::string note; // how the transport failed, when it did ("TCP: connection refused")
};

struct RecordResult {
  const ExpectedRecord* expected = nullptr;
  std::string name;
  Verdict verdict = Verdict::ok;
  std::vector<std::string> found; // "target:port", addresses, "CNAME name"
  std::string detail;             // why it is broken; "" when it is not
  std::string note;               // a caveat on a right answer (a wildcard gave it); often ""
};

struct TenantResult {
  std::string tenant;
  std::vector<RecordResult> records; // in the order of Expectations::records
  bool broken() const;
  int broken_records() const;
  Verdict worst() const; // the most serious verdict among the records
};

// The follow-up questions the first answers leave open.
struct FollowUps {
  bool wildcard = false; // ask <label>.<tenant> A: is a wildcard answering instead?
  bool apex = false;     // ask <tenant> SOA: does the domain exist at all?
};

FollowUps follow_ups(const Expectations& expectations, std::string_view tenant,
                     std::span<const Response> first);

// The name that exists only if the tenant's zone has a wildcard.
std::string wildcard_probe_name(std::string_view tenant, std::string_view label);

// The verdicts, given one response per expected record (in order) and the follow-ups asked.
TenantResult judge(const Expectations& expectations, std::string_view tenant,
                   std::span<const Response> first, const Response* wildcard, const Response* apex);

} // namespace lyncplan::scan
