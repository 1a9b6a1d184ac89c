// The reverse-proxy view of a plan that both proxy renderers format, and the proxies' table.
#include <lyncplan/render/proxy_model.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

namespace lyncplan::render {
namespace {

// nginx (without the commercial `ntlm` directive) either shares an upstream keep-alive
// connection between clients or opens one per request: neither carries a connection-bound
// handshake, so nginx publishes in tcp mode (stream module) by default. HAProxy keeps a server
// connection private to its client connection in keep-alive mode with `http-reuse never`.
constexpr std::array kProxies = {
    ProxyFacts{"nginx", false, ProxyMode::tcp},
    ProxyFacts{"haproxy", true, ProxyMode::http},
};

std::string identifier(std::string text) {
  std::replace_if(
      text.begin(), text.end(),
      [](char c) { return c == '.' || c == '-' || c == '*' || c == ':' || c == '[' || c == ']'; },
      '_');
  return text;
}

std::string mapped(const std::map<std::string, std::string>& map, const std::string& key) {
  auto it = map.find(key);
  return it == map.end() ? key : it->second;
}

// Names safe to write into a proxy configuration: host names, "lyncdiscover.*", addresses.
bool safe_config_token(std::string_view s) {
  if (s.empty() || s.size() > 253) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '*' || c == ':' || c == '_' || c == '[' || c == ']';
  });
}

std::optional<std::string> unsafe_part(const ProxyModel& model) {
  for (const auto& b : model.backends) {
    if (!safe_config_token(b.address) || !safe_config_token(b.host)) {
      return fmt::format("backend '{}' cannot be written into a configuration", b.address);
    }
  }
  for (const auto& l : model.listeners) {
    if (!safe_config_token(l.bind)) {
      return fmt::format("listener '{}' cannot be written into a configuration", l.bind);
    }
    for (const auto& r : l.routes) {
      if (!safe_config_token(r.public_name)) {
        return fmt::format("name '{}' cannot be written into a configuration", r.public_name);
      }
      if (l.tls && !model.backend(r.backend_id).tls) {
        return fmt::format("name '{}' on TLS listener {}:{} reaches a plain-HTTP backend ({}); "
                           "publish it on port 80 instead",
                           r.public_name, l.public_ip, l.public_port,
                           model.backend(r.backend_id).address);
      }
    }
  }
  return std::nullopt;
}

} // namespace

const ProxyBackend& ProxyModel::backend(const std::string& id) const {
  return *std::find_if(backends.begin(), backends.end(),
                       [&](const ProxyBackend& b) { return b.id == id; });
}

Expected<ProxyModel, std::string> proxy_model(const plan::Plan& plan, const Options& options) {
  ProxyModel model;
  std::map<std::pair<std::string, int>, std::size_t> listener_index;
  std::map<std::string, std::size_t> backend_index;
  for (const auto& rule : plan.publishing) {
    for (std::size_t i = 0; i < rule.from_ports.size() && i < rule.backend_ports.size(); ++i) {
      const int from = rule.from_ports[i];
      const int to = rule.backend_ports[i];
      const std::string backend_id = identifier(fmt::format("lync_{}_{}", rule.backend, to));
      if (backend_index.emplace(backend_id, model.backends.size()).second) {
        model.backends.push_back({backend_id, rule.backend, to,
                                  mapped(options.backend, fmt::format("{}:{}", rule.backend, to)),
                                  to != 8080});
      }
      const auto key = std::make_pair(rule.listener, from);
      auto [it, fresh] = listener_index.emplace(key, model.listeners.size());
      if (fresh) {
        ProxyListener l;
        l.id = identifier(fmt::format("listener_{}_{}", rule.listener, from));
        l.public_ip = rule.listener;
        l.public_port = from;
        l.bind = mapped(options.bind, fmt::format("{}:{}", rule.listener, from));
        l.tls = from == 443;
        l.certificate = "reverse-proxy-" + rule.listener;
        model.listeners.push_back(std::move(l));
      }
      model.listeners[it->second].routes.push_back(
          {rule.public_name, backend_id, rule.rule, rule.why});
    }
  }
  if (model.listeners.empty()) {
    return unexpected(std::string("the plan publishes nothing: the topology has no reverse_proxy "
                                  "(or no name to publish)"));
  }
  if (auto problem = unsafe_part(model)) {
    return unexpected(std::move(*problem));
  }
  return model;
}

const ProxyFacts& proxy_facts(std::string_view proxy) {
  return *std::find_if(kProxies.begin(), kProxies.end(),
                       [&](const ProxyFacts& p) { return p.name == proxy; });
}

ProxyMode effective_mode(std::string_view proxy, ProxyMode asked) {
  return asked == ProxyMode::automatic ? proxy_facts(proxy).default_mode : asked;
}

} // namespace lyncplan::render
