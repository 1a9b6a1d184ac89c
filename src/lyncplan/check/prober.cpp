// Live TLS handshakes and Autodiscover walks for a check run, each done once.
#include <lyncplan/check/prober.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <charconv>

namespace lyncplan::check {

std::pair<std::string, int> url_host_port(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return {"", 0};
  }
  const std::string scheme = to_lower(url.substr(0, scheme_end));
  const std::size_t start = scheme_end + 3;
  const std::size_t end = url.find_first_of("/?#", start);
  std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
  if (const auto at = authority.rfind('@'); at != std::string::npos) {
    authority = authority.substr(at + 1);
  }
  int port = scheme == "https" ? 443 : 80;
  if (const auto colon = authority.rfind(':');
      colon != std::string::npos && authority.find(']') == std::string::npos) {
    int parsed = 0;
    const char* first = authority.data() + colon + 1;
    const char* last = authority.data() + authority.size();
    if (auto [p, ec] = std::from_chars(first, last, parsed); ec == std::errc() && p == last) {
      port = parsed;
    }
    authority.resize(colon);
  }
  return {to_lower(authority), port};
}

int Prober::dialled_port(int port) const {
  if (const auto forward = request_.port_forwards.find(port);
      forward != request_.port_forwards.end()) {
    return forward->second;
  }
  return port == 443 ? request_.https_port : port == 80 ? request_.http_port : port;
}

probe::TlsResult Prober::tls(const std::string& address, int port, const std::string& name) {
  return tls_.get({address, port, name}, [&] {
    return request_.tls_prober->handshake({address, dialled_port(port), name},
                                          {request_.timeout_ms, request_.ca_file, request_.now});
  });
}

probe::TlsResult Prober::xmpp_tls(const std::string& address, int port, const std::string& domain) {
  return request_.tls_prober->handshake({address, dialled_port(port), domain, domain},
                                        {request_.timeout_ms, request_.ca_file, request_.now});
}

probe::HttpResponse Prober::fetch(const std::string& url, const std::string& first_address,
                                  const resolve::Resolver& dns) {
  const auto [host, port] = url_host_port(url);
  probe::HttpResponse none;
  if (host.empty()) {
    none.error = "not an http or https URL";
    return none;
  }
  if (probe::is_microsoft_online(host)) {
    none.error = fmt::format("{} is Microsoft 365 (Skype for Business Online); not probed", host);
    return none;
  }
  std::string address = first_address;
  if (address.empty()) {
    const resolve::Answer a = dns.query(host, plan::RrType::A);
    if (a.records.empty()) {
      none.error = fmt::format("{} does not resolve ({})", host, resolve::describe(a));
      return none;
    }
    address = a.records.front().value;
  }
  probe::HttpOptions options;
  options.timeout_ms = request_.timeout_ms;
  options.ca_file = request_.ca_file;
  const bool v6 = address.find(':') != std::string::npos;
  options.connect_to.push_back(fmt::format("{}:{}:{}{}{}:{}", host, port, v6 ? "[" : "", address,
                                           v6 ? "]" : "", dialled_port(port)));
  return request_.http_fetcher->get(url, options);
}

probe::AutodiscoverWalk Prober::walk(const std::string& url, const std::string& address,
                                     const resolve::Resolver& dns) {
  return walks_.get({url, address}, [&] {
    bool first = true;
    return probe::walk_autodiscover(url, [&](const std::string& hop) {
      const std::string pinned = first ? address : std::string();
      first = false;
      return fetch(hop, pinned, dns);
    });
  });
}

} // namespace lyncplan::check
