// Which Lync web service a request is for, by its path (seed 004; MS-OCDISCWS; UCWA docs).
#pragma once

#include <string_view>

namespace lyncplan::logs {

enum class WebService {
  certprov,
  webticket,
  rgsclients,
  groupexpansion,
  abs,
  autodiscover,
  mcx,
  ucwa,
  reach,
  meet,
  dialin,
  unknown
};

struct Classified {
  WebService service = WebService::unknown;
  std::string_view variant; // WebTicket/CertProv: mex, cert, proof, bearer, or "" (the service)
};

Classified classify(std::string_view stem);
const char* to_string(WebService s);
// The requests of an authenticated client's sign-in through the Director (seed 004).
bool is_director_sign_in(WebService s);

} // namespace lyncplan::logs
