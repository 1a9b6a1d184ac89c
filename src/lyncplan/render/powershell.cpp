// A Windows DNS Server (DnsServer module) script: reads every zone and planned name first, stops
// on anything it would have to overwrite, then adds what is missing. Every value is checked here.
#include <lyncplan/dns/address.hpp>
#include <lyncplan/dns/name.hpp>
#include <lyncplan/render/renderer.hpp>
#include <lyncplan/topology/clouds.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <filesystem>

namespace lyncplan::render {
namespace {

using namespace lyncplan::plan;

// Owner names may carry the underscore labels of SRV records; nothing else may pass.
bool safe_name(std::string_view name) {
  if (name.empty() || name.size() > 253) {
    return false;
  }
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_';
    if (!ok) {
      return false;
    }
  }
  return name.front() != '.' && name.find("..") == std::string_view::npos;
}

std::optional<std::string> unsafe_value(const DnsRecord& r) {
  if (!safe_name(r.zone) || !safe_name(r.name)) {
    return fmt::format("record '{}' in zone '{}' has characters a script must not carry", r.name,
                       r.zone);
  }
  const bool address = r.type == RrType::A || r.type == RrType::AAAA;
  if (address ? !dns::parse_ip(r.value).has_value() : !safe_name(r.value)) {
    return fmt::format("record '{}' has the value '{}', which is not a safe {}", r.name, r.value,
                       address ? "address" : "host name");
  }
  return std::nullopt;
}

// What the record holds, written the way the script reads it back from the server: the address
// in canonical form, a host name without the final dot, "priority weight port target" for SRV.
std::string record_data(const DnsRecord& r) {
  switch (r.type) {
  case RrType::A:
  case RrType::AAAA:
    return dns::parse_ip(r.value)->text;
  case RrType::SRV:
    return fmt::format("{} {} {} {}", r.priority, r.weight, r.port, r.value);
  default:
    return r.value;
  }
}

// The script's own file name (-o), or the name the header tells the administrator to save it as.
std::string script_name(const Input& input) {
  if (!input.options.output_name.empty()) {
    return comment_safe(input.options.output_name);
  }
  const std::string stem = std::filesystem::path(input.topology.source).stem().string();
  return comment_safe(stem.empty() ? "lyncplan" : stem) + "-dns.ps1";
}

constexpr std::string_view kParameters = R"(
.PARAMETER View
Which records to write: 'internal' (the inside DNS servers) or 'external' (the public ones).

.PARAMETER ComputerName
The DNS server to change. The local computer by default.

.PARAMETER Replace
Make each planned name hold exactly the planned records: records of the planned type with other
data (an older pool's SRV, a stale address), and a CNAME beside other data, are removed first.

.PARAMETER CreateZones
Create the zones that do not exist, with -ReplicationScope. A zone created inside for a public
domain answers every inside query for that domain: its public records must be copied into it
(the plan lists the copies it needs), or inside users lose them.

.PARAMETER ReplicationScope
Where a created zone lives: Forest, Domain or Legacy (Active Directory-integrated) or File.

.PARAMETER ZoneScope
Write the records into this zone scope (Windows Server 2016 or later): one server answers the
inside and the outside with different data through a query resolution policy. The script creates
the scope with -CreateZones and prints the policy to add.

.EXAMPLE
PS> .\{0} -View internal -WhatIf
Reads the server and shows every change it would make, writing nothing.

.EXAMPLE
PS> .\{0} -View internal -WhatIf | Export-Csv dns-internal.csv -NoTypeInformation
Keeps the list of planned records with their status (present, add, remove, conflict).

.EXAMPLE
PS> .\{0} -View external -ComputerName ns1.example.net
Applies the external view on another server.
#>
#Requires -Version 3.0
#Requires -Modules DnsServer
[CmdletBinding(SupportsShouldProcess = $true)]
param(
  [Parameter(Mandatory = $true)][ValidateSet('internal', 'external')][string]$View,
  [string]$ComputerName = $env:COMPUTERNAME,
  [switch]$Replace,
  [switch]$CreateZones,
  [ValidateSet('Forest', 'Domain', 'Legacy', 'File')][string]$ReplicationScope,
  [string]$ZoneScope
)
)";

// Both scripts' session set-up (after their param blocks) and helpers.
constexpr std::string_view kFunctions = R"(Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
$Server = @{ ComputerName = $ComputerName }
$Scope = @{}
if ($ZoneScope) { $Scope['ZoneScope'] = $ZoneScope }

# Only "not found" means absent: access denied or an unreachable server stops the script.
function Test-NotFound($ErrorRecord) {
  if ($ErrorRecord.CategoryInfo.Category -eq [System.Management.Automation.ErrorCategory]::ObjectNotFound) { return $true }
  # WIN32 9601: the zone does not exist; 9714: the name does not exist.
  return [string]$ErrorRecord.FullyQualifiedErrorId -match '^WIN32 (9601|9714)\b'
}

function Get-LyncZone([string]$Zone) {
  try { Get-DnsServerZone @Server -Name $Zone }
  catch { if (Test-NotFound $_) { $null } else { throw } }
}

function Test-LyncZoneScope([string]$Zone) {
  try { $null -ne (Get-DnsServerZoneScope @Server -ZoneName $Zone -Name $ZoneScope) }
  catch { if (Test-NotFound $_) { $false } else { throw } }
}

# Every record of one name, of every type, and not those of names below it (-Node).
function Get-LyncNode([string]$Zone, [string]$Name) {
  try { Get-DnsServerResourceRecord @Server @Scope -ZoneName $Zone -Name $Name -Node }
  catch { if (Test-NotFound $_) { } else { throw } }
}

# A record's data as the plan writes it.
function Get-LyncData($Record) {
  $d = $Record.RecordData
  switch ([string]$Record.RecordType) {
    'A'     { $d.IPv4Address.IPAddressToString }
    'AAAA'  { $d.IPv6Address.IPAddressToString }
    'CNAME' { $d.HostNameAlias.TrimEnd('.').ToLowerInvariant() }
    'SRV'   { '{0} {1} {2} {3}' -f $d.Priority, $d.Weight, $d.Port, $d.DomainName.TrimEnd('.').ToLowerInvariant() }
    default { [string]$Record.RecordType }
  }
}

function Add-LyncRecord($Record) {
  $p = @{ ZoneName = $Record.Zone; Name = $Record.Name; TimeToLive = [TimeSpan]::FromSeconds($Record.Ttl) }
  switch ($Record.Type) {
    'A'     { $p['A'] = $true; $p['IPv4Address'] = $Record.Data }
    'AAAA'  { $p['AAAA'] = $true; $p['IPv6Address'] = $Record.Data }
    'CNAME' { $p['CName'] = $true; $p['HostNameAlias'] = $Record.Data }
    'SRV'   {
      $f = $Record.Data -split ' '
      $p['Srv'] = $true; $p['Priority'] = [int]$f[0]; $p['Weight'] = [int]$f[1]; $p['Port'] = [int]$f[2]; $p['DomainName'] = $f[3]
    }
  }
  Add-DnsServerResourceRecord @Server @Scope @p
}

function New-LyncRow($Zone, $Name, $Type, $Data, $Status, $Rule) {
  [pscustomobject]@{ Zone = $Zone; Name = $Name; Type = $Type; Data = $Data; Status = $Status; Rule = $Rule }
}
)";

