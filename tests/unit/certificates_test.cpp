// Certificates against Microsoft's certificate summaries and internal-server requirements.
#include "support/topologies.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lyncplan::testing {
namespace {

using V = std::vector<std::string>;

// "Certificate summary - Single consolidated edge with private IP addresses using NAT".
TEST(Certificates, EdgeExternalMatchesTheSummary) {
  const auto p = plan_of(reference_topology());
  const auto& c = cert(p, "edge-external-lsedge.contoso.net");
  EXPECT_EQ(c.subject, "sip.contoso.com");
  EXPECT_EQ(c.sans, (V{"sip.contoso.com", "webcon.contoso.com", "sip.fabrikam.com"}));
  EXPECT_EQ(c.ca, "public");
  EXPECT_FALSE(c.exportable_key);
  EXPECT_TRUE(c.wildcard_names.empty());
  EXPECT_FALSE(c.client_eku);
  EXPECT_EQ(c.usages, (V{"AccessEdgeExternal", "DataEdgeExternal", "AudioVideoAuthentication"}));
}

TEST(Certificates, EdgeInternalHasNoSan) {
  const auto p = plan_of(reference_topology());
  const auto& c = cert(p, "edge-internal-lsedge.contoso.net");
  EXPECT_EQ(c.subject, "lsedge.contoso.net");
  EXPECT_TRUE(c.sans.empty());
}

// XMPP: the bare domains as SANs, and the XMPP proxy served by the same certificate (type
// XMPPServer in Import-CsCertificate's list); AOL: the client EKU.
TEST(Certificates, XmppAddsTheBareDomainsAndAolTheClientEku) {
  const auto p = plan_of(reference_topology() + "federation: {xmpp: true, pic: [aol]}\n");
  const auto& c = cert(p, "edge-external-lsedge.contoso.net");
  EXPECT_EQ(c.sans, (V{"sip.contoso.com", "webcon.contoso.com", "sip.fabrikam.com", "contoso.com",
                       "fabrikam.com"}));
  EXPECT_EQ(c.usages, (V{"AccessEdgeExternal", "DataEdgeExternal", "AudioVideoAuthentication",
                         "XMPPServer"}));
  EXPECT_TRUE(c.client_eku);
}

TEST(Certificates, FrontEndDefaultPerServer) {
  const auto p = plan_of(reference_topology());
  const auto& c = cert(p, "front-end-default-fe02.contoso.net");
  EXPECT_EQ(c.subject, "pool01.contoso.net");
  EXPECT_EQ(c.sans, (V{"pool01.contoso.net", "fe02.contoso.net"}));
  EXPECT_EQ(c.servers, V{"fe02.contoso.net"});
  EXPECT_FALSE(c.exportable_key);
}

TEST(Certificates, FrontEndWebCertificatesCarryTheSimpleUrls) {
  const auto p = plan_of(reference_topology());
  const auto& internal = cert(p, "front-end-web-internal-fe01.contoso.net");
  EXPECT_EQ(
      sorted(internal.sans),
      sorted({"pool01.contoso.net", "webint.contoso.net", "fe01.contoso.net", "meet.contoso.com",
              "meet.fabrikam.com", "dialin.contoso.com", "admin.contoso.com",
              "lyncdiscoverinternal.contoso.com", "lyncdiscoverinternal.fabrikam.com"}));
  const auto& external = cert(p, "front-end-web-external-fe01.contoso.net");
  EXPECT_EQ(
      sorted(external.sans),
      sorted({"pool01.contoso.net", "webext.contoso.com", "meet.contoso.com", "meet.fabrikam.com",
              "dialin.contoso.com", "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"}));
}

// "Certificate summary - Scaled Director pool, hardware load balancer" (one Default certificate
// per Director) with what "Certificate requirements for internal servers" adds: the Director's
// external web services FQDN (the reverse proxy forwards to it) and the admin simple URL.
TEST(Certificates, DirectorMatchesTheSummary) {
  const auto p = plan_of(reference_topology());
  const auto& d = cert(p, "director-default-dir01.contoso.net");
  EXPECT_EQ(d.subject, "dirpool.contoso.net");
  EXPECT_EQ(
      sorted(d.sans),
      sorted({"dirpool.contoso.net", "dir01.contoso.net", "webdirext.contoso.com",
              "dialin.contoso.com", "meet.contoso.com", "meet.fabrikam.com", "admin.contoso.com",
              "lyncdiscoverinternal.contoso.com", "lyncdiscoverinternal.fabrikam.com",
              "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"}));
  EXPECT_EQ(d.usages, (V{"Default", "WebServicesInternal", "WebServicesExternal"}));
  // A wildcard may replace the simple URLs and lyncdiscover, never the pool or server names.
  EXPECT_EQ(
      sorted(d.wildcard_names),
      sorted({"dialin.contoso.com", "meet.contoso.com", "meet.fabrikam.com", "admin.contoso.com",
              "lyncdiscoverinternal.contoso.com", "lyncdiscoverinternal.fabrikam.com",
              "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"}));
  EXPECT_EQ(certificate(p, "director-oauth-dirpool.contoso.net"), nullptr);
}

TEST(Certificates, DirectorSeparateLikeAPool) {
  std::string y = reference_topology();
  y.replace(y.find("    web:\n      external: {fqdn: webdirext"), 0,
            "    certificates: separate\n");
  const auto p = plan_of(y);
  EXPECT_EQ(certificate(p, "director-default-dir01.contoso.net")->sans,
            (V{"dirpool.contoso.net", "dir01.contoso.net"}));
  const auto& internal = cert(p, "director-web-internal-dir01.contoso.net");
  EXPECT_NE(std::find(internal.sans.begin(), internal.sans.end(), "admin.contoso.com"),
            internal.sans.end());
  const auto& external = cert(p, "director-web-external-dir01.contoso.net");
  EXPECT_EQ(external.sans[1], "webdirext.contoso.com");
  EXPECT_EQ(std::find(external.sans.begin(), external.sans.end(), "admin.contoso.com"),
            external.sans.end());
}

// One OAuthTokenIssuer certificate for the deployment ("Assign a server-to-server authentication
// certificate"): the same on every Front End, Standard Edition server and Director.
TEST(Certificates, OneOAuthTokenIssuerForTheDeployment) {
  const auto p = plan_of(reference_topology());
  const auto& oauth = cert(p, "oauth-token-issuer");
  EXPECT_EQ(oauth.subject, "contoso.com");
  EXPECT_TRUE(oauth.sans.empty());
  EXPECT_TRUE(oauth.exportable_key);
  EXPECT_EQ(oauth.min_key_bits, 2048);
  EXPECT_EQ(oauth.usages, V{"OAuthTokenIssuer"});
  EXPECT_EQ(oauth.servers, (V{"fe01.contoso.net", "fe02.contoso.net", "dir01.contoso.net"}));
  const auto count = std::count_if(p.certificates.begin(), p.certificates.end(), [](const auto& c) {
    return std::find(c.usages.begin(), c.usages.end(), "OAuthTokenIssuer") != c.usages.end();
  });
  EXPECT_EQ(count, 1);
}

TEST(Certificates, OAuthForAStandardEditionServerToo) {
  const auto p = plan_of(R"(lyncplan: 1
product: sfb2019
sip_domains: [litware.com]
pools:
  - fqdn: se01.litware.net
    role: standard-edition
    servers: [{fqdn: se01.litware.net, ip: 10.0.0.5}]
)");
  EXPECT_EQ(cert(p, "oauth-token-issuer").servers, V{"se01.litware.net"});
}

TEST(Certificates, NoOAuthCertificateBeforeLync2013) {
  std::string y = reference_topology();
  y.replace(y.find("lync2013"), 8, "lync2010");
  EXPECT_EQ(certificate(plan_of(y), "oauth-token-issuer"), nullptr);
}

TEST(Certificates, CombinedPutsTheThreeOnOneCertificate) {
  const auto p = plan_of(reference_topology() + "certificates: combined\n");
  EXPECT_EQ(certificate(p, "front-end-web-internal-fe01.contoso.net"), nullptr);
  EXPECT_EQ(certificate(p, "front-end-web-external-fe01.contoso.net"), nullptr);
  const auto& c = cert(p, "front-end-default-fe01.contoso.net");
  EXPECT_EQ(c.usages, (V{"Default", "WebServicesInternal", "WebServicesExternal"}));
  EXPECT_EQ(c.rule.str(), "cert.front-end-combined");
  EXPECT_EQ(
      sorted(c.sans),
      sorted({"pool01.contoso.net", "fe01.contoso.net", "webint.contoso.net", "webext.contoso.com",
              "meet.contoso.com", "meet.fabrikam.com", "dialin.contoso.com", "admin.contoso.com",
              "lyncdiscoverinternal.contoso.com", "lyncdiscoverinternal.fabrikam.com",
              "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"}));
  EXPECT_EQ(std::find(c.wildcard_names.begin(), c.wildcard_names.end(), "fe01.contoso.net"),
            c.wildcard_names.end());
}

TEST(Certificates, APoolKeyOverridesTheGlobalLayout) {
  std::string y = reference_topology() + "certificates: {layout: combined}\n";
  y.replace(y.find("    web:\n      internal:"), 0, "    certificates: separate\n");
  const auto p = plan_of(y);
  EXPECT_NE(certificate(p, "front-end-web-internal-fe01.contoso.net"), nullptr);
  EXPECT_EQ(certificate(p, "director-web-internal-dir01.contoso.net"), nullptr);
}

TEST(Certificates, SubjectFieldsGoOnEveryCertificate) {
  const auto p = plan_of(reference_topology() +
                         "certificates:\n  subject: {country: US, state: Washington, locality: "
                         "Redmond, organization: Contoso Ltd, organizational_unit: IT}\n");
  using Fields = std::vector<std::pair<std::string, std::string>>;
  const Fields want{
      {"C", "US"}, {"ST", "Washington"}, {"L", "Redmond"}, {"O", "Contoso Ltd"}, {"OU", "IT"}};
  for (const auto& c : p.certificates) {
    EXPECT_EQ(c.subject_fields, want) << c.id;
  }
}

// "Certificate summary - Reverse proxy".
TEST(Certificates, ReverseProxyMatchesTheSummary) {
  const auto p = plan_of(reference_topology());
  const auto& c = cert(p, "reverse-proxy-131.107.155.40");
  EXPECT_EQ(c.subject, "webext.contoso.com");
  EXPECT_EQ(c.sans, (V{"webext.contoso.com", "webdirext.contoso.com", "dialin.contoso.com",
                       "meet.contoso.com", "meet.fabrikam.com", "officewebapps01.contoso.com",
                       "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"}));
  EXPECT_EQ(c.ca, "public");
  EXPECT_EQ(c.wildcard_names, (V{"dialin.contoso.com", "meet.contoso.com", "meet.fabrikam.com",
                                 "lyncdiscover.contoso.com", "lyncdiscover.fabrikam.com"}));
}

TEST(Certificates, StrictNamingPutsSipNamesOnTheSignInPool) {
  const auto p = plan_of(reference_topology() + "strict_dns_naming: true\n");
  const auto& d = cert(p, "director-default-dir01.contoso.net");
  EXPECT_NE(std::find(d.sans.begin(), d.sans.end(), "sip.fabrikam.com"), d.sans.end());
  const auto& fe = cert(p, "front-end-default-fe01.contoso.net");
  EXPECT_EQ(std::find(fe.sans.begin(), fe.sans.end(), "sip.fabrikam.com"), fe.sans.end());
}

TEST(Certificates, ScaledEdgeSharesOneExportableKey) {
  const auto p = plan_of(R"(lyncplan: 1
product: lync2013
sip_domains: [contoso.com]
pools:
  - fqdn: se.contoso.com
    role: standard-edition
    servers: [{fqdn: se.contoso.com, ip: 10.0.0.5}]
  - fqdn: edge.contoso.net
    role: edge
    load_balancing: dns
    external:
      access: {fqdn: sip.contoso.com}
      webconf: {fqdn: webconf.contoso.com}
      av: {fqdn: av.contoso.com}
    servers:
      - {fqdn: e1.contoso.net, internal_ip: 10.1.0.5, external: {access: 192.0.2.1, webconf: 192.0.2.2, av: 192.0.2.3}}
      - {fqdn: e2.contoso.net, internal_ip: 10.1.0.6, external: {access: 192.0.2.4, webconf: 192.0.2.5, av: 192.0.2.6}}
reverse_proxy: {ip: 192.0.2.9}
)");
  const auto& c = cert(p, "edge-external-edge.contoso.net");
  EXPECT_TRUE(c.exportable_key);
  EXPECT_EQ(c.servers, (V{"e1.contoso.net", "e2.contoso.net"}));
  EXPECT_TRUE(cert(p, "edge-internal-edge.contoso.net").exportable_key);
  const auto& se = cert(p, "standard-edition-default-se.contoso.com");
  EXPECT_EQ(se.sans, V{"se.contoso.com"}) << "on SE the pool FQDN is the server FQDN";
}

TEST(Certificates, OcsPoolCarriesSipNamesForEveryDomain) {
  const auto p = plan_of(R"(lyncplan: 1
product: ocs2007r2
sip_domains: [company.com, company.local]
mobility: false
pools:
  - fqdn: ocspool.company.local
    role: front-end
    load_balancing: hardware
    vip: 10.0.0.100
    servers:
      - {fqdn: ocssrv01.company.local, ip: 10.0.0.11}
)");
  const auto& c = cert(p, "front-end-default-ocssrv01.company.local");
  EXPECT_EQ(c.subject, "ocspool.company.local");
  EXPECT_EQ(c.sans, (V{"ocspool.company.local", "sip.company.com", "sip.company.local",
                       "ocssrv01.company.local"}));
}

TEST(Certificates, HostingAddsNoTenantName) {
  const auto p = plan_of(reference_topology() +
                         "hosting: {provider_domain: contoso.com, tenants: [tailspin.com]}\n");
  for (const auto& c : p.certificates) {
    for (const auto& san : c.sans) {
      EXPECT_EQ(san.find("tailspin"), std::string::npos) << c.id;
    }
  }
}

} // namespace
} // namespace lyncplan::testing
