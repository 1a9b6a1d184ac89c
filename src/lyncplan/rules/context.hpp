// Facts derived once from a Topology that many rules share: which pool signs clients in,
// which addresses a name resolves to, which listener publishes a name.
#pragma once

#include <lyncplan/topology/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace lyncplan::rules {

using topology::Pool;
using topology::Topology;

enum class EdgeService { access, webconf, av };

// A simple URL (RULES 16): meet per SIP domain, dialin, admin; a host and a path.
struct SimpleUrl {
  std::string kind; // meet | dialin | admin
  std::string host;
  std::string path;   // "/" for option 1
  std::string domain; // the SIP domain a meet URL serves; "" for dialin and admin
};

class Context {
public:
  explicit Context(const Topology& topology);

  const Topology& topology() const { return t_; }
  const std::string& default_domain() const { return t_.sip_domains.front(); }
  // The SIP domains whose records lead on premises (not teams-only), in the topology's order.
  const std::vector<std::string>& served_domains() const { return served_domains_; }
  // The names the Edge external certificate carries as sip.<domain>: the served domains and,
  // in a hybrid deployment, the domains that exist only online too.
  std::vector<std::string> edge_sip_domains() const;

  const Pool* director() const { return director_; }   // the first Director pool
  const Pool* home_pool() const { return home_pool_; } // the first front-end / SE pool
  const Pool* edge() const { return edge_; }           // the first Edge pool
  // The pool internal clients sign in to: sign_in, else the Director, else the home pool.
  const Pool* sign_in_pool() const { return sign_in_pool_; }
  // Where simple URLs and lyncdiscover land: the Director if deployed, else the home pool.
  const Pool* web_entry_pool() const { return director_ ? director_ : home_pool_; }

  const std::vector<SimpleUrl>& simple_urls() const { return simple_urls_; }
  std::vector<std::string> simple_url_hosts(bool include_admin) const;

  // Addresses behind a pool's SIP FQDN: the VIP with hardware load balancing, else each server.
  std::vector<dns::IpAddress> pool_addresses(const Pool& pool) const;
  // Addresses behind a pool's internal web FQDN: its web VIP, else the pool's addresses.
  std::vector<dns::IpAddress> web_internal_addresses(const Pool& pool) const;
  std::string web_internal_fqdn(const Pool& pool) const;

  // Public addresses of an Edge service: the VIP (hardware), else each server's NAT or
  // external address (RULES 6, 7).
  std::vector<dns::IpAddress> edge_public_addresses(const Pool& edge, EdgeService s) const;
  std::vector<dns::IpAddress> edge_internal_addresses(const Pool& edge) const;
  const topology::EdgeService& edge_service(const Pool& edge, EdgeService s) const;

  // The SRV target for SIP domain `domain`: the Access Edge FQDN when it lies in that domain,
  // else sip.<domain> (RULES 1).
  std::string access_target(const std::string& domain) const;

  // The reverse-proxy listener address that publishes `name`, if any.
  std::optional<dns::IpAddress> listener_for(const std::string& name) const;

private:
  const Topology& t_;
  const Pool* director_ = nullptr;
  const Pool* home_pool_ = nullptr;
  const Pool* edge_ = nullptr;
  const Pool* sign_in_pool_ = nullptr;
  std::vector<std::string> served_domains_;
  std::vector<SimpleUrl> simple_urls_;
};

} // namespace lyncplan::rules
