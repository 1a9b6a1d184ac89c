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

// The addresses a proxy in a DMZ reaches `host`:`port` at without internal DNS: --backend, else
// the plan's own internal A/AAAA records of the host, else the name itself.
void place(ProxyBackend& b, const plan::Plan& plan, const Options& options) {
  const std::string key = fmt::format("{}:{}", b.host, b.port);
  if (auto it = options.backend.find(key); it != options.backend.end()) {
    b.addresses = {it->second};
    b.source = BackendSource::option;
    return;
  }
  for (const auto& r : plan.dns) {
    if (r.view == plan::View::internal && r.name == b.host &&
        (r.type == plan::RrType::A || r.type == plan::RrType::AAAA)) {
      const std::string address = r.type == plan::RrType::AAAA
                                      ? fmt::format("[{}]:{}", r.value, b.port)
                                      : fmt::format("{}:{}", r.value, b.port);
      if (std::find(b.addresses.begin(), b.addresses.end(), address) == b.addresses.end()) {
        b.addresses.push_back(address);
      }
    }
  }
  b.source = b.addresses.empty() ? BackendSource::dns : BackendSource::plan;
  if (b.addresses.empty()) {
    b.addresses = {key};
  }
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
    for (const auto& address : b.addresses) {
      if (!safe_config_token(address) || !safe_config_token(b.host)) {
        return fmt::format("backend '{}' cannot be written into a configuration", address);
      }
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
                           model.backend(r.backend_id).addresses.front());
      }
    }
  }
  return std::nullopt;
}

} // namespace

std::string ProxyBackend::source_text() const {
  switch (source) {
  case BackendSource::option:
    return "at the address --backend gives";
  case BackendSource::plan:
    return addresses.size() > 1 ? "at the servers' addresses in the plan (DNS load balancing)"
                                : "at its address in the plan (no internal DNS needed)";
  case BackendSource::dns:
    return "by name: the plan knows no address, so the proxy needs DNS for it (or --backend)";
  }
  return "";
}

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
        ProxyBackend b;
        b.id = backend_id;
        b.host = rule.backend;
        b.port = to;
        b.tls = to != 8080;
        place(b, plan, options);
        model.backends.push_back(std::move(b));
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
          {rule.public_name, backend_id, std::string(rule.rule.str()), rule.why});
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

bool is_proxy(std::string_view renderer) {
  return std::any_of(kProxies.begin(), kProxies.end(),
                     [&](const ProxyFacts& p) { return p.name == renderer; });
}

ProxyMode effective_mode(std::string_view proxy, ProxyMode asked) {
  return asked == ProxyMode::automatic ? proxy_facts(proxy).default_mode : asked;
}

} // namespace lyncplan::render
