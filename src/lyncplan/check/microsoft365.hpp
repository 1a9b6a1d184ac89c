// Microsoft 365 / Teams records of a SIP domain (sipdir, webdir, sipfed.online.lync.com)
// recognised and explained: the domain is online, hybrid (split) or on-premises only. Pure over
// a Resolver.
#pragma once

#include <lyncplan/resolve/resolver.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::check {

// One line per record that leads to Microsoft 365, then the verdict; empty when none does.
std::vector<std::string> explain_microsoft_365(const resolve::Resolver& outside,
                                               std::string_view domain);

} // namespace lyncplan::check
