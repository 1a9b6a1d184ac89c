// Which of a domain's Lync records lead to Microsoft 365, and what that makes the domain.
#include <lyncplan/check/microsoft365.hpp>
#include <lyncplan/probe/federation.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

namespace lyncplan::check {
namespace {

struct Lookup {
  std::string name;
  plan::RrType type;
  std::string what; // what the record does for clients
};

// The target a record leads to: the SRV target, or the end of the CNAME chain of an A query.
std::string target_of(const resolve::Answer& a, plan::RrType type) {
  if (type == plan::RrType::SRV) {
    return a.records.empty() ? std::string() : a.records.front().value;
  }
  return a.cnames.empty() ? std::string() : a.cnames.back();
}

} // namespace

std::vector<std::string> explain_microsoft_365(const resolve::Resolver& outside,
                                               std::string_view domain) {
  const std::string d = to_lower(domain);
  const std::vector<Lookup> lookups = {
      {"_sip._tls." + d, plan::RrType::SRV, "external sign-in"},
      {"sip." + d, plan::RrType::A, "sign-in by A record"},
      {"lyncdiscover." + d, plan::RrType::A, "Autodiscover (mobile and Lync 2013 clients)"},
      {"_sipfederationtls._tcp." + d, plan::RrType::SRV, "federation"},
  };
  std::vector<std::string> online, on_premises, lines;
  for (const auto& l : lookups) {
    const resolve::Answer a = outside.query(l.name, l.type);
    if (a.status != resolve::Status::ok) {
      continue;
    }
    const std::string target = target_of(a, l.type);
    if (!target.empty() && probe::is_microsoft_online(target)) {
      online.push_back(l.what);
      lines.push_back(
          fmt::format("{} -> {}: {} is served by Microsoft 365 (Skype for Business Online / "
                      "Teams)",
                      l.name, target, l.what));
    } else {
      on_premises.push_back(l.what);
    }
  }
  if (online.empty()) {
    return lines;
  }
  if (on_premises.empty()) {
    lines.push_back(fmt::format("{} is online: every Lync record found leads to Microsoft 365; "
                                "its users are not checked against an on-premises deployment",
                                d));
  } else {
    lines.push_back(fmt::format("{} is hybrid (split domain): {} on premises, {} in Microsoft 365; "
                                "Microsoft's guidance for hybrid points the sign-in records on "
                                "premises",
                                d, join(on_premises, ", "), join(online, ", ")));
  }
  return lines;
}

} // namespace lyncplan::check
