// Issued certificates against the planned ones: which one each is for, and what would break.
#include <lyncplan/certs/check.hpp>
#include <lyncplan/findings/report.hpp>
#include <lyncplan/topology/products.hpp>
#include <lyncplan/util/json_writer.hpp>
#include <lyncplan/util/strings.hpp>
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

// Whether the wildcard SAN `pattern` (*.contoso.com) covers `name`: exactly one label, as TLS
// name checks do.
bool wildcard_covers(const std::string& pattern, const std::string& name) {
  if (!is_wildcard(pattern)) {
    return false;
  }
  const std::string_view base = std::string_view(pattern).substr(1); // ".contoso.com"
  if (name.size() <= base.size() || !std::string_view(name).ends_with(base)) {
    return false;
  }
  return std::string_view(name).substr(0, name.size() - base.size()).find('.') ==
         std::string_view::npos;
}

bool allows_wildcard(const plan::Certificate& planned, const std::string& san) {
  return std::find(planned.wildcard_names.begin(), planned.wildcard_names.end(), san) !=
         planned.wildcard_names.end();
}

// The issued SAN that satisfies a planned name: the name itself, or a wildcard where the plan
// allows one for that name.
const std::string* satisfied_by(const CertInfo& cert, const plan::Certificate& planned,
                                const std::string& san) {
  for (const auto& have : cert.sans) {
    if (have == san || (allows_wildcard(planned, san) && wildcard_covers(have, san))) {
      return &have;
    }
  }
  return nullptr;
}

struct Fit {
  std::size_t covered = 0, missing = 0, extra = 0;
  bool same_subject = false;
  long score() const {
    return static_cast<long>(covered) * 4 - static_cast<long>(missing) * 2 -
           static_cast<long>(extra) + (same_subject ? 3 : 0);
  }
};

Fit fit(const CertInfo& cert, const plan::Certificate& planned) {
  Fit f;
  f.same_subject = cert.subject == planned.subject;
  std::set<std::string> used;
  for (const auto& san : planned.sans) {
    if (const std::string* have = satisfied_by(cert, planned, san)) {
      ++f.covered;
      used.insert(*have);
    } else {
      ++f.missing;
    }
  }
  for (const auto& have : cert.sans) {
    f.extra += used.count(have) == 0 ? 1 : 0;
  }
  return f;
}

bool is_oauth(const plan::Certificate& planned) {
  return planned.usages == std::vector<std::string>{"OAuthTokenIssuer"};
}

struct Match {
  const plan::Certificate* planned = nullptr;
  std::string reason;
};

// The planned certificate this one was issued for, and why: a certificate without SANs is one of
// the plan's SAN-less ones (the same subject, else the OAuthTokenIssuer certificate, whose
// subject may be any name); otherwise the best overlap of names, the subject breaking ties.
Match match(const CertInfo& cert, const plan::Plan& plan) {
  if (cert.sans.empty()) {
    const plan::Certificate* oauth = nullptr;
    for (const auto& p : plan.certificates) {
      if (!p.sans.empty()) {
        continue;
      }
      if (p.subject == cert.subject) {
        return {&p, "no SAN and the same subject"};
      }
      if (is_oauth(p) && oauth == nullptr) {
        oauth = &p;
      }
    }
    if (oauth != nullptr) {
      return {oauth, "no SAN and no other SAN-less certificate with this subject: the "
                     "OAuthTokenIssuer certificate"};
    }
  }
  Match best;
  long best_score = 0;
  Fit best_fit;
  std::vector<std::string> as_good; // other planned ids that fit exactly as well
  for (const auto& p : plan.certificates) {
    const Fit f = fit(cert, p);
    if (!(f.covered > 0 || f.same_subject)) {
      continue;
    }
    if (best.planned == nullptr || f.score() > best_score) {
      best.planned = &p;
      best_score = f.score();
      best_fit = f;
      as_good.clear();
    } else if (f.score() == best_score) {
      as_good.push_back(p.id);
    }
  }
  if (best.planned != nullptr) {
    best.reason = fmt::format("{} subject, {} of {} planned SANs",
                              best_fit.same_subject ? "the same" : "another", best_fit.covered,
                              best.planned->sans.size());
    if (best_fit.extra > 0) {
      best.reason += fmt::format(", {} not planned", best_fit.extra);
    }
    if (!as_good.empty()) {
      best.reason += fmt::format("; {} carries the same names, so it is taken for the first "
                                 "(FILE=ID names another)",
                                 join(as_good, ", "));
    }
  }
  return best;
}

bool supported_curve(const std::string& curve) {
  return curve == "prime256v1" || curve == "P-256" || curve == "secp384r1" || curve == "P-384" ||
         curve == "secp521r1" || curve == "P-521";
}

} // namespace

// The smallest RSA key the servers take (Request-CsCertificate -KeySize 1024, 2048, 4096).
constexpr int kSmallestKeyBits = 1024;

