// `lyncplan check`: a live deployment checked the way its clients and partners see it. Discovery
// per client over live DNS, TLS to every endpoint reached, the anonymous Autodiscover walk,
// federation readiness, wildcard records, Microsoft 365 records and, with a topology, drift from
// the plan. Independent probes run at once; the result is plain data for the report.
#pragma once

#include <lyncplan/certs/check.hpp>
#include <lyncplan/discovery/discover.hpp>
#include <lyncplan/probe/autodiscover.hpp>
#include <lyncplan/probe/federation.hpp>
#include <lyncplan/probe/live_parts.hpp>
#include <lyncplan/probe/tls_probe.hpp>
#include <lyncplan/probe/wildcard.hpp>
#include <lyncplan/resolve/resolver.hpp>
#include <lyncplan/verify/verify.hpp>

#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lyncplan::check {

struct Request {
  std::vector<std::string> domains;
  std::vector<const discovery::ClientProfile*> clients; // empty: all
  std::vector<discovery::Vantage> vantages;             // empty: both
  discovery::Options options;
  int timeout_ms = 5000; // each TLS handshake and each HTTP request, connect included
  std::string ca_file;   // trust anchors; empty: the system store
  // Where probes connect for endpoints on 443 and 80, and on any port in port_forwards (a lab or
  // a port forward); names, SNI and Host stay as the client would send them.
  int https_port = 443;
  int http_port = 80;
  std::map<int, int> port_forwards; // any other port: where endpoints on it are connected to
  std::time_t now = 0;              // certificate validity is judged at this time; 0: now
  std::string probe_label;          // the random label for wildcard probes; "" picks one
  std::string sip_user = "user";    // the local part of the sipuri sent to Autodiscover
  // With a topology: the planned Autodiscover answer and the drift report.
  const topology::Topology* topology = nullptr;
  const plan::Plan* plan = nullptr;
  bool inside_dns_given = false; // the drift report covers the internal view only then
  // The mode every checked domain is expected in (--expect); nullopt: the topology's mode of a
  // domain it has, else judged by what is seen.
  std::optional<topology::DomainMode> expect;
  // Threads for the whole check, the caller's included: domains, their parts, clients and
  // endpoints all share them.
  std::size_t threads = 32;
  // The live parts: real handshakes and requests unless a test scripts them.
  const probe::TlsProber* tls_prober = &probe::live_tls_prober();
  const probe::HttpFetcher* http_fetcher = &probe::live_http_fetcher();
};

// The resolvers of each vantage (an inside client's DNS, the public DNS).
struct Resolvers {
  const resolve::Resolver& inside;
  const resolve::Resolver& outside;
};

using Finding = findings::Finding;

enum class Purpose { sip, web, federation, xmpp };
const char* to_string(Purpose p);

// One TLS endpoint as probed: the name dialled (SNI), where, and what a client makes of it.
struct EndpointCheck {
  std::string name;
  std::string address;
  int port = 0;
  Purpose purpose = Purpose::sip;
  probe::TlsResult tls;
  std::vector<certs::CertProblem> problems;
};

// The anonymous Autodiscover walk from one entry URL, as one vantage's DNS leads to it.
struct AutodiscoverCheck {
  discovery::Vantage from = discovery::Vantage::outside;
  std::string entry; // lyncdiscover.contoso.com
  std::string url;   // the first URL fetched
  bool resolved = false;
  std::string address; // where the entry name led
  probe::AutodiscoverWalk walk;
  std::string side; // "internal" / "external" ("" when not answered)
};

struct DomainCheck {
  std::string domain;
  // A tenant the topology hosts: the provider's name its SRVs point to (the plan's). Its records
  // are judged by the hosting rules, as plan, verify and scan judge them.
  std::string hosted_target;
  std::vector<discovery::Outcome> sign_in;
  std::vector<EndpointCheck> endpoints;
  std::vector<AutodiscoverCheck> autodiscover;
  probe::FederationReadiness federation;
  std::vector<EndpointCheck> federation_endpoints;
  std::vector<std::pair<discovery::Vantage, probe::WildcardReport>> wildcards;
  std::vector<std::string> microsoft_365; // how the domain uses Microsoft 365, one line each
  std::vector<Finding> mode;              // its records against its expected mode
  std::vector<Finding> findings;
  int rounds = 0; // discovery runs until no endpoint was left unprobed
};

// A planned record the drift check asked for and got no answer (timeout, SERVFAIL, REFUSED).
struct UnaskedRecord {
  std::string view; // internal | external
  std::string name;
  std::string type;
  std::string status;
};

// A view whose DNS server answered none of the drift check's questions.
struct DeadView {
  std::string view;
  std::size_t asked = 0;
};

struct LiveDrift {
  verify::Report report;
  std::vector<UnaskedRecord> unasked;
  std::vector<DeadView> dead_views;
};

struct Report {
  std::vector<DomainCheck> domains;
  // With a topology: every planned record asked live and verified against the plan.
  std::optional<verify::Report> drift;
  std::vector<Finding> drift_findings;
  std::vector<UnaskedRecord> drift_unasked;
  // Views no server answered for: nothing about them was observed, so check stops (exit 3).
  std::vector<DeadView> dead_views;
  std::size_t dns_queries = 0;
  std::size_t dns_answered = 0; // 0 of many: no DNS server answered, the check could not run
};

Report run_check(const Request& request, const Resolvers& dns);

} // namespace lyncplan::check
