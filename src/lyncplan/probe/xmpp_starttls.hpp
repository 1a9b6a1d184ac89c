// XMPP server-to-server STARTTLS before a TLS handshake (RFC 6120 4.2, 5.4; RULES 14, 22): what
// the probe sends, and what the server's bytes so far mean. Pure: the socket is the TLS probe's.
#pragma once

#include <string>
#include <string_view>

namespace lyncplan::probe {

// The most bytes a server may send before its stream features (or its answer to <starttls/>)
// are whole; more is refused, not buffered.
inline constexpr std::size_t kMaxXmppPreambleBytes = 16 * 1024;

inline constexpr std::string_view kXmppStartTls =
    "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

// The stream header a partner's server opens with, addressed to `to` (the SIP domain).
std::string xmpp_stream_open(std::string_view to);

enum class XmppState {
  need_more,        // nothing decided yet: read on
  starttls_offered, // the stream features offer STARTTLS: send kXmppStartTls
  proceed,          // <proceed/>: the TLS handshake starts now
  failed,           // `reason` says why
};

struct XmppReading {
  XmppState state = XmppState::need_more;
  std::string reason; // for failed: what the server did, quoted where it helps
};

// The server's bytes after our stream header, as far as they came.
XmppReading read_xmpp_features(std::string_view received);

// The server's bytes after our <starttls/> (only those, not the features before them).
XmppReading read_xmpp_proceed(std::string_view received);

} // namespace lyncplan::probe
