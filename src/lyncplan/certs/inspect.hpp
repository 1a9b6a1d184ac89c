// Issued certificates read from PEM, DER or PKCS#12 into plain values, and their chain checked.
#pragma once

#include <lyncplan/util/expected.hpp>

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::certs {

struct CertInfo {
  std::string file;
  std::string subject;           // the CN ("" when absent)
  std::vector<std::string> sans; // DNS names
  bool server_auth = false;      // EKU allows TLS server authentication
  bool client_auth = false;
  bool eku_present = false;
  std::string key_type; // RSA, EC, ...
  int key_bits = 0;
  std::string key_curve;       // EC keys: the OpenSSL group name (prime256v1, secp384r1, ...)
  std::string signature;       // the issuer's signature algorithm ("sha256WithRSAEncryption")
  bool signature_pss = false;  // RSASSA-PSS
  bool signature_sha1 = false; // a SHA-1 digest
  std::time_t not_before = 0;
  std::time_t not_after = 0;
  std::string issuer;
  // The chain verdict: "" when it verifies, else OpenSSL's reason.
  std::string chain_error;
};

struct InspectOptions {
  std::string ca_file;  // trust anchors; empty: the system store
  std::string password; // for PKCS#12
  std::time_t now = 0;  // the time the chain is verified at
};

// Reads the first (leaf) certificate of `bytes`; other certificates in the file form the chain.
Expected<CertInfo, std::string> inspect_certificate(std::string_view bytes, const std::string& file,
                                                    const InspectOptions& options);

} // namespace lyncplan::certs
