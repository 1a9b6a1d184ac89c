// What answers where, for the simulator: the SIP and web services of a planned deployment by
// address and port, the certificate each presents, and what its Autodiscover service says.
// Built from a Topology and its Plan; pure data.
#pragma once

#include <lyncplan/plan/plan.hpp>
#include <lyncplan/topology/model.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace lyncplan::discovery {

enum class Vantage { inside, outside };
// What answers at an address and port. Live checks add `down`: something was probed there and
// nothing a client can use answered (the Listener's `what` says why).
enum class Service { sip_tls, web, down };
enum class Side { internal, external }; // which Autodiscover answer a web service gives

const char* to_string(Vantage v);

struct CertView {
  std::string id;
  std::string subject;
  std::vector<std::string> sans;
  // Live checks: why a client refuses this certificate whatever name it dials (expired, chain
  // not trusted, no server EKU); "" when nothing does.
  std::string refusal;
};

struct SipAccess {
  std::string fqdn;
  int port = 0;
};

// The Autodiscover User answer of one deployment, as each side gives it (MS-OCDISCWS).
struct AutodiscoverAnswer {
  std::optional<SipAccess> internal_access; // SipClientInternalAccess: the home pool
  std::optional<SipAccess> external_access; // SipClientExternalAccess: the Access Edge
  std::string ucwa_host;                    // the home pool's external web FQDN ("" if none)
};

struct Listener {
  Service service = Service::web;
  std::string what; // "Front End pool pool01.contoso.net", "Access Edge", "reverse proxy"
  CertView cert;
  bool internal_only = true;
  // Web services only: which answer they give and the host their HTTP Redirect names.
  Side side = Side::internal;
  std::string web_fqdn;
  bool director = false; // a Director hands the User request on to the home pool
};

class World {
public:
  // The services of a planned deployment.
  World(const topology::Topology& topology, const plan::Plan& plan);
  // An observed world (live checks): empty until `observe` adds what probes found, each
  // endpoint keyed by the name dialled on it (SNI), since a server may answer names differently.
  static World observed(AutodiscoverAnswer answer);

  // The service at address:port reached under the name `sni`, as seen from `vantage`, or
  // nullptr (nothing answers).
  const Listener* at(const std::string& address, int port, Vantage vantage,
                     std::string_view sni = {}) const;
  // Whether anything is known about this endpoint. Planned: whether the address belongs to the
  // topology at all; observed: whether the endpoint was probed under this name. An endpoint
  // that is not known is assumed to be a working service of the kind the client expects.
  bool knows(const std::string& address, int port, std::string_view sni) const;
  // An observed world is filled by live probes (check); the topology's world knows only the
  // topology's addresses, and anything else is an unknown server, never a connection.
  bool observed() const { return observed_; }
  const AutodiscoverAnswer& autodiscover() const { return answer_; }
  // The home pool's web FQDN on a side (where a Director sends the User request).
  std::string home_web_fqdn(Side side) const;

  // Observed worlds: what a probe of address:port under `sni` found.
  void observe(const std::string& address, int port, const std::string& sni, Listener listener);

private:
  World() = default;
  void add(const std::string& address, int port, Listener listener);

  std::map<std::tuple<std::string, int, std::string>, Listener> listeners_;
  std::set<std::string> known_;
  bool observed_ = false;
  AutodiscoverAnswer answer_;
  std::string home_internal_web_, home_external_web_;
};

} // namespace lyncplan::discovery
