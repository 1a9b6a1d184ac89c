// XMPP STARTTLS negotiation read from the bytes a server sent; no XML library: only the stream
// header, the features element and <proceed/> or <failure/> matter, as for openssl s_client.
#include <lyncplan/probe/xmpp_starttls.hpp>

#include <fmt/format.h>

#include <cctype>

namespace lyncplan::probe {
namespace {

constexpr std::string_view kTlsNamespace = "urn:ietf:params:xml:ns:xmpp-tls";

// The start of what a server sent, printable, for a message.
std::string quoted(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, 60)) {
    out += std::isprint(static_cast<unsigned char>(c)) != 0 ? c : '.';
  }
  return "'" + out + (text.size() > 60 ? "...'" : "'");
}

// The condition of a <stream:error> (its first child element's name), or "" before it is whole.
std::string stream_error_condition(std::string_view received, std::size_t at) {
  const std::size_t child = received.find('<', received.find('>', at));
  if (child == std::string_view::npos || received.find('>', at) == std::string_view::npos) {
    return "";
  }
  if (child + 1 < received.size() && received[child + 1] == '/') {
    return "undefined-condition"; // <stream:error></stream:error>: no condition given
  }
  std::size_t end = child + 1;
  while (end < received.size() && received[end] != ' ' && received[end] != '/' &&
         received[end] != '>') {
    ++end;
  }
  return end < received.size() ? std::string(received.substr(child + 1, end - child - 1)) : "";
}

// What every reading shares once its own element is not there: not XMPP at all, a stream error,
// a closed stream, too many bytes; need_more when none of these.
XmppReading common_failures(std::string_view received) {
  const std::size_t first = received.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && received[first] != '<') {
    return {XmppState::failed,
            fmt::format("the server does not speak XMPP: it answered {}", quoted(received))};
  }
  if (const std::size_t at = received.find("<stream:error"); at != std::string_view::npos) {
    const std::string condition = stream_error_condition(received, at);
    if (!condition.empty() || received.size() >= kMaxXmppPreambleBytes) {
      return {XmppState::failed, fmt::format("the server ended the stream with the error <{}/>",
                                             condition.empty() ? "?" : condition)};
    }
    return {};
  }
  if (received.find("</stream:stream>") != std::string_view::npos) {
    return {XmppState::failed, "the server closed the XMPP stream"};
  }
  if (received.size() >= kMaxXmppPreambleBytes) {
    return {XmppState::failed,
            fmt::format("the server sent {} bytes without finishing its stream features",
                        received.size())};
  }
  return {};
}

} // namespace

std::string xmpp_stream_open(std::string_view to) {
  return fmt::format("<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
                     "xmlns:stream='http://etherx.jabber.org/streams' "
                     "xmlns:db='jabber:server:dialback' to='{}' version='1.0'>",
                     to);
}

XmppReading read_xmpp_features(std::string_view received) {
  const std::size_t open = received.find("<stream:features");
  if (open == std::string_view::npos) {
    return common_failures(received);
  }
  std::size_t close = received.find("</stream:features>", open);
  const std::size_t tag_end = received.find('>', open);
  if (close == std::string_view::npos && tag_end != std::string_view::npos &&
      received[tag_end - 1] == '/') {
    close = tag_end; // <stream:features/>: nothing offered
  }
  if (close == std::string_view::npos) {
    return common_failures(received);
  }
  const std::string_view features = received.substr(open, close - open);
  const std::size_t starttls = features.find("<starttls");
  if (starttls != std::string_view::npos &&
      features.find(kTlsNamespace, starttls) != std::string_view::npos) {
    return {XmppState::starttls_offered, ""};
  }
  return {XmppState::failed,
          "the server's stream features offer no STARTTLS: an XMPP partner cannot start TLS, "
          "and Lync's XMPP gateway requires it"};
}

XmppReading read_xmpp_proceed(std::string_view received) {
  if (received.find("<proceed") != std::string_view::npos) {
    return {XmppState::proceed, ""};
  }
  if (received.find("<failure") != std::string_view::npos) {
    return {XmppState::failed, "the server answered STARTTLS with <failure/>"};
  }
  return common_failures(received);
}

} // namespace lyncplan::probe