constexpr std::string_view kMain = R"(
$records = @($Planned | Where-Object { $_.View -eq $View })
$problems = New-Object System.Collections.Generic.List[string]
$newZones = New-Object System.Collections.Generic.List[string]
$newScopes = New-Object System.Collections.Generic.List[string]
$blocked = New-Object System.Collections.Generic.List[string]
$removals = New-Object System.Collections.Generic.List[object]
$additions = New-Object System.Collections.Generic.List[object]
$rows = New-Object System.Collections.Generic.List[object]
$deletes = @($Removed | Where-Object { $_.View -eq $View })
$removedKeys = New-Object 'System.Collections.Generic.HashSet[string]'
foreach ($x in $deletes) { [void]$removedKeys.Add(('{0}|{1}|{2}|{3}' -f $x.Zone, $x.Name, $x.Type, $x.Data)) }

# 1. Read: every zone, then every planned name. Nothing is changed here.
foreach ($zoneName in @($records | ForEach-Object { $_.Zone } | Sort-Object -Unique)) {
  $zone = Get-LyncZone $zoneName
  if ($null -eq $zone) {
    if (-not $CreateZones) {
      $problems.Add(('zone {0} does not exist on {1}: create it, or rerun with -CreateZones -ReplicationScope; a zone made inside for a public domain must carry its public records too' -f $zoneName, $ComputerName))
      $blocked.Add($zoneName)
    } elseif (-not $ReplicationScope) {
      $problems.Add(('zone {0} does not exist on {1}: -CreateZones needs -ReplicationScope Forest, Domain, Legacy or File' -f $zoneName, $ComputerName))
      $blocked.Add($zoneName)
    } else {
      $newZones.Add($zoneName)
      if ($ZoneScope) { $newScopes.Add($zoneName) }
    }
    continue
  }
  if ([string]$zone.ZoneType -ne 'Primary') {
    $problems.Add(('zone {0} on {1} is a {2} zone: run this on the server that holds its primary copy' -f $zoneName, $ComputerName, $zone.ZoneType))
    $blocked.Add($zoneName)
    continue
  }
  if ($View -eq 'external' -and $zone.IsDsIntegrated -and -not $ZoneScope) {
    $problems.Add(('zone {0} on {1} is Active Directory-integrated, so it is the inside copy: the external view belongs on the public DNS servers, or in a zone scope (-ZoneScope) answered to outside clients by a DNS policy' -f $zoneName, $ComputerName))
    $blocked.Add($zoneName)
    continue
  }
  if ($ZoneScope -and -not (Test-LyncZoneScope $zoneName)) {
    if ($CreateZones) {
      $newScopes.Add($zoneName)
    } else {
      $problems.Add(('zone {0} on {1} has no zone scope {2}: create it, or rerun with -CreateZones' -f $zoneName, $ComputerName, $ZoneScope))
      $blocked.Add($zoneName)
    }
  }
}

