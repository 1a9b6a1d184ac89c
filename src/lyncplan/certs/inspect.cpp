// Issued certificates read from PEM, DER or PKCS#12 into plain values, and their chain checked.
#include <lyncplan/certs/inspect.hpp>
#include <lyncplan/certs/openssl_handles.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>

namespace lyncplan::certs {
namespace {

struct Loaded {
  X509Ptr leaf;
  X509StackPtr chain{sk_X509_new_null()};
};

BioPtr memory(std::string_view bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

std::optional<Loaded> load(std::string_view bytes, const std::string& password) {
  Loaded out;
  if (bytes.find("-----BEGIN CERTIFICATE-----") != std::string_view::npos) {
    BioPtr bio = memory(bytes);
    while (X509* x = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
      if (!out.leaf) {
        out.leaf.reset(x);
      } else {
        sk_X509_push(out.chain.get(), x);
      }
    }
    ERR_clear_error(); // the read that ends the loop leaves an error behind
    return out.leaf ? std::optional<Loaded>(std::move(out)) : std::nullopt;
  }
  {
    BioPtr bio = memory(bytes);
    if (X509* x = d2i_X509_bio(bio.get(), nullptr)) {
      out.leaf.reset(x);
      return out;
    }
  }
  BioPtr bio = memory(bytes);
  Pkcs12Ptr p12(d2i_PKCS12_bio(bio.get(), nullptr));
  if (p12) {
    EVP_PKEY* key = nullptr;
    X509* cert = nullptr;
    STACK_OF(X509)* ca = nullptr;
    if (PKCS12_parse(p12.get(), password.c_str(), &key, &cert, &ca) == 1 && cert != nullptr) {
      EVP_PKEY_free(key);
      out.leaf.reset(cert);
      if (ca != nullptr) {
        out.chain.reset(ca);
      }
      return out;
    }
    EVP_PKEY_free(key);
    X509_free(cert);
    sk_X509_pop_free(ca, X509_free);
  }
  ERR_clear_error();
  return std::nullopt;
}

std::string text_of(const ASN1_STRING* s) {
  unsigned char* utf8 = nullptr;
  const int n = ASN1_STRING_to_UTF8(&utf8, s);
  std::string out = n > 0 ? std::string(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(n))
                          : std::string();
  OPENSSL_free(utf8);
  return out;
}

std::time_t to_time(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) {
    return 0;
  }
  return timegm(&tm);
}

std::string verify_chain(X509* leaf, STACK_OF(X509) * chain, const InspectOptions& o) {
  StorePtr store(X509_STORE_new());
  const bool anchors = o.ca_file.empty()
                           ? X509_STORE_set_default_paths(store.get()) == 1
                           : X509_STORE_load_file(store.get(), o.ca_file.c_str()) == 1;
  if (!anchors) {
    return fmt::format("cannot load trust anchors {}: {}", o.ca_file, openssl_error());
  }
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (X509_STORE_CTX_init(ctx.get(), store.get(), leaf, chain) != 1) {
    return "cannot verify: " + openssl_error();
  }
  X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER);
  if (o.now != 0) {
    X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx.get()), o.now);
  }
  if (X509_verify_cert(ctx.get()) == 1) {
    return {};
  }
  return X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
}

} // namespace

Expected<CertInfo, std::string> inspect_certificate(std::string_view bytes, const std::string& file,
                                                    const InspectOptions& options) {
  auto loaded = load(bytes, options.password);
  if (!loaded) {
    return unexpected(fmt::format("{}: not a certificate in PEM, DER or PKCS#12 (or a wrong "
                                  "PKCS#12 password)",
                                  file));
  }
  X509* x = loaded->leaf.get();
  CertInfo info;
  info.file = file;
  X509_NAME* subject = X509_get_subject_name(x);
  const int cn = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (cn >= 0) {
    info.subject = to_lower(text_of(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, cn))));
  }
  GeneralNamesPtr names(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr)));
  if (names) {
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
      const GENERAL_NAME* n = sk_GENERAL_NAME_value(names.get(), i);
      if (n->type == GEN_DNS) {
        info.sans.push_back(to_lower(text_of(n->d.dNSName)));
      }
    }
  }
  const uint32_t eku = X509_get_extended_key_usage(x);
  info.eku_present = eku != UINT32_MAX;
  info.server_auth = (eku & XKU_SSL_SERVER) != 0;
  info.client_auth = (eku & XKU_SSL_CLIENT) != 0;
  if (EVP_PKEY* key = X509_get0_pubkey(x)) {
    const char* type = EVP_PKEY_get0_type_name(key);
    info.key_type = type != nullptr ? type : "unknown";
    info.key_bits = EVP_PKEY_get_bits(key);
    char curve[80] = {0};
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve,
                                       nullptr) == 1) {
      info.key_curve = curve;
    }
  }
  const int signature_nid = X509_get_signature_nid(x);
  info.signature = OBJ_nid2ln(signature_nid) != nullptr ? OBJ_nid2ln(signature_nid) : "unknown";
  info.signature_pss = signature_nid == NID_rsassaPss;
  int digest_nid = NID_undef;
  if (X509_get_signature_info(x, &digest_nid, nullptr, nullptr, nullptr) == 1) {
    info.signature_sha1 = digest_nid == NID_sha1;
  }
  info.not_before = to_time(X509_get0_notBefore(x));
  info.not_after = to_time(X509_get0_notAfter(x));
  char issuer[512];
  X509_NAME_oneline(X509_get_issuer_name(x), issuer, sizeof issuer);
  info.issuer = issuer;
  info.chain_error = verify_chain(x, loaded->chain.get(), options);
  ERR_clear_error();
  return info;
}

} // namespace lyncplan::certs
