// Meaning checks over the topology model, whatever read it: VIPs and
// load balancing, product features, unique names, roles; every problem reported in one pass.
#include <lyncplan/topology/loader.hpp>
#include <lyncplan/topology/products.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_set>

namespace lyncplan::topology {
namespace {

class Validator {
public:
  Validator(const Topology& t, std::vector<Diagnostic>& out) : t_(t), out_(out) {}

  void run() {
    check_product_features();
    check_pool_roles();
    check_names_unique();
    check_machine_addresses();
    check_public_listeners();
    check_sip_domains();
    check_versions();
    for (std::size_t i = 0; i < t_.pools.size(); ++i) {
      check_load_balancing(t_.pools[i], i);
      check_pool(t_.pools[i]);
    }
    check_director_web_names();
    check_sign_in();
    check_simple_urls();
    check_hosting();
  }

private:
  void error(Pos pos, std::string message) { out_.push_back({t_.source, pos, std::move(message)}); }

  static bool written(Pos p) { return p.line > 0; }
  // " (line 12)" where the model knows the line, else nothing.
  static std::string line_of(Pos p) {
    return written(p) ? fmt::format(" (line {})", p.line) : std::string();
  }

  // Upgrades in place only where Microsoft supports them; at most two versions in hybrid.
  void check_versions() {
    for (const Pool& pool : t_.pools) {
      if (!pool.upgraded_from) {
        continue;
      }
      const Product to = product_of(t_, pool);
      const ProductFacts& facts = product_facts(to);
      if (facts.in_place_from == pool.upgraded_from) {
        continue;
      }
      const auto& from = product_facts(*pool.upgraded_from);
      error(
          pool.upgraded_from_pos,
          fmt::format("pool {} cannot have been upgraded in place from {} to {}: {}; expected "
                      "a new {} pool beside the {} pool (product: {} on the old one) and the "
                      "users moved{}",
                      pool.fqdn, from.name, facts.name,
                      facts.in_place_from
                          ? fmt::format("{} is upgraded in place only from {}", facts.display_name,
                                        product_facts(*facts.in_place_from).display_name)
                          : fmt::format("{} is never upgraded in place", facts.display_name),
                      facts.name, from.name, from.name,
                      facts.in_place_from ? fmt::format(", or upgraded_from: {}",
                                                        product_facts(*facts.in_place_from).name)
                                          : ""));
    }
    const auto versions = products_in_use(t_);
    if (has_hybrid(t_) && versions.size() > 2) {
      std::vector<std::string> names;
      for (Product p : versions) {
        names.emplace_back(to_string(p));
      }
      Pos where{1, 1};
      for (const Pool& pool : t_.pools) {
        if (pool.product && *pool.product != t_.product) {
          where = pool.product_pos;
        }
      }
      error(where, fmt::format("a hybrid deployment runs at most two server versions at once; "
                               "this topology runs {} ({}); expected the oldest pools moved first",
                               versions.size(), join(names, ", ")));
    }
  }

  // What the product lacks cannot be asked for (the products' table says what each one has).
  void check_product_features() {
    const ProductFacts& facts = product_facts(t_.product);
    if (t_.mobility && !facts.mobility && written(t_.mobility_pos)) {
      error(t_.mobility_pos,
            fmt::format("mobility (lyncdiscover) does not exist in {}; expected mobility: false "
                        "or {}",
                        to_string(t_.product),
                        products_with([](const ProductFacts& f) { return f.mobility; })));
    }
    if (t_.federation.xmpp && !facts.xmpp) {
      error(t_.federation.xmpp_pos,
            fmt::format("XMPP federation does not exist in {}; expected xmpp: false, or product "
                        "{}",
                        to_string(t_.product),
                        product_names([](const ProductFacts& f) { return f.xmpp; }, " or ")));
    }
  }

