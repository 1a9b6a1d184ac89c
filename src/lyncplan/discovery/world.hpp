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
#include <utility>
#include <vector>

namespace lyncplan::discovery {

enum class Vantage { inside, outside };
enum class Service { sip_tls, web };
enum class Side { internal, external }; // which Autodiscover answer a web service gives

const char* to_string(Vantage v);

struct CertView {
  std::string id;
  std::string subject;
  std::vector<std::string> sans;
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
  World(const topology::Topology& topology, const plan::Plan& plan);

  // The service at address:port as seen from `vantage`, or nullptr (nothing answers).
  const Listener* at(const std::string& address, int port, Vantage vantage) const;
  // Whether the address belongs to the topology at all; offline, an address that does not is
  // assumed to be a working service of the kind the client expects.
  bool knows(const std::string& address) const { return known_.count(address) != 0; }
  const AutodiscoverAnswer& autodiscover() const { return answer_; }
  // The home pool's web FQDN on a side (where a Director sends the User request).
  std::string home_web_fqdn(Side side) const;

private:
  void add(const std::string& address, int port, Listener listener);

  std::map<std::pair<std::string, int>, Listener> listeners_;
  std::set<std::string> known_;
  AutodiscoverAnswer answer_;
  std::string home_internal_web_, home_external_web_;
};

} // namespace lyncplan::discovery
