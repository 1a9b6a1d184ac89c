// What a probed endpoint is to the discovery engine: TLS results and Autodiscover walks turned
// into the Listener values of an observed World. Pure.
#pragma once

#include <lyncplan/certs/check.hpp>
#include <lyncplan/discovery/world.hpp>
#include <lyncplan/probe/autodiscover.hpp>
#include <lyncplan/probe/tls_probe.hpp>

#include <string>
#include <vector>

namespace lyncplan::check {

// Why a client refuses the certificate whatever name it dials (the errors other than the name
// checks, which discovery applies itself), or "".
std::string refusal_of(const std::vector<certs::CertProblem>& problems);

// A TLS endpoint as a service of kind `service`; `down` when the handshake did not complete.
discovery::Listener tls_listener(const probe::TlsResult& tls,
                                 const std::vector<certs::CertProblem>& problems,
                                 discovery::Service service, const std::string& web_fqdn);

// An Autodiscover entry point (lyncdiscover[internal].<domain>) reached over HTTPS (`https`) or
// HTTP, after its walk: a web service whose side and next host come from the walk, or `down`
// with the walk's reason.
discovery::Listener autodiscover_listener(discovery::Listener base,
                                          const probe::AutodiscoverWalk& walk,
                                          const std::string& entry_host, bool https);

// Which side an Autodiscover answer is for: its AccessLocation, else the entry name's.
discovery::Side answer_side(const probe::RootLinks& links, const std::string& entry_host);

// A Microsoft 365 service the check does not probe: assumed to answer as Microsoft runs it.
discovery::Listener microsoft_listener(const std::string& name, discovery::Service service);

} // namespace lyncplan::check
