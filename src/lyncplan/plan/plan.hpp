// The Plan: every DNS record, certificate, publishing rule, firewall port and finding a
// topology needs, each with the rule that produced it and why.
#pragma once

#include <lyncplan/findings/finding.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lyncplan::plan {

// An immutable text shared between copies: the same reason on 100,000 tenant records is
// stored once.
class Text {
public:
  Text() = default;
  Text(std::string s) : text_(std::make_shared<const std::string>(std::move(s))) {}
  Text(const char* s) : Text(std::string(s)) {}
  const std::string& str() const { return text_ ? *text_ : empty_; }
  operator std::string_view() const { return str(); }
  bool empty() const { return str().empty(); }
  friend bool operator==(const Text& a, const Text& b) { return a.str() == b.str(); }

private:
  std::shared_ptr<const std::string> text_;
  static inline const std::string empty_;
};

enum class View { external, internal }; // in the order of their names, as lists sort
enum class RrType { A, AAAA, CNAME, SRV };
using findings::RuleId;
using findings::Severity;
using findings::to_string;
using Finding = findings::Finding;

struct DnsRecord {
  View view = View::external;
  std::string zone;
  std::string name;
  RrType type = RrType::A;
  std::string value; // address for A/AAAA, target name for CNAME/SRV
  std::uint16_t port = 0;
  std::uint16_t priority = 0;
  std::uint16_t weight = 0;
  std::uint32_t ttl = 3600;
  RuleId rule;
  Text why;
};

struct Certificate {
  std::string id;
  std::string role; // front-end, standard-edition, director, edge, mediation, reverse-proxy, ...
  std::string pool;
  std::string interface; // default, web-internal, web-external, oauth, internal, external, listener
  std::string subject;
  // The DN fields before the CN (C, ST, L, O, OU), as the topology gives them; public CAs want
  // them.
  std::vector<std::pair<std::string, std::string>> subject_fields;
  std::vector<std::string> sans;
  // Lync certificate types it serves (Request-CsCertificate -Type); empty: not a Lync server's.
  std::vector<std::string> usages;
  std::string ca; // public | private | public-or-private
  bool exportable_key = false;
  // The planned SANs a wildcard SAN may stand in for (simple URLs, lyncdiscover); never SIP names.
  std::vector<std::string> wildcard_names;
  bool client_eku = false; // client authentication EKU besides server authentication
  int min_key_bits = 2048;
  std::vector<std::string> servers; // where the certificate is installed
  RuleId rule;
  std::string why;
};

struct PublishingRule {
  std::string public_name;
  std::string listener;
  std::vector<int> from_ports;
  std::string backend;
  std::vector<int> backend_ports;
  std::vector<std::string> paths;
  RuleId rule;
  std::string why;
};

struct FirewallRule {
  std::string from;
  std::string to;
  std::string protocol; // tcp | udp
  std::string port;     // "443" or "50000-59999"
  RuleId rule;
  std::string why;
};

struct Plan {
  std::string product;
  std::vector<DnsRecord> dns;
  // Records the deployment had for its teams-only domains and no longer needs: delete them
  // (each with the rule that once planned it).
  std::vector<DnsRecord> dns_removals;
  std::vector<Certificate> certificates;
  std::vector<PublishingRule> publishing;
  std::vector<FirewallRule> firewall;
  std::vector<Finding> findings;
};

const char* to_string(View v);
const char* to_string(RrType t);

// Puts every list in its documented order (TOPOLOGY.md) and drops exact duplicates.
void normalise(Plan& plan);

} // namespace lyncplan::plan
