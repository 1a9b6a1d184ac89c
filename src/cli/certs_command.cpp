// `lyncplan certs request|verify`: keys and requests for every planned certificate, and a check
// of what the CA issued.
#include "commands.hpp"
#include "input.hpp"

#include <lyncplan/certs/check.hpp>
#include <lyncplan/certs/inspect.hpp>
#include <lyncplan/certs/request.hpp>
#include <lyncplan/certs/windows_script.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/topology/products.hpp>
#include <lyncplan/util/atomic_file.hpp>
#include <lyncplan/util/clock.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>

namespace lyncplan::cli {
namespace {

namespace fs = std::filesystem;

struct RequestOptions {
  std::string file;
  std::string out;
  std::string key = "rsa2048";
  bool force = false;
};

struct VerifyOptions {
  std::string file;
  std::vector<std::string> certificates;
  std::string ca_file;
  std::string password;
  std::string format = "table";
  std::string fail_on = "error";
};

int run_request(const RequestOptions& o, Console console) {
  auto topology = load_topology_file(o.file, console);
  if (!topology) {
    return kBadInput;
  }
  const plan::Plan plan = rules::make_plan(*topology);
  certs::KeySpec key;
  if (o.key.starts_with("ec:")) {
    key.ec_curve = o.key.substr(3);
    // Every version the topology runs takes the keys (side by side, the older pools too).
    for (const topology::Product product : topology::products_in_use(*topology)) {
      const auto& facts = topology::product_facts(product);
      if (!facts.ec_keys) {
        console.err << fmt::format("lyncplan: --key {}: {} does not take EC certificates (on "
                                   "Windows an EC key is a CNG key); expected rsa2048, rsa3072 "
                                   "or rsa4096\n",
                                   o.key, facts.display_name);
        return kBadInput;
      }
    }
  } else {
    key.rsa_bits = std::stoi(o.key.substr(3));
  }
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec) {
    console.err << fmt::format("lyncplan: {}: cannot create the output folder: {}\n", o.out,
                               ec.message());
    return kSystem;
  }
  if (!o.force) {
    std::vector<std::string> existing;
    for (const auto& c : plan.certificates) {
      if (fs::exists(fs::path(o.out) / (c.id + ".key"))) {
        existing.push_back((fs::path(o.out) / (c.id + ".key")).string());
      }
    }
    if (!existing.empty()) {
      console.err << fmt::format("lyncplan: refusing to replace {} existing private key(s), "
                                 "first {}; nothing was written (use --force to replace them)\n",
                                 existing.size(), existing.front());
      return kBadInput;
    }
  }
  for (const auto& c : plan.certificates) {
    auto request = certs::make_request(c, key);
    if (!request) {
      console.err << "lyncplan: " << request.error() << "\n";
      return kSystem;
    }
    const fs::path base = fs::path(o.out) / c.id;
    const auto key_written =
        write_file_atomically(base.string() + ".key", request->key_pem,
                              {0600, o.force ? Overwrite::allowed : Overwrite::refused});
    if (!key_written) {
      console.err << "lyncplan: " << key_written.error() << "\n";
      return kBadInput;
    }
    for (const auto& [suffix, text] :
         {std::pair{".csr", &request->csr_pem}, std::pair{".cnf", &request->openssl_config}}) {
      if (auto w = write_file_atomically(base.string() + suffix, *text); !w) {
        console.err << "lyncplan: " << w.error() << "\n";
        return kSystem;
      }
    }
  }
  std::vector<std::pair<std::string, std::string>> texts = {
      {"index.txt", certs::request_index(plan, *topology, key)}};
  const auto script = certs::windows_script(plan, *topology, key, version_text());
  if (script) {
    texts.emplace_back(certs::kWindowsScriptName, *script);
  } else {
    // A script of an earlier run for another product would be taken for this one's.
    fs::remove(fs::path(o.out) / certs::kWindowsScriptName, ec);
  }
  for (const auto& [name, text] : texts) {
    if (auto w = write_file_atomically(fs::path(o.out) / name, text); !w) {
      console.err << "lyncplan: " << w.error() << "\n";
      return kSystem;
    }
  }
  console.out << fmt::format("lyncplan certs: {} keys, requests and configs in {}; index.txt "
                             "tells the OpenSSL way from {}\n",
                             plan.certificates.size(), o.out,
                             script ? "the Windows one (" + std::string(certs::kWindowsScriptName) +
                                          ")"
                                    : "the Certificate Wizard");
  if (script && !key.ec() && certs::cmdlet_key_size(key.rsa_bits) != key.rsa_bits) {
    console.out << fmt::format("lyncplan certs: Request-CsCertificate documents -KeySize 1024, "
                               "2048 and 4096 only: its requests ask for {} bits\n",
                               certs::cmdlet_key_size(key.rsa_bits));
  }
  return kOk;
}

std::string planned_ids(const plan::Plan& plan) {
  std::vector<std::string> ids;
  for (const auto& c : plan.certificates) {
    ids.push_back(c.id);
  }
  return join(ids, ", ");
}

int run_verify(const VerifyOptions& o, Console console) {
  auto topology = load_topology_file(o.file, console);
  if (!topology) {
    return kBadInput;
  }
  const plan::Plan plan = rules::make_plan(*topology);
  const std::time_t now = util::system_clock().now();
  // FILE or FILE=ID: an argument that names an existing file is a file, whatever it contains.
  std::vector<std::pair<std::string, std::string>> inputs;
  std::vector<std::string> unknown_ids;
  for (const auto& argument : o.certificates) {
    const auto equals = argument.rfind('=');
    if (fs::exists(argument) || equals == std::string::npos || equals + 1 == argument.size()) {
      inputs.emplace_back(argument, "");
      continue;
    }
    std::string id = argument.substr(equals + 1);
    const bool planned = std::any_of(plan.certificates.begin(), plan.certificates.end(),
                                     [&](const auto& c) { return c.id == id; });
    if (!planned) {
      unknown_ids.push_back(fmt::format("lyncplan: {}: '{}' is not a planned certificate id; "
                                        "expected one of: {}\n",
                                        argument, id, planned_ids(plan)));
    }
    inputs.emplace_back(argument.substr(0, equals), std::move(id));
  }
  if (!unknown_ids.empty()) {
    for (const auto& message : unknown_ids) {
      console.err << message;
    }
    return kBadInput;
  }
  std::vector<certs::CertVerdict> verdicts;
  for (const auto& [file, id] : inputs) {
    errno = 0;
    auto bytes = read_text_file(file);
    if (!bytes) {
      console.err << fmt::format("lyncplan: {}: cannot read: {}\n", file,
                                 std::strerror(errno != 0 ? errno : EIO));
      return kBadInput;
    }
    auto info = certs::inspect_certificate(*bytes, file, {o.ca_file, o.password, now});
    if (!info) {
      console.err << "lyncplan: " << info.error() << "\n";
      return kBadInput;
    }
    verdicts.push_back(certs::check_certificate(*info, plan, now, id));
  }
  console.out << (o.format == "json" ? certs::verdicts_json(verdicts)
                                     : certs::verdicts_table(verdicts));
  const auto threshold = findings::fail_threshold(o.fail_on);
  for (const auto& v : verdicts) {
    if (findings::fails(v.problems, threshold)) {
      return kFindings;
    }
  }
  return kOk;
}

} // namespace

