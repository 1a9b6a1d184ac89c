// The Microsoft 365 clouds a SIP domain can move to, as one table: the names its Teams-only
// records point at, the hosting provider a hybrid deployment configures, and the suffixes that
// mark a host name as Microsoft's.
#pragma once

#include <lyncplan/topology/model.hpp>

#include <optional>
#include <span>
#include <string_view>

namespace lyncplan::topology {

struct CloudFacts {
  Cloud cloud;
  std::string_view name;         // as the topology file writes it
  std::string_view display_name; // as Microsoft names it
  // _sipfederationtls._tcp.<domain> SRV target of a Teams-only domain (priority 100, weight 1,
  // port 5061); also the hosting provider's ProxyFqdn in hybrid.
  std::string_view federation_target;
  std::string_view sipdir; // legacy _sip._tls SRV (port 443) and sip CNAME target
  std::string_view webdir; // legacy lyncdiscover CNAME target
  std::string_view suffix; // every Microsoft 365 Skype/Teams name of the cloud ends in it
  std::string_view source; // where Microsoft lists the records
};

std::span<const CloudFacts> clouds();
const CloudFacts& cloud_facts(Cloud c);

// The hosting provider's AutodiscoverUrl in hybrid (Set-CsHostingProvider).
std::string autodiscover_url(const CloudFacts& facts);

// The cloud whose Skype/Teams names `host` belongs to, if any (sipdir.online.lync.com,
// sipfed.online.gov.skypeforbusiness.us, ...).
std::optional<Cloud> microsoft_cloud_of(std::string_view host);

const char* to_string(Cloud c);
const char* to_string(DomainMode m);

} // namespace lyncplan::topology