  // VIPs exactly where hardware load balancing is, load balancing wherever several servers are.
  void check_load_balancing(const Pool& pool, std::size_t index) {
    const std::string what =
        pool.fqdn.empty() ? fmt::format("pools[{}]", index) : fmt::format("pool {}", pool.fqdn);
    const bool hardware = pool.load_balancing == LoadBalancing::hardware;
    const bool edge = pool.role == Role::edge;
    if (!edge && written(pool.vip_pos) && !hardware) {
      error(pool.vip_pos, fmt::format("{} has a vip but is not hardware load balanced; expected "
                                      "load_balancing: hardware, or no vip",
                                      what));
    } else if (!edge && !written(pool.vip_pos) && hardware) {
      error(pool.map_pos, fmt::format("{} uses hardware load balancing without a vip; expected "
                                      "vip: the load balancer's virtual address",
                                      what));
    }
    if (written(pool.servers_pos) && pool.servers.empty()) {
      error(pool.servers_pos,
            fmt::format("{}.servers is empty; expected at least one server", what));
    }
    if (pool.servers.size() > 1 && pool.load_balancing == LoadBalancing::none) {
      error(written(pool.load_balancing_pos) ? pool.load_balancing_pos : pool.map_pos,
            fmt::format("{} has {} servers but no load balancing; expected load_balancing: dns "
                        "or hardware",
                        what, pool.servers.size()));
    }
    if (!edge) {
      return;
    }
    if (written(pool.internal_vip_pos) && !hardware) {
      error(pool.internal_vip_pos,
            fmt::format("{}.internal.vip is given but the pool is not hardware load balanced; "
                        "expected no VIP, or load_balancing: hardware",
                        what));
    }
    for (const auto& [key, service] :
         {std::pair<const char*, const EdgeService*>{"access", &pool.access},
          {"webconf", &pool.webconf},
          {"av", &pool.av}}) {
      if (!written(service->map_pos)) {
        continue; // the service was not given: the loader says so
      }
      const std::string w = fmt::format("{}.external.{}", what, key);
      if (written(service->vip_pos) && !hardware) {
        error(service->vip_pos, fmt::format("{}.vip is given but the pool is not hardware load "
                                            "balanced; expected no VIP, or load_balancing: "
                                            "hardware",
                                            w));
      } else if (!written(service->vip_pos) && hardware) {
        error(service->map_pos, fmt::format("{} has no vip but the pool uses hardware load "
                                            "balancing; expected vip: the load balancer's public "
                                            "address for this service",
                                            w));
      }
    }
    std::string natted;
    for (const Server& s : pool.servers) {
      if (s.has_nat()) {
        natted += (natted.empty() ? "" : ", ") + s.fqdn;
      }
    }
    for (std::size_t i = 0; i < pool.servers.size(); ++i) {
      const Server& s = pool.servers[i];
      if (!natted.empty() && !s.has_nat()) {
        error(s.pos, fmt::format("{}.servers[{}] ({}) has no nat: while {} in the same pool is "
                                 "behind a NAT; expected nat: on every server of an Edge pool or "
                                 "on none (half behind a NAT, the pool would publish private and "
                                 "public addresses)",
                                 what, i, s.fqdn, natted));
      }
      if (written(s.nat_pos) && !s.external_access && !s.external_webconf && !s.external_av) {
        error(s.nat_pos, fmt::format("{}.servers[{}] has NAT addresses but no external "
                                     "addresses; expected external: {{access, webconf, av}} (the "
                                     "private addresses the NAT translates)",
                                     what, i));
      }
    }
  }

  void check_pool_roles() {
    if (t_.pools.empty()) {
      return; // a missing or empty pools list is reported where it is read
    }
    for (const Pool& pool : t_.pools) {
      if (pool.role == Role::front_end || pool.role == Role::standard_edition) {
        return;
      }
    }
    error({1, 1}, "the topology has no front-end or standard-edition pool; expected at least one "
                  "pool that homes users");
  }

  // Every name a server role owns must be owned once (FQDNs are compared case-insensitively).
  // One machine per address: two servers on one address answer each other's traffic (a Standard
  // Edition server on the Edge's internal address, say).
  void check_machine_addresses() {
    struct Claim {
      std::string machine, what;
      Pos pos;
    };
    std::map<std::string, Claim> owners;
    auto claim = [&](const std::optional<dns::IpAddress>& ip, const std::string& machine,
                     const std::string& what, Pos pos) {
      if (!ip) {
        return;
      }
      auto [it, fresh] = owners.emplace(ip->text, Claim{machine, what, pos});
      if (!fresh && it->second.machine != machine) {
        error(pos, fmt::format("{} has the address {}, which is already {}{}; expected one "
                               "machine per address",
                               what, ip->text, it->second.what, line_of(it->second.pos)));
      }
    };
    for (const Pool& pool : t_.pools) {
      for (const Server& s : pool.servers) {
        const std::string what = fmt::format("{} server {}", to_string(pool.role), s.fqdn);
        claim(s.ip, s.fqdn, what, s.pos);
        claim(s.internal_ip, s.fqdn, what + " (internal interface)", s.pos);
        if (!s.has_nat()) {
          claim(s.external_access, s.fqdn, what + " (external interface)", s.pos);
          claim(s.external_webconf, s.fqdn, what + " (external interface)", s.pos);
          claim(s.external_av, s.fqdn, what + " (external interface)", s.pos);
        }
      }
    }
    if (t_.office_web_apps) {
      claim(t_.office_web_apps->internal_ip, t_.office_web_apps->fqdn,
            "Office Web Apps server " + t_.office_web_apps->fqdn, t_.office_web_apps->pos);
    }
  }

