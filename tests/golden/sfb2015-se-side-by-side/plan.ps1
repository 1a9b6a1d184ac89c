<#
.SYNOPSIS
The DNS records lyncplan planned from sfb2015-se-side-by-side.yaml, for Windows DNS Server.

.DESCRIPTION
Written by lyncplan from sfb2015-se-side-by-side.yaml as sfb2015-se-side-by-side-dns.ps1.
Run it once per view, on that view's DNS server or with -ComputerName, as a DNS
administrator; first with -WhatIf.

It reads every zone and every planned name before it changes anything, and changes
nothing when a zone is missing or not primary, when the external view would land in an
Active Directory-integrated zone, or when a planned name holds other data of its type (an
older pool's SRV, a stale address) or a CNAME beside other data: clients would use those
beside the planned records. -Replace and -CreateZones say how to go on. SRV records
match on priority, weight, port and target.

Needs the DnsServer module: Windows Server 2012 or later, or the DNS Server tools of RSAT;
-ZoneScope needs Windows Server 2016 or later. Older servers have no DnsServer module:
the dnscmd lines at the end of this file add the same records, without these checks.

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
PS> .\sfb2015-se-side-by-side-dns.ps1 -View internal -WhatIf
Reads the server and shows every change it would make, writing nothing.

.EXAMPLE
PS> .\sfb2015-se-side-by-side-dns.ps1 -View internal -WhatIf | Export-Csv dns-internal.csv -NoTypeInformation
Keeps the list of planned records with their status (present, add, remove, conflict).

.EXAMPLE
PS> .\sfb2015-se-side-by-side-dns.ps1 -View external -ComputerName ns1.example.net
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

# The planned records: one name of a zone holds exactly the planned data of its types.
$Planned = @(
  @{ View = 'external'; Zone = 'contoso.com'; Name = '_sip._tls'; Type = 'SRV'; Data = '0 0 443 sip.contoso.com'; Ttl = 3600; Rule = 'edge.sip-tls-srv' },
  @{ View = 'external'; Zone = 'contoso.com'; Name = '_sipfederationtls._tcp'; Type = 'SRV'; Data = '0 0 5061 sip.contoso.com'; Ttl = 3600; Rule = 'edge.federation-srv' },
  @{ View = 'external'; Zone = 'contoso.com'; Name = 'av'; Type = 'A'; Data = '203.0.113.12'; Ttl = 3600; Rule = 'edge.av-a' },
  @{ View = 'external'; Zone = 'contoso.com'; Name = 'dialin'; Type = 'A'; Data = '203.0.113.20'; Ttl = 3600; Rule = 'simple-url.external-a' },
  @{ View = 'external'; Zone = 'contoso.com'; Name = 'lyncdiscover'; Type = 'A'; Data = '203.0.113.20'; Ttl = 3600; Rule = 'mobility.lyncdiscover' },
  @{ View = 'external'; Zone = 'contoso.com'; Name = 'meet'; Type = 'A'; Data = '203.0.113.20'; Ttl = 3600; Rule = 'simple-url.external-a' },
  @{ View = 'external'; Zone = 'contoso.com'; Name = 'sip'; Type = 'A'; Data = '203.0.113.10'; Ttl = 3600; Rule = 'edge.access-a' },
  @{ View = 'external'; Zone = 'contoso.com'; Name = 'web2015'; Type = 'A'; Data = '203.0.113.20'; Ttl = 3600; Rule = 'rp.web-external-a' },
  @{ View = 'external'; Zone = 'contoso.com'; Name = 'webconf'; Type = 'A'; Data = '203.0.113.11'; Ttl = 3600; Rule = 'edge.webconf-a' },
  @{ View = 'external'; Zone = 'contoso.com'; Name = 'webext'; Type = 'A'; Data = '203.0.113.20'; Ttl = 3600; Rule = 'rp.web-external-a' },
  @{ View = 'internal'; Zone = 'contoso.com'; Name = '_sip._tls'; Type = 'SRV'; Data = '0 0 443 sip.contoso.com'; Ttl = 3600; Rule = 'dns.split-brain-copy' },
  @{ View = 'internal'; Zone = 'contoso.com'; Name = '_sipfederationtls._tcp'; Type = 'SRV'; Data = '0 0 5061 sip.contoso.com'; Ttl = 3600; Rule = 'dns.split-brain-copy' },
  @{ View = 'internal'; Zone = 'contoso.com'; Name = '_sipinternaltls._tcp'; Type = 'SRV'; Data = '0 0 5061 poolse.corp.contoso.com'; Ttl = 3600; Rule = 'internal.sipinternaltls-srv' },
  @{ View = 'internal'; Zone = 'contoso.com'; Name = 'admin'; Type = 'A'; Data = '10.0.10.120'; Ttl = 3600; Rule = 'simple-url.internal-a' },
  @{ View = 'internal'; Zone = 'contoso.com'; Name = 'av'; Type = 'A'; Data = '203.0.113.12'; Ttl = 3600; Rule = 'dns.split-brain-copy' },
  @{ View = 'internal'; Zone = 'contoso.com'; Name = 'dialin'; Type = 'A'; Data = '10.0.10.120'; Ttl = 3600; Rule = 'simple-url.internal-a' },
  @{ View = 'internal'; Zone = 'contoso.com'; Name = 'lyncdiscover'; Type = 'A'; Data = '203.0.113.20'; Ttl = 3600; Rule = 'dns.split-brain-copy' },
  @{ View = 'internal'; Zone = 'contoso.com'; Name = 'lyncdiscoverinternal'; Type = 'A'; Data = '10.0.10.120'; Ttl = 3600; Rule = 'mobility.lyncdiscoverinternal' },
  @{ View = 'internal'; Zone = 'contoso.com'; Name = 'meet'; Type = 'A'; Data = '10.0.10.120'; Ttl = 3600; Rule = 'simple-url.internal-a' },
  @{ View = 'internal'; Zone = 'contoso.com'; Name = 'sip'; Type = 'A'; Data = '10.0.10.100'; Ttl = 3600; Rule = 'internal.sip-a' },
  @{ View = 'internal'; Zone = 'contoso.com'; Name = 'ucupdates-r2'; Type = 'A'; Data = '10.0.10.120'; Ttl = 3600; Rule = 'internal.ucupdates-a' },
  @{ View = 'internal'; Zone = 'contoso.com'; Name = 'web2015'; Type = 'A'; Data = '203.0.113.20'; Ttl = 3600; Rule = 'dns.split-brain-copy' },
  @{ View = 'internal'; Zone = 'contoso.com'; Name = 'webconf'; Type = 'A'; Data = '203.0.113.11'; Ttl = 3600; Rule = 'dns.split-brain-copy' },
  @{ View = 'internal'; Zone = 'contoso.com'; Name = 'webext'; Type = 'A'; Data = '203.0.113.20'; Ttl = 3600; Rule = 'dns.split-brain-copy' },
  @{ View = 'internal'; Zone = 'corp.contoso.com'; Name = 'edge'; Type = 'A'; Data = '10.0.20.10'; Ttl = 3600; Rule = 'edge.internal-a' },
  @{ View = 'internal'; Zone = 'corp.contoso.com'; Name = 'fe15a'; Type = 'A'; Data = '10.0.10.21'; Ttl = 3600; Rule = 'pool.server-a' },
  @{ View = 'internal'; Zone = 'corp.contoso.com'; Name = 'fe15b'; Type = 'A'; Data = '10.0.10.22'; Ttl = 3600; Rule = 'pool.server-a' },
  @{ View = 'internal'; Zone = 'corp.contoso.com'; Name = 'fese1'; Type = 'A'; Data = '10.0.10.11'; Ttl = 3600; Rule = 'pool.server-a' },
  @{ View = 'internal'; Zone = 'corp.contoso.com'; Name = 'fese2'; Type = 'A'; Data = '10.0.10.12'; Ttl = 3600; Rule = 'pool.server-a' },
  @{ View = 'internal'; Zone = 'corp.contoso.com'; Name = 'pool2015'; Type = 'A'; Data = '10.0.10.21'; Ttl = 3600; Rule = 'pool.a' },
  @{ View = 'internal'; Zone = 'corp.contoso.com'; Name = 'pool2015'; Type = 'A'; Data = '10.0.10.22'; Ttl = 3600; Rule = 'pool.a' },
  @{ View = 'internal'; Zone = 'corp.contoso.com'; Name = 'poolse'; Type = 'A'; Data = '10.0.10.100'; Ttl = 3600; Rule = 'pool.a' },
  @{ View = 'internal'; Zone = 'corp.contoso.com'; Name = 'web2015'; Type = 'A'; Data = '10.0.10.120'; Ttl = 3600; Rule = 'pool.web-internal-a' }
)

# The records to delete: the teams-only domains' on-premises records.
$Removed = @(
)

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

# Windows Server 2008 R2 and older (no DnsServer module): the same records with dnscmd,
# run on the DNS server of each view. They add; they check nothing.
# internal view:
#   dnscmd /RecordAdd contoso.com _sip._tls 3600 SRV 0 0 443 sip.contoso.com
#   dnscmd /RecordAdd contoso.com _sipfederationtls._tcp 3600 SRV 0 0 5061 sip.contoso.com
#   dnscmd /RecordAdd contoso.com _sipinternaltls._tcp 3600 SRV 0 0 5061 poolse.corp.contoso.com
#   dnscmd /RecordAdd contoso.com admin 3600 A 10.0.10.120
#   dnscmd /RecordAdd contoso.com av 3600 A 203.0.113.12
#   dnscmd /RecordAdd contoso.com dialin 3600 A 10.0.10.120
#   dnscmd /RecordAdd contoso.com lyncdiscover 3600 A 203.0.113.20
#   dnscmd /RecordAdd contoso.com lyncdiscoverinternal 3600 A 10.0.10.120
#   dnscmd /RecordAdd contoso.com meet 3600 A 10.0.10.120
#   dnscmd /RecordAdd contoso.com sip 3600 A 10.0.10.100
#   dnscmd /RecordAdd contoso.com ucupdates-r2 3600 A 10.0.10.120
#   dnscmd /RecordAdd contoso.com web2015 3600 A 203.0.113.20
#   dnscmd /RecordAdd contoso.com webconf 3600 A 203.0.113.11
#   dnscmd /RecordAdd contoso.com webext 3600 A 203.0.113.20
#   dnscmd /RecordAdd corp.contoso.com edge 3600 A 10.0.20.10
#   dnscmd /RecordAdd corp.contoso.com fe15a 3600 A 10.0.10.21
#   dnscmd /RecordAdd corp.contoso.com fe15b 3600 A 10.0.10.22
#   dnscmd /RecordAdd corp.contoso.com fese1 3600 A 10.0.10.11
#   dnscmd /RecordAdd corp.contoso.com fese2 3600 A 10.0.10.12
#   dnscmd /RecordAdd corp.contoso.com pool2015 3600 A 10.0.10.21
#   dnscmd /RecordAdd corp.contoso.com pool2015 3600 A 10.0.10.22
#   dnscmd /RecordAdd corp.contoso.com poolse 3600 A 10.0.10.100
#   dnscmd /RecordAdd corp.contoso.com web2015 3600 A 10.0.10.120
# external view:
#   dnscmd /RecordAdd contoso.com _sip._tls 3600 SRV 0 0 443 sip.contoso.com
#   dnscmd /RecordAdd contoso.com _sipfederationtls._tcp 3600 SRV 0 0 5061 sip.contoso.com
#   dnscmd /RecordAdd contoso.com av 3600 A 203.0.113.12
#   dnscmd /RecordAdd contoso.com dialin 3600 A 203.0.113.20
#   dnscmd /RecordAdd contoso.com lyncdiscover 3600 A 203.0.113.20
#   dnscmd /RecordAdd contoso.com meet 3600 A 203.0.113.20
#   dnscmd /RecordAdd contoso.com sip 3600 A 203.0.113.10
#   dnscmd /RecordAdd contoso.com web2015 3600 A 203.0.113.20
#   dnscmd /RecordAdd contoso.com webconf 3600 A 203.0.113.11
#   dnscmd /RecordAdd contoso.com webext 3600 A 203.0.113.20
