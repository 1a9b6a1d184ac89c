// Federation readiness of one SIP domain as partners see it in DNS (DISCOVERY.md 4, 5): the
// _sipfederationtls._tcp SRV, its target in the domain's namespace with an address, one priority,
// Microsoft 365's sipfed.online.lync.com recognised, and the XMPP SRV when present. Pure over a
// Resolver; the endpoints it returns are what a TLS probe should dial (SNI = target).
#pragma once

#include <lyncplan/certs/check.hpp>
#include <lyncplan/resolve/resolver.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::probe {

struct FederationEndpoint {
  std::string target; // the SRV target: the name partners put on the TLS connection
  int port = 0;
  std::vector<std::string> addresses;
  bool microsoft_online = false; // sipfed.online.lync.com and friends
};

struct FederationReadiness {
  std::string domain;
  std::vector<resolve::Rr> srv;  // _sipfederationtls._tcp as answered
  std::vector<resolve::Rr> xmpp; // _xmpp-server._tcp as answered
  std::vector<FederationEndpoint> endpoints;
  // The _xmpp-server._tcp targets: partners open an XMPP stream to the domain there, negotiate
  // STARTTLS and expect the domain itself on the certificate (RULES 22).
  std::vector<FederationEndpoint> xmpp_endpoints;
  std::vector<certs::CertProblem> problems;
};

// True for Microsoft 365 / Skype for Business Online and Teams hosts of every cloud
// (lync.com, gov.skypeforbusiness.us, dod.skypeforbusiness.us, partner.lync.cn).
bool is_microsoft_online(std::string_view host);

// `hosted_target`: for a tenant hosted by a provider, the provider's Access Edge name its SRV
// points to by design; that target outside the tenant's namespace is judged by the hosting rule
// (a warning, as the plan says), not as a mistake.
FederationReadiness federation_readiness(const resolve::Resolver& dns, std::string_view domain,
                                         std::string_view hosted_target = {});

} // namespace lyncplan::probe
