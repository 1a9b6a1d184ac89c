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
    lyncplan::plan::Certificate edge;
    edge.id = "edge-external";
    edge.role = "edge";
    edge.subject = "sip.contoso.com";
    edge.sans = {"sip.contoso.com"};
    edge.rule = "cert.edge-external";
    plan.certificates.push_back(edge);
    lyncplan::plan::Certificate web;
    web.id = "front-end-web-external";
    web.role = "front-end";
    web.subject = "pool.contoso.net";
    web.sans = {"pool.contoso.net", "meet.contoso.com"};
    web.wildcard_names = {"meet.contoso.com"};
    web.rule = "cert.front-end-web-external";
    plan.certificates.push_back(web);
    (void)lyncplan::certs::check_certificate(*info, plan, 1700000000);
  }
  return 0;
}
