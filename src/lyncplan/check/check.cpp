// The live check of each domain: independent parts at once, then the findings.
#include <lyncplan/check/check.hpp>
#include <lyncplan/check/findings.hpp>
#include <lyncplan/check/listeners.hpp>
#include <lyncplan/check/microsoft365.hpp>
#include <lyncplan/check/prober.hpp>
#include <lyncplan/check/sign_in.hpp>
#include <lyncplan/discovery/world.hpp>
#include <lyncplan/dns/name.hpp>
#include <lyncplan/probe/tls_verdict.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <set>

namespace lyncplan::check {
namespace {

std::string random_label() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device device;
  std::uniform_int_distribution<std::size_t> pick(0, sizeof kAlphabet - 2);
  std::string label = "lyncplan-";
  for (int i = 0; i < 12; ++i) {
    label += kAlphabet[pick(device)];
  }
  return label;
}

const resolve::Resolver& resolver_of(const Resolvers& dns, discovery::Vantage v) {
  return v == discovery::Vantage::inside ? dns.inside : dns.outside;
}

std::optional<discovery::SipAccess> first_srv(const resolve::Resolver& dns,
                                              const std::string& name) {
  resolve::Answer a = dns.query(name, plan::RrType::SRV);
  if (a.records.empty()) {
    return std::nullopt;
  }
  std::stable_sort(a.records.begin(), a.records.end(),
                   [](const auto& x, const auto& y) { return x.priority < y.priority; });
  return discovery::SipAccess{a.records.front().value, a.records.front().port};
}

// An XMPP endpoint's problems, the name problem said the XMPP way: partners check the domain
// itself, not the SRV target.
std::vector<certs::CertProblem> xmpp_problems(std::vector<certs::CertProblem> problems) {
  for (auto& p : problems) {
    if (p.rule == "cert.name" || p.rule == "cert.wildcard-san") {
      p.message += "; XMPP partners open the stream to the domain and expect the domain itself "
                   "on the Edge certificate";
    }
  }
  return problems;
}

class DomainChecker {
public:
  DomainChecker(const Request& request, const Resolvers& dns, Prober& prober,
                const std::string& domain)
      : request_(request), dns_(dns), prober_(prober) {
    out_.domain = to_lower(domain);
    if (request_.plan != nullptr) {
      const std::string srv = "_sip._tls." + out_.domain;
      for (const auto& r : request_.plan->dns) {
        if (r.rule == "hosting.sip-tls-srv" && r.name == srv) {
          out_.hosted_target = r.value;
          break;
        }
      }
    }
  }

  DomainCheck run() {
    const std::vector<std::function<void()>> parts = {
        [this] { sign_in(); },      [this] { federation(); }, [this] { wildcards(); },
        [this] { autodiscover(); }, [this] { microsoft(); },
    };
    prober_.pool().parallel_for(parts.size(), parts.size(), [&](std::size_t i) { parts[i](); });
    out_.findings = collect_findings(out_);
    return std::move(out_);
  }

private:
  std::string sipuri() const { return fmt::format("{}@{}", request_.sip_user, out_.domain); }

  // The SIP access the authenticated Autodiscover User answer gives: the plan's with a topology;
  // without one it cannot be read anonymously, so the SRV records' first targets stand in.
  discovery::AutodiscoverAnswer autodiscover_answer() {
    discovery::AutodiscoverAnswer answer;
    if (request_.topology != nullptr && request_.plan != nullptr) {
      answer = discovery::World(*request_.topology, *request_.plan).autodiscover();
    } else {
      answer.internal_access = first_srv(dns_.inside, "_sipinternaltls._tcp." + out_.domain);
      answer.external_access = first_srv(dns_.outside, "_sip._tls." + out_.domain);
    }
    // Mobile clients use the host of the public Autodiscover answer's user link for UCWA.
    const std::string entry = "lyncdiscover." + out_.domain;
    const resolve::Answer a = dns_.outside.query(entry, plan::RrType::A);
    if (!a.records.empty()) {
      const auto walk = prober_.walk(fmt::format("https://{}/?sipuri={}", entry, sipuri()),
                                     a.records.front().value, dns_.outside);
      if (walk.verdict == probe::AutodiscoverVerdict::answered && !walk.links.user.empty()) {
        answer.ucwa_host = url_host_port(walk.links.user).first;
      }
    }
    return answer;
  }

  void sign_in() {
    SignInCheck s = check_sign_in(request_, dns_, prober_, out_.domain, autodiscover_answer());
    out_.sign_in = std::move(s.outcomes);
    out_.endpoints = std::move(s.endpoints);
    out_.rounds = s.rounds;
  }

