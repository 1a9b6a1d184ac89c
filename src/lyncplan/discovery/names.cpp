// The name checks a client applies to a server it found (DISCOVERY.md 3).
#include <lyncplan/discovery/names.hpp>
#include <lyncplan/dns/name.hpp>
#include <lyncplan/util/strings.hpp>

namespace lyncplan::discovery {

const char* to_string(StrictNaming s) {
  switch (s) {
  case StrictNaming::exact_or_sip:
    return "exact-or-sip";
  case StrictNaming::same_domain:
    return "same-domain";
  case StrictNaming::suffix:
    return "suffix";
  case StrictNaming::none:
    return "none";
  }
  return "?";
}

std::optional<StrictNaming> parse_strict_naming(std::string_view text) {
  for (StrictNaming s : {StrictNaming::exact_or_sip, StrictNaming::same_domain,
                         StrictNaming::suffix, StrictNaming::none}) {
    if (text == to_string(s)) {
      return s;
    }
  }
  return std::nullopt;
}

bool certificate_names(const CertView& cert, std::string_view name, bool wildcards_allowed) {
  const std::string host = to_lower(name);
  auto matches = [&](const std::string& pattern) {
    const std::string p = to_lower(pattern);
    if (p == host) {
      return true;
    }
    if (wildcards_allowed && p.size() > 2 && p[0] == '*' && p[1] == '.') {
      return dns::is_child_of(host, std::string_view(p).substr(2));
    }
    return false;
  };
  if (!cert.sans.empty()) {
    for (const auto& san : cert.sans) {
      if (matches(san)) {
        return true;
      }
    }
    return false; // with SANs present, TLS ignores the subject (RULES 19)
  }
  return !cert.subject.empty() && matches(cert.subject);
}

bool strict_naming_passes(StrictNaming mode, std::string_view host, std::string_view domain) {
  const std::string h = to_lower(host);
  const std::string d = to_lower(domain);
  switch (mode) {
  case StrictNaming::exact_or_sip:
    return h == d || h == "sip." + d;
  case StrictNaming::same_domain:
    return h == d || dns::is_child_of(h, d);
  case StrictNaming::suffix:
    return dns::is_within(h, d);
  case StrictNaming::none:
    return true;
  }
  return false;
}

std::vector<std::string> trusted_domains(std::string_view domain,
                                         const std::vector<std::string>& trusted) {
  std::vector<std::string> out{to_lower(domain)};
  if (trusted.empty()) {
    for (const char* d :
         {"lync.com", "outlook.com", "lync.glbdns.microsoft.com", "microsoftonline.com"}) {
      out.emplace_back(d);
    }
  } else {
    for (const auto& d : trusted) {
      out.push_back(to_lower(d));
    }
  }
  return out;
}

bool trusted(std::string_view host, const std::vector<std::string>& domains) {
  const std::string h = to_lower(host);
  for (const auto& d : domains) {
    if (dns::is_within(h, d)) {
      return true;
    }
  }
  return false;
}

} // namespace lyncplan::discovery
