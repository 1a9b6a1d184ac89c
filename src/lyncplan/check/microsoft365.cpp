// Which of a domain's Lync records lead to Microsoft 365, and what that makes the domain.
#include <lyncplan/check/microsoft365.hpp>
#include <lyncplan/topology/clouds.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

namespace lyncplan::check {
namespace {

using findings::Severity;
using topology::DomainMode;

struct Lookup {
  std::string name;
  plan::RrType type;
  std::string what; // what the record does for clients
  // Where it leads in Teams-only: the cloud's sipdir, webdir or federation name.
  std::string_view topology::CloudFacts::*cloud_target;
  bool federation() const { return cloud_target == &topology::CloudFacts::federation_target; }
};

// The target a record leads to: the SRV target, or the end of the CNAME chain of an A query
// (the address when there is no CNAME).
std::string target_of(const resolve::Answer& a, plan::RrType type) {
  if (type == plan::RrType::SRV) {
    return a.records.empty() ? std::string() : a.records.front().value;
  }
  if (!a.cnames.empty()) {
    return a.cnames.back();
  }
  return a.records.empty() ? std::string() : a.records.front().value;
}

struct Seen {
  const Lookup* lookup;
  std::string target;
  std::optional<topology::Cloud> cloud; // set: leads to Microsoft 365
};

} // namespace

Microsoft365Verdict judge_microsoft_365(const resolve::Resolver& outside, std::string_view domain,
                                        std::optional<DomainMode> expected,
                                        std::optional<topology::Cloud> cloud) {
  const std::string d = to_lower(domain);
  const std::vector<Lookup> lookups = {
      {"_sip._tls." + d, plan::RrType::SRV, "external sign-in", &topology::CloudFacts::sipdir},
      {"sip." + d, plan::RrType::A, "sign-in by A record", &topology::CloudFacts::sipdir},
      {"lyncdiscover." + d, plan::RrType::A, "Autodiscover (mobile and Lync 2013 clients)",
       &topology::CloudFacts::webdir},
      {"_sipfederationtls._tcp." + d, plan::RrType::SRV, "federation",
       &topology::CloudFacts::federation_target},
  };
  std::vector<Seen> seen;
  bool federation_seen = false;
  for (const auto& l : lookups) {
    const resolve::Answer a = outside.query(l.name, l.type);
    const std::string target = a.status == resolve::Status::ok ? target_of(a, l.type) : "";
    if (target.empty()) {
      continue;
    }
    seen.push_back({&l, target, topology::microsoft_cloud_of(target)});
    federation_seen = federation_seen || l.federation();
  }
  Microsoft365Verdict out;
  std::vector<std::string> online, on_premises;
  for (const Seen& s : seen) {
    if (s.cloud) {
      online.push_back(fmt::format("{} ({} -> {})", s.lookup->what, s.lookup->name, s.target));
      out.lines.push_back(fmt::format(
          "{} -> {}: {} is served by {} (Skype for Business Online / Teams)", s.lookup->name,
          s.target, s.lookup->what, topology::cloud_facts(*s.cloud).display_name));
    } else {
      on_premises.push_back(fmt::format("{} ({} -> {})", s.lookup->what, s.lookup->name, s.target));
    }
  }
  if (!online.empty() && on_premises.empty()) {
    out.lines.push_back(fmt::format("{} is online (Teams-only): every Lync record found leads to "
                                    "Microsoft 365; its users are not checked against an "
                                    "on-premises deployment",
                                    d));
  }
  const std::string expected_name = expected ? topology::to_string(*expected) : "";
  if (expected == DomainMode::teams_only) {
    for (const Seen& s : seen) {
      if (!s.cloud) {
        out.findings.push_back(
            {Severity::error, "mode.blocks-teams-only", s.lookup->name,
             fmt::format("{} -> {} leads on premises, but {} is expected teams-only: the "
                         "TeamsOnly change fails by design while it does",
                         s.lookup->name, s.target, d),
             "delete it, or point it at Microsoft 365 (lyncplan cutover lists the steps)"});
      } else if (cloud && *s.cloud != *cloud) {
        out.findings.push_back(
            {Severity::error, "mode.wrong-cloud", s.lookup->name,
             fmt::format("{} -> {} leads to {}, but the deployment's cloud is {}", s.lookup->name,
                         s.target, topology::cloud_facts(*s.cloud).display_name,
                         topology::cloud_facts(*cloud).display_name),
             fmt::format("point it at {}", topology::cloud_facts(*cloud).*s.lookup->cloud_target)});
      }
    }
    if (!federation_seen) {
      const std::string_view target =
          topology::cloud_facts(cloud.value_or(topology::Cloud::commercial)).federation_target;
      out.findings.push_back(
          {Severity::error, "mode.teams-federation-missing", "_sipfederationtls._tcp." + d,
           fmt::format("{} is expected teams-only and has no federation SRV: partners and other "
                       "Microsoft 365 tenants cannot find it",
                       d),
           fmt::format("publish _sipfederationtls._tcp.{} SRV 100 1 5061 {}", d, target)});
    }
  } else if (expected) {
    for (const Seen& s : seen) {
      if (s.cloud) {
        out.findings.push_back(
            {Severity::error, "mode.leads-to-microsoft-365", s.lookup->name,
             fmt::format("{} -> {} leads to Microsoft 365, but {} is expected {}: {} keeps "
                         "every record on premises",
                         s.lookup->name, s.target, d, expected_name,
                         *expected == DomainMode::hybrid ? "hybrid" : "an on-premises domain"),
             "point it on premises as planned (lyncplan plan lists the record)"});
      }
    }
  } else if (!online.empty() && !on_premises.empty()) {
    out.findings.push_back(
        {Severity::warning, "mode.half-cutover", d,
         fmt::format("{} is a cutover left half done, not hybrid (hybrid keeps every record on "
                     "premises): on premises {}; in Microsoft 365 {}",
                     d, join(on_premises, ", "), join(online, ", ")),
         "finish the move (lyncplan cutover --to teams-only) or point every record back on "
         "premises"});
  }
  return out;
}

} // namespace lyncplan::check
