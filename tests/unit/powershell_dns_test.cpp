// The Windows DNS script (--format powershell), read line by line: it stops before the first
// change on anything in its way, and every value it carries is checked.
#include "support/topologies.hpp"

#include <lyncplan/render/renderer.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/topology/loader.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace lyncplan::testing {
namespace {

std::string script_of(const std::string& yaml, const std::string& source = "contoso.yaml",
                      const std::string& version = "") {
  auto topology = topology::load_topology(yaml, source, nullptr);
  EXPECT_TRUE(topology);
  const plan::Plan plan = rules::make_plan(*topology);
  render::Options options;
  options.version = version;
  auto out = render::render_powershell({plan, *topology, options});
  EXPECT_TRUE(out) << (out ? "" : out.error());
  return out ? out->text : std::string();
}

std::string example(const std::string& name) {
  std::ifstream in(std::string(LYNCPLAN_SOURCE_DIR) + "/examples/" + name + ".yaml");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool has(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

// Where `what` first occurs, or the end (a missing line sorts last and fails an ordering).
std::size_t at(const std::string& text, const std::string& what) {
  const std::size_t p = text.find(what);
  return p == std::string::npos ? text.size() : p;
}

TEST(PowerShellDns, OtherDataUnderAPlannedNameIsAConflictThatStopsTheRun) {
  const std::string ps = script_of(reference_topology());
  // Every record of the name is read (-Node: not the names below it), of every type.
  EXPECT_TRUE(has(ps, "Get-DnsServerResourceRecord @Server @Scope -ZoneName $Zone -Name $Name "
                      "-Node"));
  // Data of a planned type that is not planned, or a CNAME on either side, is in the way.
  EXPECT_TRUE(has(ps, "if ($plannedTypes -contains $type -or $type -eq 'CNAME' -or $plannedTypes "
                      "-contains 'CNAME') {"));
  EXPECT_TRUE(has(ps, "$status = if ($Replace) { 'remove' } else { 'conflict' }"));
  // The run stops before its first change, and says that nothing changed.
  const std::size_t stop = at(ps, "throw ('lyncplan: nothing was changed on {0}");
  EXPECT_LT(stop, ps.size());
  for (const char* change :
       {"Add-DnsServerPrimaryZone @Server -Name $z", "Add-DnsServerZoneScope @Server",
        "Remove-DnsServerResourceRecord @Server @Scope -ZoneName $x.Zone -InputObject $x.Record "
        "-Force",
        "    Add-LyncRecord $p\n"}) {
    EXPECT_LT(stop, at(ps, change)) << change;
  }
  // Removals come before additions, so a CNAME is gone before an A takes its name.
  EXPECT_LT(at(ps, "foreach ($x in $removals)"), at(ps, "foreach ($p in $additions)"));
}

TEST(PowerShellDns, SrvPresenceComparesPriorityWeightPortAndTarget) {
  const std::string ps = script_of(reference_topology());
  EXPECT_TRUE(has(ps, "Name = '_sip._tls'; Type = 'SRV'; Data = '0 0 443 sip.contoso.com';"));
  EXPECT_TRUE(has(ps, "'SRV'   { '{0} {1} {2} {3}' -f $d.Priority, $d.Weight, $d.Port, "
                      "$d.DomainName.TrimEnd('.').ToLowerInvariant() }"));
}

TEST(PowerShellDns, ADnsLoadBalancedNameHoldsEveryPlannedAddress) {
  const std::string ps = script_of(example("edge-dns-lb-nat"));
  EXPECT_TRUE(has(ps, "Zone = 'contoso.com'; Name = 'sip'; Type = 'A'; Data = '131.107.155.10';"));
  EXPECT_TRUE(has(ps, "Zone = 'contoso.com'; Name = 'sip'; Type = 'A'; Data = '131.107.155.11';"));
  // Both are planned data of the name: neither is in the other's way.
  EXPECT_TRUE(has(ps, "if (@($node.Group | Where-Object { $_.Type -eq $type -and $_.Data -eq "
                      "$data }).Count -gt 0) { continue }"));
}

TEST(PowerShellDns, OnlyNotFoundCountsAsMissing) {
  const std::string ps = script_of(reference_topology());
  EXPECT_FALSE(has(ps, "SilentlyContinue"));
  EXPECT_TRUE(has(ps, "catch { if (Test-NotFound $_) { $null } else { throw } }"));
  EXPECT_TRUE(has(ps, "[System.Management.Automation.ErrorCategory]::ObjectNotFound"));
  EXPECT_TRUE(has(ps, "if ([string]$zone.ZoneType -ne 'Primary') {"));
}

TEST(PowerShellDns, ZonesAreCreatedOnlyWhenAskedWithAChosenScope) {
  const std::string ps = script_of(reference_topology());
  EXPECT_TRUE(has(ps, "  [switch]$CreateZones,\n"));
  EXPECT_TRUE(has(ps, "  [ValidateSet('Forest', 'Domain', 'Legacy', 'File')][string]"
                      "$ReplicationScope,\n"));
  EXPECT_TRUE(has(ps, "    if (-not $CreateZones) {\n"));
  EXPECT_TRUE(has(ps, "    } elseif (-not $ReplicationScope) {\n"));
  EXPECT_TRUE(has(ps, "Add-DnsServerPrimaryZone @Server -Name $z -ReplicationScope "
                      "$ReplicationScope"));
  EXPECT_FALSE(has(ps, "-ReplicationScope Domain"));
}

TEST(PowerShellDns, TheExternalViewNeverLandsInAnAdIntegratedZone) {
  const std::string ps = script_of(reference_topology());
  EXPECT_TRUE(
      has(ps, "if ($View -eq 'external' -and $zone.IsDsIntegrated -and -not $ZoneScope) {"));
  EXPECT_TRUE(has(ps, "  [string]$ZoneScope\n"));
  EXPECT_TRUE(has(ps, "if ($ZoneScope) { $Scope['ZoneScope'] = $ZoneScope }"));
  EXPECT_TRUE(has(ps, "Add-DnsServerQueryResolutionPolicy"));
}

TEST(PowerShellDns, HeaderSaysWhatWhereWhichVersionAndItsOwnName) {
  const std::string ps = script_of(reference_topology(), "/srv/plans/contoso.yaml", "9.9.9 (abc)");
  EXPECT_EQ(ps.rfind("<#\n.SYNOPSIS\nThe DNS records lyncplan planned from contoso.yaml", 0), 0U);
  EXPECT_TRUE(has(ps, "Written by lyncplan 9.9.9 (abc) from contoso.yaml as contoso-dns.ps1.\n"));
  EXPECT_TRUE(has(ps, "PS> .\\contoso-dns.ps1 -View internal -WhatIf\n"));
  EXPECT_TRUE(has(ps, "\n#Requires -Modules DnsServer\n"));
  EXPECT_TRUE(has(ps, "Windows Server 2012 or later"));
  EXPECT_TRUE(has(ps, "#   dnscmd /RecordAdd contoso.com _sip._tls 3600 SRV 0 0 443 "
                      "sip.contoso.com\n"));
  // A summary of what was present, added and removed, and one object per record.
  EXPECT_TRUE(has(ps, "Write-Host ('lyncplan: {0} view on {1}: {2} present, {3} added, {4} "
                      "removed'"));
  EXPECT_TRUE(has(ps, "[pscustomobject]@{ Zone = $Zone; Name = $Name; Type = $Type; Data = "
                      "$Data; Status = $Status; Rule = $Rule }"));
}

TEST(PowerShellDns, AFileNameCannotEndTheHelpComment) {
  const std::string ps = script_of(reference_topology(), "evil#>\nRemove-Item.yaml");
  EXPECT_EQ(ps.find("\nRemove-Item"), std::string::npos);
  EXPECT_TRUE(has(ps, "planned from evil???Remove-Item.yaml, for"));
  EXPECT_TRUE(has(ps, "evil???Remove-Item-dns.ps1"));
}

TEST(PowerShellDns, RefusesAnythingThatCouldEscapeAString) {
  plan::Plan p;
  plan::DnsRecord r;
  r.zone = "contoso.com";
  r.name = "x';Remove-Item C:\\ -Recurse;'.contoso.com";
  r.value = "10.0.0.1";
  r.rule = "edge.access-a";
  p.dns.push_back(r);
  EXPECT_FALSE(render_with(render::render_powershell, p));
  p.dns[0].name = "ok.contoso.com";
  p.dns[0].value = "10.0.0.1$(calc)";
  EXPECT_FALSE(render_with(render::render_powershell, p));
  p.dns[0].value = "10.0.0.1";
  EXPECT_TRUE(render_with(render::render_powershell, p));
}

} // namespace
} // namespace lyncplan::testing
