// The findings of one domain check, in report order.
#include <lyncplan/check/findings.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace lyncplan::check {
namespace {

using plan::Severity;

plan::RuleId rule_of(probe::AutodiscoverVerdict verdict) {
  switch (verdict) {
  case probe::AutodiscoverVerdict::redirect_loop:
    return "autodiscover.redirect-loop";
  case probe::AutodiscoverVerdict::too_many_redirects:
    return "autodiscover.too-many-redirects";
  case probe::AutodiscoverVerdict::downgrade_refused:
    return "autodiscover.downgrade-refused";
  case probe::AutodiscoverVerdict::http_error:
    return "autodiscover.http-error";
  case probe::AutodiscoverVerdict::not_autodiscover:
    return "autodiscover.not-autodiscover";
  case probe::AutodiscoverVerdict::unreachable:
  case probe::AutodiscoverVerdict::answered:
    break;
  }
  return "autodiscover.unreachable";
}

void sign_in(const DomainCheck& c, std::vector<Finding>& out) {
  for (const auto& o : c.sign_in) {
    const std::string subject = fmt::format("{} from {}", o.client, discovery::to_string(o.from));
    if (o.result == discovery::Result::failed) {
      out.push_back({Severity::error, "sign-in.failed", subject, o.reason});
    } else if (o.result == discovery::Result::prompt) {
      out.push_back({Severity::warning, "sign-in.prompt", subject, o.reason});
    }
  }
  // Clients that got in only through the A-record fallback, one finding per vantage.
  for (const auto from : {discovery::Vantage::inside, discovery::Vantage::outside}) {
    std::vector<std::string> clients;
    std::string server;
    for (const auto& o : c.sign_in) {
      if (o.from == from && o.result != discovery::Result::failed && o.via == discovery::Via::a &&
          o.server) {
        clients.push_back(o.client);
        server = fmt::format("{}:{}", o.server->fqdn, o.server->port);
      }
    }
    if (clients.empty()) {
      continue;
    }
    const bool inside = from == discovery::Vantage::inside;
    out.push_back(
        {Severity::warning, "sign-in.a-fallback",
         fmt::format("{} from {}", fmt::join(clients, ", "), discovery::to_string(from)),
         fmt::format("found a server ({}) only through the A-record fallback: no Autodiscover "
                     "answer and no SRV record led to one, so sign-in first waits for those "
                     "lookups, and mobile clients and Lync Phone Edition have no such fallback",
                     server),
         fmt::format("publish {}.{} (and lyncdiscover{}.{})",
                     inside ? "_sipinternaltls._tcp" : "_sip._tls", c.domain,
                     inside ? "internal" : "", c.domain)});
  }
}

void endpoints(const std::vector<EndpointCheck>& list, std::vector<Finding>& out) {
  for (const auto& e : list) {
    const std::string subject = fmt::format("{}:{} ({})", e.name, e.port, e.address);
    for (Finding f : e.problems) {
      f.subject = subject;
      out.push_back(std::move(f));
    }
  }
}

void autodiscover(const DomainCheck& c, std::vector<Finding>& out) {
  for (const auto& a : c.autodiscover) {
    if (!a.resolved) {
      continue;
    }
    const bool expected = a.from == discovery::Vantage::inside ||
                          a.entry.starts_with("lyncdiscover."); // outside: the public entry
    const std::string subject = fmt::format("{} from {}", a.url, discovery::to_string(a.from));
    if (!expected) {
      out.push_back(
          {Severity::info, "autodiscover.internal-name-public", subject,
           fmt::format("{} resolves in the public DNS; clients outside try it first", a.entry)});
      continue;
    }
    if (a.walk.verdict != probe::AutodiscoverVerdict::answered) {
      const bool http = a.url.starts_with("http:");
      if (!c.hosted_target.empty() && a.entry.starts_with("lyncdiscover.")) {
        // A hosted tenant's lyncdiscover name is on no certificate by design: HTTPS fails and
        // mobile clients make their first request over HTTP, which must answer.
        out.push_back(http ? Finding{Severity::error, rule_of(a.walk.verdict), subject,
                                     a.walk.message + "; a hosted tenant's mobile clients need "
                                                      "this HTTP entry"}
                           : Finding{Severity::info, "hosting.lyncdiscover-http", subject,
                                     "HTTPS fails here as hosting has it (" + a.walk.message +
                                         "): the tenant's name is on no certificate, so mobile "
                                         "clients make their first request over HTTP"});
        continue;
      }
      // HTTPS is what clients need; a failing HTTP entry is a warning (mobile clients try it).
      out.push_back({http ? Severity::warning : Severity::error, rule_of(a.walk.verdict), subject,
                     a.walk.message});
      continue;
    }
    if (a.from == discovery::Vantage::outside && a.side == "internal") {
      out.push_back({Severity::warning, "autodiscover.side", subject,
                     "the public Autodiscover entry answers as Internal: outside clients are "
                     "handed internal URLs (is the reverse proxy publishing the internal web "
                     "site?)"});
    }
  }
}

void federation(const DomainCheck& c, std::vector<Finding>& out) {
  out.insert(out.end(), c.federation.problems.begin(), c.federation.problems.end());
}

void wildcards(const DomainCheck& c, std::vector<Finding>& out) {
  for (const auto& [from, w] : c.wildcards) {
    for (Finding f : w.problems) {
      // A planned record right only through the wildcard is named as verify names it.
      f.subject = f.rule == "drift.wildcard-answer"
                      ? fmt::format("{} A ({})", f.subject,
                                    from == discovery::Vantage::inside ? "internal" : "external")
                      : fmt::format("{} from {}", w.probe_name, discovery::to_string(from));
      out.push_back(std::move(f));
    }
  }
}

} // namespace

std::vector<Finding> collect_findings(const DomainCheck& c) {
  std::vector<Finding> out;
  sign_in(c, out);
  endpoints(c.endpoints, out);
  autodiscover(c, out);
  federation(c, out);
  endpoints(c.federation_endpoints, out);
  wildcards(c, out);
  for (const auto& line : c.microsoft_365) {
    out.push_back({Severity::info, "microsoft-365", c.domain, line});
  }
  out.insert(out.end(), c.mode.begin(), c.mode.end());
  return out;
}

std::vector<Finding> drift_findings(const verify::Report& drift) {
  std::vector<Finding> out;
  for (const auto& p : drift.problems) {
    Finding f = p;
    f.message = p.breaks.empty() ? p.message : p.message + "; breaks " + p.breaks;
    out.push_back(std::move(f));
  }
  return out;
}

} // namespace lyncplan::check