  // One service per public address and port: the reverse proxy's listeners (443 and 80) and each
  // Edge service at its public address (its VIP, the NAT address or the external one).
  void check_public_listeners() {
    struct Claim {
      std::string what;
      Pos pos;
    };
    std::map<std::pair<std::string, int>, Claim> owners;
    auto claim = [&](const std::optional<dns::IpAddress>& ip, int port, const std::string& what,
                     Pos pos) {
      if (!ip) {
        return;
      }
      auto [it, fresh] = owners.emplace(std::make_pair(ip->text, port), Claim{what, pos});
      if (!fresh && it->second.what != what) {
        error(pos, fmt::format("{}:{} is both {}{} and {}; expected one service per "
                               "public address and port (give one of them another address{})",
                               ip->text, port, it->second.what, line_of(it->second.pos), what,
                               port == 443 ? ", or another port for an Edge service" : ""));
      }
    };
    if (t_.reverse_proxy) {
      const ReverseProxy& rp = *t_.reverse_proxy;
      for (int port : {443, 80}) {
        claim(rp.ip, port, "the reverse proxy's listener", rp.pos);
        for (const Listener& l : rp.listeners) {
          claim(l.ip, port, "the reverse proxy's listener", l.pos);
        }
      }
    }
    for (const Pool& pool : t_.pools) {
      if (pool.role != Role::edge) {
        continue;
      }
      auto claim_service = [&](const EdgeService& service, std::string_view name, auto nat,
                               auto external) {
        const std::string what = fmt::format("the {} of {}", name, pool.fqdn);
        claim(service.vip, service.port, what, service.vip_pos);
        for (const Server& s : pool.servers) {
          claim(s.has_nat() ? s.*nat : s.*external, service.port, what, s.pos);
        }
      };
      claim_service(pool.access, "Access Edge", &Server::nat_access, &Server::external_access);
      claim_service(pool.webconf, "Web Conferencing Edge", &Server::nat_webconf,
                    &Server::external_webconf);
      claim_service(pool.av, "A/V Edge", &Server::nat_av, &Server::external_av);
    }
  }

  // An Edge's services may share one FQDN when they share its address too: Topology Builder's
  // "single FQDN and IP address" Edge (the services then differ by port).
  template <class Claim> void claim_edge_names(const Pool& pool, const Claim& claim) {
    using Address = std::optional<dns::IpAddress> Server::*;
    struct Named {
      const EdgeService* service;
      Address external;
      Address nat;
    };
    const std::array<Named, 3> services = {{
        {&pool.access, &Server::external_access, &Server::nat_access},
        {&pool.webconf, &Server::external_webconf, &Server::nat_webconf},
        {&pool.av, &Server::external_av, &Server::nat_av},
    }};
    for (std::size_t i = 0; i < services.size(); ++i) {
      const Named& n = services[i];
      const Named* same = nullptr;
      for (std::size_t j = 0; j < i; ++j) {
        if (!n.service->fqdn.empty() && services[j].service->fqdn == n.service->fqdn) {
          same = &services[j];
          break;
        }
      }
      if (same == nullptr) {
        claim(n.service->fqdn, n.service->pos);
        continue;
      }
      const bool one_address =
          n.service->vip == same->service->vip &&
          std::all_of(pool.servers.begin(), pool.servers.end(), [&](const Server& s) {
            return s.*(n.external) == s.*(same->external) && s.*(n.nat) == s.*(same->nat);
          });
      if (!one_address) {
        error(n.service->pos,
              fmt::format("Edge services share the FQDN '{}' but not their addresses; expected "
                          "one address for one name (Topology Builder's single FQDN and IP "
                          "address Edge), or a name per service",
                          n.service->fqdn));
      }
    }
  }

