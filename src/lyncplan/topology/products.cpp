// The product table. Sources: Microsoft's lifecycle pages
// (https://learn.microsoft.com/lifecycle/products/ for each product; Subscription Edition, July
// 2025, follows the Modern Lifecycle Policy and has no end date; Microsoft describes it as 2019
// but for its name, version and licence, and its Learn pages read "APPLIES TO: 2015, 2019,
// Subscription Edition"), the Lync Server 2013 and
// Skype for Business Server 2015/2019 planning documentation on Microsoft Learn, and the rules
// cited in docs/rules.md.
#include <lyncplan/topology/products.hpp>

#include <algorithm>
#include <array>

namespace lyncplan::topology {
namespace {

// The way on from a version older than 2015: Subscription Edition takes only 2015 and 2019 pools
// beside it (at most two versions in a hybrid deployment), so these move first.
constexpr std::string_view kBeforeSfb =
    "move the users to Teams, or side by side to a supported Skype for Business Server "
    "(Subscription "
    "Edition coexists with 2015 and 2019 pools only, so an older deployment moves through one of "
    "those first)";

// clang-format off
// Clients that sign in: Microsoft supports them against the product ("Users cannot use Lync
// Server 2010 clients to sign in to previous server versions":
// https://learn.microsoft.com/en-us/previous-versions/office/skype-server-2010/gg398499(v=ocs.14);
// Lync Phone Edition on Lync Server 2010 and 2013 and Skype for Business Server 2015, not 2019:
// https://learn.microsoft.com/lifecycle/products/microsoft-lync-phone-edition; Skype for Business
// Server 2015 dropped Communicator 2007 R2 and 2019 dropped Lync 2010 and Lync Phone Edition).
// pidgin-sipe is not Microsoft's and is counted everywhere; "mobile" needs the Mobility Service.
// EC keys: Lync Server 2013 supports the ECDH P-256, P-384 and P-521 curves
// (https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/lync-server-2013-certificate-infrastructure-requirements),
// as do 2019 and Subscription Edition; Skype for Business Server 2015 does not support CNG
// certificates, and on Windows an EC key is always a CNG key; for OCS and Lync Server 2010 no
// source says so: their EC keys are warned too.
// In-place upgrades: Skype for Business Server 2015 from Lync Server 2013
// (https://learn.microsoft.com/en-us/skypeforbusiness/deploy/upgrade-to-skype-for-business-server/in-place-upgrade),
// Subscription Edition from 2019; 2019 from 2015 and SE from 2015 are side by side only
// (https://learn.microsoft.com/en-us/skypeforbusiness/migration/migration-to-skype-for-business-server-2019).
// Management Shell (Cs cmdlets): "This cmdlet was introduced in Lync Server 2010"
// (https://learn.microsoft.com/powershell/module/skype/request-cscertificate, new-cssipdomain,
// set-cssimpleurlconfiguration); -AllSipDomain applicable from Lync Server 2013.
constexpr std::array kProducts = {
//  product             name         display name                                      released   support ended  xmpp   mobil. mob.def oauth  shell   all-sip refuses pool-sip discov.1st ec     clients that sign in, way forward
    ProductFacts{Product::ocs2007r2, "ocs2007r2", "Office Communications Server 2007 R2",         "2009-02", "2018-01-09", false, false, false, false, false, false,  true,  true,  false, false, "ocs2007r2 lync2013 sipe", kBeforeSfb, std::nullopt},
    ProductFacts{Product::lync2010,  "lync2010",  "Lync Server 2010",                             "2010-11", "2021-04-13", false, true,  false, false, true,  false,  false, false, false, false, "ocs2007r2 lync2010 lync2013 mobile lpe sipe", kBeforeSfb, std::nullopt},
    ProductFacts{Product::lync2013,  "lync2013",  "Lync Server 2013",                             "2012-10", "2023-04-11", true,  true,  true,  true,  true,  true,   false, false, false, true , "ocs2007r2 lync2010 lync2013 mobile lpe sipe", kBeforeSfb, std::nullopt},
    ProductFacts{Product::sfb2015,   "sfb2015",   "Skype for Business Server 2015",               "2015-05", "2025-10-14", true,  true,  true,  true,  true,  true,   false, false, true, false,  "lync2010 lync2013 mobile lpe sipe", "move side by side to Skype for Business Server Subscription Edition (a new SE pool beside the 2015 pools; 2015 cannot be upgraded in place), or move the users to Teams", Product::lync2013},
    ProductFacts{Product::sfb2019,   "sfb2019",   "Skype for Business Server 2019",               "2018-10", "2025-10-14", false, true,  true,  true,  true,  true,   false, false, true, true ,  "lync2013 mobile sipe", "upgrade in place to Skype for Business Server Subscription Edition (same servers, DNS, certificates and ports), or move the users to Teams", std::nullopt},
    ProductFacts{Product::sfbse,     "sfbse",     "Skype for Business Server Subscription Edition", "2025-07", "",           false, true,  true,  true,  true,  true,   false, false, true, true ,  "lync2013 mobile sipe", "", Product::sfb2019},
};
// clang-format on

constexpr bool rows_in_enum_order() {
  for (std::size_t i = 0; i < kProducts.size(); ++i) {
    if (static_cast<std::size_t>(kProducts[i].product) != i) {
      return false;
    }
  }
  return true;
}
static_assert(rows_in_enum_order(), "one row per Product, in the enum's order");

} // namespace

bool signs_in(const ProductFacts& facts, std::string_view client) {
  std::string_view rest = facts.clients;
  while (!rest.empty()) {
    const auto space = rest.find(' ');
    if (rest.substr(0, space) == client) {
      return true;
    }
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  return false;
}

std::span<const ProductFacts> products() {
  return kProducts;
}

const ProductFacts& product_facts(Product p) {
  return kProducts[static_cast<std::size_t>(p)];
}

std::optional<Product> product_named(std::string_view name) {
  auto it = std::find_if(kProducts.begin(), kProducts.end(),
                         [&](const ProductFacts& f) { return f.name == name; });
  return it == kProducts.end() ? std::nullopt : std::optional<Product>(it->product);
}

std::string product_names(bool (*has)(const ProductFacts&), std::string_view separator) {
  std::string out;
  for (const auto& f : kProducts) {
    if (has == nullptr || has(f)) {
      out += out.empty() ? "" : std::string(separator);
      out += f.name;
    }
  }
  return out;
}

std::string products_with(bool (*has)(const ProductFacts&)) {
  auto first = std::find_if(kProducts.begin(), kProducts.end(), has);
  if (first != kProducts.end() && std::all_of(first, kProducts.end(), has)) {
    return "a product from " + std::string(first->name) + " on";
  }
  return "one of " + product_names(has);
}

const char* to_string(Product p) {
  return product_facts(p).name.data();
}

} // namespace lyncplan::topology
