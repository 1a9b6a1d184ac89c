// Reverse-proxy publishing as an HAProxy configuration: one frontend per listener, unknown names
// refused, long time-outs, TLS to the pools' external web sites with their names checked. http
// mode (the default) routes by Host and keeps each server connection private to its client
// connection (keep-alive, `http-reuse never`), so NTLM and Negotiate sign-ins complete and never
// cross users; tcp mode ends TLS and routes by SNI, one connection each way (RULES 29, 30, 36).
#include <lyncplan/render/proxy_model.hpp>
#include <lyncplan/render/renderer.hpp>

#include <fmt/format.h>

namespace lyncplan::render {
namespace {

void http_frontend(std::string& out, const ProxyListener& l) {
  out += "    http-request set-var(txn.host) req.hdr(host),field(1,:),lower\n";
  for (const auto& r : l.routes) {
    const bool wildcard = r.public_name.ends_with(".*");
    fmt::format_to(std::back_inserter(out),
                   "    # {}: {}\n    use_backend {} if {{ var(txn.host) {} {} }}\n", r.rule, r.why,
                   r.backend_id, wildcard ? "-m beg" : "-m str",
                   wildcard ? r.public_name.substr(0, r.public_name.size() - 1) : r.public_name);
  }
  out += "    # names this listener does not publish are refused [publish.listener]\n"
         "    default_backend lyncplan_refuse\n";
}

void tcp_frontend(std::string& out, const ProxyListener& l) {
  out += "    mode tcp\n";
  for (const auto& r : l.routes) {
    const bool wildcard = r.public_name.ends_with(".*");
    fmt::format_to(std::back_inserter(out),
                   "    # {}: {}\n    use_backend {}_tcp if {{ ssl_fc_sni -i {} {} }}\n", r.rule,
                   r.why, r.backend_id, wildcard ? "-m beg" : "-m str",
                   wildcard ? r.public_name.substr(0, r.public_name.size() - 1) : r.public_name);
  }
  out += "    # names this listener does not publish (or no name) are refused [publish.listener]\n"
         "    default_backend lyncplan_refuse_tcp\n";
}

// The backend's servers: the addresses the plan knows (a DMZ needs no internal DNS), each
// health-checked; several share the load, a client staying on one.
void server_lines(std::string& out, const ProxyBackend& b, const Options& o) {
  fmt::format_to(std::back_inserter(out), "    # {}:{}, reached {}\n", b.host, b.port,
                 b.source_text());
  if (b.addresses.size() > 1) {
    out += "    balance source\n";
  }
  for (std::size_t i = 0; i < b.addresses.size(); ++i) {
    const std::string name = b.addresses.size() > 1 ? fmt::format("{}-{}", b.host, i + 1) : b.host;
    fmt::format_to(std::back_inserter(out), "    server {} {} check", name, b.addresses[i]);
    if (b.tls) {
      fmt::format_to(std::back_inserter(out),
                     " ssl verify required ca-file {}/internal-ca.crt sni str({}) verifyhost {}",
                     o.cert_dir, b.host, b.host);
    }
    out += "\n";
  }
}

bool reached_over(const ProxyModel& model, const ProxyBackend& b, bool tls_listener) {
  for (const auto& l : model.listeners) {
    for (const auto& r : l.routes) {
      if (r.backend_id == b.id && l.tls == tls_listener) {
        return true;
      }
    }
  }
  return false;
}

} // namespace

Expected<Output, std::string> render_haproxy(const Input& input) {
  const plan::Plan& plan = input.plan;
  const Options& o = input.options;
  auto model = proxy_model(plan, o);
  if (!model) {
    return unexpected(model.error());
  }
  const bool tcp = effective_mode("haproxy", o.proxy_mode) == ProxyMode::tcp;
  Output output;
  std::string& out = output.text;
  fmt::format_to(
      std::back_inserter(out),
      "# lyncplan: reverse-proxy publishing for HAProxy (2.4 or later), --proxy-mode {}.\n"
      "# Certificates: <id>.key from `lyncplan certs request` beside <id>.crt, the issued "
      "certificate\n# with its chain; internal-ca.crt, the CA of the pools' external web sites.\n"
      "# Skype for Business and Lync web services authenticate a connection, not a request "
      "(NTLM,\n# and Negotiate falling back to it): {}\n"
      "global\n    ssl-load-extra-files key\n    ssl-load-extra-del-ext\n"
      "    ssl-default-bind-options ssl-min-ver TLSv1.2\n\n"
      "defaults\n    mode http\n    option forwardfor\n"
      "    # a server connection stays with the client connection that opened it, never shared\n"
      "    option http-keep-alive\n    http-reuse never\n"
      "    timeout connect 10s\n    timeout http-request 30s\n"
      "    # web and mobile clients hold long polls open\n"
      "    timeout client 20m\n    timeout server 20m\n    timeout tunnel 1h\n",
      tcp ? "tcp" : "http",
      tcp ? "the TLS listeners end TLS and give each client\n# connection its own server "
            "connection, routed by the name the client sends (SNI).\n"
          : "each server connection is kept for the client\n# connection that opened it (keep-"
            "alive, never reused by another), so the handshake completes\n# and one user's "
            "signed-in connection never serves another.\n");
  for (const auto& l : model->listeners) {
    fmt::format_to(std::back_inserter(out), "\n# Listener {}:{}{}\nfrontend {}\n    bind {}{}\n",
                   l.public_ip, l.public_port,
                   l.tls ? " (TLS, certificate " + l.certificate + ")" : "", l.id, l.bind,
                   l.tls ? fmt::format(" ssl crt {}/{}.crt", o.cert_dir, l.certificate) : "");
    if (tcp && l.tls) {
      tcp_frontend(out, l);
    } else {
      http_frontend(out, l);
    }
  }
  for (const auto& b : model->backends) {
    if (!tcp || reached_over(*model, b, false)) {
      fmt::format_to(std::back_inserter(out), "\nbackend {}\n", b.id);
      server_lines(out, b, o);
    }
    if (tcp && reached_over(*model, b, true)) {
      fmt::format_to(std::back_inserter(out), "\nbackend {}_tcp\n    mode tcp\n", b.id);
      server_lines(out, b, o);
    }
  }
  out += "\nbackend lyncplan_refuse\n    http-request deny deny_status 421\n";
  if (tcp) {
    out += "\nbackend lyncplan_refuse_tcp\n    mode tcp\n    tcp-request content reject\n";
  }
  return output;
}

} // namespace lyncplan::render
