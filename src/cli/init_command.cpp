// `lyncplan init [--product P]`: a commented starter topology that plans as it is, for a new user
// to edit instead of a blank page.
#include "commands.hpp"

#include <lyncplan/topology/products.hpp>
#include <lyncplan/util/atomic_file.hpp>

#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

namespace lyncplan::cli {
namespace {

struct InitOptions {
  std::string product = "sfbse";
  std::string out;
  bool force = false;
};

// The starter: one Standard Edition server, one Edge behind a NAT, a reverse proxy, addresses
// from private ranges inside and from 203.0.113.0/24 (documentation addresses) outside.
std::string starter(const topology::ProductFacts& facts) {
  return fmt::format(
      R"(# lyncplan topology: a starter for {display}.
# Replace the names and addresses with yours, then run `lyncplan plan THIS-FILE`. Every key, its
# default and the checks made on it are in docs/topology.md; docs/topology.schema.json lets an
# editor check the file as you type.
lyncplan: 1
product: {product}

# The SIP domains users sign in with; the first is the default one.
sip_domains: [contoso.com]

# How the internal DNS holds the SIP domain: split-brain (an internal copy of the zone),
# pin-point (one zone per name the clients need) or none.
internal_dns: split-brain
{mobility}
# Simple URLs. Option 1: meet.<SIP domain> for each domain, dialin and admin in the first one.
simple_urls: {{option: 1}}

# How each server's certificates are cut, and the subject fields public CAs require.
certificates:
  layout: separate
  subject: {{country: US, organization: Contoso Ltd}}

pools:
  # The pool that homes the users. A Standard Edition server is a pool of one whose FQDN is the
  # server's own.
  - fqdn: se01.contoso.com
    role: standard-edition
    servers:
      - {{fqdn: se01.contoso.com, ip: 10.0.10.11}}
    web:
      external: {{fqdn: webext.contoso.com}}  # the name the reverse proxy publishes

  # The Edge server, behind a NAT: `external` holds its own (private) addresses, `nat` the public
  # addresses they are translated to, which the external DNS publishes.
  - fqdn: edge01.contoso.com
    role: edge
    next_hop: se01.contoso.com
    external:
      access:  {{fqdn: sip.contoso.com}}
      webconf: {{fqdn: webconf.contoso.com}}
      av:      {{fqdn: av.contoso.com}}
    servers:
      - fqdn: edge01.contoso.com
        internal_ip: 10.0.20.11
        external: {{access: 172.16.0.11, webconf: 172.16.0.12, av: 172.16.0.13}}
        nat:      {{access: 203.0.113.11, webconf: 203.0.113.12, av: 203.0.113.13}}

# The reverse proxy's public address: it publishes 443 and 80 to the pool's 4443 and 8080.
reverse_proxy: {{ip: 203.0.113.20}}

# Federation with other organisations found through DNS.
federation: {{open: true}}
)",
      fmt::arg("display", facts.display_name), fmt::arg("product", facts.name),
      fmt::arg("mobility", facts.mobility
                               ? "\n# Mobile clients and Lync 2013 and later find the pool through "
                                 "lyncdiscover.<domain>.\nmobility: true\n"
                               : ""));
}

} // namespace

Runner setup_init(CLI::App& app, Console console) {
  auto o = std::make_shared<InitOptions>();
  auto* sub = app.add_subcommand(
      "init", "write a commented starter topology that plans as it is (to stdout, or -o FILE)");
  std::vector<std::string> names;
  for (const auto& f : topology::products()) {
    names.emplace_back(f.name);
  }
  sub->add_option("--product", o->product, "the product the starter is for")
      ->check(CLI::IsMember(names))
      ->capture_default_str();
  sub->add_option("-o,--out", o->out, "write the topology to this file instead of stdout");
  sub->add_flag("--force", o->force, "replace an existing file");
  return [console, o]() {
    const std::string text = starter(topology::product_facts(*topology::product_named(o->product)));
    if (o->out.empty()) {
      console.out << text;
      return static_cast<int>(kOk);
    }
    auto written = write_file_atomically(
        o->out, text, {0644, o->force ? Overwrite::allowed : Overwrite::refused});
    if (!written) {
      console.err << "lyncplan: " << written.error() << "\n";
      return static_cast<int>(kBadInput);
    }
    console.out << fmt::format("lyncplan init: a {} starter topology in {}; next: lyncplan plan "
                               "{}\n",
                               o->product, o->out, o->out);
    return static_cast<int>(kOk);
  };
}

} // namespace lyncplan::cli
