// Fuzz target: what an XMPP server sends before TLS (its stream and features, then its answer to
// <starttls/>), read at the lengths it could arrive in: every failure is explained, and nothing
// longer than the bound is left undecided.
#include <lyncplan/probe/xmpp_starttls.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

using lyncplan::probe::XmppReading;
using lyncplan::probe::XmppState;

// Reads `text` as it might arrive, a piece at a time: a failure must say why, and only a failure
// carries a reason.
void read_growing(std::string_view text, XmppReading (*read)(std::string_view)) {
  const std::size_t step = text.size() / 16 + 1;
  for (std::size_t n = 0; n <= text.size(); n += step) {
    const XmppReading r = read(text.substr(0, n));
    if (r.state == XmppState::failed && r.reason.empty()) {
      std::abort();
    }
    if (r.state != XmppState::failed && !r.reason.empty()) {
      std::abort();
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  read_growing(text, lyncplan::probe::read_xmpp_features);
  read_growing(text, lyncplan::probe::read_xmpp_proceed);
  if (size > lyncplan::probe::kMaxXmppPreambleBytes &&
      lyncplan::probe::read_xmpp_features(text).state == XmppState::need_more) {
    std::abort(); // more than the bound is never "read on"
  }
  return 0;
}
