// An XMPP server-to-server listener for tests: it answers a partner's stream header with its
// stream features and, when it offers STARTTLS, <proceed/> and a real TLS handshake (OpenSSL) with
// the certificate it was given; or it misbehaves in one of the ways an XMPP server can.
#pragma once

#include "support/servers.hpp"

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

namespace lyncplan::testing {

enum class XmppBehaviour {
  starttls,     // features offer STARTTLS (required), <proceed/>, TLS
  no_starttls,  // features offer dialback only
  failure,      // features offer STARTTLS, then <failure/>
  stream_error, // a <host-unknown/> stream error instead of features
};

class XmppServer {
public:
  // `chain_pem`: the server's certificate, then any intermediates; `key_pem`: its key.
  XmppServer(const char* address, int port, std::string chain_pem, std::string key_pem,
             XmppBehaviour behaviour = XmppBehaviour::starttls);
  ~XmppServer();
  XmppServer(const XmppServer&) = delete;
  XmppServer& operator=(const XmppServer&) = delete;
  int port() const { return listener_.port; }
  bool ready() const { return listener_.port > 0; }
  // The stream header the last client opened with (to check its 'to').
  std::string last_stream_header() const;

private:
  void serve(int client);

  Listener listener_;
  std::string chain_pem_;
  std::string key_pem_;
  XmppBehaviour behaviour_;
  mutable std::mutex mutex_;
  std::string header_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

} // namespace lyncplan::testing
