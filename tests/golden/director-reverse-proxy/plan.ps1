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
  Add-LyncZone 'mslync.net'
  Add-LyncRecord 'mslync.net' '_sip._tls' SRV 'sip.mslync.net' -Port 443 -Priority 0 -Weight 0 -Ttl 3600  # edge.sip-tls-srv
  Add-LyncRecord 'mslync.net' '_sipfederationtls._tcp' SRV 'sip.mslync.net' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # edge.federation-srv
  Add-LyncRecord 'mslync.net' 'av' A '192.0.2.32' -Ttl 3600  # edge.av-a
  Add-LyncRecord 'mslync.net' 'dialin' A '192.0.2.40' -Ttl 3600  # simple-url.external-a
  Add-LyncRecord 'mslync.net' 'dirweb' A '192.0.2.40' -Ttl 3600  # rp.web-external-a
  Add-LyncRecord 'mslync.net' 'feweb' A '192.0.2.41' -Ttl 3600  # rp.web-external-a
  Add-LyncRecord 'mslync.net' 'lyncdiscover' A '192.0.2.40' -Ttl 3600  # mobility.lyncdiscover
  Add-LyncRecord 'mslync.net' 'meet' A '192.0.2.40' -Ttl 3600  # simple-url.external-a
  Add-LyncRecord 'mslync.net' 'sip' A '192.0.2.30' -Ttl 3600  # edge.access-a
  Add-LyncRecord 'mslync.net' 'webconf' A '192.0.2.31' -Ttl 3600  # edge.webconf-a
}

if ($View -eq 'internal') {
  Add-LyncZone 'mslync.net'
  Add-LyncRecord 'mslync.net' '_sip._tls' SRV 'sip.mslync.net' -Port 443 -Priority 0 -Weight 0 -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'mslync.net' '_sipfederationtls._tcp' SRV 'sip.mslync.net' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'mslync.net' '_sipinternaltls._tcp' SRV 'dir.mslync.net' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # internal.sipinternaltls-srv
  Add-LyncRecord 'mslync.net' 'admin' A '10.1.1.22' -Ttl 3600  # simple-url.internal-a
  Add-LyncRecord 'mslync.net' 'av' A '192.0.2.32' -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'mslync.net' 'dialin' A '10.1.1.22' -Ttl 3600  # simple-url.internal-a
  Add-LyncRecord 'mslync.net' 'dir' A '10.1.1.22' -Ttl 3600  # pool.a
  Add-LyncRecord 'mslync.net' 'dirweb' A '10.1.1.22' -Ttl 3600  # director.web-external-internal-a
  Add-LyncRecord 'mslync.net' 'edge' A '172.16.5.20' -Ttl 3600  # edge.internal-a
  Add-LyncRecord 'mslync.net' 'fe' A '10.1.1.21' -Ttl 3600  # pool.a
  Add-LyncRecord 'mslync.net' 'feweb' A '192.0.2.41' -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'mslync.net' 'lyncdiscover' A '192.0.2.40' -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'mslync.net' 'lyncdiscoverinternal' A '10.1.1.22' -Ttl 3600  # mobility.lyncdiscoverinternal
  Add-LyncRecord 'mslync.net' 'meet' A '10.1.1.22' -Ttl 3600  # simple-url.internal-a
  Add-LyncRecord 'mslync.net' 'sip' A '10.1.1.22' -Ttl 3600  # internal.sip-a
  Add-LyncRecord 'mslync.net' 'ucupdates-r2' A '10.1.1.21' -Ttl 3600  # internal.ucupdates-a
  Add-LyncRecord 'mslync.net' 'webconf' A '192.0.2.31' -Ttl 3600  # dns.split-brain-copy
}
