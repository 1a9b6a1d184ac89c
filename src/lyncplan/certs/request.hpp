// Keys and certificate requests for planned certificates, made with OpenSSL 3's library API.
#pragma once

#include <lyncplan/plan/plan.hpp>
#include <lyncplan/util/expected.hpp>

#include <string>

namespace lyncplan::certs {

struct KeySpec {
  int rsa_bits = 2048;
  std::string ec_curve; // "P-256", "P-384" or "P-521" for an EC key; "" for RSA
  bool ec() const { return !ec_curve.empty(); }
  std::string text() const; // "RSA 2048 bits", "EC P-256"
};

struct Request {
  std::string key_pem; // PKCS#8, unencrypted: the caller writes it 0600
  std::string csr_pem;
  std::string openssl_config; // remakes the request with `openssl req -new -key -config`
};

// A new key and a CSR for `cert`: subject CN and SANs exactly as planned, server
// authentication EKU (and client authentication where planned), key usage; SHA-256 signed.
Expected<Request, std::string> make_request(const plan::Certificate& cert, const KeySpec& key);

// The part of make_request that needs no key (pure text).
std::string openssl_config(const plan::Certificate& cert, const KeySpec& key);

} // namespace lyncplan::certs
