// What answers where, for the simulator, built from a Topology and its Plan.
#include <lyncplan/discovery/world.hpp>
#include <lyncplan/rules/context.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace lyncplan::discovery {
namespace {

using topology::Pool;
using topology::Role;

// The first planned certificate of `pool` that serves the Lync certificate type `usage`.
const plan::Certificate* find_cert(const plan::Plan& plan, std::string_view pool,
                                   std::string_view usage) {
  for (const auto& c : plan.certificates) {
    if (c.pool == pool && std::find(c.usages.begin(), c.usages.end(), usage) != c.usages.end()) {
      return &c;
    }
  }
  return nullptr;
}

CertView view_of(const plan::Certificate* c) {
  if (c == nullptr) {
    return {};
  }
  return {c->id, c->subject, c->sans, ""};
}

} // namespace

const char* to_string(Vantage v) {
  return v == Vantage::inside ? "inside" : "outside";
}

void World::add(const std::string& address, int port, Listener listener) {
  listeners_.emplace(std::make_tuple(address, port, std::string()), std::move(listener));
  known_.insert(address);
}

World World::observed(AutodiscoverAnswer answer) {
  World w;
  w.observed_ = true;
  w.answer_ = std::move(answer);
  w.home_external_web_ = w.answer_.ucwa_host;
  return w;
}

void World::observe(const std::string& address, int port, const std::string& sni,
                    Listener listener) {
  listeners_.insert_or_assign(std::make_tuple(address, port, sni), std::move(listener));
  known_.insert(address);
}

bool World::knows(const std::string& address, int port, std::string_view sni) const {
  if (!observed_) {
    return known_.count(address) != 0;
  }
  return listeners_.count(std::make_tuple(address, port, std::string(sni))) != 0;
}

World::World(const topology::Topology& t, const plan::Plan& plan) {
  const rules::Context c(t);
  const Pool* home = c.home_pool();
  if (home != nullptr) {
    answer_.internal_access = SipAccess{home->fqdn, 5061};
    home_internal_web_ = c.web_internal_fqdn(*home);
    if (home->web_external) {
      home_external_web_ = home->web_external->fqdn;
      answer_.ucwa_host = home_external_web_;
    }
  }
  if (const Pool* edge = c.edge()) {
    answer_.external_access = SipAccess{edge->access.fqdn, edge->access.port};
    const CertView cert = view_of(find_cert(plan, edge->fqdn, "AccessEdgeExternal"));
    for (const auto& a : c.edge_public_addresses(*edge, rules::EdgeService::access)) {
      add(a.text, edge->access.port,
          {Service::sip_tls, "Access Edge " + edge->access.fqdn, cert, false, Side::external, "",
           false});
    }
  }
  for (const Pool& pool : t.pools) {
    if (pool.role != Role::front_end && pool.role != Role::standard_edition &&
        pool.role != Role::director) {
      continue;
    }
    const bool director = pool.role == Role::director;
    const std::string what = fmt::format("{} pool {}", to_string(pool.role), pool.fqdn);
    const std::string first_server = pool.servers.empty() ? "" : pool.servers.front().fqdn;
    const CertView sip_cert = view_of(find_cert(plan, pool.fqdn, "Default"));
    const CertView web_cert = view_of(find_cert(plan, pool.fqdn, "WebServicesInternal"));
    auto sip_addresses = c.pool_addresses(pool);
    for (const auto& s : pool.servers) {
      if (s.ip) {
        sip_addresses.push_back(*s.ip);
      }
    }
    for (const auto& a : sip_addresses) {
      add(a.text, 5061, {Service::sip_tls, what, sip_cert, true, Side::internal, "", director});
    }
    for (const auto& a : c.web_internal_addresses(pool)) {
      for (int port : {443, 80}) {
        add(a.text, port,
            {Service::web, what + " internal web services", web_cert, true, Side::internal,
             c.web_internal_fqdn(pool), director});
      }
    }
  }
  // Every other address of the topology answers nothing a client asks for.
  for (const Pool& pool : t.pools) {
    for (const auto& a : c.pool_addresses(pool)) {
      known_.insert(a.text);
    }
    for (const auto& s : pool.servers) {
      for (const auto* a : {&s.ip, &s.internal_ip, &s.external_access, &s.external_webconf,
                            &s.external_av, &s.nat_access, &s.nat_webconf, &s.nat_av}) {
        if (*a) {
          known_.insert((*a)->text);
        }
      }
    }
    for (const auto* a : {&pool.internal_vip, &pool.access.vip, &pool.webconf.vip, &pool.av.vip}) {
      if (*a) {
        known_.insert((*a)->text);
      }
    }
    if (pool.web_internal && pool.web_internal->vip) {
      known_.insert(pool.web_internal->vip->text);
    }
  }
  if (t.office_web_apps && t.office_web_apps->internal_ip) {
    known_.insert(t.office_web_apps->internal_ip->text);
  }
  if (t.reverse_proxy) {
    const Pool* entry = c.web_entry_pool();
    std::vector<dns::IpAddress> addresses;
    if (t.reverse_proxy->ip) {
      addresses.push_back(*t.reverse_proxy->ip);
    }
    for (const auto& l : t.reverse_proxy->listeners) {
      addresses.push_back(l.ip);
    }
    for (const auto& a : addresses) {
      const plan::Certificate* cert = nullptr;
      for (const auto& pc : plan.certificates) {
        if (pc.role == "reverse-proxy" && pc.interface == "listener " + a.text) {
          cert = &pc;
        }
      }
      const std::string web = entry && entry->web_external ? entry->web_external->fqdn : "";
      for (int port : {443, 80}) {
        add(a.text, port,
            {Service::web, "reverse proxy " + a.text, view_of(cert), false, Side::external, web,
             entry != nullptr && entry->role == Role::director});
      }
    }
  }
}

const Listener* World::at(const std::string& address, int port, Vantage vantage,
                          std::string_view sni) const {
  auto it = listeners_.find(std::make_tuple(address, port, std::string(observed_ ? sni : "")));
  if (it == listeners_.end()) {
    return nullptr;
  }
  if (it->second.internal_only && vantage == Vantage::outside) {
    return nullptr;
  }
  return &it->second;
}

std::string World::home_web_fqdn(Side side) const {
  return side == Side::internal ? home_internal_web_ : home_external_web_;
}

} // namespace lyncplan::discovery
