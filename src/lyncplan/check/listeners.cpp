// Probe results as the Listener values discovery reads.
#include <lyncplan/check/listeners.hpp>
#include <lyncplan/check/prober.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

namespace lyncplan::check {

std::string refusal_of(const std::vector<certs::CertProblem>& problems) {
  std::vector<std::string> reasons;
  for (const auto& p : problems) {
    if (p.severity == plan::Severity::error && p.rule != "cert.name" &&
        p.rule != "cert.wildcard-san") {
      reasons.push_back(p.message);
    }
  }
  return join(reasons, "; ");
}

discovery::Listener tls_listener(const probe::TlsResult& tls,
                                 const std::vector<certs::CertProblem>& problems,
                                 discovery::Service service, const std::string& web_fqdn) {
  discovery::Listener l;
  l.internal_only = false; // the probe ran from here; both vantages reach what it reached
  l.side = discovery::Side::external;
  l.web_fqdn = web_fqdn;
  if (tls.outcome != probe::TlsOutcome::handshake || !tls.cert) {
    l.service = discovery::Service::down;
    l.what = fmt::format("{}: {}", probe::to_string(tls.outcome), tls.detail);
    return l;
  }
  l.service = service;
  const certs::CertInfo& c = *tls.cert;
  l.what = fmt::format("a {} server presenting CN={}", tls.protocol, c.subject);
  l.cert = {fmt::format("CN={}", c.subject), c.subject, c.sans, refusal_of(problems)};
  return l;
}

discovery::Side answer_side(const probe::RootLinks& links, const std::string& entry_host) {
  const std::string location = to_lower(links.access_location);
  if (location == "internal") {
    return discovery::Side::internal;
  }
  if (location == "external") {
    return discovery::Side::external;
  }
  return entry_host.starts_with("lyncdiscoverinternal.") ? discovery::Side::internal
                                                         : discovery::Side::external;
}

discovery::Listener autodiscover_listener(discovery::Listener base,
                                          const probe::AutodiscoverWalk& walk,
                                          const std::string& entry_host, bool https) {
  if (base.service == discovery::Service::down) {
    return base;
  }
  if (walk.verdict != probe::AutodiscoverVerdict::answered) {
    base.service = discovery::Service::down;
    base.what = fmt::format("Autodiscover {}: {}", probe::to_string(walk.verdict), walk.message);
    return base;
  }
  base.service = discovery::Service::web;
  base.side = answer_side(walk.links, entry_host);
  const std::string& answered_at = walk.hops.back().url;
  if (https) {
    base.what = fmt::format("Autodiscover answering at {}", answered_at);
    base.web_fqdn = entry_host;
    return base;
  }
  if (!answered_at.starts_with("https://")) {
    base.service = discovery::Service::down;
    base.what = fmt::format("the Root answers over HTTP at {} with no Redirect to HTTPS "
                            "(MS-OCDISCWS 3.1.5.2 requires one)",
                            answered_at);
    return base;
  }
  base.web_fqdn = url_host_port(answered_at).first;
  base.what = fmt::format("HTTP redirects to {}", answered_at);
  return base;
}

discovery::Listener microsoft_listener(const std::string& name, discovery::Service service) {
  discovery::Listener l;
  l.service = service;
  l.what = fmt::format("Microsoft 365 service {} (not probed)", name);
  l.cert = {"Microsoft's certificate", name, {name}, ""};
  l.internal_only = false;
  l.side = discovery::Side::external;
  l.web_fqdn = name;
  return l;
}

} // namespace lyncplan::check
