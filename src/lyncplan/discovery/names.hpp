// The name checks a client applies to a server it found: certificate names (RFC 6125 with
// Lync's wildcard limits), strict DNS naming and the Lync 2010+ trust model (DISCOVERY.md 3).
#pragma once

#include <lyncplan/discovery/world.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::discovery {

enum class StrictNaming { exact_or_sip, same_domain, suffix, none };

const char* to_string(StrictNaming s);
std::optional<StrictNaming> parse_strict_naming(std::string_view text);

// Whether `name` is on the certificate: SANs when there are any, else the subject. A wildcard
// SAN covers one label, and only where `wildcards_allowed` (web services, never SIP).
bool certificate_names(const CertView& cert, std::string_view name, bool wildcards_allowed);

// Whether `host` passes strict DNS naming for SIP domain `domain` (DISCOVERY.md 3.1).
bool strict_naming_passes(StrictNaming mode, std::string_view host, std::string_view domain);

// The Lync 2010+ trusted-domain list: the SIP domain, then TrustModelData (`trusted`), or when
// that is unset the built-in Microsoft domains (DISCOVERY.md 3.2).
std::vector<std::string> trusted_domains(std::string_view domain,
                                         const std::vector<std::string>& trusted);
bool trusted(std::string_view host, const std::vector<std::string>& domains);

} // namespace lyncplan::discovery
