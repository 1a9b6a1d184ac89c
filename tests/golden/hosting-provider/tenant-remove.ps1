<#
.SYNOPSIS
Removes the DNS records lyncplan planned that are going away, from Windows DNS Server.

.DESCRIPTION
Written by lyncplan as tenant-remove.ps1.
Run it on the DNS server that holds the zones, or with -ComputerName, as a DNS
administrator; first with -WhatIf.

It removes exactly the records listed below (type and data must match) and nothing else
of their names or zones; records already gone are reported as absent. -RemoveEmptyZones
also removes a zone left with only its SOA and NS.

.PARAMETER ComputerName
The DNS server to change. The local computer by default.

.PARAMETER ZoneScope
Remove the records from this zone scope (Windows Server 2016 or later).

.PARAMETER RemoveEmptyZones
Remove a zone that holds nothing but its SOA and NS records once these records are gone (the
zone of a tenant that leaves).

.EXAMPLE
PS> .\tenant-remove.ps1 -WhatIf
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
Set-StrictMode -Version 3
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

# The records to remove.
$Planned = @(
  @{ View = 'external'; Zone = 'tailspin.com'; Name = '_sip._tls'; Type = 'SRV'; Data = '0 0 443 sipexternal.contoso.com'; Ttl = 3600; Rule = 'hosting.sip-tls-srv' },
  @{ View = 'external'; Zone = 'tailspin.com'; Name = '_sipfederationtls._tcp'; Type = 'SRV'; Data = '0 0 5061 sipexternal.contoso.com'; Ttl = 3600; Rule = 'hosting.federation-srv' },
  @{ View = 'external'; Zone = 'tailspin.com'; Name = 'lyncdiscover'; Type = 'A'; Data = '203.0.113.20'; Ttl = 3600; Rule = 'hosting.lyncdiscover' }
)

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

# Windows Server 2008 R2 and older (no DnsServer module): the same with dnscmd.
#   dnscmd /RecordDelete tailspin.com _sip._tls SRV 0 0 443 sipexternal.contoso.com /f
#   dnscmd /RecordDelete tailspin.com _sipfederationtls._tcp SRV 0 0 5061 sipexternal.contoso.com /f
#   dnscmd /RecordDelete tailspin.com lyncdiscover A 203.0.113.20 /f
