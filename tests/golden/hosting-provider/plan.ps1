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
  Add-LyncZone 'contoso.com'
  Add-LyncZone 'litware.com'
  Add-LyncZone 'tailspin.com'
  Add-LyncZone 'wingtip.com'
  Add-LyncRecord 'contoso.com' '_sip._tls' SRV 'sip.contoso.com' -Port 443 -Priority 0 -Weight 0 -Ttl 3600  # edge.sip-tls-srv
  Add-LyncRecord 'contoso.com' '_sipfederationtls._tcp' SRV 'sip.contoso.com' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # edge.federation-srv
  Add-LyncRecord 'contoso.com' 'av' A '203.0.113.12' -Ttl 3600  # edge.av-a
  Add-LyncRecord 'contoso.com' 'lync' A '203.0.113.20' -Ttl 3600  # simple-url.external-a
  Add-LyncRecord 'contoso.com' 'lyncdiscover' A '203.0.113.20' -Ttl 3600  # mobility.lyncdiscover
  Add-LyncRecord 'contoso.com' 'sip' A '203.0.113.10' -Ttl 3600  # edge.access-a
  Add-LyncRecord 'contoso.com' 'web' A '203.0.113.20' -Ttl 3600  # rp.web-external-a
  Add-LyncRecord 'contoso.com' 'webconf' A '203.0.113.11' -Ttl 3600  # edge.webconf-a
  Add-LyncRecord 'litware.com' '_sip._tls' SRV 'sip.contoso.com' -Port 443 -Priority 0 -Weight 0 -Ttl 3600  # hosting.sip-tls-srv
  Add-LyncRecord 'litware.com' '_sipfederationtls._tcp' SRV 'sip.contoso.com' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # hosting.federation-srv
  Add-LyncRecord 'litware.com' 'lyncdiscover' A '203.0.113.20' -Ttl 3600  # hosting.lyncdiscover
  Add-LyncRecord 'tailspin.com' '_sip._tls' SRV 'sip.contoso.com' -Port 443 -Priority 0 -Weight 0 -Ttl 3600  # hosting.sip-tls-srv
  Add-LyncRecord 'tailspin.com' '_sipfederationtls._tcp' SRV 'sip.contoso.com' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # hosting.federation-srv
  Add-LyncRecord 'tailspin.com' 'lyncdiscover' A '203.0.113.20' -Ttl 3600  # hosting.lyncdiscover
  Add-LyncRecord 'wingtip.com' '_sip._tls' SRV 'sip.contoso.com' -Port 443 -Priority 0 -Weight 0 -Ttl 3600  # hosting.sip-tls-srv
  Add-LyncRecord 'wingtip.com' '_sipfederationtls._tcp' SRV 'sip.contoso.com' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # hosting.federation-srv
  Add-LyncRecord 'wingtip.com' 'lyncdiscover' A '203.0.113.20' -Ttl 3600  # hosting.lyncdiscover
}

if ($View -eq 'internal') {
  Add-LyncZone 'contoso.com'
  Add-LyncRecord 'contoso.com' '_sip._tls' SRV 'sip.contoso.com' -Port 443 -Priority 0 -Weight 0 -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'contoso.com' '_sipfederationtls._tcp' SRV 'sip.contoso.com' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'contoso.com' '_sipinternaltls._tcp' SRV 'pool.contoso.com' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # internal.sipinternaltls-srv
  Add-LyncRecord 'contoso.com' 'av' A '203.0.113.12' -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'contoso.com' 'edge' A '172.16.0.10' -Ttl 3600  # edge.internal-a
  Add-LyncRecord 'contoso.com' 'fe1' A '10.0.0.11' -Ttl 3600  # pool.server-a
  Add-LyncRecord 'contoso.com' 'fe2' A '10.0.0.12' -Ttl 3600  # pool.server-a
  Add-LyncRecord 'contoso.com' 'lync' A '10.0.0.100' -Ttl 3600  # simple-url.internal-a
  Add-LyncRecord 'contoso.com' 'lyncdiscover' A '203.0.113.20' -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'contoso.com' 'lyncdiscoverinternal' A '10.0.0.100' -Ttl 3600  # mobility.lyncdiscoverinternal
  Add-LyncRecord 'contoso.com' 'pool' A '10.0.0.100' -Ttl 3600  # pool.a
  Add-LyncRecord 'contoso.com' 'sip' A '10.0.0.100' -Ttl 3600  # internal.sip-a
  Add-LyncRecord 'contoso.com' 'ucupdates-r2' A '10.0.0.100' -Ttl 3600  # internal.ucupdates-a
  Add-LyncRecord 'contoso.com' 'web' A '203.0.113.20' -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'contoso.com' 'webconf' A '203.0.113.11' -Ttl 3600  # dns.split-brain-copy
}
