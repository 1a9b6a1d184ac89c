// The live parts a check talks to, as interfaces: the real ones open sockets (probe_tls,
// http_get); tests give scripted ones, so a check over an observed world runs without a network.
#pragma once

#include <lyncplan/probe/autodiscover.hpp>
#include <lyncplan/probe/http_fetch.hpp>
#include <lyncplan/probe/tls_probe.hpp>

#include <string>

namespace lyncplan::probe {

class TlsProber {
public:
  virtual ~TlsProber() = default;
  virtual TlsResult handshake(const TlsTarget& target, const TlsOptions& options) const = 0;
};

class HttpFetcher {
public:
  virtual ~HttpFetcher() = default;
  virtual HttpResponse get(const std::string& url, const HttpOptions& options) const = 0;
};

// The real ones: OpenSSL handshakes and libcurl requests, each bounded by its options' timeout.
const TlsProber& live_tls_prober();
const HttpFetcher& live_http_fetcher();

} // namespace lyncplan::probe
