// A certificate authority made inside a test with OpenSSL.
#include "support/test_ca.hpp"

#include <lyncplan/certs/openssl_handles.hpp>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace lyncplan::testing {

using namespace lyncplan::certs;

struct TestCa::State {
  PkeyPtr key;
  X509Ptr cert;
};

namespace {

void add_ext(X509* issuer, X509* subject, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, subject, nullptr, nullptr, 0);
  ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  if (!ext || X509_add_ext(subject, ext.get(), -1) != 1) {
    throw std::runtime_error("test CA: cannot add extension " + value);
  }
}

void set_serial(X509* x) {
  unsigned char bytes[16];
  RAND_bytes(bytes, sizeof bytes);
  bytes[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(bytes, sizeof bytes, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
  BN_free(bn);
}

std::string pem(X509* x) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), x);
  return bio_text(bio.get());
}

// One certificate of a deep chain: `subject` with `key`, signed by `issuer`/`issuer_key` (itself
// when both are null).
X509Ptr chain_certificate(const std::string& subject, EVP_PKEY* key, X509* issuer,
                          EVP_PKEY* issuer_key, bool ca, std::size_t padding,
                          const std::vector<std::string>& names = {}) {
  X509Ptr cert(X509_new());
  X509* x = cert.get();
  X509_set_version(x, 2);
  set_serial(x);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(subject.c_str()), -1, -1, 0);
  X509_set_issuer_name(x, issuer != nullptr ? X509_get_subject_name(issuer) : name);
  X509_gmtime_adj(X509_getm_notBefore(x), -86400);
  X509_gmtime_adj(X509_getm_notAfter(x), 90L * 86400);
  X509_set_pubkey(x, key);
  X509* signer_cert = issuer != nullptr ? issuer : x;
  add_ext(signer_cert, x, NID_subject_key_identifier, "hash");
  if (issuer != nullptr) {
    add_ext(signer_cert, x, NID_authority_key_identifier, "keyid:always");
  }
  if (ca) {
    add_ext(signer_cert, x, NID_basic_constraints, "critical,CA:TRUE");
    add_ext(signer_cert, x, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    std::string sans;
    for (const auto& n : names) {
      sans += (sans.empty() ? "DNS:" : ",DNS:") + n;
    }
    add_ext(signer_cert, x, NID_subject_alt_name, sans);
    add_ext(signer_cert, x, NID_ext_key_usage, "serverAuth");
  }
  if (padding > 0) {
    add_ext(signer_cert, x, NID_netscape_comment, std::string(padding, 'p'));
  }
  X509_sign(x, issuer_key != nullptr ? issuer_key : key, EVP_sha256());
  return cert;
}

} // namespace

DeepChain make_deep_chain(const std::vector<std::string>& names, int intermediates,
                          std::size_t padding) {
  PkeyPtr root_key(EVP_EC_gen("P-256"));
  X509Ptr root =
      chain_certificate("lyncplan deep root", root_key.get(), nullptr, nullptr, true, padding);
  DeepChain out;
  out.root_pem = pem(root.get());
  X509Ptr issuer = std::move(root);
  PkeyPtr issuer_key = std::move(root_key);
  std::vector<std::string> above; // the intermediates, root side first
  for (int i = 1; i <= intermediates; ++i) {
    PkeyPtr key(EVP_EC_gen("P-256"));
    X509Ptr cert = chain_certificate("lyncplan intermediate " + std::to_string(i), key.get(),
                                     issuer.get(), issuer_key.get(), true, padding);
    above.push_back(pem(cert.get()));
    issuer = std::move(cert);
    issuer_key = std::move(key);
  }
  PkeyPtr leaf_key(EVP_EC_gen("P-256"));
  X509Ptr leaf = chain_certificate(names.front(), leaf_key.get(), issuer.get(), issuer_key.get(),
                                   false, padding, names);
  out.leaf_pem = pem(leaf.get());
  BioPtr key_bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(key_bio.get(), leaf_key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  out.leaf_key_pem = bio_text(key_bio.get());
  for (auto it = above.rbegin(); it != above.rend(); ++it) {
    out.intermediates_pem += *it;
  }
  return out;
}

TestCa::TestCa() : state_(new State) {
  state_->key.reset(EVP_RSA_gen(2048));
  state_->cert.reset(X509_new());
  X509* x = state_->cert.get();
  X509_set_version(x, 2);
  set_serial(x);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("lyncplan test CA"), -1, -1, 0);
  X509_set_issuer_name(x, name);
  X509_gmtime_adj(X509_getm_notBefore(x), -86400);
  X509_gmtime_adj(X509_getm_notAfter(x), 3650L * 86400);
  X509_set_pubkey(x, state_->key.get());
  add_ext(x, x, NID_basic_constraints, "critical,CA:TRUE");
  add_ext(x, x, NID_key_usage, "critical,keyCertSign,cRLSign");
  add_ext(x, x, NID_subject_key_identifier, "hash");
  X509_sign(x, state_->key.get(), EVP_sha256());
}

TestCa::~TestCa() {
  delete state_;
}

std::string TestCa::ca_pem() const {
  return pem(state_->cert.get());
}

