// The real TLS prober and HTTP fetcher behind the check's interfaces.
#include <lyncplan/probe/live_parts.hpp>

namespace lyncplan::probe {
namespace {

class LiveTlsProber final : public TlsProber {
public:
  TlsResult handshake(const TlsTarget& target, const TlsOptions& options) const override {
    return probe_tls(target, options);
  }
};

class LiveHttpFetcher final : public HttpFetcher {
public:
  HttpResponse get(const std::string& url, const HttpOptions& options) const override {
    return http_get(url, options);
  }
};

} // namespace

const TlsProber& live_tls_prober() {
  static const LiveTlsProber prober;
  return prober;
}

const HttpFetcher& live_http_fetcher() {
  static const LiveHttpFetcher fetcher;
  return fetcher;
}

} // namespace lyncplan::probe