  void check_names_unique() {
    std::map<std::string, Pos> owner;
    auto claim = [&](const std::string& name, Pos pos) {
      if (name.empty()) {
        return;
      }
      auto [it, fresh] = owner.emplace(name, pos);
      if (!fresh) {
        error(pos, fmt::format("FQDN '{}' is used twice (first at line {}); expected every pool, "
                               "server and service name to be unique",
                               name, it->second.line));
      }
    };
    for (const Pool& pool : t_.pools) {
      claim(pool.fqdn, pool.pos);
      for (const Server& s : pool.servers) {
        // A single server may carry its pool's name; so may a Standard Edition server, whose
        // pool with too many servers is reported on its own.
        const bool same_as_single_pool =
            s.fqdn == pool.fqdn &&
            (pool.servers.size() == 1 || pool.role == Role::standard_edition);
        if (!same_as_single_pool) {
          claim(s.fqdn, s.pos);
        }
      }
      if (pool.web_internal && pool.web_internal->fqdn != pool.fqdn) {
        claim(pool.web_internal->fqdn, pool.web_internal->pos);
      }
      // The external web FQDN may repeat the internal one (Topology Builder's default: the
      // external DNS then sends it to the reverse proxy, the internal DNS to the pool).
      const std::string& web_internal_fqdn =
          pool.web_internal ? pool.web_internal->fqdn : pool.fqdn;
      if (pool.web_external && !is_front_end_web_name_of_director(pool) &&
          pool.web_external->fqdn != web_internal_fqdn && pool.web_external->fqdn != pool.fqdn) {
        claim(pool.web_external->fqdn, pool.web_external->pos);
      }
      if (pool.role == Role::edge) {
        claim_edge_names(pool, claim);
      }
    }
    if (t_.office_web_apps) {
      claim(t_.office_web_apps->fqdn, t_.office_web_apps->pos);
    }
  }

  // A Director reusing a Front End pool's external web FQDN is reported by its own check.
  bool is_front_end_web_name_of_director(const Pool& pool) const {
    if (pool.role != Role::director) {
      return false;
    }
    for (const Pool& p : t_.pools) {
      if (p.role != Role::director && p.web_external &&
          p.web_external->fqdn == pool.web_external->fqdn) {
        return true;
      }
    }
    return false;
  }

  void check_sip_domains() {
    std::unordered_set<std::string> seen;
    for (const std::string& d : t_.sip_domains) {
      if (!seen.insert(d).second) {
        error({1, 1},
              fmt::format("SIP domain '{}' is listed twice; expected each SIP domain once", d));
      }
    }
  }

  void check_pool(const Pool& pool) {
    const std::string what = fmt::format("pool {}", pool.fqdn);
    if (pool.certificates && (pool.role == Role::edge || pool.role == Role::mediation)) {
      error(pool.certificates_pos,
            fmt::format("{} is a {} pool, {}; expected certificates: only on front-end, "
                        "standard-edition and director pools",
                        what, to_string(pool.role),
                        pool.role == Role::edge ? "whose certificates are cut by interface"
                                                : "which has only a Default certificate"));
    }
    if (pool.role == Role::standard_edition) {
      if (pool.servers.size() > 1) {
        error(pool.pos, fmt::format("{} is a Standard Edition pool with {} servers; expected "
                                    "exactly one server (use role: front-end for a pool)",
                                    what, pool.servers.size()));
      } else if (pool.servers.size() == 1 && !pool.servers.front().fqdn.empty() &&
                 !pool.fqdn.empty() && pool.servers.front().fqdn != pool.fqdn) {
        error(pool.servers.front().pos,
              fmt::format("{} is a Standard Edition pool whose server is '{}'; expected the "
                          "server FQDN to equal the pool FQDN",
                          what, pool.servers.front().fqdn));
      }
    }
    const std::string web_internal = pool.web_internal ? pool.web_internal->fqdn : pool.fqdn;
    const bool has_web = pool.role == Role::front_end || pool.role == Role::standard_edition ||
                         pool.role == Role::director;
    if (has_web && pool.load_balancing == LoadBalancing::dns && web_internal == pool.fqdn) {
      error(pool.web_internal ? pool.web_internal->pos : pool.pos,
            fmt::format("{} uses DNS load balancing but its internal web FQDN is the pool FQDN; "
                        "expected web.internal with another FQDN on a hardware load balancer VIP "
                        "(HTTP cannot be DNS load balanced)",
                        what));
    }
    if (pool.role == Role::edge) {
      check_edge(pool, what);
    }
  }

