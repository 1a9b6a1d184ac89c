// Issued certificates against the planned ones (RULES 18-28).
#include <lyncplan/certs/check.hpp>
#include <lyncplan/findings/report.hpp>
#include <lyncplan/util/json_writer.hpp>
#include <lyncplan/util/version.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace lyncplan::certs {
namespace {

constexpr std::time_t kDay = 24 * 60 * 60;
constexpr int kExpiryWarningDays = 30;

std::string date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

bool is_wildcard(const std::string& name) {
  return name.starts_with("*.");
}

// The planned certificate this one was issued for: the same subject, then the most SANs shared.
const plan::Certificate* match(const CertInfo& cert, const plan::Plan& plan) {
  const plan::Certificate* best = nullptr;
  long best_score = 0;
  const std::set<std::string> sans(cert.sans.begin(), cert.sans.end());
  for (const auto& p : plan.certificates) {
    long score = p.subject == cert.subject ? 1000 : 0;
    for (const auto& san : p.sans) {
      score += static_cast<long>(sans.count(san));
    }
    if (score > best_score) {
      best = &p;
      best_score = score;
    }
  }
  return best;
}

bool supported_curve(const std::string& curve) {
  return curve == "prime256v1" || curve == "P-256" || curve == "secp384r1" || curve == "P-384" ||
         curve == "secp521r1" || curve == "P-521";
}

} // namespace

std::vector<CertProblem> intrinsic_problems(const CertInfo& cert, std::time_t now,
                                            int min_key_bits) {
  std::vector<CertProblem> out;
  auto problem = [&](plan::Severity s, plan::RuleId rule, std::string message) {
    out.push_back({s, rule, {}, std::move(message)});
  };
  if (cert.eku_present && !cert.server_auth) {
    problem(plan::Severity::error, "cert.eku-server",
            "the extended key usage lacks server authentication");
  }
  if (cert.key_type == "EC") {
    // Lync Server 2013 supports the ECDH_P256, ECDH_P384 and ECDH_P521 curves besides RSA:
    // https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-certificate-infrastructure-requirements
    if (!supported_curve(cert.key_curve)) {
      problem(plan::Severity::error, "cert.key-size",
              fmt::format("the key is on the EC curve {}; Lync supports RSA keys and the "
                          "P-256, P-384 and P-521 curves",
                          cert.key_curve.empty() ? "(unknown)" : cert.key_curve));
    }
  } else if (cert.key_bits < min_key_bits) {
    problem(plan::Severity::error, "cert.key-size",
            fmt::format("the key is {} {} bits; at least {} are needed", cert.key_type,
                        cert.key_bits, min_key_bits));
  }
  if (now < cert.not_before) {
    problem(plan::Severity::error, "cert.not-yet-valid",
            fmt::format("not valid before {}", date(cert.not_before)));
  } else if (now > cert.not_after) {
    problem(plan::Severity::error, "cert.expired",
            fmt::format("expired on {}", date(cert.not_after)));
  } else if (cert.not_after - now < kExpiryWarningDays * kDay) {
    problem(plan::Severity::warning, "cert.expiring",
            fmt::format("expires on {}, in {} days", date(cert.not_after),
                        (cert.not_after - now) / kDay));
  }
  if (!cert.chain_error.empty()) {
    problem(plan::Severity::error, "cert.chain", "the chain does not verify: " + cert.chain_error);
  }
  return out;
}

CertVerdict check_certificate(const CertInfo& cert, const plan::Plan& plan, std::time_t now) {
  CertVerdict v;
  v.file = cert.file;
  auto problem = [&](plan::Severity s, plan::RuleId rule, std::string message) {
    v.problems.push_back({s, rule, v.file, std::move(message)});
  };
  const plan::Certificate* planned = match(cert, plan);
  if (planned == nullptr) {
    problem(plan::Severity::error, "cert.no-match",
            fmt::format("subject '{}' and SANs match no planned certificate", cert.subject));
    return v;
  }
  v.planned_id = planned->id;
  if (cert.subject != planned->subject) {
    problem(plan::Severity::error, "cert.subject",
            fmt::format("subject is '{}'; the plan needs '{}'{}", cert.subject, planned->subject,
                        planned->role == "edge" ? " (public IM providers match the subject only, "
                                                  "RULES 35)"
                                                : ""));
  }
  if (is_wildcard(cert.subject)) {
    problem(plan::Severity::error, "cert.wildcard-subject",
            fmt::format("wildcard subject '{}': a wildcard is never the subject (RULES 23)",
                        cert.subject));
  }
  for (const auto& san : planned->sans) {
    if (std::find(cert.sans.begin(), cert.sans.end(), san) == cert.sans.end()) {
      problem(plan::Severity::error, "cert.missing-san", fmt::format("SAN '{}' is missing", san));
    }
  }
  for (const auto& san : cert.sans) {
    if (is_wildcard(san) && !planned->wildcard_allowed) {
      problem(plan::Severity::error, "cert.wildcard-san",
              fmt::format("wildcard SAN '{}' on a {} {} certificate, where wildcards are not "
                          "supported (RULES 23)",
                          san, planned->role, planned->interface));
    } else if (std::find(planned->sans.begin(), planned->sans.end(), san) == planned->sans.end()) {
      problem(plan::Severity::info, "cert.extra-san", fmt::format("SAN '{}' is not planned", san));
    }
  }
  if (planned->client_eku && cert.eku_present && !cert.client_auth) {
    problem(plan::Severity::error, "cert.eku-client",
            "the extended key usage lacks client authentication, which AOL public IM "
            "connectivity needs (RULES 18)");
  }
  for (auto& p : intrinsic_problems(cert, now, planned->min_key_bits)) {
    p.subject = v.file;
    v.problems.push_back(std::move(p));
  }
  return v;
}

std::string verdicts_table(const std::vector<CertVerdict>& verdicts) {
  std::string out;
  for (const auto& v : verdicts) {
    out += fmt::format("{}: {}\n", v.file,
                       v.planned_id.empty() ? std::string("no planned certificate")
                                            : "planned " + v.planned_id);
    if (v.problems.empty()) {
      out += "  ok\n";
    }
    for (const auto& p : v.problems) {
      out += fmt::format("  {} {}: {}\n", to_string(p.severity), p.rule, p.message);
    }
  }
  return out;
}

std::string verdicts_json(const std::vector<CertVerdict>& verdicts) {
  std::string out = "{" + util::json_envelope("certs verify") + ",\n  \"certificates\": [";
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    const auto& v = verdicts[i];
    out += i == 0 ? "\n    " : ",\n    ";
    util::JsonLine j(out);
    j.string("file", v.file).string("planned", v.planned_id);
    out += ", \"problems\": [";
    for (std::size_t k = 0; k < v.problems.size(); ++k) {
      out += k == 0 ? "" : ", ";
      util::JsonLine p(out);
      findings::append_json_fields(p, v.problems[k]);
      p.close();
    }
    out += "]";
    j.close();
  }
  out += verdicts.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

} // namespace lyncplan::certs
