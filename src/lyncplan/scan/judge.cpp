// Tenant verdicts: each expected record against its answer, following RULES 33 (SRVs to the
// provider's Access Edge name, lyncdiscover to its reverse proxy or a CNAME to its name).
#include <lyncplan/dns/name.hpp>
#include <lyncplan/scan/judge.hpp>
#include <lyncplan/topology/clouds.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace lyncplan::scan {
namespace {

using resolve::Status;

struct Decision {
  Decision(Verdict v, std::string why = {}, bool ask_wildcard = false, bool ask_apex = false)
      : verdict(v), detail(std::move(why)), needs_wildcard(ask_wildcard), needs_apex(ask_apex) {}
  Verdict verdict;
  std::string detail;
  bool needs_wildcard;
  bool needs_apex;
  std::string note; // a right answer worth a word: it came from a wildcard
};

std::vector<std::string> found_of(const resolve::Answer& a) {
  std::vector<std::string> out;
  for (const std::string& c : a.cnames) {
    out.push_back("CNAME " + c);
  }
  for (const resolve::Rr& r : a.records) {
    out.push_back(r.type == plan::RrType::SRV
                      ? fmt::format("{}:{} (priority {})", r.value, r.port, r.priority)
                      : r.value);
  }
  return out;
}

std::vector<std::string> addresses_of(const resolve::Answer& a) {
  std::vector<std::string> out;
  for (const resolve::Rr& r : a.records) {
    out.push_back(r.value);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool wildcard_exists(const Response& w) {
  return w.answer.status == Status::ok || w.answer.status == Status::nodata;
}

// The wildcard's answer is the same as this one: the tenant publishes nothing at the name.
bool same_as_wildcard(const resolve::Answer& a, const Response& w) {
  if (!wildcard_exists(w)) {
    return false;
  }
  if (!a.cnames.empty() || !w.answer.cnames.empty()) {
    return !a.cnames.empty() && !w.answer.cnames.empty() &&
           a.cnames.front() == w.answer.cnames.front();
  }
  return !a.records.empty() && a.records.front().type != plan::RrType::SRV &&
         addresses_of(a) == addresses_of(w.answer);
}

Verdict good(std::string_view tenant, std::string_view target) {
  return dns::is_within(target, tenant) ? Verdict::ok : Verdict::outside_namespace;
}

// A right address or alias may still be the zone's wildcard answering: right today, and wrong
// the day the wildcard changes. Asks the wildcard first; then says so beside the verdict.
Decision right_answer(Verdict verdict, const resolve::Answer& a, const ExpectedRecord& e,
                      std::string_view tenant, const Response* wildcard) {
  if (wildcard == nullptr) {
    return {verdict, {}, true, false};
  }
  if (!same_as_wildcard(a, *wildcard)) {
    return {verdict, {}};
  }
  Decision d{verdict, {}};
  // Worded as verify and check word the same record (drift.wildcard-answer, a warning).
  d.note = fmt::format("{} exists only through a wildcard record (*.{} gives the same {}): right "
                       "today, wrong the day the wildcard changes; publish the record itself",
                       e.owner(tenant), tenant, to_string(e.type));
  return d;
}

// A wrong target that is Microsoft 365's: the tenant moved to Teams (or half way), which the
// provider should hear as that, not as a typo.
std::string moved_note(std::string_view host) {
  const auto cloud = topology::microsoft_cloud_of(host);
  return cloud ? fmt::format("; {} is {}'s: the tenant is moving or has moved to Teams, so this "
                             "provider no longer serves it (take it off the tenant list once its "
                             "users are gone)",
                             host, topology::cloud_facts(*cloud).display_name)
               : std::string();
}

Decision judge_srv(const ExpectedRecord& e, std::string_view tenant, const resolve::Answer& a) {
  // Clients use the lowest priority value first: those records decide where they go.
  std::uint16_t best = UINT16_MAX;
  for (const resolve::Rr& r : a.records) {
    best = std::min(best, r.priority);
  }
  bool wrong_target = false, wrong_port = false;
  std::string seen, seen_target;
  for (const resolve::Rr& r : a.records) {
    if (r.priority != best) {
      continue;
    }
    if (r.value != e.target) {
      wrong_target = true;
      seen = fmt::format("{}:{}", r.value, r.port);
      seen_target = r.value;
    } else if (r.port != e.port) {
      wrong_port = true;
      seen = fmt::format("{}:{}", r.value, r.port);
    }
  }
  if (wrong_target) {
    return {Verdict::wrong_target, fmt::format("clients go to {}, not the provider's {}{}", seen,
                                               e.describe(), moved_note(seen_target))};
  }
  if (wrong_port) {
    return {Verdict::wrong_port, fmt::format("port {} where the provider listens on {}",
                                             seen.substr(seen.rfind(':') + 1), e.port)};
  }
  return {good(tenant, e.target), {}};
}

Decision judge_record(const ExpectedRecord& e, std::string_view tenant, const Response& r,
                      const Response* wildcard, const Response* apex) {
  const resolve::Answer& a = r.answer;
  const std::string name = e.owner(tenant);
  switch (a.status) {
  case Status::timeout:
    return {Verdict::timeout, r.note.empty() ? "no answer after every retry" : r.note};
  case Status::servfail:
    return {Verdict::servfail, r.note.empty() ? "the resolver answered SERVFAIL" : r.note};
  case Status::refused:
    return {Verdict::refused, "the resolver refused to answer for this name"};
  case Status::nxdomain:
    if (!e.required) {
      return {Verdict::optional_absent, {}};
    }
    if (!r.zone.empty() && dns::is_within(r.zone, tenant)) {
      return {Verdict::missing, fmt::format("{} does not exist in the zone {}", name, r.zone)};
    }
    if (apex == nullptr) {
      return {Verdict::missing, {}, false, true};
    }
    if (apex->answer.status == Status::nxdomain) {
      return {Verdict::zone_absent, fmt::format("{} does not exist in DNS", tenant)};
    }
    if (apex->answer.status != Status::ok && apex->answer.status != Status::nodata) {
      return {Verdict::missing, fmt::format("{} does not exist (whether {} exists is unknown: {})",
                                            name, tenant, resolve::to_string(apex->answer.status))};
    }
    return {Verdict::missing, fmt::format("{} does not exist; {} does", name, tenant)};
  case Status::ok:
  case Status::nodata:
    break;
  }
  if (a.cname_loop) {
    return {Verdict::wrong_target, "the CNAME chain loops"};
  }
  if (a.records.empty() && a.cnames.empty()) {
    if (!e.required) {
      return {Verdict::optional_absent, {}};
    }
    if (wildcard == nullptr) {
      return {Verdict::missing, {}, true, false};
    }
    if (wildcard_exists(*wildcard)) {
      return {Verdict::wildcard,
              fmt::format("no {} record at {}; a wildcard *.{} covers the name with other types",
                          to_string(e.type), name, tenant)};
    }
    return {Verdict::missing, fmt::format("{} has no {} record", name, to_string(e.type))};
  }
  if (e.type == resolve::WireType::A) {
    if (!a.cnames.empty() && a.cnames.front() == e.alias) {
      return right_answer(Verdict::outside_namespace, a, e, tenant, wildcard);
    }
    if (!a.records.empty() && addresses_of(a) == e.addresses) {
      return right_answer(a.cnames.empty() ? Verdict::ok : good(tenant, a.cnames.front()), a, e,
                          tenant, wildcard);
    }
  } else if (!a.records.empty()) {
    return judge_srv(e, tenant, a);
  }
  if (wildcard == nullptr) {
    return {Verdict::wrong_target, {}, true, false};
  }
  const std::string seen = a.cnames.empty() ? addresses_of(a).front() : "CNAME " + a.cnames.front();
  if (same_as_wildcard(a, *wildcard)) {
    return {Verdict::wildcard, fmt::format("{} is not published; the wildcard *.{} answers it "
                                           "with {}, not the provider's {}",
                                           name, tenant, seen, e.describe())};
  }
  return {Verdict::wrong_target,
          fmt::format("{} answers {}, not the provider's {}{}", name, seen, e.describe(),
                      a.cnames.empty() ? std::string() : moved_note(a.cnames.front()))};
}

} // namespace

bool TenantResult::broken() const {
  return broken_records() > 0;
}

int TenantResult::broken_records() const {
  return static_cast<int>(std::count_if(
      records.begin(), records.end(), [](const RecordResult& r) { return is_broken(r.verdict); }));
}

Verdict TenantResult::worst() const {
  Verdict worst = Verdict::ok;
  for (const RecordResult& r : records) {
    if (weight(r.verdict) > weight(worst) ||
        (weight(worst) == 0 && static_cast<int>(r.verdict) > static_cast<int>(worst))) {
      worst = r.verdict;
    }
  }
  return worst;
}

std::string wildcard_probe_name(std::string_view tenant, std::string_view label) {
  return fmt::format("{}.{}", label, tenant);
}

FollowUps follow_ups(const Expectations& expectations, std::string_view tenant,
                     std::span<const Response> first) {
  FollowUps out;
  for (std::size_t i = 0; i < expectations.records.size() && i < first.size(); ++i) {
    const Decision d = judge_record(expectations.records[i], tenant, first[i], nullptr, nullptr);
    out.wildcard = out.wildcard || d.needs_wildcard;
    out.apex = out.apex || d.needs_apex;
  }
  return out;
}

TenantResult judge(const Expectations& expectations, std::string_view tenant,
                   std::span<const Response> first, const Response* wildcard,
                   const Response* apex) {
  TenantResult out;
  out.tenant = std::string(tenant);
  for (std::size_t i = 0; i < expectations.records.size() && i < first.size(); ++i) {
    const ExpectedRecord& e = expectations.records[i];
    Decision d = judge_record(e, tenant, first[i], wildcard, apex);
    RecordResult r;
    r.expected = &e;
    r.name = e.owner(tenant);
    r.verdict = d.verdict;
    r.found = found_of(first[i].answer);
    r.detail = is_broken(d.verdict) ? std::move(d.detail) : std::string();
    r.note = std::move(d.note);
    out.records.push_back(std::move(r));
  }
  return out;
}

} // namespace lyncplan::scan
