// Reverse-proxy publishing as an nginx include for the http block: one server per public name
// and listener, a default server per listener that refuses unknown names, the Host header kept,
// long time-outs for web and mobile long polls, unlimited request bodies (RULES 29, 30, 36).
#include <lyncplan/render/proxy_model.hpp>
#include <lyncplan/render/renderer.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace lyncplan::render {
namespace {

void certificate_lines(std::string& out, const ProxyListener& l, const Options& o) {
  fmt::format_to(std::back_inserter(out),
                 "    ssl_certificate     {}/{}.crt;\n"
                 "    ssl_certificate_key {}/{}.key;\n"
                 "    ssl_protocols       TLSv1.2 TLSv1.3;\n",
                 o.cert_dir, l.certificate, o.cert_dir, l.certificate);
}

void proxy_lines(std::string& out, const ProxyBackend& b, const Options& o) {
  fmt::format_to(std::back_inserter(out),
                 "    location / {{\n"
                 "        proxy_pass {}://{};\n"
                 "        proxy_http_version 1.1;\n"
                 "        proxy_set_header Host $host;\n"
                 "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
                 "        proxy_set_header Connection \"\";\n"
                 "        proxy_connect_timeout 10s;\n"
                 "        proxy_read_timeout 1200s;\n"
                 "        proxy_send_timeout 1200s;\n"
                 "        proxy_buffering off;\n"
                 "        proxy_request_buffering off;\n",
                 b.tls ? "https" : "http", b.id);
  if (b.tls) {
    fmt::format_to(std::back_inserter(out),
                   "        proxy_ssl_server_name on;\n"
                   "        proxy_ssl_name {};\n"
                   "        proxy_ssl_verify on;\n"
                   "        proxy_ssl_trusted_certificate {}/internal-ca.crt;\n",
                   b.host, o.cert_dir);
  }
  out += "    }\n";
}

} // namespace

Expected<Output, std::string> render_nginx(const plan::Plan& plan, const Options& o) {
  const ProxyModel model = proxy_model(plan, o);
  Output output;
  std::string& out = output.text;
  out += "# lyncplan: reverse-proxy publishing for nginx. Include it from the http block, e.g.\n"
         "# /etc/nginx/conf.d/lyncplan.conf. Certificates: <id>.key from `lyncplan certs "
         "request`,\n"
         "# <id>.crt the issued certificate with its chain, internal-ca.crt the CA of the "
         "pools'\n# external web sites.\n";
  if (model.listeners.empty()) {
    return unexpected(std::string("the plan publishes nothing: the topology has no reverse_proxy "
                                  "(or no name to publish)"));
  }
  for (const auto& b : model.backends) {
    if (!safe_config_token(b.address) || !safe_config_token(b.host)) {
      return unexpected(
          fmt::format("backend '{}' cannot be written into a configuration", b.address));
    }
    fmt::format_to(std::back_inserter(out),
                   "\nupstream {} {{\n    server {};\n    keepalive 16;\n}}\n", b.id, b.address);
  }
  for (const auto& l : model.listeners) {
    if (!safe_config_token(l.bind)) {
      return unexpected(
          fmt::format("listener '{}' cannot be written into a configuration", l.bind));
    }
    fmt::format_to(
        std::back_inserter(out),
        "\n# Listener {}:{}{}: names it does not publish are refused [publish.listener]\n"
        "server {{\n    listen {}{} default_server;\n    server_name _;\n",
        l.public_ip, l.public_port, l.tls ? " (TLS, certificate " + l.certificate + ")" : "",
        l.bind, l.tls ? " ssl" : "");
    if (l.tls) {
      certificate_lines(out, l, o);
    }
    out += "    return 421;\n}\n";
    for (const auto& r : l.routes) {
      const auto backend =
          std::find_if(model.backends.begin(), model.backends.end(),
                       [&](const ProxyBackend& b) { return b.id == r.backend_id; });
      if (!safe_config_token(r.public_name)) {
        return unexpected(
            fmt::format("name '{}' cannot be written into a configuration", r.public_name));
      }
      fmt::format_to(std::back_inserter(out),
                     "\n# {}: {}\nserver {{\n    listen {}{};\n    server_name {};\n"
                     "    client_max_body_size 0;\n",
                     r.rule, r.why, l.bind, l.tls ? " ssl" : "", r.public_name);
      if (l.tls) {
        certificate_lines(out, l, o);
      }
      proxy_lines(out, *backend, o);
      out += "}\n";
    }
  }
  return output;
}

} // namespace lyncplan::render
