// The discovery fixpoint of a live check: discover, probe what was reached, discover again.
#include <lyncplan/check/listeners.hpp>
#include <lyncplan/check/sign_in.hpp>
#include <lyncplan/probe/tls_verdict.hpp>

#include <fmt/format.h>

#include <map>
#include <mutex>
#include <set>

namespace lyncplan::check {
namespace {

struct Case {
  const discovery::ClientProfile* client;
  discovery::Vantage from;
};

const resolve::Resolver& resolver_of(const Resolvers& dns, discovery::Vantage v) {
  return v == discovery::Vantage::inside ? dns.inside : dns.outside;
}

// Whether `name` is, or is an alias of, a Microsoft 365 service.
bool microsoft_service(const std::string& name, const resolve::Resolver& dns) {
  if (probe::is_microsoft_online(name)) {
    return true;
  }
  const resolve::Answer a = dns.query(name, plan::RrType::A);
  return !a.cnames.empty() && probe::is_microsoft_online(a.cnames.back());
}

class Observer {
public:
  Observer(const Request& request, Prober& prober, const std::string& domain)
      : request_(request), prober_(prober), domain_(domain) {}

  // What answers at the assumed endpoint, probed from here.
  discovery::Listener probe(const discovery::Assumed& a, const resolve::Resolver& dns) {
    using discovery::Service;
    if (microsoft_service(a.name, dns)) {
      return microsoft_listener(a.name, a.service);
    }
    const bool autodiscover_entry =
        a.name.starts_with("lyncdiscover.") || a.name.starts_with("lyncdiscoverinternal.");
    const std::string sipuri = fmt::format("{}@{}", request_.sip_user, domain_);
    if (!a.tls) {
      discovery::Listener base;
      base.service = Service::web;
      base.internal_only = false;
      if (!autodiscover_entry) {
        base.service = Service::down;
        base.what = "not an Autodiscover entry point; not probed over HTTP";
        return base;
      }
      const auto walk =
          prober_.walk(fmt::format("http://{}/?sipuri={}", a.name, sipuri), a.address, dns);
      return autodiscover_listener(base, walk, a.name, false);
    }
    const bool web = a.service == Service::web;
    EndpointCheck e{a.name, a.address, a.port, web ? Purpose::web : Purpose::sip, {}, {}};
    e.tls = prober_.tls(a.address, a.port, a.name);
    e.problems = probe::judge_endpoint(e.tls, a.name, web, request_.now);
    discovery::Listener l = tls_listener(e.tls, e.problems, a.service, web ? a.name : "");
    record(std::move(e));
    if (web && autodiscover_entry) {
      const auto walk =
          prober_.walk(fmt::format("https://{}/?sipuri={}", a.name, sipuri), a.address, dns);
      return autodiscover_listener(l, walk, a.name, true);
    }
    return l;
  }

  std::vector<EndpointCheck> endpoints() const {
    std::vector<EndpointCheck> out;
    for (const auto& [key, e] : endpoints_) {
      out.push_back(e);
    }
    return out;
  }

private:
  // Taken by value and moved into the map (clang-tidy 14 misreads try_emplace's forwarding).
  void record(EndpointCheck e) { // NOLINT(performance-unnecessary-value-param)
    std::lock_guard lock(mutex_);
    auto key = std::make_tuple(e.name, e.port, e.address);
    endpoints_.try_emplace(std::move(key), std::move(e));
  }

  const Request& request_;
  Prober& prober_;
  std::string domain_;
  std::mutex mutex_;
  std::map<std::tuple<std::string, int, std::string>, EndpointCheck> endpoints_;
};

} // namespace

SignInCheck check_sign_in(const Request& request, const Resolvers& dns, Prober& prober,
                          const std::string& domain, const discovery::AutodiscoverAnswer& answer) {
  std::vector<Case> cases;
  const auto clients = discovery::clients_or_all(request.clients);
  const auto vantages = discovery::vantages_or_both(request.vantages);
  for (const auto* c : clients) {
    for (auto v : vantages) {
      cases.push_back({c, v});
    }
  }

  SignInCheck out;
  Observer observer(request, prober, domain);
  discovery::World world = discovery::World::observed(answer);
  std::set<discovery::Assumed> probed;
  out.outcomes.resize(cases.size());
  for (out.rounds = 1;; ++out.rounds) {
    prober.pool().parallel_for(cases.size(), cases.size(), [&](std::size_t i) {
      out.outcomes[i] =
          discovery::discover(resolver_of(dns, cases[i].from), world, *cases[i].client,
                              cases[i].from, domain, request.options);
    });
    std::vector<std::pair<discovery::Assumed, discovery::Vantage>> wanted;
    for (const auto& o : out.outcomes) {
      for (const auto& a : o.assumed) {
        if (probed.insert(a).second) {
          wanted.emplace_back(a, o.from);
        }
      }
    }
    if (wanted.empty() || out.rounds >= kMaxDiscoveryRounds) {
      break;
    }
    std::vector<discovery::Listener> found(wanted.size());
    prober.pool().parallel_for(wanted.size(), wanted.size(), [&](std::size_t i) {
      found[i] = observer.probe(wanted[i].first, resolver_of(dns, wanted[i].second));
    });
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      const auto& a = wanted[i].first;
      world.observe(a.address, a.port, a.name, std::move(found[i]));
    }
  }
  out.endpoints = observer.endpoints();
  return out;
}

} // namespace lyncplan::check
