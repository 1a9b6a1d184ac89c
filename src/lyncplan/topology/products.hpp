// The products lyncplan plans for, as one table: names, dates and every behaviour that differs
// between them. Code asks the table (product_facts(p).xmpp), never compares Product values.
#pragma once

#include <lyncplan/topology/model.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace lyncplan::topology {

struct ProductFacts {
  Product product;
  std::string_view name;          // as the topology file writes it
  std::string_view display_name;  // as Microsoft names it
  std::string_view released;      // general availability, year-month
  std::string_view support_ended; // end of extended support (ISO date); empty while supported
  bool xmpp;                      // the XMPP gateway exists (RULES 3)
  bool mobility;                  // the Mobility Service and lyncdiscover exist
  bool mobility_by_default;       // mobility is planned unless the topology says otherwise
  bool oauth;                     // server-to-server authentication (an OAuth certificate)
  // The Lync Server Management Shell's Cs cmdlets exist (Lync Server 2010 on): certificates
  // (Request-, Import-, Set-CsCertificate), SIP domains (New-CsSipDomain), simple URLs
  // (Set-CsSimpleUrlConfiguration). Without them (OCS) certificates come from the Certificate
  // Wizard or OpenSSL and SIP domains from the OCS snap-in.
  bool management_shell;
  bool all_sip_domain; // Request-CsCertificate -AllSipDomain (Lync Server 2013 on)
  // Its own desktop client (Communicator 2007 R2) refuses an SRV target outside the SIP domain
  // outright, where later clients prompt: a mismatch is an error, not a warning.
  bool client_refuses_foreign_srv_target;
  bool pool_certificate_names_sip_domains; // sip.<domain> on the pool certificate (OCS)
  bool lyncdiscover_first; // its clients try lyncdiscoverinternal first; the SRV serves the rest
  // EC keys (CNG keys on Windows) are supported on its certificates.
  bool ec_keys;
  // The clients Microsoft supports signing in to it, by the simulator's client names.
  std::string_view clients;
  // The supported way on once support has ended ("" while supported).
  std::string_view way_forward;
  // The version a pool may be upgraded from in place (Microsoft's supported upgrade paths);
  // nullopt: side by side only.
  std::optional<Product> in_place_from;
};

// Whether `client` (a simulator client name: lync2013, lpe, ...) signs in to the product.
bool signs_in(const ProductFacts& facts, std::string_view client);

std::span<const ProductFacts> products();
const ProductFacts& product_facts(Product p);
std::optional<Product> product_named(std::string_view name);

// "ocs2007r2, lync2010, ..." of every product, or of those with a fact, joined by `separator`.
std::string product_names(bool (*has)(const ProductFacts&) = nullptr,
                          std::string_view separator = ", ");

// The products with a fact, for a message: "a product from lync2010 on" when they are the last
// ones of the table, else "one of lync2013, sfb2015".
std::string products_with(bool (*has)(const ProductFacts&));

} // namespace lyncplan::topology