  void federation() {
    out_.federation = probe::federation_readiness(dns_.outside, out_.domain, out_.hosted_target);
    std::vector<EndpointCheck> checks;
    for (const auto& e : out_.federation.endpoints) {
      if (e.microsoft_online) {
        continue; // Microsoft's federation edge; explained, not probed
      }
      for (const auto& address : e.addresses) {
        checks.push_back({e.target, address, e.port, Purpose::federation, {}, {}});
      }
    }
    for (const auto& e : out_.federation.xmpp_endpoints) {
      for (const auto& address : e.addresses) {
        checks.push_back({e.target, address, e.port, Purpose::xmpp, {}, {}});
      }
    }
    prober_.pool().parallel_for(checks.size(), checks.size(), [&](std::size_t i) {
      EndpointCheck& c = checks[i];
      if (c.purpose == Purpose::xmpp) {
        c.tls = prober_.xmpp_tls(c.address, c.port, out_.domain);
        c.problems = xmpp_problems(probe::judge_endpoint(c.tls, out_.domain, false, request_.now));
        return;
      }
      c.tls = prober_.tls(c.address, c.port, c.name);
      c.problems = probe::judge_endpoint(c.tls, c.name, false, request_.now);
    });
    out_.federation_endpoints = std::move(checks);
  }

  // The plan's A records in the domain for the view a vantage sees: what a wildcard may be
  // answering rightly.
  std::vector<probe::PlannedAddresses> planned_addresses(discovery::Vantage v) const {
    std::vector<probe::PlannedAddresses> out;
    if (request_.plan == nullptr) {
      return out;
    }
    const plan::View view =
        v == discovery::Vantage::inside ? plan::View::internal : plan::View::external;
    for (const auto& r : request_.plan->dns) {
      if (r.view != view || r.type != plan::RrType::A || !dns::is_within(r.name, out_.domain)) {
        continue;
      }
      auto it =
          std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.name == r.name; });
      if (it == out.end()) {
        out.push_back({r.name, {}});
        it = out.end() - 1;
      }
      it->addresses.push_back(r.value);
    }
    return out;
  }

  void wildcards() {
    const std::string label = request_.probe_label.empty() ? random_label() : request_.probe_label;
    for (auto v : discovery::vantages_or_both(request_.vantages)) {
      if (v == discovery::Vantage::inside && &dns_.inside == &dns_.outside) {
        continue; // no inside DNS: the outside answer says it all
      }
      out_.wildcards.emplace_back(v, probe::find_wildcard_fakes(resolver_of(dns_, v), out_.domain,
                                                                label, planned_addresses(v)));
    }
  }

  void autodiscover() {
    std::vector<AutodiscoverCheck> checks;
    for (auto v : discovery::vantages_or_both(request_.vantages)) {
      for (const char* prefix : {"lyncdiscoverinternal.", "lyncdiscover."}) {
        for (const char* scheme : {"https", "http"}) {
          AutodiscoverCheck c;
          c.from = v;
          c.entry = prefix + out_.domain;
          c.url = fmt::format("{}://{}/?sipuri={}", scheme, c.entry, sipuri());
          checks.push_back(std::move(c));
        }
      }
    }
    prober_.pool().parallel_for(checks.size(), checks.size(), [&](std::size_t i) {
      AutodiscoverCheck& c = checks[i];
      const resolve::Resolver& dns = resolver_of(dns_, c.from);
      const resolve::Answer a = dns.query(c.entry, plan::RrType::A);
      if (a.records.empty()) {
        return;
      }
      c.resolved = true;
      c.address = a.records.front().value;
      c.walk = prober_.walk(c.url, c.address, dns);
      if (c.walk.verdict == probe::AutodiscoverVerdict::answered) {
        c.side = answer_side(c.walk.links, c.entry) == discovery::Side::internal ? "internal"
                                                                                 : "external";
      }
    });
    out_.autodiscover = std::move(checks);
  }

  void microsoft() {
    std::optional<topology::DomainMode> expected = request_.expect;
    std::optional<topology::Cloud> cloud;
    if (const topology::Topology* t = request_.topology) {
      cloud = t->cloud;
      const bool known = std::find(t->sip_domains.begin(), t->sip_domains.end(), out_.domain) !=
                         t->sip_domains.end();
      if (!expected && known) {
        expected = topology::mode_of(*t, out_.domain);
      }
    }
    auto verdict = judge_microsoft_365(dns_.outside, out_.domain, expected, cloud);
    out_.microsoft_365 = std::move(verdict.lines);
    out_.mode = std::move(verdict.findings);
  }

  const Request& request_;
  const Resolvers& dns_;
  Prober& prober_;
  DomainCheck out_;
};

// A planned record whose question got no answer (timeout, SERVFAIL, REFUSED) is not missing:
// nothing is known about it, and the finding says so.
void mark_unasked(verify::Report& drift, const std::vector<UnaskedRecord>& unasked) {
  for (auto& p : drift.problems) {
    if (p.rule != "drift.missing") {
      continue;
    }
    for (const auto& u : unasked) {
      if (u.view == p.view && u.name == p.name && u.type == p.type) {
        p.rule = "drift.could-not-ask";
        p.severity = findings::Severity::warning;
        p.found = u.status;
        p.message = fmt::format("could not ask for {} {} in the {} view: the DNS server answered "
                                "{}; nothing is known about this record (the plan needs {})",
                                p.name, p.type, p.view, u.status, p.expected);
        p.breaks.clear();
        break;
      }
    }
  }
}

