// One TLS handshake to one address with SNI = the dialled name, bounded by one deadline.
#include <lyncplan/certs/openssl_handles.hpp>
#include <lyncplan/probe/tls_probe.hpp>
#include <lyncplan/probe/xmpp_starttls.hpp>
#include <lyncplan/util/deadline_io.hpp>
#include <lyncplan/util/unique_fd.hpp>

#include <fmt/format.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <string_view>

namespace lyncplan::probe {
namespace {

using Clock = std::chrono::steady_clock;

using SslCtxPtr = std::unique_ptr<SSL_CTX, certs::Deleter<SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, certs::Deleter<SSL_free>>;

using util::send_all;
using util::wait_for;

std::optional<sockaddr_storage> numeric_address(const TlsTarget& t, socklen_t& length) {
  addrinfo hints{};
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(t.port);
  if (::getaddrinfo(t.address.c_str(), port.c_str(), &hints, &found) != 0 || found == nullptr) {
    return std::nullopt;
  }
  sockaddr_storage out{};
  std::memcpy(&out, found->ai_addr, found->ai_addrlen);
  length = found->ai_addrlen;
  ::freeaddrinfo(found);
  return out;
}

// The peer's chain (leaf first) as PEM text, for certs::inspect_certificate.
std::string peer_chain_pem(SSL* ssl) {
  certs::BioPtr bio(BIO_new(BIO_s_mem()));
  STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl); // on a client: the leaf included
  for (int i = 0; chain != nullptr && i < sk_X509_num(chain); ++i) {
    PEM_write_bio_X509(bio.get(), sk_X509_value(chain, i));
  }
  return certs::bio_text(bio.get());
}

TlsResult finish(TlsResult r, Clock::time_point start) {
  r.elapsed_ms = static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count());
  return r;
}

TlsResult fail(TlsOutcome outcome, std::string detail, Clock::time_point start) {
  TlsResult r;
  r.outcome = outcome;
  r.detail = std::move(detail);
  return finish(std::move(r), start);
}

// Sends `request`, then reads until `read` decides; nullopt once STARTTLS may go on, else the
// failure (with the time it took).
using XmppReader = XmppReading (*)(std::string_view);
std::optional<TlsResult> xmpp_exchange(int fd, std::string_view request, XmppReader read,
                                       XmppState wanted, const std::string& where,
                                       const TlsOptions& options, Clock::time_point start,
                                       Clock::time_point deadline) {
  if (!send_all(fd, request, deadline)) {
    return fail(TlsOutcome::handshake_failed,
                fmt::format("XMPP to {}: the server did not take the stream", where), start);
  }
  std::string received;
  char chunk[4096];
  for (;;) {
    const XmppReading reading = read(received);
    if (reading.state == wanted) {
      return std::nullopt;
    }
    if (reading.state == XmppState::failed) {
      return fail(TlsOutcome::handshake_failed,
                  fmt::format("XMPP to {}: {}", where, reading.reason), start);
    }
    if (!wait_for(fd, POLLIN, deadline)) {
      return fail(TlsOutcome::handshake_timeout,
                  fmt::format("{} accepted the connection but XMPP STARTTLS did not finish "
                              "within {} ms",
                              where, options.timeout_ms),
                  start);
    }
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n == 0) {
      return fail(TlsOutcome::handshake_failed,
                  fmt::format("XMPP to {}: the server closed the connection{}", where,
                              received.empty()
                                  ? " without a word"
                                  : " after " + std::to_string(received.size()) + " bytes"),
                  start);
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR) {
      return fail(TlsOutcome::handshake_failed,
                  fmt::format("XMPP to {}: {}", where, std::strerror(errno)), start);
    }
    if (n > 0) {
      received.append(chunk, static_cast<std::size_t>(n));
    }
  }
}

} // namespace

const char* to_string(TlsOutcome outcome) {
  switch (outcome) {
  case TlsOutcome::handshake:
    return "handshake";
  case TlsOutcome::refused:
    return "refused";
  case TlsOutcome::unreachable:
    return "unreachable";
  case TlsOutcome::connect_timeout:
    return "connect-timeout";
  case TlsOutcome::handshake_timeout:
    return "handshake-timeout";
  case TlsOutcome::handshake_failed:
    return "handshake-failed";
  }
  return "unknown";
}

