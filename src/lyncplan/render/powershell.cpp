// A Windows DNS Server (DnsServer module) script: creates the zones it needs and adds each
// record only when it is missing. Every name and address is checked before it is written.
#include <lyncplan/dns/address.hpp>
#include <lyncplan/dns/name.hpp>
#include <lyncplan/render/renderer.hpp>

#include <fmt/format.h>

#include <set>

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

constexpr std::string_view kPrologue =
    R"(# lyncplan: DNS records for Windows DNS Server (DnsServer module).
# Run once per view on the DNS server of that view, for example:
#   .\lyncplan-dns.ps1 -View internal -ComputerName dc01
# Zones that do not exist are created; records that exist with the same data are left alone.
[CmdletBinding(SupportsShouldProcess = $true)]
param(
  [Parameter(Mandatory = $true)][ValidateSet('internal', 'external')][string]$View,
  [string]$ComputerName = $env:COMPUTERNAME,
  [switch]$AdIntegrated
)
Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
Import-Module DnsServer

function Add-LyncZone([string]$Zone) {
  if (Get-DnsServerZone -ComputerName $ComputerName -Name $Zone -ErrorAction SilentlyContinue) { return }
  if ($PSCmdlet.ShouldProcess($Zone, 'create zone')) {
    if ($AdIntegrated) {
      Add-DnsServerPrimaryZone -ComputerName $ComputerName -Name $Zone -ReplicationScope Domain
    } else {
      Add-DnsServerPrimaryZone -ComputerName $ComputerName -Name $Zone -ZoneFile "$Zone.dns"
    }
  }
}

function Test-LyncRecord($Existing, [string]$Type, [string]$Value, [int]$Port) {
  foreach ($r in $Existing) {
    $d = $r.RecordData
    switch ($Type) {
      'A'     { if ($d.IPv4Address.IPAddressToString -eq $Value) { return $true } }
      'AAAA'  { if ($d.IPv6Address.IPAddressToString -eq $Value) { return $true } }
      'CNAME' { if ($d.HostNameAlias.TrimEnd('.') -eq $Value) { return $true } }
      'SRV'   { if ($d.DomainName.TrimEnd('.') -eq $Value -and $d.Port -eq $Port) { return $true } }
    }
  }
  return $false
}

function Add-LyncRecord([string]$Zone, [string]$Name, [string]$Type, [string]$Value,
                        [int]$Port = 0, [int]$Priority = 0, [int]$Weight = 0, [int]$Ttl = 3600) {
  $existing = @(Get-DnsServerResourceRecord -ComputerName $ComputerName -ZoneName $Zone `
      -Name $Name -RRType $Type -ErrorAction SilentlyContinue)
  if (Test-LyncRecord $existing $Type $Value $Port) { Write-Verbose "present: $Name.$Zone $Type $Value"; return }
  if (-not $PSCmdlet.ShouldProcess("$Name.$Zone $Type $Value", 'add record')) { return }
  $ttlSpan = [TimeSpan]::FromSeconds($Ttl)
  switch ($Type) {
    'A'     { Add-DnsServerResourceRecordA -ComputerName $ComputerName -ZoneName $Zone -Name $Name -IPv4Address $Value -TimeToLive $ttlSpan }
    'AAAA'  { Add-DnsServerResourceRecordAAAA -ComputerName $ComputerName -ZoneName $Zone -Name $Name -IPv6Address $Value -TimeToLive $ttlSpan }
    'CNAME' { Add-DnsServerResourceRecordCName -ComputerName $ComputerName -ZoneName $Zone -Name $Name -HostNameAlias $Value -TimeToLive $ttlSpan }
    'SRV'   { Add-DnsServerResourceRecord -ComputerName $ComputerName -ZoneName $Zone -Name $Name -Srv -DomainName $Value -Port $Port -Priority $Priority -Weight $Weight -TimeToLive $ttlSpan }
  }
  Write-Host "added: $Name.$Zone $Type $Value"
}
)";

} // namespace

Expected<Output, std::string> render_powershell(const Input& input) {
  const Plan& plan = input.plan;
  for (const DnsRecord& r : plan.dns) {
    if (auto problem = unsafe_value(r)) {
      return unexpected(*problem);
    }
  }
  Output output;
  std::string& out = output.text;
  out += kPrologue;
  for (View view : {View::external, View::internal}) {
    fmt::format_to(std::back_inserter(out), "\nif ($View -eq '{}') {{\n", to_string(view));
    std::set<std::string> zones;
    for (const DnsRecord& r : plan.dns) {
      if (r.view == view) {
        zones.insert(r.zone);
      }
    }
    for (const std::string& zone : zones) {
      fmt::format_to(std::back_inserter(out), "  Add-LyncZone '{}'\n", zone);
    }
    for (const DnsRecord& r : plan.dns) {
      if (r.view != view) {
        continue;
      }
      fmt::format_to(std::back_inserter(out), "  Add-LyncRecord '{}' '{}' {} '{}'", r.zone,
                     dns::relative_name(r.name, r.zone), to_string(r.type), r.value);
      if (r.type == RrType::SRV) {
        fmt::format_to(std::back_inserter(out), " -Port {} -Priority {} -Weight {}", r.port,
                       r.priority, r.weight);
      }
      fmt::format_to(std::back_inserter(out), " -Ttl {}  # {}\n", r.ttl, r.rule);
    }
    out += "}\n";
  }
  return output;
}

} // namespace lyncplan::render
