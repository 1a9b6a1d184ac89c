// Reverse-proxy publishing for nginx. tcp mode (the default): TLS listeners in the stream context,
// one backend connection per client connection, routed by SNI, so sign-ins that authenticate a
// connection (NTLM, Negotiate) work and never cross users; plain-HTTP listeners in the http
// context. http mode: everything in the http context, routed by Host, one backend connection per
// request (never shared), where those sign-ins cannot complete (RULES 29, 30, 36).
#include <lyncplan/render/proxy_model.hpp>
#include <lyncplan/render/renderer.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace lyncplan::render {
namespace {

constexpr const char* kStreamFile = "lyncplan-stream.conf";
constexpr const char* kHttpFile = "lyncplan-http.conf";

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

bool used_by(const ProxyBackend& b, const std::vector<const ProxyListener*>& listeners) {
  for (const ProxyListener* l : listeners) {
    for (const auto& r : l->routes) {
      if (r.backend_id == b.id) {
        return true;
      }
    }
  }
  return false;
}

// The upstreams `listeners` reach: the addresses the plan knows (a DMZ needs no internal DNS);
// several servers share the load, a client staying on one, each taken out when it fails.
std::string upstreams(const ProxyModel& model, const std::vector<const ProxyListener*>& listeners) {
  std::string out;
  for (const auto& b : model.backends) {
    if (!used_by(b, listeners)) {
      continue;
    }
    fmt::format_to(std::back_inserter(out), "\n# {}:{}, reached {}\nupstream {} {{\n", b.host,
                   b.port, b.source_text(), b.id);
    if (b.addresses.size() > 1) {
      out += "    hash $remote_addr consistent; # a client stays on one server\n";
      for (const auto& address : b.addresses) {
        fmt::format_to(std::back_inserter(out), "    server {} max_fails=2 fail_timeout=30s;\n",
                       address);
      }
    } else {
      fmt::format_to(std::back_inserter(out), "    server {};\n", b.addresses.front());
    }
    out += "}\n";
  }
  return out;
}

// The http context: Host-routed servers for `listeners`; upstreams without keepalive, so nginx
// opens a backend connection per request and never hands one client's connection to another.
std::string http_context(const ProxyModel& model,
                         const std::vector<const ProxyListener*>& listeners, const Options& o) {
  std::string out = upstreams(model, listeners);
  for (const ProxyListener* l : listeners) {
    fmt::format_to(
        std::back_inserter(out),
        "\n# Listener {}:{}{}: names it does not publish are refused [publish.listener]\n"
        "server {{\n    listen {}{} default_server;\n    server_name _;\n",
        l->public_ip, l->public_port, l->tls ? " (TLS, certificate " + l->certificate + ")" : "",
        l->bind, l->tls ? " ssl" : "");
    if (l->tls) {
      certificate_lines(out, *l, o);
    }
    out += "    return 421;\n}\n";
    for (const auto& r : l->routes) {
      fmt::format_to(std::back_inserter(out),
                     "\n# {}: {}\nserver {{\n    listen {}{};\n    server_name {};\n"
                     "    client_max_body_size 0;\n",
                     r.rule, r.why, l->bind, l->tls ? " ssl" : "", r.public_name);
      if (l->tls) {
        certificate_lines(out, *l, o);
      }
      proxy_lines(out, model.backend(r.backend_id), o);
      out += "}\n";
    }
  }
  return out;
}

// The stream context: per TLS listener, TLS ended with its certificate, the SNI name mapped to
// a backend, TLS begun again to the pool with its name verified; one connection each way.
std::string stream_context(const ProxyModel& model,
                           const std::vector<const ProxyListener*>& listeners, const Options& o) {
  std::string out = upstreams(model, listeners);
  out += "\n# Where names a listener does not publish go: every server is down, so nginx closes\n"
         "# the connection after the handshake [publish.listener]\n"
         "upstream lyncplan_refuse {\n    server 127.0.0.1:9 down;\n}\n";
  for (const ProxyListener* l : listeners) {
    fmt::format_to(std::back_inserter(out),
                   "\n# Listener {}:{} (TLS, certificate {}): the name the client sends (SNI) "
                   "picks the backend\nmap $ssl_server_name ${} {{\n    hostnames;\n"
                   "    default lyncplan_refuse;\n",
                   l->public_ip, l->public_port, l->certificate, l->id);
    for (const auto& r : l->routes) {
      fmt::format_to(std::back_inserter(out), "    # {}: {}\n    {} {};\n", r.rule, r.why,
                     r.public_name, r.backend_id);
    }
    fmt::format_to(std::back_inserter(out),
                   "}}\n# ... and the name verified on that backend's certificate\n"
                   "map ${} ${}_name {{\n    default \"\";\n",
                   l->id, l->id);
    std::vector<std::string> named;
    for (const auto& r : l->routes) {
      if (std::find(named.begin(), named.end(), r.backend_id) == named.end()) {
        named.push_back(r.backend_id);
        fmt::format_to(std::back_inserter(out), "    {} {};\n", r.backend_id,
                       model.backend(r.backend_id).host);
      }
    }
    fmt::format_to(std::back_inserter(out), "}}\nserver {{\n    listen {} ssl;\n", l->bind);
    certificate_lines(out, *l, o);
    fmt::format_to(std::back_inserter(out),
                   "    proxy_pass ${};\n"
                   "    proxy_ssl on;\n"
                   "    proxy_ssl_server_name on;\n"
                   "    proxy_ssl_name ${}_name;\n"
                   "    proxy_ssl_verify on;\n"
                   "    proxy_ssl_trusted_certificate {}/internal-ca.crt;\n"
                   "    proxy_connect_timeout 10s;\n"
                   "    proxy_timeout 1200s; # web and mobile clients hold long polls open\n"
                   "}}\n",
                   l->id, l->id, o.cert_dir);
  }
  return out;
}

constexpr const char* kCertificates =
    "# Certificates: <id>.key from `lyncplan certs request`, <id>.crt the issued certificate with\n"
    "# its chain, internal-ca.crt the CA of the pools' external web sites.\n";

Output http_mode(const ProxyModel& model, const Options& o) {
  std::vector<const ProxyListener*> all;
  for (const auto& l : model.listeners) {
    all.push_back(&l);
  }
  Output output;
  output.text = std::string("# lyncplan: reverse-proxy publishing for nginx (--proxy-mode http). "
                            "Include it from the http\n# block, e.g. "
                            "/etc/nginx/conf.d/lyncplan.conf.\n") +
                kCertificates +
                "# Each request gets its own backend connection, closed after the answer, so "
                "one client's\n# signed-in connection never serves another. NTLM and Negotiate "
                "sign-ins (the web ticket of\n# desktop clients outside) authenticate a "
                "connection and cannot complete this way: use\n# --proxy-mode tcp (the "
                "default) for them.\n" +
                http_context(model, all, o);
  output.warnings.push_back(
      "nginx in http mode opens a backend connection per request: NTLM and Negotiate sign-ins "
      "from outside (desktop clients' web tickets) cannot complete; --proxy-mode tcp keeps one "
      "backend connection per client connection");
  return output;
}

Output tcp_mode(const ProxyModel& model, const Options& o) {
  std::vector<const ProxyListener*> tls, plain;
  for (const auto& l : model.listeners) {
    (l.tls ? tls : plain).push_back(&l);
  }
  Output output;
  output.files.push_back(
      {kStreamFile,
       fmt::format("# lyncplan: reverse-proxy publishing for nginx (--proxy-mode tcp), the TLS "
                   "listeners.\n# Include it inside a stream block of the main context (outside "
                   "http), e.g. in nginx.conf:\n#     stream {{ include /etc/nginx/lyncplan/{}; "
                   "}}\n# It needs the stream module (Debian: libnginx-mod-stream). {} "
                   "beside it holds\n# the plain-HTTP listeners, for the http block.\n{}"
                   "# Skype for Business and Lync web services authenticate a connection, not a "
                   "request (NTLM,\n# and Negotiate falling back to it): each client connection "
                   "here gets its own backend\n# connection, opened for it and closed with it, so "
                   "the handshake completes and one user's\n# signed-in connection never serves "
                   "another. Clients must send the name (SNI); all Lync,\n# Skype for Business "
                   "and mobile clients do.\n{}",
                   kStreamFile, kHttpFile, kCertificates, stream_context(model, tls, o))});
  output.files.push_back(
      {kHttpFile,
       fmt::format("# lyncplan: reverse-proxy publishing for nginx (--proxy-mode tcp), the "
                   "plain-HTTP listeners.\n# Include it from the http block, e.g. "
                   "/etc/nginx/conf.d/lyncplan-http.conf. Each request gets\n# its own backend "
                   "connection, closed after the answer (nothing signs in over plain HTTP).\n{}",
                   plain.empty() ? "# (this plan has no plain-HTTP listener)\n"
                                 : http_context(model, plain, o))});
  return output;
}

} // namespace

Expected<Output, std::string> render_nginx(const Input& input) {
  const plan::Plan& plan = input.plan;
  const Options& o = input.options;
  auto model = proxy_model(plan, o);
  if (!model) {
    return unexpected(model.error());
  }
  return effective_mode("nginx", o.proxy_mode) == ProxyMode::http ? http_mode(*model, o)
                                                                  : tcp_mode(*model, o);
}

} // namespace lyncplan::render
