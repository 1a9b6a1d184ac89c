// The reverse-proxy view of a plan that both proxy renderers format: listeners (address and
// port), the names each routes, and the backends they reach, with bind and backend maps applied.
#pragma once

#include <lyncplan/render/renderer.hpp>

#include <string>
#include <vector>

namespace lyncplan::render {

struct ProxyBackend {
  std::string id;      // lync_dir_mslync_net_4443
  std::string host;    // the pool FQDN (TLS name checked on the backend certificate)
  int port = 0;        // 4443, 8080, 443
  std::string address; // where it is reached: host:port, or the mapped address:port
  bool tls = false;
};

struct ProxyRoute {
  std::string public_name;
  std::string backend_id;
  std::string rule;
  std::string why;
};

struct ProxyListener {
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
};

ProxyModel proxy_model(const plan::Plan& plan, const Options& options);

// Names safe to write into a proxy configuration: host names, "lyncdiscover.*", addresses.
bool safe_config_token(std::string_view s);

} // namespace lyncplan::render
