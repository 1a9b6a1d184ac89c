// Facts derived once from a Topology that many rules share.
#include <lyncplan/dns/name.hpp>
#include <lyncplan/rules/context.hpp>

#include <algorithm>

namespace lyncplan::rules {
namespace {

using topology::LoadBalancing;
using topology::Role;

// Meet URLs for the served domains; dialin and admin while any domain is served.
std::vector<SimpleUrl> make_simple_urls(const Topology& t, const std::vector<std::string>& served) {
  std::vector<SimpleUrl> urls;
  if (served.empty()) {
    return urls;
  }
  const topology::SimpleUrls& s = t.simple_urls;
  const std::string& d0 = t.sip_domains.front();
  auto explicit_meet = [&](const std::string& d) -> std::string {
    auto it = s.meet.find(d);
    return it == s.meet.end() ? std::string() : it->second;
  };
  if (s.option == 1) {
    for (const std::string& d : served) {
      const std::string host = explicit_meet(d);
      urls.push_back({"meet", host.empty() ? "meet." + d : host, "/", d});
    }
    urls.push_back({"dialin", s.dialin.empty() ? "dialin." + d0 : s.dialin, "/", ""});
    if (s.admin) {
      urls.push_back({"admin", "admin." + d0, "/", ""});
    }
  } else if (s.option == 2) {
    auto base = [&](const std::string& d) {
      return d == d0 && !s.base.empty() ? s.base : "lync." + d;
    };
    for (const std::string& d : served) {
      const std::string host = explicit_meet(d);
      urls.push_back({"meet", host.empty() ? base(d) : host, "/Meet", d});
    }
    urls.push_back({"dialin", s.dialin.empty() ? base(d0) : s.dialin, "/Dialin", ""});
    if (s.admin) {
      urls.push_back({"admin", base(d0), "/Admin", ""});
    }
  } else {
    const std::string host = s.base.empty() ? "lync." + d0 : s.base;
    for (const std::string& d : served) {
      urls.push_back({"meet", host, "/" + d + "/Meet", d});
    }
    urls.push_back({"dialin", s.dialin.empty() ? host : s.dialin, "/Dialin", ""});
    if (s.admin) {
      urls.push_back({"admin", host, "/Admin", ""});
    }
  }
  return urls;
}

} // namespace

Context::Context(const Topology& topology)
    : t_(topology), served_domains_(topology::served_domains(topology)),
      simple_urls_(make_simple_urls(topology, served_domains_)) {
  for (const Pool& p : t_.pools) {
    if (p.role == Role::director && director_ == nullptr) {
      director_ = &p;
    }
    if ((p.role == Role::front_end || p.role == Role::standard_edition) && home_pool_ == nullptr) {
      home_pool_ = &p;
    }
    if (p.role == Role::edge && edge_ == nullptr) {
      edge_ = &p;
    }
    if (p.sign_in.value_or(false)) {
      sign_in_pool_ = &p;
    }
  }
  if (sign_in_pool_ == nullptr) {
    sign_in_pool_ = director_ ? director_ : home_pool_;
  }
}

std::vector<std::string> Context::simple_url_hosts(bool include_admin) const {
  std::vector<std::string> hosts;
  for (const SimpleUrl& u : simple_urls_) {
    if ((include_admin || u.kind != "admin") &&
        std::find(hosts.begin(), hosts.end(), u.host) == hosts.end()) {
      hosts.push_back(u.host);
    }
  }
  return hosts;
}

std::vector<dns::IpAddress> Context::pool_addresses(const Pool& pool) const {
  if (pool.load_balancing == LoadBalancing::hardware && pool.vip) {
    return {*pool.vip};
  }
  std::vector<dns::IpAddress> out;
  for (const auto& s : pool.servers) {
    if (s.ip) {
      out.push_back(*s.ip);
    }
  }
  return out;
}

std::vector<dns::IpAddress> Context::web_internal_addresses(const Pool& pool) const {
  if (pool.web_internal && pool.web_internal->vip) {
    return {*pool.web_internal->vip};
  }
  return pool_addresses(pool);
}

std::string Context::web_internal_fqdn(const Pool& pool) const {
  return pool.web_internal ? pool.web_internal->fqdn : pool.fqdn;
}

const topology::EdgeService& Context::edge_service(const Pool& edge, EdgeService s) const {
  switch (s) {
  case EdgeService::access:
    return edge.access;
  case EdgeService::webconf:
    return edge.webconf;
  case EdgeService::av:
    return edge.av;
  }
  return edge.access;
}

std::vector<dns::IpAddress> Context::edge_public_addresses(const Pool& edge, EdgeService s) const {
  if (edge.load_balancing == LoadBalancing::hardware) {
    const auto& vip = edge_service(edge, s).vip;
    return vip ? std::vector<dns::IpAddress>{*vip} : std::vector<dns::IpAddress>{};
  }
  std::vector<dns::IpAddress> out;
  for (const auto& server : edge.servers) {
    const auto& nat = s == EdgeService::access    ? server.nat_access
                      : s == EdgeService::webconf ? server.nat_webconf
                                                  : server.nat_av;
    const auto& external = s == EdgeService::access    ? server.external_access
                           : s == EdgeService::webconf ? server.external_webconf
                                                       : server.external_av;
    if (nat) {
      out.push_back(*nat);
    } else if (external) {
      out.push_back(*external);
    }
  }
  return out;
}

std::vector<dns::IpAddress> Context::edge_internal_addresses(const Pool& edge) const {
  if (edge.load_balancing == LoadBalancing::hardware && edge.internal_vip) {
    return {*edge.internal_vip};
  }
  std::vector<dns::IpAddress> out;
  for (const auto& server : edge.servers) {
    if (server.internal_ip) {
      out.push_back(*server.internal_ip);
    }
  }
  return out;
}

std::string Context::access_target(const std::string& domain) const {
  if (edge_ != nullptr && dns::is_within(edge_->access.fqdn, domain)) {
    return edge_->access.fqdn;
  }
  return "sip." + domain;
}

std::optional<dns::IpAddress> Context::listener_for(const std::string& name) const {
  if (!t_.reverse_proxy) {
    return std::nullopt;
  }
  for (const auto& listener : t_.reverse_proxy->listeners) {
    if (std::find(listener.names.begin(), listener.names.end(), name) != listener.names.end()) {
      return listener.ip;
    }
  }
  return t_.reverse_proxy->ip;
}

std::vector<std::string> Context::edge_sip_domains() const {
  return topology::has_hybrid(t_) ? t_.sip_domains : served_domains_;
}

} // namespace lyncplan::rules
