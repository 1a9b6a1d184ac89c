# lyncplan: DNS records for Windows DNS Server (DnsServer module).
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

if ($View -eq 'external') {
}

if ($View -eq 'internal') {
  Add-LyncZone 'company.com'
  Add-LyncZone 'company.local'
  Add-LyncRecord 'company.com' '_sipinternaltls._tcp' SRV 'ocspool.company.local' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # internal.sipinternaltls-srv
  Add-LyncRecord 'company.com' 'dialin' A '10.10.0.101' -Ttl 3600  # simple-url.internal-a
  Add-LyncRecord 'company.com' 'meet' A '10.10.0.101' -Ttl 3600  # simple-url.internal-a
  Add-LyncRecord 'company.com' 'sip' A '10.10.0.100' -Ttl 3600  # internal.sip-a
  Add-LyncRecord 'company.local' '_sipinternaltls._tcp' SRV 'ocspool.company.local' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # internal.sipinternaltls-srv
  Add-LyncRecord 'company.local' 'meet' A '10.10.0.101' -Ttl 3600  # simple-url.internal-a
  Add-LyncRecord 'company.local' 'ocspool' A '10.10.0.100' -Ttl 3600  # pool.a
  Add-LyncRecord 'company.local' 'ocssrv01' A '10.10.0.11' -Ttl 3600  # pool.server-a
  Add-LyncRecord 'company.local' 'ocssrv02' A '10.10.0.12' -Ttl 3600  # pool.server-a
  Add-LyncRecord 'company.local' 'ocsweb' A '10.10.0.101' -Ttl 3600  # pool.web-internal-a
  Add-LyncRecord 'company.local' 'sip' A '10.10.0.100' -Ttl 3600  # internal.sip-a
}