std::vector<CertProblem> intrinsic_problems(const CertInfo& cert, std::time_t now, int min_key_bits,
                                            const ServerSupport& server) {
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
    } else if (!server.ec_keys) {
      problem(plan::Severity::warning, "cert.key-cng",
              fmt::format("the key is on the EC curve {}: on Windows an EC key is a CNG key, "
                          "which {} does not support; request an RSA key",
                          cert.key_curve, server.product));
    }
  } else if (cert.key_bits < kSmallestKeyBits) {
    problem(plan::Severity::error, "cert.key-size",
            fmt::format("the key is {} {} bits; the servers take {} at the least, and {} are "
                        "needed",
                        cert.key_type, cert.key_bits, kSmallestKeyBits, min_key_bits));
  } else if (cert.key_bits < min_key_bits) {
    // The servers still take 1024-bit keys; Microsoft recommends 2048 and more, and public CAs
    // issue nothing smaller.
    problem(plan::Severity::warning, "cert.key-size",
            fmt::format("the key is {} {} bits: it works, but {} or more are recommended (and "
                        "all a public CA issues)",
                        cert.key_type, cert.key_bits, min_key_bits));
  }
  if (cert.signature_pss) {
    problem(plan::Severity::error, "cert.signature-pss",
            "the CA signed it with RSASSA-PSS, which Skype for Business Server does not support; "
            "have it signed with PKCS#1 v1.5 (sha256WithRSAEncryption)");
  } else if (cert.signature_sha1) {
    problem(plan::Severity::warning, "cert.signature-sha1",
            fmt::format("the CA signed it with SHA-1 ({}): clients and browsers distrust SHA-1; "
                        "have it signed with SHA-256",
                        cert.signature));
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

CertVerdict check_certificate(const CertInfo& cert, const plan::Plan& plan, std::time_t now,
                              std::string_view planned_id) {
  CertVerdict v;
  v.file = cert.file;
  auto problem = [&](plan::Severity s, plan::RuleId rule, std::string message) {
    v.problems.push_back({s, rule, v.file, std::move(message)});
  };
  Match m;
  if (!planned_id.empty()) {
    for (const auto& p : plan.certificates) {
      if (p.id == planned_id) {
        m = {&p, "named on the command line"};
      }
    }
  } else {
    m = match(cert, plan);
  }
  const plan::Certificate* planned = m.planned;
  if (planned == nullptr) {
    problem(plan::Severity::error, "cert.no-match",
            fmt::format("subject '{}' and SANs match no planned certificate{}", cert.subject,
                        planned_id.empty() ? "; name the one it is for with FILE=ID"
                                           : fmt::format(" (no planned id '{}')", planned_id)));
    return v;
  }
  v.planned_id = planned->id;
  v.match_reason = m.reason;
  if (cert.subject != planned->subject) {
    if (is_oauth(*planned)) {
      problem(plan::Severity::info, "cert.subject",
              fmt::format("subject is '{}'; the plan suggests '{}', but any name serves an "
                          "OAuthTokenIssuer certificate",
                          cert.subject, planned->subject));
    } else {
      problem(plan::Severity::error, "cert.subject",
              fmt::format("subject is '{}'; the plan needs '{}'{}", cert.subject, planned->subject,
                          planned->role == "edge"
                              ? " (public IM providers match the Edge certificate's subject only)"
                              : ""));
    }
  }
  if (is_wildcard(cert.subject)) {
    problem(plan::Severity::error, "cert.wildcard-subject",
            fmt::format("wildcard subject '{}': a wildcard is never the subject", cert.subject));
  }
  std::set<std::string> used;
  for (const auto& san : planned->sans) {
    if (const std::string* have = satisfied_by(cert, *planned, san)) {
      used.insert(*have);
      continue;
    }
    const auto wildcard = std::find_if(cert.sans.begin(), cert.sans.end(), [&](const auto& have) {
      return wildcard_covers(have, san);
    });
    problem(plan::Severity::error, "cert.missing-san",
            wildcard == cert.sans.end()
                ? fmt::format("SAN '{}' is missing", san)
                : fmt::format("SAN '{}' is missing; the wildcard '{}' cannot stand in for it "
                              "(wildcards serve simple URLs and lyncdiscover only, never SIP "
                              "names or server FQDNs)",
                              san, *wildcard));
  }
  for (const auto& san : cert.sans) {
    if (used.count(san) != 0) {
      continue;
    }
    if (is_wildcard(san) && planned->wildcard_names.empty()) {
      problem(plan::Severity::error, "cert.wildcard-san",
              fmt::format("wildcard SAN '{}' on a {} {} certificate, where wildcards are not "
                          "supported",
                          san, planned->role, planned->interface));
    } else if (std::find(planned->sans.begin(), planned->sans.end(), san) == planned->sans.end()) {
      problem(plan::Severity::info, "cert.extra-san", fmt::format("SAN '{}' is not planned", san));
    }
  }
  if (planned->client_eku && cert.eku_present && !cert.client_auth) {
    problem(plan::Severity::error, "cert.eku-client",
            "the extended key usage lacks client authentication, which AOL public IM "
            "connectivity needs");
  }
  ServerSupport server;
  if (const auto product = topology::product_named(plan.product)) {
    const auto& facts = topology::product_facts(*product);
    server = {facts.display_name, facts.ec_keys};
  }
  for (auto& p : intrinsic_problems(cert, now, planned->min_key_bits, server)) {
    p.subject = v.file;
    v.problems.push_back(std::move(p));
  }
  return v;
}

std::string verdicts_table(const std::vector<CertVerdict>& verdicts) {
  std::string out;
  for (const auto& v : verdicts) {
    out += fmt::format("{}: {}\n", v.file,
                       v.planned_id.empty()
                           ? std::string("no planned certificate")
                           : fmt::format("planned {} ({})", v.planned_id, v.match_reason));
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
    j.string("file", v.file)
        .string("planned", v.planned_id)
        .string("matched_because", v.match_reason);
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
