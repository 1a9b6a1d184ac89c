// What a client would make of a TLS endpoint (RULES 18-28, DISCOVERY.md 3).
#include <lyncplan/discovery/names.hpp>
#include <lyncplan/probe/tls_verdict.hpp>

#include <fmt/format.h>

namespace lyncplan::probe {
namespace {

const int kMinimumKeyBits = plan::Certificate{}.min_key_bits; // the planner's minimum
// More certificates than a server needs to send: its own and two or three intermediates.
constexpr int kLongChain = 10;

std::string names_of(const certs::CertInfo& cert) {
  std::string out = "subject '" + cert.subject + "'";
  if (!cert.sans.empty()) {
    out += ", SANs";
    for (const auto& san : cert.sans) {
      out += " " + san;
    }
  }
  return out;
}

plan::RuleId rule_of(TlsOutcome outcome) {
  switch (outcome) {
  case TlsOutcome::refused:
    return "tls.refused";
  case TlsOutcome::unreachable:
    return "tls.unreachable";
  case TlsOutcome::connect_timeout:
    return "tls.connect-timeout";
  case TlsOutcome::handshake_timeout:
    return "tls.handshake-timeout";
  case TlsOutcome::handshake_failed:
  case TlsOutcome::handshake:
    break;
  }
  return "tls.handshake-failed";
}

} // namespace

std::vector<certs::CertProblem> judge_endpoint(const TlsResult& result, std::string_view dialled,
                                               bool wildcards_allowed, std::time_t now) {
  std::vector<certs::CertProblem> out;
  if (result.outcome != TlsOutcome::handshake) {
    out.push_back(
        {plan::Severity::error, rule_of(result.outcome), std::string(dialled), result.detail});
    return out;
  }
  if (!result.cert) {
    out.push_back({plan::Severity::error, "cert.no-certificate", std::string(dialled),
                   result.detail.empty() ? "the server presented no certificate" : result.detail});
    return out;
  }
  const certs::CertInfo& cert = *result.cert;
  const discovery::CertView view{"", cert.subject, cert.sans, ""};
  if (!discovery::certificate_names(view, dialled, wildcards_allowed)) {
    const bool wildcard_would =
        !wildcards_allowed && discovery::certificate_names(view, dialled, true);
    out.push_back(
        {plan::Severity::error,
         wildcard_would ? plan::RuleId("cert.wildcard-san") : plan::RuleId("cert.name"),
         std::string(dialled),
         wildcard_would
             ? fmt::format("only a wildcard covers '{}', and Lync clients do not accept wildcards "
                           "for SIP; {}",
                           dialled, names_of(cert))
             : fmt::format("'{}' is not on the certificate ({})", dialled, names_of(cert))});
  }
  for (auto& p : certs::intrinsic_problems(cert, now, kMinimumKeyBits)) {
    p.subject = dialled;
    out.push_back(std::move(p));
  }
  if (result.chain_length > kLongChain) {
    out.push_back({plan::Severity::warning, "cert.long-chain", std::string(dialled),
                   fmt::format("the server sends {} certificates; it needs to send only its own "
                               "and the intermediates up to the root (usually 2-4), and every "
                               "client downloads and checks the whole list at each connection",
                               result.chain_length)});
  }
  return out;
}

} // namespace lyncplan::probe