  void check_edge(const Pool& pool, const std::string& what) {
    const bool hardware = pool.load_balancing == LoadBalancing::hardware;
    if (hardware && !pool.internal_vip) {
      error(pool.pos, fmt::format("{} uses hardware load balancing without internal.vip; "
                                  "expected the internal load balancer's VIP",
                                  what));
    }
    for (const Server& s : pool.servers) {
      if (!s.internal_ip) {
        error(s.pos, fmt::format("edge server {} has no internal_ip; expected the address of its "
                                 "internal interface",
                                 s.fqdn));
      }
      const bool has_external = s.external_access && s.external_webconf && s.external_av;
      if (!hardware && !has_external && !s.has_nat()) { // NAT without external: loader says
        error(s.pos, fmt::format("edge server {} lacks external addresses; expected external: "
                                 "{{access, webconf, av}} (one each, or one shared)",
                                 s.fqdn));
      }
    }
    if (!pool.next_hop.empty()) {
      bool found = false;
      for (const Pool& p : t_.pools) {
        found =
            found || (p.fqdn == pool.next_hop && p.role != Role::edge && p.role != Role::mediation);
      }
      if (!found) {
        error(pool.pos, fmt::format("{} has next_hop '{}', which is not a director, front-end or "
                                    "standard-edition pool of this topology; expected one of them",
                                    what, pool.next_hop));
      }
    }
  }

  void check_director_web_names() {
    for (const Pool& d : t_.pools) {
      if (d.role != Role::director || !d.web_external) {
        continue;
      }
      for (const Pool& p : t_.pools) {
        if ((p.role == Role::front_end || p.role == Role::standard_edition) && p.web_external &&
            p.web_external->fqdn == d.web_external->fqdn) {
          error(d.web_external->pos,
                fmt::format("director {} has the external web FQDN '{}' of pool {}; expected a "
                            "different FQDN (both are published)",
                            d.fqdn, d.web_external->fqdn, p.fqdn));
        }
      }
    }
  }

  void check_sign_in() {
    const Pool* first = nullptr;
    for (const Pool& p : t_.pools) {
      if (p.sign_in.value_or(false)) {
        if (first != nullptr) {
          error(p.pos, fmt::format("pools {} and {} both have sign_in: true; expected one "
                                   "sign-in pool",
                                   first->fqdn, p.fqdn));
        }
        first = &p;
      }
    }
  }

  void check_simple_urls() {
    for (const auto& [domain, host] : t_.simple_urls.meet) {
      bool known = false;
      for (const std::string& d : t_.sip_domains) {
        known = known || d == domain;
      }
      if (!known) {
        error(t_.simple_urls.pos, fmt::format("simple_urls.meet names '{}', which is not a SIP "
                                              "domain; expected one of sip_domains",
                                              domain));
      }
    }
  }

  void check_hosting() {
    if (!t_.hosting) {
      return;
    }
    const auto& h = *t_.hosting;
    const bool provider_is_sip_domain = std::find(t_.sip_domains.begin(), t_.sip_domains.end(),
                                                  h.provider_domain) != t_.sip_domains.end();
    if (h.lyncdiscover_cname && (!provider_is_sip_domain || !t_.mobility)) {
      error(h.lyncdiscover_pos,
            fmt::format("lyncdiscover: cname points every tenant at lyncdiscover.{0}, which the "
                        "plan publishes only when {0} is a SIP domain with mobility on; expected "
                        "lyncdiscover: a, or {0} in sip_domains and mobility: true",
                        h.provider_domain));
    }
    std::unordered_set<std::string> seen(t_.sip_domains.begin(), t_.sip_domains.end());
    std::size_t reported = 0;
    for (const std::string& tenant : t_.hosting->tenants) {
      if (!seen.insert(tenant).second && reported++ < 20) {
        error(t_.hosting->pos, fmt::format("tenant domain '{}' is listed twice or is also a SIP "
                                           "domain; expected each domain once",
                                           tenant));
      }
    }
  }

  const Topology& t_;
  std::vector<Diagnostic>& out_;
};

} // namespace

void validate(const Topology& topology, std::vector<Diagnostic>& out) {
  Validator(topology, out).run();
}

} // namespace lyncplan::topology
