// The owner names Lync clients and federation partners query, relative to a SIP domain: the
// names whose records are Lync's even when a plan no longer has them.
#pragma once

#include <array>
#include <string_view>

namespace lyncplan::plan {

inline constexpr std::array<std::string_view, 12> kLyncOwnerNames = {
    "_sip._tls",
    "_sip._tcp",
    "_sipinternaltls._tcp",
    "_sipinternal._tcp",
    "_sipfederationtls._tcp",
    "_xmpp-server._tcp",
    "lyncdiscover",
    "lyncdiscoverinternal",
    "sip",
    "sipinternal",
    "sipexternal",
    "ucupdates-r2",
};

// Whether `name` is one of those names below some domain ("_sip._tls.contoso.com").
inline bool is_lync_owner(std::string_view name) {
  for (std::string_view owner : kLyncOwnerNames) {
    if (name.size() > owner.size() + 1 && name.starts_with(owner) && name[owner.size()] == '.') {
      return true;
    }
  }
  return false;
}

} // namespace lyncplan::plan
