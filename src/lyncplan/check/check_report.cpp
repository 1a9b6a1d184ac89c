// The check report: JSON through nlohmann's ordered_json (keys in contract order), tables by hand.
#include <lyncplan/check/check_report.hpp>
#include <lyncplan/findings/report.hpp>
#include <lyncplan/report/outcomes.hpp>
#include <lyncplan/util/strings.hpp>
#include <lyncplan/util/version.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ctime>

namespace lyncplan::check {
namespace {

using Json = nlohmann::ordered_json;

std::string iso_date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

Json finding_object(const Finding& f) {
  return Json::parse(findings::finding_json(f));
}

Json problems_json(const std::vector<certs::CertProblem>& problems) {
  Json out = Json::array();
  for (const auto& p : problems) {
    out.push_back(finding_object(p));
  }
  return out;
}

Json endpoint_json(const EndpointCheck& e) {
  Json j{{"name", e.name},
         {"address", e.address},
         {"port", e.port},
         {"purpose", to_string(e.purpose)},
         {"outcome", probe::to_string(e.tls.outcome)},
         {"detail", e.tls.detail},
         {"protocol", e.tls.protocol},
         {"chain_length", e.tls.chain_length}};
  if (e.tls.cert) {
    const certs::CertInfo& c = *e.tls.cert;
    j["certificate"] = {{"subject", c.subject},
                        {"sans", c.sans},
                        {"issuer", c.issuer},
                        {"key_type", c.key_type},
                        {"key_bits", c.key_bits},
                        {"key_curve", c.key_curve.empty() ? Json(nullptr) : Json(c.key_curve)},
                        {"not_before", iso_date(c.not_before)},
                        {"not_after", iso_date(c.not_after)},
                        {"server_auth", c.server_auth},
                        {"chain_error", c.chain_error}};
  } else {
    j["certificate"] = nullptr;
  }
  j["elapsed_ms"] = e.tls.elapsed_ms;
  j["problems"] = problems_json(e.problems);
  return j;
}

Json endpoints_json(const std::vector<EndpointCheck>& list) {
  Json out = Json::array();
  for (const auto& e : list) {
    out.push_back(endpoint_json(e));
  }
  return out;
}

Json autodiscover_json(const AutodiscoverCheck& a) {
  Json hops = Json::array();
  for (const auto& h : a.walk.hops) {
    hops.push_back({{"url", h.url}, {"status", h.status}, {"how", h.how}});
  }
  const probe::RootLinks& l = a.walk.links;
  return {{"from", discovery::to_string(a.from)},
          {"entry", a.entry},
          {"url", a.url},
          {"resolved", a.resolved},
          {"address", a.address},
          {"verdict", a.resolved ? probe::to_string(a.walk.verdict) : "not-resolved"},
          {"message", a.walk.message},
          {"hops", hops},
          {"links",
           {{"self", l.self},
            {"user", l.user},
            {"xframe", l.xframe},
            {"redirect", l.redirect},
            {"oauth", l.oauth}}},
          {"access_location", l.access_location},
          {"side", a.side}};
}

Json records_json(const std::vector<resolve::Rr>& records) {
  Json out = Json::array();
  for (const auto& r : records) {
    out.push_back(
        {{"target", r.value}, {"port", r.port}, {"priority", r.priority}, {"weight", r.weight}});
  }
  return out;
}

Json federation_json(const DomainCheck& d) {
  Json endpoints = Json::array();
  for (const auto& e : d.federation.endpoints) {
    endpoints.push_back({{"target", e.target},
                         {"port", e.port},
                         {"addresses", e.addresses},
                         {"microsoft_online", e.microsoft_online}});
  }
  return {{"srv", records_json(d.federation.srv)},
          {"xmpp", records_json(d.federation.xmpp)},
          {"endpoints", endpoints},
          {"tls", endpoints_json(d.federation_endpoints)}};
}

Json findings_json(const std::vector<Finding>& findings, const std::string& domain) {
  Json out = Json::array();
  for (const auto& f : findings) {
    Json j = Json::object();
    if (!domain.empty()) {
      j["domain"] = domain;
    }
    j.update(finding_object(f));
    out.push_back(std::move(j));
  }
  return out;
}

Json domain_json(const DomainCheck& d) {
  Json wildcards = Json::array();
  for (const auto& [from, w] : d.wildcards) {
    wildcards.push_back({{"from", discovery::to_string(from)},
                         {"probe", w.probe_name},
                         {"answer", w.answer},
                         {"faked", w.faked}});
  }
  Json autodiscover = Json::array();
  for (const auto& a : d.autodiscover) {
    autodiscover.push_back(autodiscover_json(a));
  }
  return {{"domain", d.domain},
          {"sign_in", Json::parse(report::outcomes_json(d.sign_in))["cases"]},
          {"endpoints", endpoints_json(d.endpoints)},
          {"autodiscover", autodiscover},
          {"federation", federation_json(d)},
          {"wildcards", wildcards},
          {"microsoft_365", d.microsoft_365},
          {"findings", findings_json(d.findings, "")},
          {"rounds", d.rounds}};
}

const char* mark(const std::vector<certs::CertProblem>& problems) {
  for (const auto& p : problems) {
    if (p.severity == plan::Severity::error) {
      return "FAIL";
    }
  }
  return problems.empty() ? "ok" : "warn";
}

void endpoint_rows(std::string& out, const std::vector<EndpointCheck>& list) {
  for (const auto& e : list) {
    std::string what = e.tls.cert
                           ? fmt::format("{} CN={} until {}", e.tls.protocol, e.tls.cert->subject,
                                         iso_date(e.tls.cert->not_after).substr(0, 10))
                           : std::string(probe::to_string(e.tls.outcome));
    out += fmt::format("  {:<4} {:<10} {}:{} ({})  {}\n", mark(e.problems), to_string(e.purpose),
                       e.name, e.port, e.address, what);
    for (const auto& p : e.problems) {
      out += fmt::format("         {}: {}\n", p.rule, p.message);
    }
  }
}

void domain_table(std::string& out, const DomainCheck& d, bool explain, bool color) {
  out += fmt::format("== {} ==\n\nSign-in ({} discovery rounds)\n", d.domain, d.rounds);
  out += report::outcomes_table(d.sign_in, explain, color);
  out += "\nTLS endpoints reached\n";
  if (d.endpoints.empty()) {
    out += "  (none)\n";
  }
  endpoint_rows(out, d.endpoints);
  out += "\nAutodiscover (anonymous Root)\n";
  for (const auto& a : d.autodiscover) {
    if (!a.resolved) {
      continue;
    }
    out += fmt::format("  {:<7} {}  {}", discovery::to_string(a.from), a.url,
                       probe::to_string(a.walk.verdict));
    if (!a.side.empty()) {
      out += fmt::format(" ({}, {} hop{})", a.side, a.walk.hops.size(),
                         a.walk.hops.size() == 1 ? "" : "s");
    }
    out += "\n";
    if (a.walk.verdict == probe::AutodiscoverVerdict::answered) {
      out += fmt::format("          user {}\n", a.walk.links.user);
      if (!a.walk.links.xframe.empty()) {
        out += fmt::format("          xframe {}\n", a.walk.links.xframe);
      }
    } else {
      out += fmt::format("          {}\n", a.walk.message);
    }
  }
  out += "\nFederation\n";
  if (d.federation.srv.empty()) {
    out += fmt::format("  no _sipfederationtls._tcp.{} SRV record\n", d.domain);
  }
  for (const auto& r : d.federation.srv) {
    out += fmt::format("  _sipfederationtls._tcp -> {}:{} (priority {})\n", r.value, r.port,
                       r.priority);
  }
  for (const auto& r : d.federation.xmpp) {
    out += fmt::format("  _xmpp-server._tcp -> {}:{}\n", r.value, r.port);
  }
  endpoint_rows(out, d.federation_endpoints);
  out += "\nWildcard records\n";
  for (const auto& [from, w] : d.wildcards) {
    out += fmt::format("  {:<7} {} -> {}{}\n", discovery::to_string(from), w.probe_name,
                       w.answer.empty() ? "nothing (no wildcard)" : w.answer,
                       w.faked.empty() ? "" : "; fakes " + join(w.faked, ", "));
  }
  if (!d.microsoft_365.empty()) {
    out += "\nMicrosoft 365\n";
    for (const auto& line : d.microsoft_365) {
      out += "  " + line + "\n";
    }
  }
  out += "\n";
}

void findings_rows(std::string& out, const std::vector<Finding>& findings, bool color) {
  for (const auto& f : findings) {
    findings::append_text(out, f, color);
  }
}

} // namespace

Totals totals(const Report& report) {
  Totals t;
  auto count = [&](const std::vector<Finding>& list) {
    for (const auto& f : list) {
      (f.severity == plan::Severity::error     ? t.errors
       : f.severity == plan::Severity::warning ? t.warnings
                                               : t.info)++;
    }
  };
  for (const auto& d : report.domains) {
    count(d.findings);
  }
  count(report.drift_findings);
  return t;
}

std::string report_json(const Report& report) {
  Json domains = Json::array();
  Json findings = Json::array();
  for (const auto& d : report.domains) {
    domains.push_back(domain_json(d));
    for (auto& f : findings_json(d.findings, d.domain)) {
      findings.push_back(std::move(f));
    }
  }
  for (auto& f : findings_json(report.drift_findings, "")) {
    findings.push_back(std::move(f));
  }
  const Totals t = totals(report);
  Json out{{"lyncplan", util::version()},
           {"command", "check"},
           {"domains", domains},
           {"drift", report.drift ? Json::parse(verify::report_json(*report.drift)) : Json()},
           {"findings", findings},
           {"summary",
            {{"errors", t.errors},
             {"warnings", t.warnings},
             {"info", t.info},
             {"dns_queries", report.dns_queries},
             {"dns_answered", report.dns_answered}}}};
  return out.dump(2) + "\n";
}

std::string report_table(const Report& report, bool explain, bool color) {
  std::string out;
  for (const auto& d : report.domains) {
    domain_table(out, d, explain, color);
  }
  if (report.drift) {
    out += "Drift from the plan (live DNS against the planned records)\n";
    out += report.drift_findings.empty() ? "  none\n" : "";
    findings_rows(out, report.drift_findings, color);
    out += "\n";
  }
  const Totals t = totals(report);
  out += fmt::format("Findings: {} error{}, {} warning{}, {} note{}\n", t.errors,
                     t.errors == 1 ? "" : "s", t.warnings, t.warnings == 1 ? "" : "s", t.info,
                     t.info == 1 ? "" : "s");
  for (const auto& d : report.domains) {
    findings_rows(out, d.findings, color);
  }
  return out;
}

} // namespace lyncplan::check
