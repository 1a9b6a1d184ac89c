// Renderers: zone files and JSON stability (the PowerShell script: powershell_dns_test.cpp).
#include "support/topologies.hpp"

#include <lyncplan/render/renderer.hpp>

#include <gtest/gtest.h>

#include <set>

namespace lyncplan::testing {
namespace {

const render::File* file(const render::Output& o, const std::string& path) {
  for (const auto& f : o.files) {
    if (f.path == path) {
      return &f;
    }
  }
  return nullptr;
}

TEST(ZoneRenderer, OneFilePerViewAndZoneWithRelativeOwners) {
  const auto out = render_with(render::render_zone, plan_of(reference_topology()));
  ASSERT_TRUE(out);
  const auto* ext = file(*out, "external/fabrikam.com.zone");
  ASSERT_NE(ext, nullptr);
  EXPECT_NE(ext->content.find("$ORIGIN fabrikam.com.\n"), std::string::npos);
  EXPECT_NE(ext->content.find("_sip._tls\t3600\tIN\tSRV\t0 0 443 sip.fabrikam.com.\n"),
            std::string::npos);
  EXPECT_NE(file(*out, "internal/contoso.net.zone"), nullptr);
  EXPECT_EQ(file(*out, "external/contoso.net.zone"), nullptr);
  const auto* index = file(*out, "index.txt");
  ASSERT_NE(index, nullptr);
  EXPECT_NE(index->content.find("external\tcontoso.com\texternal/contoso.com.zone\t"),
            std::string::npos);
}

TEST(ZoneRenderer, PinPointZonesUseTheApex) {
  std::string y = reference_topology();
  y.replace(y.find("split-brain"), 11, "pin-point");
  const auto out = render_with(render::render_zone, plan_of(y));
  const auto* pin = file(*out, "internal/sip.contoso.com.zone");
  ASSERT_NE(pin, nullptr);
  EXPECT_NE(pin->content.find("@\t3600\tIN\tA\t192.168.21.40\n"), std::string::npos);
}

// The topology's dns: section: a real SOA (mailbox as a name, the serial the topology gives,
// else the one the CLI gives), its NS set, glue for a name server inside the zone, its TTL on
// every record; a finding for the placeholders without it, and an error for missing glue.
std::string with_dns(const std::string& dns) {
  std::string y = reference_topology();
  return y + dns;
}

TEST(ZoneRenderer, TheDnsSectionGivesTheSoaNsAndTtl) {
  const std::string y = with_dns("dns:\n  primary: ns1.provider.net\n"
                                 "  hostmaster: john.smith@provider.net\n"
                                 "  nameservers: [ns1.provider.net, {fqdn: ns2.contoso.com, ip: "
                                 "198.51.100.53}]\n  ttl: 300\n");
  const topology::Topology t = load(y);
  const plan::Plan p = plan_of(y);
  render::Options options;
  options.zone_serial = 1796000000;
  const auto out = render::render_zone({p, t, options});
  ASSERT_TRUE(out);
  const auto* contoso = file(*out, "external/contoso.com.zone");
  ASSERT_NE(contoso, nullptr);
  EXPECT_NE(contoso->content.find("$TTL 300\n@\tIN\tSOA\tns1.provider.net. "
                                  "john\\.smith.provider.net. 1796000000 3600 600 1209600 300\n"
                                  "@\tIN\tNS\tns1.provider.net.\n@\tIN\tNS\tns2.contoso.com.\n"
                                  "ns2\t300\tIN\tA\t198.51.100.53\n"),
            std::string::npos)
      << contoso->content;
  EXPECT_NE(contoso->content.find("_sip._tls\t300\tIN\tSRV"), std::string::npos);
  EXPECT_EQ(contoso->content.find("ns.invalid"), std::string::npos);
  // Glue only in the zone that holds the name.
  const auto* fabrikam = file(*out, "external/fabrikam.com.zone");
  ASSERT_NE(fabrikam, nullptr);
  EXPECT_EQ(fabrikam->content.find("198.51.100.53"), std::string::npos);
  for (const auto& f : p.findings) {
    EXPECT_NE(f.rule.str(), "dns.soa-placeholder");
    EXPECT_NE(f.rule.str(), "dns.nameserver-glue");
  }
}

TEST(ZoneRenderer, TheTopologysSerialWinsAndThePrimaryIsTheDefaultNameServer) {
  const std::string y = with_dns("dns: {primary: ns1.provider.net, hostmaster: "
                                 "dns.provider.net, serial: 2026120201}\n");
  render::Options options;
  options.zone_serial = 1796000000;
  const auto out = render::render_zone({plan_of(y), load(y), options});
  const auto* contoso = file(*out, "external/contoso.com.zone");
  ASSERT_NE(contoso, nullptr);
  EXPECT_NE(contoso->content.find("@\tIN\tSOA\tns1.provider.net. dns.provider.net. 2026120201 "),
            std::string::npos);
  EXPECT_NE(contoso->content.find("@\tIN\tNS\tns1.provider.net.\n; "), std::string::npos);
}

// The catalog zone lists every external zone once under a stable label, and the server
// configurations load it and notify the secondaries.
TEST(ZoneRenderer, ACatalogZoneListsEveryExternalZone) {
  const std::string y = with_dns("dns: {primary: ns1.provider.net, hostmaster: dns.provider.net, "
                                 "catalog: catalog.provider.net, secondaries: [198.51.100.54]}\n");
  render::Options options;
  options.zone_servers = {"bind"};
  const plan::Plan p = plan_of(y);
  const auto out = render::render_zone({p, load(y), options});
  ASSERT_TRUE(out);
  const auto* catalog = file(*out, "external/catalog.provider.net.zone");
  ASSERT_NE(catalog, nullptr);
  EXPECT_NE(catalog->content.find("version\tIN\tTXT\t\"2\"\n"), std::string::npos);
  std::set<std::string> external;
  for (const auto& r : p.dns) {
    if (r.view == plan::View::external) {
      external.insert(r.zone);
    }
  }
  for (const std::string& zone : external) {
    EXPECT_NE(catalog->content.find(".zones\tIN\tPTR\t" + zone + ".\n"), std::string::npos) << zone;
  }
  EXPECT_EQ(catalog->content.find("contoso.net."), std::string::npos); // an internal-only zone
  const auto* bind = file(*out, "named.conf.lyncplan");
  ASSERT_NE(bind, nullptr);
  EXPECT_NE(bind->content.find("zone \"catalog.provider.net\" { type primary;"), std::string::npos);
  EXPECT_NE(bind->content.find("also-notify { 198.51.100.54 port 53; };"), std::string::npos);
}

TEST(ZoneRenderer, WithoutTheDnsSectionPlaceholdersAndAFinding) {
  const plan::Plan p = plan_of(reference_topology());
  const auto out = render::render_zone({p, load(reference_topology()), {}});
  EXPECT_NE(
      file(*out, "external/contoso.com.zone")->content.find("ns.invalid. hostmaster.invalid. 1 "),
      std::string::npos);
  bool said = false;
  for (const auto& f : p.findings) {
    said = said || (f.rule.str() == "dns.soa-placeholder" && f.severity == plan::Severity::info);
  }
  EXPECT_TRUE(said);
}

TEST(ZoneRenderer, ANameServerInsideAPlannedZoneNeedsItsAddress) {
  const plan::Plan p =
      plan_of(with_dns("dns: {primary: ns1.contoso.com, hostmaster: hostmaster@contoso.com}\n"));
  bool said = false;
  for (const auto& f : p.findings) {
    said = said || (f.rule.str() == "dns.nameserver-glue" && f.subject == "ns1.contoso.com" &&
                    f.severity == plan::Severity::error);
  }
  EXPECT_TRUE(said);
}

TEST(JsonRenderer, SameInputSameBytesAndEscapes) {
  const auto a = render_with(render::render_json, plan_of(reference_topology()));
  const auto b = render_with(render::render_json, plan_of(reference_topology()));
  EXPECT_EQ(a->text, b->text);
  plan::Plan p;
  p.findings.push_back({plan::Severity::info, "pool.a", "s", "quote \" backslash \\ nl \n"});
  const auto j = render_with(render::render_json, p);
  EXPECT_NE(j->text.find(R"("quote \" backslash \\ nl \n")"), std::string::npos);
}

TEST(TableRenderer, ColourOnlyWhenAsked) {
  render::Options plain_options;
  render::Options colour_options;
  colour_options.color = true;
  const auto plain =
      render_with(render::render_table, plan_of(reference_topology()), plain_options);
  const auto colour =
      render_with(render::render_table, plan_of(reference_topology()), colour_options);
  EXPECT_EQ(plain->text.find('\x1b'), std::string::npos);
  EXPECT_NE(colour->text.find("\x1b[33mwarning"), std::string::npos);
  EXPECT_LT(plain->text.find("DNS, external view"), plain->text.find("Findings"));
}

} // namespace
} // namespace lyncplan::testing

namespace lyncplan::testing {
namespace {

// CSV (RFC 4180): one header row, CRLF, quoted only where needed, quotes doubled, the plan's order.
TEST(CsvRenderer, DnsAndFirewallAsSpreadsheets) {
  plan::Plan p = plan_of(reference_topology());
  ASSERT_FALSE(p.dns.empty());
  p.dns.front().why = "a \"quoted\" reason, with a comma";
  const auto out = render_with(render::render_csv, p);
  ASSERT_TRUE(out);
  const auto* dns = file(*out, "dns.csv");
  const auto* firewall = file(*out, "firewall.csv");
  ASSERT_TRUE(dns && firewall);
  EXPECT_TRUE(dns->content.starts_with(
      "action,view,zone,name,type,value,port,priority,weight,ttl,rule,why\r\n"));
  EXPECT_TRUE(firewall->content.starts_with("from,to,protocol,port,rule,why\r\n"));
  EXPECT_NE(dns->content.find(",\"a \"\"quoted\"\" reason, with a comma\"\r\n"), std::string::npos);
  std::size_t rows = 0;
  for (std::size_t at = 0; (at = dns->content.find("\r\n", at)) != std::string::npos; at += 2) {
    ++rows;
  }
  EXPECT_EQ(rows, 1 + p.dns.size() + p.dns_removals.size());
  EXPECT_EQ(dns->content.find('\n'), dns->content.find("\r\n") + 1); // no bare LF
  // An A record leaves the SRV fields empty.
  EXPECT_NE(dns->content.find(",A,131.107.155.40,,,,3600,"), std::string::npos);
}

} // namespace
} // namespace lyncplan::testing
