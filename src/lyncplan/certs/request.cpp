// Keys and certificate requests for planned certificates, made with OpenSSL 3's library API.
#include <lyncplan/certs/openssl_handles.hpp>
#include <lyncplan/certs/request.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <string_view>

namespace lyncplan::certs {

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  if (code == 0) {
    return {};
  }
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  ERR_clear_error();
  return text;
}

namespace {

std::string extended_key_usage(const plan::Certificate& cert) {
  return cert.client_eku ? "serverAuth,clientAuth" : "serverAuth";
}

std::string san_list(const plan::Certificate& cert) {
  std::vector<std::string> parts;
  for (const auto& san : cert.sans) {
    parts.push_back("DNS:" + san);
  }
  return join(parts, ",");
}

bool add_extension(STACK_OF(X509_EXTENSION) * extensions, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, nullptr, nullptr, nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  if (!ext) {
    return false;
  }
  return sk_X509_EXTENSION_push(extensions, ext.release()) > 0;
}

struct ExtensionStackFree {
  void operator()(STACK_OF(X509_EXTENSION) * s) const {
    sk_X509_EXTENSION_pop_free(s, X509_EXTENSION_free);
  }
};

// "C = US\nO = Contoso\n": the subject fields before the CN, one per line of the [ dn ] section.
std::string dn_lines(const plan::Certificate& cert) {
  std::string out;
  for (const auto& [attribute, value] : cert.subject_fields) {
    out += fmt::format("{} = {}\n", attribute, value);
  }
  return out;
}

} // namespace

std::string KeySpec::text() const {
  return ec() ? "EC " + ec_curve : fmt::format("RSA {} bits", rsa_bits);
}

std::string openssl_config(const plan::Certificate& cert, const KeySpec& key) {
  // An EC key signs (ECDHE) and agrees keys; it never encrypts one, as an RSA key does.
  const std::string new_key = key.ec() ? "ec -pkeyopt ec_paramgen_curve:" + key.ec_curve
                                       : fmt::format("rsa:{}", key.rsa_bits);
  std::string out = fmt::format(
      "# lyncplan: certificate request for {} ({} {})\n"
      "# Remake the request by hand with:\n"
      "#   openssl req -new -key {}.key -config {}.cnf -out {}.csr\n"
      "# or with a new key:\n"
      "#   openssl req -new -newkey {} -nodes -keyout {}.key -config {}.cnf -out {}.csr\n"
      "[ req ]\nprompt = no\nutf8 = yes\nstring_mask = utf8only\ndefault_md = "
      "sha256\ndistinguished_name = dn\nreq_extensions = ext\n"
      "\n[ dn ]\n{}CN = {}\n\n[ ext ]\nbasicConstraints = CA:FALSE\n"
      "keyUsage = critical, digitalSignature, {}\nextendedKeyUsage = {}\n",
      cert.id, cert.role, cert.interface, cert.id, cert.id, cert.id, new_key, cert.id, cert.id,
      cert.id, dn_lines(cert), cert.subject, key.ec() ? "keyAgreement" : "keyEncipherment",
      extended_key_usage(cert));
  if (!cert.sans.empty()) {
    out += "subjectAltName = @san\n\n[ san ]\n";
    for (std::size_t i = 0; i < cert.sans.size(); ++i) {
      out += fmt::format("DNS.{} = {}\n", i + 1, cert.sans[i]);
    }
  }
  return out;
}

Expected<Request, std::string> make_request(const plan::Certificate& cert, const KeySpec& key) {
  PkeyPtr pkey(key.ec() ? EVP_EC_gen(key.ec_curve.c_str())
                        : EVP_RSA_gen(static_cast<unsigned>(key.rsa_bits)));
  if (!pkey) {
    return unexpected(
        fmt::format("{}: cannot generate an {} key: {}", cert.id, key.text(), openssl_error()));
  }
  ReqPtr req(X509_REQ_new());
  X509_NAME* name = X509_REQ_get_subject_name(req.get());
  bool named = X509_REQ_set_version(req.get(), 0) == 1;
  for (const auto& [attribute, value] : cert.subject_fields) {
    named = named && X509_NAME_add_entry_by_txt(
                         name, attribute.c_str(), MBSTRING_UTF8,
                         reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0) == 1;
  }
  named = named &&
          X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>(cert.subject.c_str()),
                                     -1, -1, 0) == 1 &&
          X509_REQ_set_pubkey(req.get(), pkey.get()) == 1;
  std::unique_ptr<STACK_OF(X509_EXTENSION), ExtensionStackFree> extensions(
      sk_X509_EXTENSION_new_null());
  bool extended = add_extension(extensions.get(), NID_basic_constraints, "CA:FALSE") &&
                  add_extension(extensions.get(), NID_key_usage,
                                key.ec() ? "critical,digitalSignature,keyAgreement"
                                         : "critical,digitalSignature,keyEncipherment") &&
                  add_extension(extensions.get(), NID_ext_key_usage, extended_key_usage(cert));
  if (!cert.sans.empty()) {
    extended = extended && add_extension(extensions.get(), NID_subject_alt_name, san_list(cert));
  }
  if (!named || !extended || X509_REQ_add_extensions(req.get(), extensions.get()) != 1 ||
      X509_REQ_sign(req.get(), pkey.get(), EVP_sha256()) <= 0) {
    return unexpected(fmt::format("{}: cannot build the request: {}", cert.id, openssl_error()));
  }
  Request out;
  BioPtr key_bio(BIO_new(BIO_s_mem()));
  BioPtr csr_bio(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_PrivateKey(key_bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
          1 ||
      PEM_write_bio_X509_REQ(csr_bio.get(), req.get()) != 1) {
    return unexpected(fmt::format("{}: cannot write PEM: {}", cert.id, openssl_error()));
  }
  out.key_pem = bio_text(key_bio.get());
  out.csr_pem = bio_text(csr_bio.get());
  out.openssl_config = openssl_config(cert, key);
  return out;
}

} // namespace lyncplan::certs
