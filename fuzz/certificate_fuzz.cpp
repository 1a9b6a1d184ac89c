// Fuzz target: certificate name extraction from PEM, DER and PKCS#12, then the plan check.
#include <lyncplan/certs/check.hpp>
#include <lyncplan/certs/inspect.hpp>

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // A trust store that loads nothing keeps each run fast and independent of the machine.
  auto info = lyncplan::certs::inspect_certificate(bytes, "fuzz.pem", {"/dev/null", "", 1});
  if (info) {
    lyncplan::plan::Plan plan;
    plan.certificates.push_back({"edge-external",
                                 "edge",
                                 "p",
                                 "external",
                                 "sip.contoso.com",
                                 {"sip.contoso.com"},
                                 "public",
                                 false,
                                 false,
                                 false,
                                 2048,
                                 {},
                                 "cert.edge-external",
                                 "w"});
    (void)lyncplan::certs::check_certificate(*info, plan, 1700000000);
  }
  return 0;
}