foreach ($node in @($records | Group-Object -Property { '{0}|{1}' -f $_.Zone, $_.Name })) {
  $first = $node.Group[0]
  if ($blocked -contains $first.Zone) { continue }
  $existing = @()
  if ($newZones -notcontains $first.Zone -and $newScopes -notcontains $first.Zone) {
    $existing = @(Get-LyncNode $first.Zone $first.Name)
  }
  $plannedTypes = @($node.Group | ForEach-Object { $_.Type } | Sort-Object -Unique)
  foreach ($r in $existing) {
    $type = [string]$r.RecordType
    # The zone's own apex data and DNSSEC signatures are never in the way.
    if ($type -in 'SOA', 'NS', 'RRSIG', 'NSEC', 'NSEC3', 'DNSKEY', 'DS') { continue }
    $data = Get-LyncData $r
    if (@($node.Group | Where-Object { $_.Type -eq $type -and $_.Data -eq $data }).Count -gt 0) { continue }
    # A record the plan deletes (a teams-only domain's) is removed below, never in the way.
    if ($removedKeys.Contains(('{0}|{1}|{2}|{3}' -f $first.Zone, $first.Name, $type, $data))) { continue }
    if ($plannedTypes -contains $type -or $type -eq 'CNAME' -or $plannedTypes -contains 'CNAME') {
      $status = if ($Replace) { 'remove' } else { 'conflict' }
      $rows.Add((New-LyncRow $first.Zone $first.Name $type $data $status ''))
      $removals.Add(@{ Zone = $first.Zone; Record = $r; Text = ('{0}.{1} {2} {3}' -f $first.Name, $first.Zone, $type, $data) })
    }
  }
  foreach ($p in $node.Group) {
    $present = @($existing | Where-Object { [string]$_.RecordType -eq $p.Type -and (Get-LyncData $_) -eq $p.Data })
    if ($present.Count -gt 0) {
      $rows.Add((New-LyncRow $p.Zone $p.Name $p.Type $p.Data 'present' $p.Rule))
    } else {
      $rows.Add((New-LyncRow $p.Zone $p.Name $p.Type $p.Data 'add' $p.Rule))
      $additions.Add($p)
    }
  }
}

