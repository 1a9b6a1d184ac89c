// Discovery flags shared by simulate and check.
#include "discovery_flags.hpp"

namespace lyncplan::cli {

void add_discovery_flags(CLI::App& sub, DiscoveryFlags& f) {
  std::vector<std::string> clients{"all"};
  for (const auto& p : discovery::client_profiles()) {
    clients.emplace_back(p.name);
  }
  sub.add_option("--client", f.client, "client kind")
      ->check(CLI::IsMember(clients))
      ->capture_default_str();
  sub.add_option("--strict-naming", f.strict,
                 "override the clients' strict DNS naming: exact-or-sip, same-domain, suffix, "
                 "none")
      ->check(CLI::IsMember({"exact-or-sip", "same-domain", "suffix", "none"}));
  sub.add_option("--trust", f.trust, "a TrustModelData domain (repeatable)");
  sub.add_flag("--tcp-allowed", f.tcp_allowed, "SIP over TCP is allowed by policy");
  sub.add_flag("--lync2010-autodiscover", f.lync2010_autodiscover,
               "model Lync 2010 desktop builds that query lyncdiscover first (CU4 and later)");
  sub.add_option("--sipe-transport", f.sipe_transport, "pidgin-sipe's transport: auto, tls, tcp")
      ->check(CLI::IsMember({"auto", "tls", "tcp"}))
      ->capture_default_str();
  sub.add_flag("--no-srv-failover", f.no_srv_failover,
               "a client uses the first SRV name that exists and tries no other (MS-OCS-DNSQ)");
}

discovery::Options discovery_options(const DiscoveryFlags& f) {
  discovery::Options o;
  if (!f.strict.empty()) {
    o.strict = discovery::parse_strict_naming(f.strict);
  }
  o.trust = f.trust;
  o.tcp_allowed = f.tcp_allowed;
  o.lync2010_autodiscover = f.lync2010_autodiscover;
  o.srv_failover = !f.no_srv_failover;
  o.sipe_transport = f.sipe_transport;
  return o;
}

std::vector<const discovery::ClientProfile*> chosen_clients(const DiscoveryFlags& f) {
  if (f.client == "all") {
    return {};
  }
  return {discovery::find_client(f.client)};
}

} // namespace lyncplan::cli
