// What a client would make of a TLS endpoint: the probe's outcome and presented certificate judged
// by the rules Lync clients apply (chain, dialled name with Lync's wildcard limits, validity,
// server EKU, key size). Pure: takes values and the time, returns problems.
#pragma once

#include <lyncplan/certs/check.hpp>
#include <lyncplan/probe/tls_probe.hpp>

#include <ctime>
#include <string_view>
#include <vector>

namespace lyncplan::probe {

// `wildcards_allowed`: web services (lyncdiscover, meet, external web) may be covered by a
// wildcard SAN; SIP endpoints (Access Edge, pools) never.
std::vector<certs::CertProblem> judge_endpoint(const TlsResult& result, std::string_view dialled,
                                               bool wildcards_allowed, std::time_t now);

} // namespace lyncplan::probe
