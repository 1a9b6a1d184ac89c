// Issued certificates against the planned ones: which planned certificate each one is, and what
// in it would break that role. Pure: takes values (and the time) and returns values.
#pragma once

#include <lyncplan/certs/inspect.hpp>
#include <lyncplan/plan/plan.hpp>

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::certs {

// What is wrong with one certificate; the subject is left to the caller (the file, the endpoint).
using CertProblem = findings::Finding;

struct CertVerdict {
  std::string file;
  std::string planned_id;   // "" when it matches no planned certificate
  std::string match_reason; // why it was taken for that one
  std::vector<CertProblem> problems;
};

// What the server product accepts of a certificate's key and signature.
struct ServerSupport {
  std::string_view product; // its display name; "" when unknown
  bool ec_keys = true;      // EC keys (CNG keys on Windows) are supported
};

// What is wrong with a certificate whatever role it has: server EKU, key size and type, the
// signature (RSASSA-PSS unsupported, SHA-1 weak), validity (a warning under 30 days) and the chain.
std::vector<CertProblem> intrinsic_problems(const CertInfo& cert, std::time_t now, int min_key_bits,
                                            const ServerSupport& server = {});

// `planned_id`: the planned certificate the user says it is for; empty: the best match.
CertVerdict check_certificate(const CertInfo& cert, const plan::Plan& plan, std::time_t now,
                              std::string_view planned_id = {});

std::string verdicts_table(const std::vector<CertVerdict>& verdicts);
std::string verdicts_json(const std::vector<CertVerdict>& verdicts);

} // namespace lyncplan::certs