# The records teams-only domains no longer need: deleted only while they hold the value this
# deployment gave them, so a record changed since, or a second run, is left alone.
foreach ($p in $deletes) {
  if ($blocked -contains $p.Zone) { continue }
  $found = @(Get-LyncNode $p.Zone $p.Name | Where-Object { [string]$_.RecordType -eq $p.Type -and (Get-LyncData $_) -eq $p.Data })
  if ($found.Count -eq 0) {
    $rows.Add((New-LyncRow $p.Zone $p.Name $p.Type $p.Data 'deleted already' $p.Rule))
    continue
  }
  $rows.Add((New-LyncRow $p.Zone $p.Name $p.Type $p.Data 'delete' $p.Rule))
  foreach ($r in $found) {
    $removals.Add(@{ Zone = $p.Zone; Record = $r; Text = ('{0}.{1} {2} {3}' -f $p.Name, $p.Zone, $p.Type, $p.Data) })
  }
}

# 2. Decide: anything in the way stops the run before the first change.
$conflicts = @($rows | Where-Object { $_.Status -eq 'conflict' })
if ($problems.Count -gt 0 -or $conflicts.Count -gt 0) {
  $rows
  foreach ($p in $problems) { Write-Warning $p }
  foreach ($c in $conflicts) {
    Write-Warning ('{0}.{1} holds {2} {3}, which is not planned: clients would use it beside the planned records' -f $c.Name, $c.Zone, $c.Type, $c.Data)
  }
  if ($conflicts.Count -gt 0) {
    Write-Warning 'rerun with -Replace to make each of these names hold exactly the planned records, or change them by hand'
  }
  throw ('lyncplan: nothing was changed on {0}: {1} zone problem(s), {2} conflicting record(s)' -f $ComputerName, $problems.Count, $conflicts.Count)
}

# 3. Change: zones and scopes, then what is in the way, then what is missing.
foreach ($z in $newZones) {
  if ($PSCmdlet.ShouldProcess($z, ('create a primary zone ({0})' -f $ReplicationScope))) {
    if ($ReplicationScope -eq 'File') {
      Add-DnsServerPrimaryZone @Server -Name $z -ZoneFile ('{0}.dns' -f $z)
    } else {
      Add-DnsServerPrimaryZone @Server -Name $z -ReplicationScope $ReplicationScope
    }
  }
}
foreach ($z in $newScopes) {
  if ($PSCmdlet.ShouldProcess($z, ('create zone scope {0}' -f $ZoneScope))) {
    Add-DnsServerZoneScope @Server -ZoneName $z -Name $ZoneScope
  }
}
foreach ($x in $removals) {
  if ($PSCmdlet.ShouldProcess($x.Text, 'remove record')) {
    Remove-DnsServerResourceRecord @Server @Scope -ZoneName $x.Zone -InputObject $x.Record -Force
  }
}
foreach ($p in $additions) {
  if ($PSCmdlet.ShouldProcess(('{0}.{1} {2} {3}' -f $p.Name, $p.Zone, $p.Type, $p.Data), 'add record')) {
    Add-LyncRecord $p
  }
}

