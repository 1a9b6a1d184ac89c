// The Management Shell script and index.txt of `certs request`, read line by line: each server
// does its own part, the steps after the request are there, and the two ways are told apart.
#include <lyncplan/certs/windows_script.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/topology/loader.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace lyncplan {
namespace {

struct Generated {
  plan::Plan plan;
  std::string script;
  std::string index;
};

Generated generate(const std::string& example, int bits = 2048) {
  const std::string path = std::string(LYNCPLAN_SOURCE_DIR) + "/examples/" + example + ".yaml";
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  auto topology = topology::load_topology(text.str(), path, nullptr);
  EXPECT_TRUE(topology);
  Generated g{rules::make_plan(*topology), {}, {}};
  const certs::KeySpec key{bits, ""};
  g.script = certs::windows_script(g.plan, *topology, key, "").value_or("");
  g.index = certs::request_index(g.plan, *topology, key);
  return g;
}

bool has(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

// The text of one server's block.
std::string block(const std::string& script, const std::string& server) {
  const std::size_t start = script.find("if (Test-ThisServer '" + server + "') {");
  if (start == std::string::npos) {
    return {};
  }
  return script.substr(start, script.find("\n}\n", start) - start);
}

TEST(CertsWindows, KeySizesAreTheCmdletsDocumentedOnes) {
  EXPECT_EQ(certs::cmdlet_key_size(2048), 2048);
  EXPECT_EQ(certs::cmdlet_key_size(3072), 4096);
  EXPECT_EQ(certs::cmdlet_key_size(4096), 4096);
  EXPECT_EQ(certs::cmdlet_key_size(8192), 4096);
}

TEST(CertsWindows, EachServerRequestsItsOwnKeyOnItself) {
  const auto g = generate("reference-lync2013");
  const std::string fe01 = block(g.script, "fe01.contoso.net");
  const std::string fe02 = block(g.script, "fe02.contoso.net");
  ASSERT_FALSE(fe01.empty());
  ASSERT_FALSE(fe02.empty());
  EXPECT_TRUE(has(fe02, "Request-CsCertificate -New -Type 'Default' -FriendlyName 'lyncplan "
                        "front-end-default-fe02.contoso.net' -KeySize 2048 -ComputerFqdn "
                        "'fe02.contoso.net' "));
  EXPECT_FALSE(has(fe02, "fe01.contoso.net"));
  EXPECT_FALSE(has(fe01, "front-end-default-fe02"));
  // Found by its FQDN; a computer that is none of them is told so, not silently skipped.
  EXPECT_TRUE(has(g.script, "[string]$Server = ([System.Net.Dns]::GetHostEntry("
                            "$env:COMPUTERNAME).HostName),"));
  EXPECT_TRUE(has(g.script, "if (-not $script:Matched) {\n  throw ('{0} is none of the servers"));
}

TEST(CertsWindows, TheStepsAfterTheRequestImportAndAssign) {
  const auto g = generate("reference-lync2013");
  const std::string fe01 = block(g.script, "fe01.contoso.net");
  EXPECT_TRUE(has(fe01, "  if ($Step -eq 'Assign') {\n    Complete-LyncCertificate "
                        "'front-end-default-fe01.contoso.net' @('Default')\n"));
  EXPECT_TRUE(has(g.script, "  Import-CsCertificate -Path $file\n"));
  EXPECT_TRUE(has(g.script, "    Set-CsCertificate -Type $Types -Thumbprint $thumbprint\n"));
  // The OAuth certificate: once for the deployment, on the first server only.
  EXPECT_TRUE(has(fe01, "Complete-LyncCertificate 'oauth-token-issuer' @('OAuthTokenIssuer') "
                        "-Global"));
  EXPECT_FALSE(has(block(g.script, "fe02.contoso.net"), "oauth-token-issuer"));
  EXPECT_FALSE(has(block(g.script, "dir01.contoso.net"), "oauth-token-issuer"));
  EXPECT_TRUE(has(g.script, "Set-CsCertificate -Identity Global -Type $Types -Thumbprint "
                            "$thumbprint"));
}

TEST(CertsWindows, AnEdgePoolSharesOneKeyByExport) {
  const auto g = generate("edge-dns-lb-nat");
  const std::string first = block(g.script, "edge01.contoso.net");
  const std::string second = block(g.script, "edge02.contoso.net");
  EXPECT_TRUE(has(first, "-PrivateKeyExportable $true"));
  EXPECT_TRUE(has(first, "  if ($Step -eq 'Export') {\n    Export-LyncPfx "
                         "'edge-external-lsedge.contoso.net'\n"));
  EXPECT_FALSE(has(second, "Request-CsCertificate"));
  EXPECT_TRUE(has(second, "Import-LyncPfx 'edge-external-lsedge.contoso.net' "
                          "@('AccessEdgeExternal','DataEdgeExternal','AudioVideoAuthentication',"
                          "'XMPPServer')"));
  EXPECT_TRUE(has(g.script, "Export-PfxCertificate -Cert ('Cert:\\LocalMachine\\My\\{0}' -f "
                            "$thumbprint) -FilePath $pfx -Password $PfxPassword"));
  EXPECT_TRUE(has(g.script, "Import-CsCertificate -Path $pfx -Password $password "
                            "-PrivateKeyExportable $true"));
}

// XMPP federation on: the Edge external certificate also serves the XMPP proxy.
TEST(CertsWindows, XmppFederationAddsTheXmppServerType) {
  const auto xmpp = generate("edge-dns-lb-nat");
  EXPECT_TRUE(has(xmpp.script, "Request-CsCertificate -New -Type 'AccessEdgeExternal',"
                               "'DataEdgeExternal','AudioVideoAuthentication','XMPPServer' "));
  const auto none = generate("reference-lync2013");
  EXPECT_FALSE(has(none.script, "XMPPServer"));
  EXPECT_TRUE(has(none.script, "Request-CsCertificate -New -Type 'AccessEdgeExternal',"
                               "'DataEdgeExternal','AudioVideoAuthentication' "));
}

TEST(CertsWindows, TwoWaysSaidAsTwo) {
  const auto g = generate("lync2013-split-brain");
  EXPECT_TRUE(has(g.index, "take one per certificate, never both"));
  EXPECT_TRUE(has(g.index, "A. The Windows way, for the Lync servers: request-cscertificate.ps1"));
  EXPECT_TRUE(has(g.index, "B. The OpenSSL way"));
  EXPECT_TRUE(has(g.index, "openssl pkcs12 -export -inkey <id>.key -in <id>.crt -certfile "
                           "chain.pem -out <id>.pfx"));
  EXPECT_TRUE(has(g.index, "Import-CsCertificate -Path C:\\certs\\<id>.pfx -Password <password> "
                           "-PrivateKeyExportable $true"));
  EXPECT_TRUE(has(g.index, "  assign    Set-CsCertificate -Type Default -Thumbprint "
                           "<thumbprint>\n"));
  EXPECT_TRUE(has(g.script, "-DomainName\nonly adds names to them"));
  // Two SIP domains, both sip.<domain> on the Edge certificate: -AllSipDomain adds them.
  EXPECT_TRUE(has(g.script, "-DomainName 'webconf.lyncdude.net' -AllSipDomain "));
}

TEST(CertsWindows, OutputPathsAreAbsolute) {
  const auto g = generate("reference-lync2013");
  EXPECT_TRUE(has(g.script, "$Folder = (Resolve-Path -LiteralPath $Folder).ProviderPath\n"));
  EXPECT_TRUE(
      has(g.script, "-Output (Join-Path $Folder 'front-end-default-fe01.contoso.net.req')"));
  EXPECT_FALSE(has(g.script, "-Output '"));
}

TEST(CertsWindows, NoScriptWithoutTheCmdlets) {
  const auto g = generate("ocs2007r2-two-sip-domains");
  EXPECT_TRUE(g.script.empty());
  EXPECT_TRUE(has(g.index, "Certificate Wizard"));
}

} // namespace
} // namespace lyncplan
