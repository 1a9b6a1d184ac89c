// The live probes of one check run, each done once however many clients and vantages need it:
// TLS handshakes per (address, port, name) and Autodiscover walks per (start URL, address), the
// later hops resolved through the vantage's DNS and pinned to what it answers.
#pragma once

#include <lyncplan/check/check.hpp>
#include <lyncplan/util/once_map.hpp>
#include <lyncplan/util/thread_pool.hpp>

#include <string>
#include <tuple>
#include <utility>

namespace lyncplan::check {

class Prober {
public:
  Prober(const Request& request, util::ThreadPool& pool) : request_(request), pool_(pool) {}

  // The threads every level of the check shares (Request::threads of them, the caller included).
  util::ThreadPool& pool() { return pool_; }

  // TLS to address:port with SNI `name` (443 is dialled at the request's https_port).
  probe::TlsResult tls(const std::string& address, int port, const std::string& name);
  // An XMPP server-to-server stream to `domain` at address:port, STARTTLS, then TLS with SNI
  // `domain`.
  probe::TlsResult xmpp_tls(const std::string& address, int port, const std::string& domain);
  // The anonymous walk from `url`, its first hop sent to `address`, later hops to what `dns`
  // answers for their hosts.
  probe::AutodiscoverWalk walk(const std::string& url, const std::string& address,
                               const resolve::Resolver& dns);

private:
  int dialled_port(int port) const;
  probe::HttpResponse fetch(const std::string& url, const std::string& first_address,
                            const resolve::Resolver& dns);

  const Request& request_;
  util::ThreadPool& pool_;
  OnceMap<std::tuple<std::string, int, std::string>, probe::TlsResult> tls_;
  OnceMap<std::pair<std::string, std::string>, probe::AutodiscoverWalk> walks_;
};

// The host and port of an http(s) URL (the scheme's port when none is written).
std::pair<std::string, int> url_host_port(const std::string& url);

} // namespace lyncplan::check
