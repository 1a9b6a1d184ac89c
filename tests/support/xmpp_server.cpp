// The test XMPP server: one client at a time, every read bounded by a 2 s socket timeout.
#include "support/xmpp_server.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <csignal>
#include <memory>

namespace lyncplan::testing {
namespace {

constexpr const char* kStreamOpen =
    "<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
    "xmlns:stream='http://etherx.jabber.org/streams' from='lab.test' id='lab-1' version='1.0'>";
constexpr const char* kStartTlsFeatures =
    "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
    "<dialback xmlns='urn:xmpp:features:dialback'/></stream:features>";

// Reads from `fd` into `into` until it holds `until` followed by `then`; false at EOF or timeout.
bool read_until(int fd, std::string& into, const std::string& until, const std::string& then) {
  char chunk[1024];
  for (;;) {
    const std::size_t at = into.find(until);
    if (at != std::string::npos && into.find(then, at) != std::string::npos) {
      return true;
    }
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) {
      return false;
    }
    into.append(chunk, static_cast<std::size_t>(n));
  }
}

void send_text(int fd, const std::string& text) {
  ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
}

// A TLS handshake as the server with `chain_pem` (leaf first) and `key_pem`.
void accept_tls(int fd, const std::string& chain_pem, const std::string& key_pem) {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_server_method()),
                                                        SSL_CTX_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> certs(
      BIO_new_mem_buf(chain_pem.data(), static_cast<int>(chain_pem.size())), BIO_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> key(
      BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())), BIO_free);
  X509* leaf = PEM_read_bio_X509(certs.get(), nullptr, nullptr, nullptr);
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(key.get(), nullptr, nullptr, nullptr);
  if (leaf == nullptr || pkey == nullptr || SSL_CTX_use_certificate(ctx.get(), leaf) != 1 ||
      SSL_CTX_use_PrivateKey(ctx.get(), pkey) != 1) {
    X509_free(leaf);
    EVP_PKEY_free(pkey);
    return;
  }
  X509_free(leaf);
  EVP_PKEY_free(pkey);
  while (X509* extra = PEM_read_bio_X509(certs.get(), nullptr, nullptr, nullptr)) {
    SSL_CTX_add_extra_chain_cert(ctx.get(), extra); // owned by the context now
  }
  ERR_clear_error();
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
  SSL_set_fd(ssl.get(), fd);
  if (SSL_accept(ssl.get()) == 1) {
    SSL_shutdown(ssl.get());
  }
  ERR_clear_error();
}

} // namespace

XmppServer::XmppServer(const char* address, int port, std::string chain_pem, std::string key_pem,
                       XmppBehaviour behaviour)
    : listener_(address, 16, port), chain_pem_(std::move(chain_pem)), key_pem_(std::move(key_pem)),
      behaviour_(behaviour) {
  if (!ready()) {
    return;
  }
  std::signal(SIGPIPE, SIG_IGN); // OpenSSL writes to clients that may have gone
  thread_ = std::thread([this] {
    while (!stop_) {
      pollfd p{listener_.fd, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) {
        continue;
      }
      const int client = ::accept4(listener_.fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (client >= 0) {
        serve(client);
        ::close(client);
      }
    }
  });
}

XmppServer::~XmppServer() {
  stop_ = true;
  if (thread_.joinable()) {
    thread_.join();
  }
}

std::string XmppServer::last_stream_header() const {
  std::lock_guard lock(mutex_);
  return header_;
}

void XmppServer::serve(int client) {
  const timeval limit{2, 0};
  ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  std::string received;
  if (!read_until(client, received, "<stream:stream", ">")) {
    return;
  }
  {
    std::lock_guard lock(mutex_);
    header_ = received;
  }
  switch (behaviour_) {
  case XmppBehaviour::stream_error:
    send_text(client, std::string(kStreamOpen) +
                          "<stream:error><host-unknown "
                          "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                          "</stream:stream>");
    return;
  case XmppBehaviour::no_starttls:
    send_text(client, std::string(kStreamOpen) +
                          "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/>"
                          "</stream:features>");
    received.clear();
    read_until(client, received, "</stream:stream>", ">"); // until the client gives up
    return;
  case XmppBehaviour::failure:
  case XmppBehaviour::starttls:
    break;
  }
  send_text(client, std::string(kStreamOpen) + kStartTlsFeatures);
  received.clear();
  if (!read_until(client, received, "<starttls", ">")) {
    return;
  }
  if (behaviour_ == XmppBehaviour::failure) {
    send_text(client, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>");
    return;
  }
  send_text(client, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
  accept_tls(client, chain_pem_, key_pem_);
}

} // namespace lyncplan::testing
