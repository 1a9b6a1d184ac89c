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
  Add-LyncZone 'anotherdomain.net'
  Add-LyncZone 'lyncdude.net'
  Add-LyncRecord 'anotherdomain.net' '_sip._tls' SRV 'sip.anotherdomain.net' -Port 443 -Priority 0 -Weight 0 -Ttl 3600  # edge.sip-tls-srv
  Add-LyncRecord 'anotherdomain.net' '_sipfederationtls._tcp' SRV 'sip.anotherdomain.net' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # edge.federation-srv
  Add-LyncRecord 'anotherdomain.net' 'lyncdiscover' A '198.51.100.20' -Ttl 3600  # mobility.lyncdiscover
  Add-LyncRecord 'anotherdomain.net' 'meet' A '198.51.100.20' -Ttl 3600  # simple-url.external-a
  Add-LyncRecord 'anotherdomain.net' 'sip' A '198.51.100.10' -Ttl 3600  # edge.sip-a
  Add-LyncRecord 'lyncdude.net' '_sip._tls' SRV 'sip.lyncdude.net' -Port 443 -Priority 0 -Weight 0 -Ttl 3600  # edge.sip-tls-srv
  Add-LyncRecord 'lyncdude.net' '_sipfederationtls._tcp' SRV 'sip.lyncdude.net' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # edge.federation-srv
  Add-LyncRecord 'lyncdude.net' 'av' A '198.51.100.12' -Ttl 3600  # edge.av-a
  Add-LyncRecord 'lyncdude.net' 'dialin' A '198.51.100.20' -Ttl 3600  # simple-url.external-a
  Add-LyncRecord 'lyncdude.net' 'lyncdiscover' A '198.51.100.20' -Ttl 3600  # mobility.lyncdiscover
  Add-LyncRecord 'lyncdude.net' 'lyncwebext' A '198.51.100.20' -Ttl 3600  # rp.web-external-a
  Add-LyncRecord 'lyncdude.net' 'meet' A '198.51.100.20' -Ttl 3600  # simple-url.external-a
  Add-LyncRecord 'lyncdude.net' 'sip' A '198.51.100.10' -Ttl 3600  # edge.access-a
  Add-LyncRecord 'lyncdude.net' 'webconf' A '198.51.100.11' -Ttl 3600  # edge.webconf-a
}

if ($View -eq 'internal') {
  Add-LyncZone 'anotherdomain.net'
  Add-LyncZone 'lyncdude.net'
  Add-LyncRecord 'anotherdomain.net' '_sip._tls' SRV 'sip.anotherdomain.net' -Port 443 -Priority 0 -Weight 0 -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'anotherdomain.net' '_sipfederationtls._tcp' SRV 'sip.anotherdomain.net' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'anotherdomain.net' '_sipinternaltls._tcp' SRV 'lyncfe.lyncdude.net' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # internal.sipinternaltls-srv
  Add-LyncRecord 'anotherdomain.net' 'lyncdiscover' A '198.51.100.20' -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'anotherdomain.net' 'lyncdiscoverinternal' A '192.168.1.20' -Ttl 3600  # mobility.lyncdiscoverinternal
  Add-LyncRecord 'anotherdomain.net' 'meet' A '192.168.1.20' -Ttl 3600  # simple-url.internal-a
  Add-LyncRecord 'anotherdomain.net' 'sip' A '192.168.1.20' -Ttl 3600  # internal.sip-a
  Add-LyncRecord 'anotherdomain.net' 'ucupdates-r2' A '192.168.1.20' -Ttl 3600  # internal.ucupdates-a
  Add-LyncRecord 'lyncdude.net' '_sip._tls' SRV 'sip.lyncdude.net' -Port 443 -Priority 0 -Weight 0 -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'lyncdude.net' '_sipfederationtls._tcp' SRV 'sip.lyncdude.net' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'lyncdude.net' '_sipinternaltls._tcp' SRV 'lyncfe.lyncdude.net' -Port 5061 -Priority 0 -Weight 0 -Ttl 3600  # internal.sipinternaltls-srv
  Add-LyncRecord 'lyncdude.net' 'admin' A '192.168.1.20' -Ttl 3600  # simple-url.internal-a
  Add-LyncRecord 'lyncdude.net' 'av' A '198.51.100.12' -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'lyncdude.net' 'dialin' A '192.168.1.20' -Ttl 3600  # simple-url.internal-a
  Add-LyncRecord 'lyncdude.net' 'lyncdiscover' A '198.51.100.20' -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'lyncdude.net' 'lyncdiscoverinternal' A '192.168.1.20' -Ttl 3600  # mobility.lyncdiscoverinternal
  Add-LyncRecord 'lyncdude.net' 'lyncedge' A '192.168.2.10' -Ttl 3600  # edge.internal-a
  Add-LyncRecord 'lyncdude.net' 'lyncfe' A '192.168.1.20' -Ttl 3600  # pool.a
  Add-LyncRecord 'lyncdude.net' 'lyncwebext' A '198.51.100.20' -Ttl 3600  # dns.split-brain-copy
  Add-LyncRecord 'lyncdude.net' 'meet' A '192.168.1.20' -Ttl 3600  # simple-url.internal-a
  Add-LyncRecord 'lyncdude.net' 'sip' A '192.168.1.20' -Ttl 3600  # internal.sip-a
  Add-LyncRecord 'lyncdude.net' 'ucupdates-r2' A '192.168.1.20' -Ttl 3600  # internal.ucupdates-a
  Add-LyncRecord 'lyncdude.net' 'webconf' A '198.51.100.11' -Ttl 3600  # dns.split-brain-copy
}