TlsResult probe_tls(const TlsTarget& target, const TlsOptions& options) {
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::milliseconds(options.timeout_ms);
  const std::string where = fmt::format("{}:{}", target.address, target.port);

  socklen_t length = 0;
  const auto address = numeric_address(target, length);
  if (!address) {
    return fail(TlsOutcome::unreachable, fmt::format("{} is not a numeric address", target.address),
                start);
  }
  util::UniqueFd sock(::socket(address->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!sock.valid()) {
    return fail(TlsOutcome::unreachable, fmt::format("socket: {}", std::strerror(errno)), start);
  }
  if (::connect(sock.get(), reinterpret_cast<const sockaddr*>(&*address), length) != 0 &&
      errno != EINPROGRESS) {
    const int e = errno;
    return fail(e == ECONNREFUSED ? TlsOutcome::refused : TlsOutcome::unreachable,
                fmt::format("connect to {}: {}", where, std::strerror(e)), start);
  }
  if (!wait_for(sock.get(), POLLOUT, deadline)) {
    return fail(
        TlsOutcome::connect_timeout,
        fmt::format("no answer to the TCP connect to {} within {} ms", where, options.timeout_ms),
        start);
  }
  int error = 0;
  socklen_t error_length = sizeof error;
  ::getsockopt(sock.get(), SOL_SOCKET, SO_ERROR, &error, &error_length);
  if (error != 0) {
    return fail(error == ECONNREFUSED ? TlsOutcome::refused : TlsOutcome::unreachable,
                fmt::format("connect to {}: {}", where, std::strerror(error)), start);
  }

  if (!target.xmpp_to.empty()) {
    if (auto failed =
            xmpp_exchange(sock.get(), xmpp_stream_open(target.xmpp_to), read_xmpp_features,
                          XmppState::starttls_offered, where, options, start, deadline)) {
      return *failed;
    }
    if (auto failed = xmpp_exchange(sock.get(), kXmppStartTls, read_xmpp_proceed,
                                    XmppState::proceed, where, options, start, deadline)) {
      return *failed;
    }
  }

  SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) {
    return fail(TlsOutcome::handshake_failed, "cannot create a TLS context", start);
  }
  // The handshake must not stop at a bad chain: the chain is judged afterwards and reported.
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_VERSION);
  SSL_CTX_set_max_cert_list(ctx.get(), kMaxCertificateBytes);
  SslPtr ssl(SSL_new(ctx.get()));
  SSL_set_fd(ssl.get(), sock.get());
  if (!target.sni.empty()) {
    SSL_set_tlsext_host_name(ssl.get(), target.sni.c_str());
  }
  ERR_clear_error();
  for (;;) {
    const int rc = SSL_connect(ssl.get());
    if (rc == 1) {
      break;
    }
    const int why = SSL_get_error(ssl.get(), rc);
    if (why == SSL_ERROR_WANT_READ || why == SSL_ERROR_WANT_WRITE) {
      if (!wait_for(sock.get(), why == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline)) {
        return fail(TlsOutcome::handshake_timeout,
                    fmt::format("{} accepted the connection but the TLS handshake did not finish "
                                "within {} ms",
                                where, options.timeout_ms),
                    start);
      }
      continue;
    }
    std::string reason = certs::openssl_error();
    ERR_clear_error();
    if (reason.empty()) {
      reason = why == SSL_ERROR_SYSCALL || why == SSL_ERROR_ZERO_RETURN
                   ? "the server closed the connection"
                   : fmt::format("TLS error {}", why);
    }
    if (reason.find("excessive message size") != std::string::npos) {
      reason += fmt::format(" (the server's certificates are larger than the {} bytes a "
                            "handshake may bring)",
                            kMaxCertificateBytes);
    }
    return fail(TlsOutcome::handshake_failed, fmt::format("TLS to {}: {}", where, reason), start);
  }

  TlsResult r;
  r.outcome = TlsOutcome::handshake;
  r.protocol = SSL_get_version(ssl.get());
  const STACK_OF(X509)* sent = SSL_get_peer_cert_chain(ssl.get());
  r.chain_length = sent != nullptr ? sk_X509_num(sent) : 0;
  certs::InspectOptions inspect;
  inspect.ca_file = options.ca_file;
  inspect.now = options.now;
  auto info = certs::inspect_certificate(peer_chain_pem(ssl.get()), where, inspect);
  if (info) {
    r.cert = std::move(*info);
  } else {
    r.detail = info.error();
  }
  ERR_clear_error();
  return finish(std::move(r), start);
}

} // namespace lyncplan::probe