$rows
$present = @($rows | Where-Object { $_.Status -eq 'present' }).Count
if ($WhatIfPreference) {
  Write-Host ('lyncplan: {0} view on {1}: {2} present, {3} to add, {4} to remove; -WhatIf: nothing was changed' -f $View, $ComputerName, $present, $additions.Count, $removals.Count)
} else {
  Write-Host ('lyncplan: {0} view on {1}: {2} present, {3} added, {4} removed' -f $View, $ComputerName, $present, $additions.Count, $removals.Count)
}
if ($ZoneScope) {
  foreach ($z in @($records | ForEach-Object { $_.Zone } | Sort-Object -Unique)) {
    Write-Host ('clients see zone scope {0} of {1} only through a policy, for example: Add-DnsServerQueryResolutionPolicy -Name lyncplan-{0}-{1} -Action ALLOW -ClientSubnet "eq,<subnet>" -ZoneScope "{0},1" -ZoneName {1}' -f $ZoneScope, $z)
  }
}
)";

constexpr std::string_view kRemovalParameters = R"(
.PARAMETER ComputerName
The DNS server to change. The local computer by default.

.PARAMETER ZoneScope
Remove the records from this zone scope (Windows Server 2016 or later).

.PARAMETER RemoveEmptyZones
Remove a zone that holds nothing but its SOA and NS records once these records are gone (the
zone of a tenant that leaves).

.EXAMPLE
PS> .\{0} -WhatIf
Lists what would be removed, and changes nothing.
#>
#Requires -Version 3.0
#Requires -Modules DnsServer
[CmdletBinding(SupportsShouldProcess = $true)]
param(
  [string]$ComputerName = $env:COMPUTERNAME,
  [string]$ZoneScope,
  [switch]$RemoveEmptyZones
)
)";

constexpr std::string_view kRemovalMain = R"(
$rows = New-Object System.Collections.Generic.List[object]
$removals = New-Object System.Collections.Generic.List[object]
$zones = @($Planned | ForEach-Object { $_.Zone } | Sort-Object -Unique)

# 1. Read: the planned records that are there; nothing else is touched.
foreach ($zoneName in $zones) {
  if ($null -eq (Get-LyncZone $zoneName)) {
    foreach ($p in @($Planned | Where-Object { $_.Zone -eq $zoneName })) {
      $rows.Add((New-LyncRow $p.Zone $p.Name $p.Type $p.Data 'absent (no zone)' $p.Rule))
    }
    continue
  }
  foreach ($p in @($Planned | Where-Object { $_.Zone -eq $zoneName })) {
    $found = @(Get-LyncNode $p.Zone $p.Name | Where-Object { [string]$_.RecordType -eq $p.Type -and (Get-LyncData $_) -eq $p.Data })
    if ($found.Count -eq 0) {
      $rows.Add((New-LyncRow $p.Zone $p.Name $p.Type $p.Data 'absent' $p.Rule))
      continue
    }
    $rows.Add((New-LyncRow $p.Zone $p.Name $p.Type $p.Data 'remove' $p.Rule))
    foreach ($r in $found) {
      $removals.Add(@{ Zone = $p.Zone; Record = $r; Text = ('{0}.{1} {2} {3}' -f $p.Name, $p.Zone, $p.Type, $p.Data) })
    }
  }
}

# 2. Change: exactly those records, then the zones left empty when asked.
foreach ($x in $removals) {
  if ($PSCmdlet.ShouldProcess($x.Text, 'remove record')) {
    Remove-DnsServerResourceRecord @Server @Scope -ZoneName $x.Zone -InputObject $x.Record -Force
  }
}
$emptied = 0
if ($RemoveEmptyZones -and -not $WhatIfPreference) {
  foreach ($zoneName in $zones) {
    if ($null -eq (Get-LyncZone $zoneName)) { continue }
    $left = @(Get-DnsServerResourceRecord @Server @Scope -ZoneName $zoneName | Where-Object { [string]$_.RecordType -notin 'SOA', 'NS' })
    if ($left.Count -eq 0 -and $PSCmdlet.ShouldProcess($zoneName, 'remove the empty zone')) {
      Remove-DnsServerZone @Server -Name $zoneName -Force
      $emptied++
    }
  }
}

