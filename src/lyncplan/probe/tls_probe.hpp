// One TLS handshake to one address with SNI = the dialled name, bounded by one deadline (connect,
// XMPP STARTTLS if asked, handshake and a slow-drip server all count against it), and the
// certificate the server presented.
#pragma once

#include <lyncplan/certs/inspect.hpp>

#include <ctime>
#include <optional>
#include <string>
#include <utility>

namespace lyncplan::probe {

enum class TlsOutcome {
  handshake,         // TLS completed; `cert` holds what the server presented
  refused,           // nothing listens (RST)
  unreachable,       // no route, bad address
  connect_timeout,   // no answer to the TCP connect (a black hole)
  handshake_timeout, // TCP connected but TLS did not finish in time (silent or slow-drip server)
  handshake_failed,  // the server answered with something that is not a TLS handshake we accept
};

const char* to_string(TlsOutcome outcome);

struct TlsTarget {
  TlsTarget() = default;
  TlsTarget(std::string address_, int port_, std::string sni_, std::string xmpp_to_ = "")
      : address(std::move(address_)), port(port_), sni(std::move(sni_)),
        xmpp_to(std::move(xmpp_to_)) {}

  std::string address; // numeric IPv4 or IPv6
  int port = 443;
  std::string sni; // the dialled name
  // Non-empty: an XMPP server-to-server stream to this domain is opened first and STARTTLS
  // negotiated (port 5269); the handshake follows <proceed/>.
  std::string xmpp_to;
};

struct TlsOptions {
  int timeout_ms = 5000; // the whole probe: connect plus handshake
  std::string ca_file;   // trust anchors for the chain verdict; empty: the system store
  std::time_t now = 0;   // the time the chain is verified at; 0: now
};

// The most certificate bytes one handshake may bring (OpenSSL's default, stated here): a server
// sending more fails the handshake instead of filling memory.
inline constexpr long kMaxCertificateBytes = 100 * 1024;

struct TlsResult {
  TlsOutcome outcome = TlsOutcome::unreachable;
  std::string detail;   // the reason, for every outcome but handshake
  std::string protocol; // "TLSv1.2", "TLSv1.3" after a handshake
  std::optional<certs::CertInfo> cert;
  int chain_length = 0; // certificates the server sent, its own included
  long elapsed_ms = 0;
};

// Connects, shakes hands and reads the peer chain; never waits longer than options.timeout_ms.
TlsResult probe_tls(const TlsTarget& target, const TlsOptions& options);

} // namespace lyncplan::probe
