// A certificate authority made inside a test with OpenSSL: signs CSRs as they are, or issues
// certificates made wrong on purpose (a SAN dropped or added, a wildcard subject, a client-only
// EKU, expired, a small key, an EC key, self-signed, SHA-1 or RSASSA-PSS signed).
#pragma once

#include <cstddef>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace lyncplan::testing {

// How the CA signs: SHA-256 (as CAs do), SHA-1 (weak) or RSASSA-PSS (unsupported by the servers).
enum class Signature { sha256, sha1, pss };

struct Tamper {
  std::vector<std::string> drop_sans;
  std::vector<std::string> add_sans;  // appended after the CSR's (e.g. a wildcard)
  std::optional<std::string> subject; // replaces the CSR's CN
  std::optional<std::string> eku;     // "clientAuth", "serverAuth,clientAuth", ...
  long valid_from_days = -1;          // relative to now
  long valid_to_days = 365;
  int new_key_bits = 0; // > 0: a fresh key of this size instead of the CSR's
  bool ec_key = false;  // a fresh EC P-256 key instead of the CSR's
  bool self_signed = false;
  Signature signature = Signature::sha256;
};

// A chain made under its own root with EC P-256 keys (quick to make): a root, `intermediates`
// CAs each signed by the one above, and a leaf for `names` (the first is also the subject).
// `padding` bytes of comment in every certificate make the chain as large as a test needs.
struct DeepChain {
  std::string root_pem;
  std::string leaf_pem;
  std::string leaf_key_pem;
  std::string intermediates_pem; // nearest the leaf first, as a server sends them
};
DeepChain make_deep_chain(const std::vector<std::string>& names, int intermediates,
                          std::size_t padding = 0);

class TestCa {
public:
  TestCa();
  ~TestCa();
  TestCa(const TestCa&) = delete;
  TestCa& operator=(const TestCa&) = delete;

  std::string ca_pem() const;
  // A PEM certificate for the CSR, changed as `tamper` says.
  std::string sign(const std::string& csr_pem, const Tamper& tamper = {}) const;

  // The same certificate as DER bytes, or as PKCS#12 with its key (both PEM) and a password.
  static std::string to_der(const std::string& cert_pem);
  static std::string to_pkcs12(const std::string& cert_pem, const std::string& key_pem,
                               const std::string& password);

private:
  struct State;
  State* state_;
};

} // namespace lyncplan::testing