Runner setup_certs(CLI::App& app, Console console) {
  CLI::App* certs = app.add_subcommand("certs", "keys and requests for every planned certificate, "
                                                "and a check of what the CA issued");
  certs->require_subcommand(1);
  auto r = std::make_shared<RequestOptions>();
  CLI::App* request = certs->add_subcommand(
      "request", "write a key (0600), a CSR, an OpenSSL config and a Request-CsCertificate line "
                 "for every planned certificate");
  request->add_option("topology", r->file, "the topology YAML file")->required();
  request->add_option("-o,--out", r->out, "output folder")->required();
  request
      ->add_option("--key", r->key,
                   "key type: RSA, or EC where the product takes it (Lync Server 2013, "
                   "2019, Subscription Edition; no Windows script then)")
      ->check(CLI::IsMember({"rsa2048", "rsa3072", "rsa4096", "ec:P-256", "ec:P-384", "ec:P-521"}))
      ->capture_default_str();
  request->add_flag("--force", r->force, "replace existing private keys");
  auto v = std::make_shared<VerifyOptions>();
  CLI::App* verify = certs->add_subcommand(
      "verify", "match issued certificates (PEM, DER, PKCS#12) to the plan and report what is "
                "wrong");
  verify->add_option("topology", v->file, "the topology YAML file")->required();
  verify
      ->add_option("certificates", v->certificates,
                   "certificate files; FILE=ID names the planned certificate a file is for")
      ->required();
  verify->add_option("--ca-file", v->ca_file, "trust anchors (PEM); default: the system store");
  verify->add_option("--password", v->password, "PKCS#12 password");
  verify->add_option("-f,--format", v->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  verify->add_option("--fail-on", v->fail_on, "error, warning or never")
      ->check(CLI::IsMember({"error", "warning", "never"}))
      ->capture_default_str();
  return [request, verify, r, v, console]() {
    if (request->parsed()) {
      return run_request(*r, console);
    }
    if (verify->parsed()) {
      return run_verify(*v, console);
    }
    return static_cast<int>(kBadInput);
  };
}

} // namespace lyncplan::cli
