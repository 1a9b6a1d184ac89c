// The clients the simulator models and how each finds its server (DISCOVERY.md 1, 6): a table
// of profiles, one row per client kind.
#pragma once

#include <lyncplan/discovery/names.hpp>

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace lyncplan::discovery {

enum class ClientKind { ocs2007r2, lync2010, lync2013, mobile, lpe, sipe };

struct SrvName {
  std::string_view prefix; // "_sipinternaltls._tcp."
  bool tls = true;
};

struct ANameTry {
  std::string_view prefix; // "sipinternal."
  std::vector<int> ports;  // tried in order
  bool tls = true;         // false: plain TCP (sipe's tcp transport)
};

struct ClientProfile {
  ClientKind kind;
  std::string_view name;
  std::string_view description;
  bool autodiscover = false;      // lyncdiscoverinternal, then lyncdiscover
  bool autodiscover_only = false; // mobile and Store apps: no SRV or A fallback
  bool http_and_https = true;     // both schemes per host (sipe, Exchange; DISCOVERY 1.4)
  std::vector<SrvName> srv;
  std::vector<ANameTry> a_names;
  bool a_only_without_srv = true; // Microsoft: A fallback only when no SRV record exists
  bool bare_domain_last = false;  // sipe: finally <domain>:5061 (5060 over TCP)
  StrictNaming strict = StrictNaming::same_domain;
  bool prompts = false;        // Lync 2010+ trust model: prompt instead of refusing
  bool checks_naming = true;   // sipe has no strict naming of its own
  bool bare_domain_tls = true; // sipe over TCP ends on <domain>:5060
};

std::span<const ClientProfile> client_profiles();
const ClientProfile* find_client(std::string_view name);
const ClientProfile& profile_of(ClientKind kind);
// pidgin-sipe with its transport setting: auto (the table's row), tls or tcp (SIPE.md).
ClientProfile sipe_profile(std::string_view transport);

} // namespace lyncplan::discovery
