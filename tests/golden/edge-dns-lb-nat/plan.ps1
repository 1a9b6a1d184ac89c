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
  Add-LyncRecord 'contoso.com' '_sip._tls' SRV 'sip.contoso.com' -Port 443 -Priority 0 -Weight 0 -Ttl 3600  # edge.sip-tls-srv
  Add-LyncRecord 'contoso.com' '_sipfederationtls._tcp' SRV 'sip.contoso.com' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # edge.federation-srv
  Add-LyncRecord 'contoso.com' '_xmpp-server._tcp' SRV 'xmpp.contoso.com' -Port 5269 -Priority 0 -Weight 0 -Ttl 3600  # edge.xmpp-srv
  Add-LyncRecord 'contoso.com' 'av' A '131.107.155.30' -Ttl 3600  # edge.av-a
  Add-LyncRecord 'contoso.com' 'av' A '131.107.155.31' -Ttl 3600  # edge.av-a
  Add-LyncRecord 'contoso.com' 'dialin' A '131.107.155.40' -Ttl 3600  # simple-url.external-a
  Add-LyncRecord 'contoso.com' 'lyncdiscover' A '131.107.155.40' -Ttl 3600  # mobility.lyncdiscover
  Add-LyncRecord 'contoso.com' 'meet' A '131.107.155.40' -Ttl 3600  # simple-url.external-a
  Add-LyncRecord 'contoso.com' 'sip' A '131.107.155.10' -Ttl 3600  # edge.access-a
  Add-LyncRecord 'contoso.com' 'sip' A '131.107.155.11' -Ttl 3600  # edge.access-a
  Add-LyncRecord 'contoso.com' 'webcon' A '131.107.155.20' -Ttl 3600  # edge.webconf-a
  Add-LyncRecord 'contoso.com' 'webcon' A '131.107.155.21' -Ttl 3600  # edge.webconf-a
  Add-LyncRecord 'contoso.com' 'webext' A '131.107.155.40' -Ttl 3600  # rp.web-external-a
  Add-LyncRecord 'contoso.com' 'xmpp' A '131.107.155.10' -Ttl 3600  # edge.xmpp-a
  Add-LyncRecord 'contoso.com' 'xmpp' A '131.107.155.11' -Ttl 3600  # edge.xmpp-a
}

if ($View -eq 'internal') {
  Add-LyncZone '_sipinternaltls._tcp.contoso.com'
  Add-LyncZone 'admin.contoso.com'
  Add-LyncZone 'contoso.net'
  Add-LyncZone 'dialin.contoso.com'
  Add-LyncZone 'lyncdiscoverinternal.contoso.com'
  Add-LyncZone 'meet.contoso.com'
  Add-LyncZone 'sip.contoso.com'
  Add-LyncZone 'ucupdates-r2.contoso.com'
  Add-LyncRecord '_sipinternaltls._tcp.contoso.com' '@' SRV 'pool01.contoso.net' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # internal.sipinternaltls-srv
  Add-LyncRecord 'admin.contoso.com' '@' A '192.168.21.100' -Ttl 3600  # simple-url.internal-a
  Add-LyncRecord 'contoso.net' 'edge01' A '172.25.33.10' -Ttl 3600  # edge.server-a
  Add-LyncRecord 'contoso.net' 'edge02' A '172.25.33.11' -Ttl 3600  # edge.server-a
  Add-LyncRecord 'contoso.net' 'fe01' A '192.168.21.11' -Ttl 3600  # pool.server-a
  Add-LyncRecord 'contoso.net' 'fe02' A '192.168.21.12' -Ttl 3600  # pool.server-a
  Add-LyncRecord 'contoso.net' 'lsedge' A '172.25.33.10' -Ttl 3600  # edge.internal-a
  Add-LyncRecord 'contoso.net' 'lsedge' A '172.25.33.11' -Ttl 3600  # edge.internal-a
  Add-LyncRecord 'contoso.net' 'pool01' A '192.168.21.100' -Ttl 3600  # pool.a
  Add-LyncRecord 'dialin.contoso.com' '@' A '192.168.21.100' -Ttl 3600  # simple-url.internal-a
  Add-LyncRecord 'lyncdiscoverinternal.contoso.com' '@' A '192.168.21.100' -Ttl 3600  # mobility.lyncdiscoverinternal
  Add-LyncRecord 'meet.contoso.com' '@' A '192.168.21.100' -Ttl 3600  # simple-url.internal-a
  Add-LyncRecord 'sip.contoso.com' '@' A '192.168.21.100' -Ttl 3600  # internal.sip-a
  Add-LyncRecord 'ucupdates-r2.contoso.com' '@' A '192.168.21.100' -Ttl 3600  # internal.ucupdates-a
}