$rows
$absent = @($rows | Where-Object { $_.Status -like 'absent*' }).Count
if ($WhatIfPreference) {
  Write-Host ('lyncplan: on {0}: {1} to remove, {2} already absent; -WhatIf: nothing was changed' -f $ComputerName, $removals.Count, $absent)
} else {
  Write-Host ('lyncplan: on {0}: {1} removed, {2} already absent, {3} empty zones removed' -f $ComputerName, $removals.Count, $absent, $emptied)
}
)";

// A list of records the scripts read ($Planned, $Removed): one line per record, in the plan's
// order.
void append_records(std::string& out, std::string_view variable,
                    const std::vector<DnsRecord>& records) {
  fmt::format_to(std::back_inserter(out), "${} = @(\n", variable);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const DnsRecord& r = records[i];
    fmt::format_to(std::back_inserter(out),
                   "  @{{ View = '{}'; Zone = '{}'; Name = '{}'; Type = '{}'; Data = '{}'; "
                   "Ttl = {}; Rule = '{}' }}{}\n",
                   to_string(r.view), r.zone, dns::relative_name(r.name, r.zone), to_string(r.type),
                   record_data(r), r.ttl, r.rule, i + 1 < records.size() ? "," : "");
  }
  out += ")\n";
}

void append_planned(std::string& out, const Plan& plan) {
  append_records(out, "Planned", plan.dns);
}

std::optional<std::string> unsafe_plan(const Plan& plan) {
  for (const auto* records : {&plan.dns, &plan.dns_removals}) {
    for (const DnsRecord& r : *records) {
      if (auto problem = unsafe_value(r)) {
        return problem;
      }
    }
  }
  return std::nullopt;
}

// Hybrid: Microsoft 365 as the hosting provider, for the Management Shell (not this script).
void append_hosting_provider(std::string& out, const topology::Topology& t) {
  if (!topology::has_hybrid(t)) {
    return;
  }
  const topology::CloudFacts& cloud = topology::cloud_facts(t.cloud);
  const std::string url = topology::autodiscover_url(cloud);
  fmt::format_to(
      std::back_inserter(out),
      "\n# Hybrid with {0}: once, in the Skype for Business Server Management Shell (this "
      "script\n# changes DNS only), make Microsoft 365 the hosting provider of the shared SIP "
      "address\n# space; an existing provider for {1} (often LyncOnline) is updated instead:\n"
      "#   $p = Get-CsHostingProvider | Where-Object {{ $_.ProxyFqdn -eq '{1}' }} | "
      "Select-Object -First 1\n"
      "#   if ($p) {{ Set-CsHostingProvider -Identity $p.Identity -Enabled $true "
      "-EnabledSharedAddressSpace $true -HostsOCSUsers $true -AutodiscoverUrl '{2}' }}\n"
      "#   else {{ New-CsHostingProvider -Identity Office365 -ProxyFqdn '{1}' -Enabled $true "
      "-EnabledSharedAddressSpace $true -HostsOCSUsers $true -VerificationLevel "
      "UseSourceVerification -IsLocal $false -AutodiscoverUrl '{2}' }}\n",
      cloud.display_name, cloud.federation_target, url);
}

std::string with_name(std::string_view text, const std::string& name) {
  std::string out(text);
  for (std::size_t at = 0; (at = out.find("{0}", at)) != std::string::npos;) {
    out.replace(at, 3, name);
  }
  return out;
}

} // namespace

