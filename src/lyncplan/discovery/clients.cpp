// The client profiles (DISCOVERY.md 1.1-1.7, 6). Ports of the A-record fallback follow the
// device documentation (5061, then 443) for Microsoft clients and sipe's own list for sipe.
#include <lyncplan/discovery/clients.hpp>

#include <algorithm>
#include <array>

namespace lyncplan::discovery {
namespace {

const std::vector<SrvName> kDesktopSrv = {
    {"_sipinternaltls._tcp.", true}, {"_sipinternal._tcp.", false}, {"_sip._tls.", true}};
const std::vector<ANameTry> kDesktopA = {ANameTry{"sipinternal.", {5061, 443}, true},
                                         ANameTry{"sip.", {5061, 443}, true},
                                         ANameTry{"sipexternal.", {5061, 443}, true}};

const std::array<ClientProfile, 6> kProfiles = {
    ClientProfile{ClientKind::ocs2007r2, "ocs2007r2",
                  "Office Communicator 2007 R2: SRV, then A records; strict DNS naming, no prompt",
                  false, false, true, kDesktopSrv, kDesktopA, true, false,
                  StrictNaming::same_domain, false, true},
    ClientProfile{ClientKind::lync2010, "lync2010",
                  "Lync 2010 desktop: SRV, then A records; the trust model prompts", false, false,
                  true, kDesktopSrv, kDesktopA, true, false, StrictNaming::same_domain, true, true},
    ClientProfile{ClientKind::lync2013, "lync2013",
                  "Lync 2013 / Skype for Business 2015-2016 desktop: Autodiscover, then SRV, then "
                  "A records; the trust model prompts",
                  true, false, true, kDesktopSrv, kDesktopA, true, false, StrictNaming::same_domain,
                  true, true},
    ClientProfile{ClientKind::mobile,
                  "mobile",
                  "Lync 2013 mobile and Windows Store app: Autodiscover only",
                  true,
                  true,
                  true,
                  {},
                  {},
                  true,
                  false,
                  StrictNaming::same_domain,
                  false,
                  true},
    ClientProfile{ClientKind::lpe,
                  "lpe",
                  "Lync Phone Edition (CU7+): internal SRV over TLS then TCP, then external SRV; "
                  "strict DNS naming, no prompt",
                  false,
                  false,
                  true,
                  {{"_sipinternaltls._tcp.", true},
                   {"_sipinternal._tcp.", false},
                   {"_sip._tls.", true},
                   {"_sip._tcp.", false}},
                  {},
                  true,
                  false,
                  StrictNaming::same_domain,
                  false,
                  true},
    ClientProfile{
        ClientKind::sipe,
        "sipe",
        "pidgin-sipe: Autodiscover (HTTP and HTTPS), SRV, A records, then the bare domain",
        true,
        false,
        true,
        {{"_sipinternaltls._tcp.", true},
         {"_sipinternal._tcp.", false},
         {"_sip._tls.", true},
         {"_sip._tcp.", false}},
        {{"sipinternal.", {5061}}, {"sipexternal.", {443}}, {"sip.", {443}}},
        false,
        true,
        StrictNaming::none,
        false,
        false},
};

} // namespace

std::span<const ClientProfile> client_profiles() {
  return kProfiles;
}

const ClientProfile* find_client(std::string_view name) {
  auto it = std::find_if(kProfiles.begin(), kProfiles.end(),
                         [&](const ClientProfile& p) { return p.name == name; });
  return it == kProfiles.end() ? nullptr : &*it;
}

ClientProfile sipe_profile(std::string_view transport) {
  ClientProfile p = *find_client("sipe");
  if (transport == "tls") {
    p.srv = {{"_sipinternaltls._tcp.", true}, {"_sip._tls.", true}};
  } else if (transport == "tcp") {
    // sipe keeps its fixed A-record ports and uses plain TCP on them, even on 5061 (SIPE.md).
    p.srv = {{"_sipinternal._tcp.", false}, {"_sip._tcp.", false}};
    p.a_names = {ANameTry{"sipinternal.", {5061}, false}, ANameTry{"sipexternal.", {443}, false},
                 ANameTry{"sip.", {443}, false}};
    p.bare_domain_tls = false;
  }
  return p;
}

const ClientProfile& profile_of(ClientKind kind) {
  for (const auto& p : kProfiles) {
    if (p.kind == kind) {
      return p;
    }
  }
  return kProfiles.front();
}

} // namespace lyncplan::discovery
