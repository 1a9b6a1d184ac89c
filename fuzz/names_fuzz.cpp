// Fuzz target: DNS name checks, namespace arithmetic, address parsing and certificate-name
// matching, which every other parser relies on.
#include <lyncplan/discovery/names.hpp>
#include <lyncplan/dns/address.hpp>
#include <lyncplan/dns/name.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = text.find('\n');
  const std::string a = text.substr(0, cut);
  const std::string b = cut == std::string::npos ? std::string() : text.substr(cut + 1);
  if (!lyncplan::dns::host_name_problem(a) && a.size() > 253) {
    std::abort(); // a name the checks accept is never longer than DNS allows
  }
  (void)lyncplan::dns::parse_ip(a);
  (void)lyncplan::dns::relative_name(a, b);
  (void)lyncplan::dns::is_within(a, b);
  lyncplan::discovery::CertView cert{"c", b, {b, "*." + b}, ""};
  (void)lyncplan::discovery::certificate_names(cert, a, true);
  for (auto mode : {lyncplan::discovery::StrictNaming::exact_or_sip,
                    lyncplan::discovery::StrictNaming::same_domain,
                    lyncplan::discovery::StrictNaming::suffix}) {
    (void)lyncplan::discovery::strict_naming_passes(mode, a, b);
  }
  return 0;
}