Expected<Output, std::string> render_powershell(const Input& input) {
  const Plan& plan = input.plan;
  if (auto problem = unsafe_plan(plan)) {
    return unexpected(*problem);
  }
  const std::string name = script_name(input);
  const std::string source =
      input.topology.source.empty()
          ? "a topology"
          : comment_safe(std::filesystem::path(input.topology.source).filename().string());
  const std::string written_by =
      input.options.version.empty() ? "lyncplan" : "lyncplan " + input.options.version;
  Output output;
  std::string& out = output.text;
  auto to = std::back_inserter(out);
  fmt::format_to(
      to,
      "<#\n.SYNOPSIS\nThe DNS records lyncplan planned from {0}, for Windows DNS Server."
      "\n\n.DESCRIPTION\nWritten by {1} from {0} as {2}.\n"
      "Run it once per view, on that view's DNS server or with -ComputerName, as a DNS\n"
      "administrator; first with -WhatIf.\n\n"
      "It reads every zone and every planned name before it changes anything, and "
      "changes\nnothing when a zone is missing or not primary, when the external view "
      "would land in an\nActive Directory-integrated zone, or when a planned name holds "
      "other data of its type (an\nolder pool's SRV, a stale address) or a CNAME beside "
      "other data: clients would use those\nbeside the planned records. -Replace and "
      "-CreateZones say how to go on. SRV records\nmatch on priority, weight, port and "
      "target.\n\n"
      "Needs the DnsServer module: Windows Server 2012 or later, or the DNS Server tools "
      "of RSAT;\n-ZoneScope needs Windows Server 2016 or later. Older servers have no "
      "DnsServer module:\nthe dnscmd lines at the end of this file add the same records, "
      "without these checks.\n",
      source, written_by, name);
  out += with_name(kParameters, name);
  out += kFunctions;
  out +=
      "\n# The planned records: one name of a zone holds exactly the planned data of its types.\n";
  append_planned(out, plan);
  out += "\n# The records to delete: the teams-only domains' on-premises records.\n";
  append_records(out, "Removed", plan.dns_removals);
  out += kMain;
  out += "\n# Windows Server 2008 R2 and older (no DnsServer module): the same records with "
         "dnscmd,\n# run on the DNS server of each view. They add; they check nothing.\n";
  for (View view : {View::internal, View::external}) {
    fmt::format_to(to, "# {} view:\n", to_string(view));
    for (const DnsRecord& r : plan.dns_removals) {
      if (r.view == view) {
        fmt::format_to(to, "#   dnscmd /RecordDelete {} {} {} {} /f\n", r.zone,
                       dns::relative_name(r.name, r.zone), to_string(r.type), record_data(r));
      }
    }
    for (const DnsRecord& r : plan.dns) {
      if (r.view == view) {
        fmt::format_to(to, "#   dnscmd /RecordAdd {} {} {} {} {}\n", r.zone,
                       dns::relative_name(r.name, r.zone), r.ttl, to_string(r.type),
                       record_data(r));
      }
    }
  }
  append_hosting_provider(out, input.topology);
  return output;
}

Expected<Output, std::string> render_powershell_removal(const Input& input) {
  const Plan& plan = input.plan;
  if (auto problem = unsafe_plan(plan)) {
    return unexpected(*problem);
  }
  const std::string name = script_name(input);
  const std::string written_by =
      input.options.version.empty() ? "lyncplan" : "lyncplan " + input.options.version;
  Output output;
  std::string& out = output.text;
  fmt::format_to(std::back_inserter(out),
                 "<#\n.SYNOPSIS\nRemoves the DNS records lyncplan planned that are going away, "
                 "from Windows DNS Server.\n\n.DESCRIPTION\nWritten by {0} as {1}.\n"
                 "Run it on the DNS server that holds the zones, or with -ComputerName, as a DNS\n"
                 "administrator; first with -WhatIf.\n\n"
                 "It removes exactly the records listed below (type and data must match) and "
                 "nothing else\nof their names or zones; records already gone are reported as "
                 "absent. -RemoveEmptyZones\nalso removes a zone left with only its SOA and NS.\n",
                 written_by, name);
  out += with_name(kRemovalParameters, name);
  out += kFunctions;
  out += "\n# The records to remove.\n";
  append_planned(out, plan);
  out += kRemovalMain;
  out += "\n# Windows Server 2008 R2 and older (no DnsServer module): the same with dnscmd.\n";
  for (const DnsRecord& r : plan.dns) {
    fmt::format_to(std::back_inserter(out), "#   dnscmd /RecordDelete {} {} {} {} /f\n", r.zone,
                   dns::relative_name(r.name, r.zone), to_string(r.type), record_data(r));
  }
  return output;
}

} // namespace lyncplan::render
