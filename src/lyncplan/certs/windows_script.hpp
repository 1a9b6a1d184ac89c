// The Windows side of `certs request`: the Management Shell script that requests, imports and
// assigns every planned certificate on its own server, and index.txt, which tells the two paths
// (Request-CsCertificate or OpenSSL) apart.
#pragma once

#include <lyncplan/certs/request.hpp>
#include <lyncplan/plan/plan.hpp>
#include <lyncplan/topology/model.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace lyncplan::certs {

constexpr std::string_view kWindowsScriptName = "request-cscertificate.ps1";

// What Request-CsCertificate is given for a key of `rsa_bits`: its documented -KeySize values are
// 1024, 2048 and 4096, so 3072 becomes 4096 (never less than asked).
int cmdlet_key_size(int rsa_bits);

// The script, or nullopt for a product without the certificate cmdlets (OCS 2007 R2): there the
// index tells the Certificate Wizard and OpenSSL path instead. `version` is named in its header.
std::optional<std::string> windows_script(const plan::Plan& plan,
                                          const topology::Topology& topology, const KeySpec& key,
                                          std::string_view version);

// index.txt: the two paths, in which order to run what and where, then every certificate.
std::string request_index(const plan::Plan& plan, const topology::Topology& topology,
                          const KeySpec& key);

} // namespace lyncplan::certs
