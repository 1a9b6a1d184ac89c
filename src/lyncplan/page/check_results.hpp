// What `lyncplan check --format json` observed, read back for the report: per domain the
// sign-in cases, the endpoints and their certificates, Autodiscover and federation, findings.
#pragma once

#include <lyncplan/findings/finding.hpp>
#include <lyncplan/util/diagnostic.hpp>
#include <lyncplan/util/expected.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::page {

struct CheckSignIn {
  std::string client, from, result, via, server, reason;
};

struct CheckEndpoint {
  std::string name, address, purpose, outcome, detail;
  int port = 0;
  bool has_certificate = false;
  std::string subject, issuer, not_after;
  std::vector<std::string> sans;
  std::size_t problems = 0;
};

struct CheckAutodiscover {
  std::string from, url, verdict, message, side;
};

struct CheckDomain {
  std::string domain;
  std::vector<CheckSignIn> sign_in;
  std::vector<CheckEndpoint> endpoints;
  std::vector<CheckAutodiscover> autodiscover;
  std::vector<std::string> federation_srv; // "sip.contoso.com:5061 (priority 0, weight 0)"
  std::vector<findings::Finding> findings;
};

struct CheckResults {
  std::string file;    // as given
  std::string version; // of the lyncplan that checked
  std::vector<CheckDomain> domains;
  std::vector<findings::Finding> findings; // every finding of the check, the domain's first
  bool drift = false;                      // whether it compared live DNS with a plan
};

// Reads the JSON of one check. A syntax error is reported at its line and column; a value of
// the wrong kind at its path in the document ("domains[0].endpoints[2].port"), every one at once.
// Rules the catalog does not know (a newer lyncplan's) are kept by name.
Expected<CheckResults, std::vector<util::Diagnostic>> read_check_results(std::string_view text,
                                                                         std::string_view file);

} // namespace lyncplan::page