// Every planned record asked live (16 queries at a time), then verified against the plan. Hosted
// tenant zones are asked only for the tenants being checked. A view whose every question went
// unanswered is not verified at all: it is named in dead_views.
LiveDrift live_drift(const Request& request, const Resolvers& dns, util::ThreadPool& pool) {
  std::set<std::string> checked;
  for (const auto& d : request.domains) {
    checked.insert(to_lower(d));
  }
  const std::set<std::string> skipped_tenants = verify::other_tenants(*request.topology, checked);
  simulate::DnsWorld live;
  std::vector<std::string> views{"external"};
  if (request.inside_dns_given) {
    views.emplace_back("internal");
  }
  std::set<std::tuple<plan::View, std::string, plan::RrType>> unique;
  for (const auto& r : request.plan->dns) {
    const bool internal = r.view == plan::View::internal;
    if (internal) {
      live.internal_zones.insert(r.zone);
    }
    if ((!internal || request.inside_dns_given) && skipped_tenants.count(r.zone) == 0) {
      unique.insert({r.view, r.name, r.type});
    }
  }
  // What teams-only domains no longer have is asked too: still there, it blocks TeamsOnly.
  for (const auto& r : request.plan->dns_removals) {
    if (r.view == plan::View::external || request.inside_dns_given) {
      unique.insert({r.view, r.name, r.type});
    }
  }
  const std::vector<std::tuple<plan::View, std::string, plan::RrType>> asks(unique.begin(),
                                                                            unique.end());
  std::vector<std::vector<resolve::Rr>> found(asks.size());
  std::vector<resolve::Status> statuses(asks.size(), resolve::Status::ok);
  constexpr std::size_t kQueriesAtOnce = 16;
  pool.parallel_for(asks.size(), kQueriesAtOnce, [&](std::size_t i) {
    const auto& [view, name, type] = asks[i];
    const resolve::Resolver& resolver = view == plan::View::internal ? dns.inside : dns.outside;
    const resolve::Answer a =
        resolver.query(name, type == plan::RrType::CNAME ? plan::RrType::A : type);
    statuses[i] = a.status;
    if (!a.cnames.empty()) { // the zone holds a CNAME here, whatever was planned
      resolve::Rr rr;
      rr.name = name;
      rr.type = plan::RrType::CNAME;
      rr.value = a.cnames.front();
      found[i].push_back(std::move(rr));
      return;
    }
    for (const auto& rec : a.records) {
      found[i].push_back(rec);
      found[i].back().name = name;
    }
  });
  LiveDrift out;
  std::map<std::string, std::pair<std::size_t, std::size_t>> asked_unanswered; // per view
  for (std::size_t i = 0; i < asks.size(); ++i) {
    const auto& [view, name, type] = asks[i];
    const std::string view_name = view == plan::View::internal ? "internal" : "external";
    auto& [asked, unanswered] = asked_unanswered[view_name];
    ++asked;
    if (resolve::could_not_ask(statuses[i])) {
      ++unanswered;
      out.unasked.push_back({view_name, name, to_string(type), resolve::to_string(statuses[i])});
      continue;
    }
    auto& into = view == plan::View::internal ? live.internal : live.external;
    into.insert(into.end(), found[i].begin(), found[i].end());
  }
  std::vector<std::string> answered_views;
  for (const auto& v : views) {
    const auto [asked, unanswered] = asked_unanswered[v];
    if (asked > 0 && unanswered == asked) {
      out.dead_views.push_back({v, asked});
    } else {
      answered_views.push_back(v);
    }
  }
  // Only what was asked is compared: the tenants not being checked are not part of this report.
  out.report = verify::verify(
      *request.topology, verify::without_other_tenants(*request.plan, *request.topology, checked),
      live, answered_views);
  mark_unasked(out.report, out.unasked);
  return out;
}

} // namespace

const char* to_string(Purpose p) {
  switch (p) {
  case Purpose::sip:
    return "sip";
  case Purpose::web:
    return "web";
  case Purpose::xmpp:
    return "xmpp";
  case Purpose::federation:
    return "federation";
  }
  return "?";
}

Report run_check(const Request& request, const Resolvers& dns) {
  util::ThreadPool pool(request.threads);
  Prober prober(request, pool);
  Report report;
  report.domains.resize(request.domains.size());
  const bool with_plan = request.topology != nullptr && request.plan != nullptr;
  // Job 0 is the drift report (with a topology); the others are the domains.
  constexpr std::size_t kJobsAtOnce = 8;
  pool.parallel_for(request.domains.size() + 1, kJobsAtOnce, [&](std::size_t job) {
    if (job == 0) {
      if (with_plan) {
        LiveDrift drift = live_drift(request, dns, pool);
        report.drift = std::move(drift.report);
        report.drift_findings = drift_findings(*report.drift);
        report.drift_unasked = std::move(drift.unasked);
        report.dead_views = std::move(drift.dead_views);
      }
      return;
    }
    report.domains[job - 1] = DomainChecker(request, dns, prober, request.domains[job - 1]).run();
  });
  return report;
}

} // namespace lyncplan::check
