// A client's discovery of its sign-in server, as a pure function over a Resolver and the World
// of services: every DNS query, connection, certificate and trust decision is a recorded step.
#pragma once

#include <lyncplan/discovery/clients.hpp>
#include <lyncplan/discovery/world.hpp>
#include <lyncplan/resolve/resolver.hpp>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace lyncplan::discovery {

enum class Result { connected, prompt, failed };
enum class Via { none, autodiscover, srv, a };

const char* to_string(Result r);
const char* to_string(Via v);

struct Options {
  std::optional<StrictNaming> strict; // overrides every client's default
  std::vector<std::string> trust;     // TrustModelData
  bool tcp_allowed = false;           // SIP over TCP allowed by policy
  bool lync2010_autodiscover = false; // Lync 2010 desktop builds that query lyncdiscover (CU4+)
  bool srv_failover = true;           // a refused SRV target moves on (DISCOVERY 1.8 default)
  // Every server accepts and then closes (as the reference-client sinks do): TLS handshakes
  // fail and the client moves on; a plain TCP connection is dropped after REGISTER and the
  // client stops. Shows the whole order of attempts.
  bool connections_closed = false;
  std::string sipe_transport = "auto"; // pidgin-sipe's transport setting: auto, tls, tcp
};

struct Endpoint {
  std::string fqdn;
  int port = 0;
  std::string transport; // tls | tcp | https
};

struct Step {
  std::string query;
  std::string type; // A, SRV, TLS, HTTPS, HTTP
  std::string answer;
  std::string note;
};

// An endpoint the discovery took to answer as the client expects without knowing it (offline: an
// address outside the topology; live: one not probed yet). Live checks probe these and run again.
struct Assumed {
  std::string address;
  int port = 0;
  std::string name; // the name dialled (SNI, Host)
  Service service = Service::sip_tls;
  bool tls = true;
  bool operator<(const Assumed& o) const {
    return std::tie(address, port, name, service, tls) <
           std::tie(o.address, o.port, o.name, o.service, o.tls);
  }
};

struct Outcome {
  std::string domain;
  std::string client;
  Vantage from = Vantage::inside;
  Result result = Result::failed;
  std::optional<Endpoint> server;
  Via via = Via::none;
  std::vector<Step> steps;
  std::string reason;
  plan::RuleId rule; // which rule decided a prompt or a failure
  std::vector<Assumed> assumed;
  // Whether the product supports this client signing in (its product facts' client list); a
  // case of a client it does not serve is shown but decides nothing unless asked for by name.
  bool served = true;
};

// What a request names, or everything when it names nothing: every client, both vantages.
std::vector<const ClientProfile*> clients_or_all(std::vector<const ClientProfile*> clients);
std::vector<Vantage> vantages_or_both(std::vector<Vantage> vantages);

Outcome discover(const resolve::Resolver& dns, const World& world, const ClientProfile& client,
                 Vantage from, const std::string& domain, const Options& options);

} // namespace lyncplan::discovery
