// The rule catalog: every rule id a plan item may carry, what it says and where it comes from.
#include <lyncplan/rules/catalog.hpp>

#include <algorithm>
#include <array>

namespace lyncplan::rules {
namespace {

// Sources are abbreviated: L13 = https://learn.microsoft.com/en-us/previous-versions/office/
// lync-server-2013/, SFB = https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/
// (docs/rules.md says so to the reader).
constexpr std::string_view kEdgeDns =
    "L13 lync-server-2013-dns-summary-single-consolidated-edge-with-private-ip-addresses-using-nat";
constexpr std::string_view kEdgeScaled =
    "L13 lync-server-2013-dns-summary-scaled-consolidated-edge-dns-load-balancing-with-private-ip-"
    "addresses-using-nat; SFB edge-server-deployments/edge-environmental-requirements";
constexpr std::string_view kPoolDns = "L13 lync-server-2013-dns-requirements-for-front-end-pools";
constexpr std::string_view kAutoSignIn =
    "L13 lync-server-2013-dns-requirements-for-automatic-client-sign-in";
constexpr std::string_view kSimpleUrls = "L13 lync-server-2013-dns-requirements-for-simple-urls";
constexpr std::string_view kRpDns = "L13 lync-server-2013-dns-summary-reverse-proxy";
constexpr std::string_view kInternalCerts =
    "L13 lync-server-2013-certificate-requirements-for-internal-servers";
constexpr std::string_view kEdgeCerts =
    "L13 lync-server-2013-certificate-summary-single-consolidated-edge-with-private-ip-addresses-"
    "using-nat";
constexpr std::string_view kRpPorts = "L13 lync-server-2013-port-summary-reverse-proxy";
constexpr std::string_view kEdgePorts =
    "SFB edge-server-deployments/edge-environmental-requirements";

constexpr std::array kRules = {
    RuleInfo{"cert.director-default", "26, 27",
             "Director certificate: pool, server, simple URLs, lyncdiscover(internal)",
             "L13 lync-server-2013-certificate-summary-single-director"},
    RuleInfo{
        "cert.director-oauth", "26", "Director OAuthTokenIssuer certificate, no SAN, exportable",
        "L13 lync-server-2013-certificate-summary-scaled-director-pool-hardware-load-balancer"},
    RuleInfo{"cert.edge-external", "18, 19, 21-23, 35",
             "Edge external certificate: Access Edge subject, webconf and sip.<domain> SANs",
             kEdgeCerts},
    RuleInfo{"cert.edge-internal", "20, 21", "Edge internal certificate: subject only, no SAN",
             kEdgeCerts},
    RuleInfo{"cert.front-end-default", "24", "Front End / Standard Edition Default certificate",
             kInternalCerts},
    RuleInfo{"cert.front-end-web-external", "25, 27", "Front End external web services certificate",
             kInternalCerts},
    RuleInfo{"cert.front-end-web-internal", "25, 27", "Front End internal web services certificate",
             kInternalCerts},
    RuleInfo{"cert.mediation-default", "23", "stand-alone Mediation Server certificate",
             kInternalCerts},
    RuleInfo{"cert.ocs-pool", "34", "OCS 2007 R2 pool certificate with sip.<domain> SANs",
             "seed 001; MS-OCS-EDGEDNS"},
    RuleInfo{"cert.office-web-apps", "28", "Office Web Apps Server certificate", kRpDns},
    RuleInfo{"cert.reverse-proxy", "28", "reverse-proxy listener certificate",
             "L13 lync-server-2013-certificate-summary-reverse-proxy"},
    RuleInfo{"director.web-external-internal-a", "15",
             "Director external web FQDN inside, to the Director",
             "L13 lync-server-2013-dns-summary-single-director"},
    RuleInfo{"discovery.autodiscover", "14", "Autodiscover gave no usable answer",
             "DISCOVERY.md 1.4, 2"},
    RuleInfo{"discovery.autodiscover-certificate", "27",
             "the Autodiscover certificate does not name lyncdiscover",
             "KB2833618; DISCOVERY.md 1.8"},
    RuleInfo{"discovery.autodiscover-only", "14", "mobile and Store clients have no SRV fallback",
             "DISCOVERY.md 1.5, 1.6"},
    RuleInfo{"discovery.autodiscover-redirect", "30, 36",
             "the Director's redirect to the home pool cannot be followed",
             "MS-OCDISCWS 3.1.5.3; seed 004"},
    RuleInfo{"discovery.certificate-name", "18, 24",
             "the server certificate does not name the dialled FQDN", "DISCOVERY.md 3.3"},
    RuleInfo{"discovery.closed", "", "the server closed the connection during the TLS handshake",
             "SIPE.md (reference sinks)"},
    RuleInfo{"discovery.dropped", "",
             "a plain TCP connection was dropped after REGISTER: the client stops", "SIPE.md"},
    RuleInfo{"discovery.no-address", "1, 11", "a discovered name has no address", "DISCOVERY.md 1"},
    RuleInfo{"discovery.no-record", "1, 13, 14", "no discovery record leads to a server",
             "DISCOVERY.md 1"},
    RuleInfo{"discovery.no-service", "31", "nothing answers at the address and port",
             "DISCOVERY.md 1.8"},
    RuleInfo{"discovery.strict-naming", "13", "strict DNS naming refuses the server",
             "DISCOVERY.md 3.1"},
    RuleInfo{"discovery.trust-prompt", "13, 33", "the Lync 2010+ trust model prompts",
             "DISCOVERY.md 3.2; KB2531068"},
    RuleInfo{"discovery.ucwa", "14, 30",
             "UCWA on the home pool's external web FQDN cannot be reached", "DISCOVERY.md 1.6"},
    RuleInfo{"discovery.wrong-service", "1", "the address answers, but not with SIP", "seed 002"},
    RuleInfo{"dns.internal-none", "5",
             "without internal DNS, internal names in SIP domains cannot exist",
             "L13 lync-server-2013-determine-dns-requirements"},
    RuleInfo{"dns.owner-names", "1, 13", "Lync owner names must be spelt exactly", "seed 002"},
    RuleInfo{"dns.split-brain-copy", "5", "a split-brain internal zone repeats the external names",
             "L13 lync-server-2013-determine-dns-requirements"},
    RuleInfo{"edge.access-a", "1, 6, 7", "Access Edge external A records", kEdgeDns},
    RuleInfo{"edge.addresses", "10", "Edge external addresses and ports", kEdgeDns},
    RuleInfo{"edge.av-a", "1, 6, 7", "A/V Edge external A records", kEdgeDns},
    RuleInfo{"edge.federation-srv", "1, 2", "_sipfederationtls._tcp SRV per SIP domain, port 5061",
             kEdgeDns},
    RuleInfo{"edge.internal-a", "7", "Edge internal FQDN A records", kEdgeScaled},
    RuleInfo{"edge.missing", "1", "no Edge pool: no external access or federation", kEdgeDns},
    RuleInfo{"edge.nat", "6, 8", "NAT only for single or DNS-load-balanced Edge", kEdgeScaled},
    RuleInfo{"edge.pool-size", "9", "at most 12 Edge servers per pool", kEdgeScaled},
    RuleInfo{"edge.server-a", "7", "Skype for Business: an A record per Edge server", kEdgeScaled},
    RuleInfo{"edge.sip-a", "1", "sip.<domain> A record to the Access Edge", kEdgeDns},
    RuleInfo{"edge.sip-tls-srv", "1", "_sip._tls SRV per SIP domain, port 443", kEdgeDns},
    RuleInfo{"edge.webconf-a", "1, 6, 7", "Web Conferencing Edge external A records", kEdgeDns},
    RuleInfo{"edge.xmpp-a", "3", "xmpp.<domain> A record to the Access Edge", kEdgeDns},
    RuleInfo{"edge.xmpp-srv", "3", "_xmpp-server._tcp SRV, port 5269", kEdgeDns},
    RuleInfo{"firewall.edge-external", "31", "Edge external firewall ports", kEdgePorts},
    RuleInfo{"firewall.edge-internal", "31", "Edge internal firewall ports", kEdgePorts},
    RuleInfo{"firewall.reverse-proxy", "29", "reverse-proxy firewall ports", kRpPorts},
    RuleInfo{"hosting.federation-namespace", "33", "tenant federation SRVs leave their namespace",
             "seed 000; DISCOVERY.md 4"},
    RuleInfo{"hosting.federation-srv", "33", "tenant _sipfederationtls._tcp SRV to the provider",
             "seed 000"},
    RuleInfo{"hosting.lyncdiscover", "33", "tenant lyncdiscover to the provider's reverse proxy",
             "seed 000"},
    RuleInfo{"hosting.lyncdiscover-http", "33",
             "tenant lyncdiscover needs HTTP for the first request",
             "L13 lync-server-2013-certificate-summary-autodiscover"},
    RuleInfo{"hosting.simple-urls", "33", "hosting uses simple URL option 3",
             "seed 000; L13 dns-requirements-for-simple-urls"},
    RuleInfo{"hosting.sip-tls-srv", "33", "tenant _sip._tls SRV to the provider", "seed 000"},
    RuleInfo{"hosting.strict-naming", "33", "Communicator 2007 R2 and LPE CU7+ refuse tenant SRVs",
             "seed 000; DISCOVERY.md 3.1"},
    RuleInfo{"hosting.trust-prompt", "33", "Lync 2010+ trust prompt for tenant SRVs",
             "seed 000; KB2531068; DISCOVERY.md 3.2"},
    RuleInfo{"internal.sip-a", "13, 15", "internal sip.<domain> to the sign-in pool", kAutoSignIn},
    RuleInfo{"internal.sipinternaltls-srv", "13, 34",
             "_sipinternaltls._tcp SRV per SIP domain, port 5061", kAutoSignIn},
    RuleInfo{"internal.strict-naming", "13, 34",
             "SRV target outside the SIP domain breaks strict DNS naming",
             "DISCOVERY.md 3.1; seed 001"},
    RuleInfo{"internal.ucupdates-a", "13", "ucupdates-r2.<domain> for UC devices", "MS-SE-DNS2010"},
    RuleInfo{"mobility.lyncdiscover", "14", "external lyncdiscover to the reverse proxy",
             "L13 lync-server-2013-dns-summary-autodiscover"},
    RuleInfo{"mobility.lyncdiscoverinternal", "14",
             "internal lyncdiscoverinternal to the Director or pool",
             "L13 lync-server-2013-dns-summary-autodiscover"},
    RuleInfo{"owa.external-a", "28", "Office Web Apps published name", kRpDns},
    RuleInfo{"owa.internal-a", "28", "Office Web Apps internal name", kRpDns},
    RuleInfo{
        "pic.aol-client-eku", "18, 35", "AOL needs the client EKU",
        "L13 "
        "lync-server-2013-certificate-summary-sip-xmpp-federation-and-public-instant-messaging"},
    RuleInfo{"pic.subject-only", "35", "PIC providers match the certificate subject only",
             "seed 003"},
    RuleInfo{"pool.a", "11, 12, 34", "pool FQDN A records (VIP or one per server)", kPoolDns},
    RuleInfo{"pool.server-a", "11", "server A records", kPoolDns},
    RuleInfo{"pool.web-internal-a", "12, 34", "internal web FQDN on the web VIP", kPoolDns},
    RuleInfo{"pool.web-load-balancing", "12", "HTTP needs a hardware load balancer", kPoolDns},
    RuleInfo{"publish.director", "30, 36", "the Director's external web services are published",
             kRpDns},
    RuleInfo{"publish.front-end", "29, 30, 36", "every pool's external web services are published",
             kRpDns},
    RuleInfo{"publish.hosting-lyncdiscover", "33", "tenant lyncdiscover names over HTTP",
             "seed 000"},
    RuleInfo{"publish.listener", "36", "every published name on a listener", "seed 004"},
    RuleInfo{"publish.lyncdiscover", "14, 36", "lyncdiscover to the Director or pool", kRpDns},
    RuleInfo{"publish.office-web-apps", "29", "Office Web Apps on 443", kRpPorts},
    RuleInfo{"publish.reverse-proxy", "28-30", "external web names need a reverse proxy", kRpDns},
    RuleInfo{"publish.simple-url", "16, 36", "meet and dialin to the Director or pool", kRpDns},
    RuleInfo{"publish.web-external", "29, 30, 36",
             "external web services, 443 to 4443 and 80 to 8080", kRpPorts},
    RuleInfo{"rp.web-external-a", "30", "external web FQDN to the reverse proxy", kRpDns},
    RuleInfo{"simple-url.external-a", "16", "meet and dialin to the reverse proxy", kSimpleUrls},
    RuleInfo{"simple-url.internal-a", "16", "simple URLs inside to the Director or pool",
             kSimpleUrls},
};

} // namespace

std::span<const RuleInfo> catalog() {
  return kRules;
}

const RuleInfo* find_rule(std::string_view id) {
  auto it =
      std::find_if(kRules.begin(), kRules.end(), [&](const RuleInfo& r) { return r.id == id; });
  return it == kRules.end() ? nullptr : &*it;
}

} // namespace lyncplan::rules
