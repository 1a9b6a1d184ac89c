// Wildcard records that fake Lync names, found with a random label (DISCOVERY.md 1).
#include <lyncplan/probe/wildcard.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace lyncplan::probe {
namespace {

// The names clients ask for in a SIP domain, with the A/CNAME fallbacks first.
constexpr const char* kLyncLabels[] = {"lyncdiscover", "lyncdiscoverinternal", "sip", "sipinternal",
                                       "sipexternal"};

// An A answer as one comparable line: the CNAME chain and the sorted addresses.
std::string signature(const resolve::Answer& a) {
  if (a.status != resolve::Status::ok || a.records.empty()) {
    return {};
  }
  std::vector<std::string> values;
  for (const auto& r : a.records) {
    values.push_back(r.value);
  }
  std::sort(values.begin(), values.end());
  std::string out = a.cnames.empty() ? std::string() : a.cnames.back() + " -> ";
  for (const auto& v : values) {
    out += v + " ";
  }
  return out.substr(0, out.size() - 1);
}

// The planned answer for `name` in the signature's form; "" when nothing is planned there.
std::string planned_signature(std::span<const PlannedAddresses> planned, std::string_view name) {
  for (const PlannedAddresses& p : planned) {
    if (p.name == name && !p.addresses.empty()) {
      std::vector<std::string> values = p.addresses;
      std::sort(values.begin(), values.end());
      return join(values, " ");
    }
  }
  return {};
}

} // namespace

WildcardReport find_wildcard_fakes(const resolve::Resolver& dns, std::string_view domain,
                                   std::string_view random_label,
                                   std::span<const PlannedAddresses> planned) {
  WildcardReport out;
  out.domain = to_lower(domain);
  out.probe_name = fmt::format("{}.{}", to_lower(random_label), out.domain);
  out.answer = signature(dns.query(out.probe_name, plan::RrType::A));
  if (out.answer.empty()) {
    return out;
  }
  for (const char* label : kLyncLabels) {
    const std::string name = fmt::format("{}.{}", label, out.domain);
    if (signature(dns.query(name, plan::RrType::A)) != out.answer) {
      continue;
    }
    if (planned_signature(planned, name) == out.answer) {
      out.right_by_wildcard.push_back(name);
      out.problems.push_back(
          {plan::Severity::warning, "drift.wildcard-answer", name,
           fmt::format("{} exists only through a wildcard record ({} gives the same {}): right "
                       "today, wrong the day the wildcard changes; publish the record itself",
                       name, out.probe_name, out.answer)});
    } else {
      out.faked.push_back(name);
    }
  }
  std::string list;
  for (const auto& n : out.faked) {
    list += (list.empty() ? "" : ", ") + n;
  }
  out.problems.push_back(
      {out.faked.empty() ? plan::Severity::warning : plan::Severity::error, "dns.wildcard",
       out.probe_name,
       out.faked.empty()
           ? fmt::format("a wildcard answers every name in {} ({} gives {}); the Lync names "
                         "answer differently, so it fakes none of them today",
                         out.domain, out.probe_name, out.answer)
           : fmt::format("a wildcard answers every name in {} ({} gives {}) and fakes {}: "
                         "clients find a server there instead of moving on to the next step",
                         out.domain, out.probe_name, out.answer, list)});
  return out;
}

} // namespace lyncplan::probe
