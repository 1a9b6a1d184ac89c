// Reverse-proxy publishing as an HAProxy configuration: one frontend per listener, routing by
// Host (the header is kept as sent), unknown names refused, long time-outs, TLS to the pools'
// external web sites with their names checked (RULES 29, 30, 36).
#include <lyncplan/render/proxy_model.hpp>
#include <lyncplan/render/renderer.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace lyncplan::render {

Expected<Output, std::string> render_haproxy(const plan::Plan& plan, const Options& o) {
  const ProxyModel model = proxy_model(plan, o);
  Output output;
  std::string& out = output.text;
  fmt::format_to(std::back_inserter(out),
                 "# lyncplan: reverse-proxy publishing for HAProxy (2.4 or later).\n"
                 "# Certificates: <id>.key from `lyncplan certs request` beside <id>.crt, the "
                 "issued certificate\n# with its chain; internal-ca.crt, the CA of the pools' "
                 "external web sites.\n"
                 "global\n    ssl-load-extra-files key\n    ssl-load-extra-del-ext\n"
                 "    ssl-default-bind-options ssl-min-ver TLSv1.2\n\n"
                 "defaults\n    mode http\n    option forwardfor\n    option http-server-close\n"
                 "    timeout connect 10s\n    timeout http-request 30s\n"
                 "    # web and mobile clients hold long polls open\n"
                 "    timeout client 20m\n    timeout server 20m\n    timeout tunnel 1h\n");
  if (model.listeners.empty()) {
    return unexpected(std::string("the plan publishes nothing: the topology has no reverse_proxy "
                                  "(or no name to publish)"));
  }
  for (const auto& l : model.listeners) {
    if (!safe_config_token(l.bind)) {
      return unexpected(
          fmt::format("listener '{}' cannot be written into a configuration", l.bind));
    }
    std::string name = fmt::format("listener_{}_{}", l.public_ip, l.public_port);
    std::replace_if(
        name.begin(), name.end(), [](char c) { return c == '.' || c == ':'; }, '_');
    fmt::format_to(std::back_inserter(out), "\n# Listener {}:{}{}\nfrontend {}\n    bind {}{}\n",
                   l.public_ip, l.public_port,
                   l.tls ? " (TLS, certificate " + l.certificate + ")" : "", name, l.bind,
                   l.tls ? fmt::format(" ssl crt {}/{}.crt", o.cert_dir, l.certificate) : "");
    out += "    http-request set-var(txn.host) req.hdr(host),field(1,:),lower\n";
    for (const auto& r : l.routes) {
      if (!safe_config_token(r.public_name)) {
        return unexpected(
            fmt::format("name '{}' cannot be written into a configuration", r.public_name));
      }
      const bool wildcard = r.public_name.ends_with(".*");
      fmt::format_to(std::back_inserter(out),
                     "    # {}: {}\n    use_backend {} if {{ var(txn.host) {} {} }}\n", r.rule,
                     r.why, r.backend_id, wildcard ? "-m beg" : "-m str",
                     wildcard ? r.public_name.substr(0, r.public_name.size() - 1) : r.public_name);
    }
    out += "    # names this listener does not publish are refused [publish.listener]\n"
           "    default_backend lyncplan_refuse\n";
  }
  for (const auto& b : model.backends) {
    if (!safe_config_token(b.address) || !safe_config_token(b.host)) {
      return unexpected(
          fmt::format("backend '{}' cannot be written into a configuration", b.address));
    }
    fmt::format_to(std::back_inserter(out), "\nbackend {}\n    server {} {}", b.id, b.host,
                   b.address);
    if (b.tls) {
      fmt::format_to(std::back_inserter(out),
                     " ssl verify required ca-file {}/internal-ca.crt sni str({}) verifyhost {}",
                     o.cert_dir, b.host, b.host);
    }
    out += "\n";
  }
  out += "\nbackend lyncplan_refuse\n    http-request deny deny_status 421\n";
  return output;
}

} // namespace lyncplan::render
