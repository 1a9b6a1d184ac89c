// The reverse-proxy view of a plan that both proxy renderers format.
#include <lyncplan/render/proxy_model.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace lyncplan::render {
namespace {

std::string identifier(const std::string& host, int port) {
  std::string id = "lync_" + host + "_" + std::to_string(port);
  std::replace_if(
      id.begin(), id.end(), [](char c) { return c == '.' || c == '-' || c == '*'; }, '_');
  return id;
}

std::string mapped(const std::map<std::string, std::string>& map, const std::string& key) {
  auto it = map.find(key);
  return it == map.end() ? key : it->second;
}

} // namespace

bool safe_config_token(std::string_view s) {
  if (s.empty() || s.size() > 253) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '*' || c == ':' || c == '_' || c == '[' || c == ']';
  });
}

ProxyModel proxy_model(const plan::Plan& plan, const Options& options) {
  ProxyModel model;
  std::map<std::pair<std::string, int>, std::size_t> listener_index;
  std::map<std::string, std::size_t> backend_index;
  for (const auto& rule : plan.publishing) {
    for (std::size_t i = 0; i < rule.from_ports.size() && i < rule.backend_ports.size(); ++i) {
      const int from = rule.from_ports[i];
      const int to = rule.backend_ports[i];
      const std::string backend_id = identifier(rule.backend, to);
      if (backend_index.emplace(backend_id, model.backends.size()).second) {
        model.backends.push_back({backend_id, rule.backend, to,
                                  mapped(options.backend, fmt::format("{}:{}", rule.backend, to)),
                                  to != 8080});
      }
      const auto key = std::make_pair(rule.listener, from);
      auto [it, fresh] = listener_index.emplace(key, model.listeners.size());
      if (fresh) {
        ProxyListener l;
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
  return model;
}

} // namespace lyncplan::render
