// The reverse-proxy view of a plan that both proxy renderers format: listeners (address and
// port), the names each routes, and the backends they reach, with bind and backend maps applied;
// and the table of proxies with the mode each publishes in by default.
#pragma once

#include <lyncplan/render/renderer.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::render {

// Where a backend's addresses come from.
enum class BackendSource {
  option, // --backend HOST:PORT=IP:PORT
  plan,   // the plan's internal A/AAAA records of the host: the hardware load balancer's VIP, or
          // every server of a DNS load-balanced pool
  dns,    // the plan knows no address: the proxy resolves the name
};

struct ProxyBackend {
  std::string id;   // lync_dir_mslync_net_4443
  std::string host; // the pool FQDN (TLS name sent and checked on the backend certificate)
  int port = 0;     // 4443, 8080, 443
  // where it is reached: address:port each (IPv6 in brackets), or host:port with source dns
  std::vector<std::string> addresses;
  BackendSource source = BackendSource::dns;
  bool tls = false;

  std::string source_text() const; // for the configuration's comment
};

struct ProxyRoute {
  std::string public_name;
  std::string backend_id;
  std::string rule;
  std::string why;
};

struct ProxyListener {
  std::string id; // listener_192_0_2_40_443
  std::string public_ip;
  int public_port = 0;
  std::string bind; // address:port to listen on
  bool tls = false;
  std::string certificate; // certificate id (reverse-proxy-<ip>)
  std::vector<ProxyRoute> routes;
};

struct ProxyModel {
  std::vector<ProxyListener> listeners;
  std::vector<ProxyBackend> backends;

  const ProxyBackend& backend(const std::string& id) const;
};

// The model, or why it cannot be written into a configuration (nothing published, a name or
// address with characters a configuration cannot hold, a TLS listener routed to a plain backend).
Expected<ProxyModel, std::string> proxy_model(const plan::Plan& plan, const Options& options);

// One row per proxy the renderers write for.
struct ProxyFacts {
  std::string_view name;
  // Whether its HTTP mode can keep a backend connection private to one client connection, which
  // NTLM and Negotiate need: the handshake spans requests and signs in the connection.
  bool http_mode_binds_connections;
  ProxyMode default_mode; // the mode in which sign-ins that authenticate a connection work
};

const ProxyFacts& proxy_facts(std::string_view proxy);
bool is_proxy(std::string_view renderer); // a renderer with a row in the proxies' table

// The mode a renderer uses: the one asked for, or the proxy's default.
ProxyMode effective_mode(std::string_view proxy, ProxyMode asked);

} // namespace lyncplan::render