std::string TestCa::sign(const std::string& csr_pem, const Tamper& tamper) const {
  BioPtr bio(BIO_new_mem_buf(csr_pem.data(), static_cast<int>(csr_pem.size())));
  ReqPtr req(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
  if (!req) {
    throw std::runtime_error("test CA: not a CSR");
  }
  X509Ptr cert(X509_new());
  X509* x = cert.get();
  X509_set_version(x, 2);
  set_serial(x);
  if (tamper.subject) {
    X509_NAME* name = X509_NAME_new();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(tamper.subject->c_str()), -1,
                               -1, 0);
    X509_set_subject_name(x, name);
    X509_NAME_free(name);
  } else {
    X509_set_subject_name(x, X509_REQ_get_subject_name(req.get()));
  }
  PkeyPtr fresh;
  if (tamper.new_key_bits > 0 || tamper.ec_key) {
    fresh.reset(tamper.ec_key ? EVP_EC_gen("P-256")
                              : EVP_RSA_gen(static_cast<unsigned>(tamper.new_key_bits)));
    X509_set_pubkey(x, fresh.get());
  } else {
    PkeyPtr requested(X509_REQ_get_pubkey(req.get()));
    X509_set_pubkey(x, requested.get());
  }
  X509_gmtime_adj(X509_getm_notBefore(x), tamper.valid_from_days * 86400);
  X509_gmtime_adj(X509_getm_notAfter(x), tamper.valid_to_days * 86400);
  X509* issuer = tamper.self_signed ? x : state_->cert.get();
  X509_set_issuer_name(x, X509_get_subject_name(issuer));
  // The CSR's extensions, changed as asked.
  STACK_OF(X509_EXTENSION)* extensions = X509_REQ_get_extensions(req.get());
  for (int i = 0; i < sk_X509_EXTENSION_num(extensions); ++i) {
    X509_EXTENSION* ext = sk_X509_EXTENSION_value(extensions, i);
    const int nid = OBJ_obj2nid(X509_EXTENSION_get_object(ext));
    if (nid == NID_ext_key_usage && tamper.eku) {
      continue;
    }
    if (nid == NID_subject_alt_name && (!tamper.drop_sans.empty() || !tamper.add_sans.empty())) {
      GeneralNamesPtr names(static_cast<GENERAL_NAMES*>(X509V3_EXT_d2i(ext)));
      std::string value;
      for (int k = 0; k < sk_GENERAL_NAME_num(names.get()); ++k) {
        const GENERAL_NAME* n = sk_GENERAL_NAME_value(names.get(), k);
        const std::string dns(reinterpret_cast<const char*>(ASN1_STRING_get0_data(n->d.dNSName)),
                              static_cast<std::size_t>(ASN1_STRING_length(n->d.dNSName)));
        if (std::find(tamper.drop_sans.begin(), tamper.drop_sans.end(), dns) ==
            tamper.drop_sans.end()) {
          value += (value.empty() ? "DNS:" : ",DNS:") + dns;
        }
      }
      for (const auto& extra : tamper.add_sans) {
        value += (value.empty() ? "DNS:" : ",DNS:") + extra;
      }
      if (!value.empty()) {
        add_ext(issuer, x, NID_subject_alt_name, value);
      }
      continue;
    }
    X509_add_ext(x, ext, -1);
  }
  sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
  if (tamper.eku) {
    add_ext(issuer, x, NID_ext_key_usage, *tamper.eku);
  }
  EVP_PKEY* signer = tamper.self_signed ? (fresh ? fresh.get() : nullptr) : state_->key.get();
  PkeyPtr self_key;
  if (signer == nullptr) {
    self_key.reset(EVP_RSA_gen(2048));
    X509_set_pubkey(x, self_key.get());
    signer = self_key.get();
  }
  if (tamper.signature == Signature::pss) {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), nullptr, signer);
    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
    X509_sign_ctx(x, ctx);
    EVP_MD_CTX_free(ctx);
  } else {
    X509_sign(x, signer, tamper.signature == Signature::sha1 ? EVP_sha1() : EVP_sha256());
  }
  return pem(x);
}

std::string TestCa::to_der(const std::string& cert_pem) {
  BioPtr in(BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size())));
  X509Ptr cert(PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr));
  BioPtr out(BIO_new(BIO_s_mem()));
  i2d_X509_bio(out.get(), cert.get());
  return bio_text(out.get());
}

std::string TestCa::to_pkcs12(const std::string& cert_pem, const std::string& key_pem,
                              const std::string& password) {
  BioPtr cert_in(BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size())));
  X509Ptr cert(PEM_read_bio_X509(cert_in.get(), nullptr, nullptr, nullptr));
  BioPtr key_in(BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())));
  PkeyPtr key(PEM_read_bio_PrivateKey(key_in.get(), nullptr, nullptr, nullptr));
  Pkcs12Ptr p12(
      PKCS12_create(password.c_str(), "lyncplan", key.get(), cert.get(), nullptr, 0, 0, 0, 0, 0));
  BioPtr out(BIO_new(BIO_s_mem()));
  i2d_PKCS12_bio(out.get(), p12.get());
  return bio_text(out.get());
}

} // namespace lyncplan::testing
