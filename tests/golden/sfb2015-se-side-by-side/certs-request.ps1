<#
.SYNOPSIS
The Lync certificates lyncplan planned from sfb2015-se-side-by-side.yaml: requested, imported and assigned
on each server with the Management Shell.

.DESCRIPTION
Written by lyncplan from sfb2015-se-side-by-side.yaml as request-cscertificate.ps1.
Two ways lead to the same certificates; take one per certificate, never both: each
makes its own key, and a certificate only works with the key its request came from.
This script is the Windows way: Request-CsCertificate makes each key on the server that
runs it, so the key never leaves it; the .key and .csr files beside it are the OpenSSL way
(index.txt). Copy this folder to every server below and run, in the Lync Server or Skype
for Business Server Management Shell, as a member of RTCUniversalServerAdmins:
  1. .\request-cscertificate.ps1 -Step Request   # offline requests: <id>.req in this folder
  2. have the CA issue each request; save the server certificate beside it as <id>.cer
  3. .\request-cscertificate.ps1 -Step Assign    # Import-CsCertificate, then Set-CsCertificate
Each server does its own part: it finds itself by its FQDN (-Server overrides).
Request-CsCertificate builds the subject and SANs from the published topology; -DomainName
only adds names to them, so publish the topology first, and run `lyncplan certs verify` on
what the CA issued before step 3.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
  [Parameter(Mandatory = $true)][ValidateSet('Request', 'Assign', 'Export')][string]$Step,
  [string]$Folder = $PSScriptRoot,
  [string]$Server = ([System.Net.Dns]::GetHostEntry($env:COMPUTERNAME).HostName),
  [SecureString]$PfxPassword
)
Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
if ($null -eq (Get-Command Request-CsCertificate -ErrorAction SilentlyContinue)) {
  throw 'Request-CsCertificate is not here: run this in the Lync Server or Skype for Business Server Management Shell'
}
# Every -Output and -Path below is absolute: the folder as a full path.
$Folder = (Resolve-Path -LiteralPath $Folder).ProviderPath
$script:Matched = $false

function Test-ThisServer([string]$Fqdn) {
  if ($Server -ne $Fqdn) { return $false }
  $script:Matched = $true
  return $true
}

# What the CA issued for <id>.req: the server's certificate alone, as <id>.cer or <id>.crt.
function Get-IssuedFile([string]$Id) {
  foreach ($extension in '.cer', '.crt') {
    $path = Join-Path $Folder ($Id + $extension)
    if (Test-Path -LiteralPath $path) { return $path }
  }
  throw ('{0}: no issued certificate in {1}: save what the CA issued for {0}.req there as {0}.cer' -f $Id, $Folder)
}

function Get-Thumbprint([string]$Path) {
  (New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 $Path).Thumbprint
}

# The issued certificate completes this server's pending request, then serves its types.
function Complete-LyncCertificate([string]$Id, [string[]]$Types, [switch]$Global) {
  $file = Get-IssuedFile $Id
  $thumbprint = Get-Thumbprint $file
  if (-not $PSCmdlet.ShouldProcess($Id, ('import {0} and assign it as {1}' -f $file, ($Types -join ',')))) { return }
  Import-CsCertificate -Path $file
  $installed = Get-Item -LiteralPath ('Cert:\LocalMachine\My\{0}' -f $thumbprint)
  if (-not $installed.HasPrivateKey) {
    throw ('{0}: the issued certificate has no private key here: it answers a request made on another computer' -f $Id)
  }
  if ($Global) {
    # Once for the deployment: replication puts it on every Front End and Director.
    Set-CsCertificate -Identity Global -Type $Types -Thumbprint $thumbprint
  } else {
    Set-CsCertificate -Type $Types -Thumbprint $thumbprint
  }
  Write-Host ('assigned {0} ({1}) as {2}' -f $Id, $thumbprint, ($Types -join ','))
}

# The first server of a pool that shares one key writes it, with the certificate, for the others.
function Export-LyncPfx([string]$Id) {
  if ($null -eq $PfxPassword) { throw '-PfxPassword is needed to protect the exported key' }
  $thumbprint = Get-Thumbprint (Get-IssuedFile $Id)
  $pfx = Join-Path $Folder ($Id + '.pfx')
  if (-not $PSCmdlet.ShouldProcess($Id, ('export with its private key to {0}' -f $pfx))) { return }
  Export-PfxCertificate -Cert ('Cert:\LocalMachine\My\{0}' -f $thumbprint) -FilePath $pfx -Password $PfxPassword | Out-Null
  Write-Host ('exported {0} to {1}: copy it to the other servers of the pool' -f $Id, $pfx)
}

# The other servers of that pool import the exported key and certificate, then assign it.
function Import-LyncPfx([string]$Id, [string[]]$Types) {
  $pfx = Join-Path $Folder ($Id + '.pfx')
  if (-not (Test-Path -LiteralPath $pfx)) {
    throw ('{0}: {1} is missing: run -Step Export on the server that requested it and copy the file here' -f $Id, $pfx)
  }
  if ($null -eq $PfxPassword) { throw '-PfxPassword is needed to read the exported key' }
  $thumbprint = (New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 $pfx, $PfxPassword).Thumbprint
  if (-not $PSCmdlet.ShouldProcess($Id, ('import {0} and assign it as {1}' -f $pfx, ($Types -join ',')))) { return }
  $password = (New-Object System.Net.NetworkCredential '', $PfxPassword).Password
  Import-CsCertificate -Path $pfx -Password $password -PrivateKeyExportable $true
  Set-CsCertificate -Type $Types -Thumbprint $thumbprint
  Write-Host ('assigned {0} ({1}) as {2}' -f $Id, $thumbprint, ($Types -join ','))
}

# ---- edge.corp.contoso.com (edge external, edge internal)
if (Test-ThisServer 'edge.corp.contoso.com') {
  if ($Step -eq 'Request') {
    Request-CsCertificate -New -Type 'AccessEdgeExternal','DataEdgeExternal','AudioVideoAuthentication' -FriendlyName 'lyncplan edge-external-edge.corp.contoso.com' -KeySize 2048 -DomainName 'webconf.contoso.com' -PrivateKeyExportable $false -Output (Join-Path $Folder 'edge-external-edge.corp.contoso.com.req')
    Request-CsCertificate -New -Type 'Internal' -FriendlyName 'lyncplan edge-internal-edge.corp.contoso.com' -KeySize 2048 -PrivateKeyExportable $false -Output (Join-Path $Folder 'edge-internal-edge.corp.contoso.com.req')
  }
  if ($Step -eq 'Assign') {
    Complete-LyncCertificate 'edge-external-edge.corp.contoso.com' @('AccessEdgeExternal','DataEdgeExternal','AudioVideoAuthentication')
    Complete-LyncCertificate 'edge-internal-edge.corp.contoso.com' @('Internal')
  }
}

# ---- fe15a.corp.contoso.com (front-end default, front-end web-external, front-end web-internal, deployment oauth)
if (Test-ThisServer 'fe15a.corp.contoso.com') {
  if ($Step -eq 'Request') {
    Request-CsCertificate -New -Type 'Default' -FriendlyName 'lyncplan front-end-default-fe15a.corp.contoso.com' -KeySize 2048 -ComputerFqdn 'fe15a.corp.contoso.com' -DomainName 'fe15a.corp.contoso.com' -PrivateKeyExportable $false -Output (Join-Path $Folder 'front-end-default-fe15a.corp.contoso.com.req')
    Request-CsCertificate -New -Type 'WebServicesExternal' -FriendlyName 'lyncplan front-end-web-external-fe15a.corp.contoso.com' -KeySize 2048 -ComputerFqdn 'fe15a.corp.contoso.com' -DomainName 'web2015.contoso.com,meet.contoso.com,dialin.contoso.com,lyncdiscover.contoso.com' -PrivateKeyExportable $false -Output (Join-Path $Folder 'front-end-web-external-fe15a.corp.contoso.com.req')
    Request-CsCertificate -New -Type 'WebServicesInternal' -FriendlyName 'lyncplan front-end-web-internal-fe15a.corp.contoso.com' -KeySize 2048 -ComputerFqdn 'fe15a.corp.contoso.com' -DomainName 'web2015.corp.contoso.com,fe15a.corp.contoso.com,meet.contoso.com,dialin.contoso.com,admin.contoso.com,lyncdiscoverinternal.contoso.com' -PrivateKeyExportable $false -Output (Join-Path $Folder 'front-end-web-internal-fe15a.corp.contoso.com.req')
    Request-CsCertificate -New -Type 'OAuthTokenIssuer' -FriendlyName 'lyncplan oauth-token-issuer' -KeySize 2048 -PrivateKeyExportable $true -Output (Join-Path $Folder 'oauth-token-issuer.req')
  }
  if ($Step -eq 'Assign') {
    Complete-LyncCertificate 'front-end-default-fe15a.corp.contoso.com' @('Default')
    Complete-LyncCertificate 'front-end-web-external-fe15a.corp.contoso.com' @('WebServicesExternal')
    Complete-LyncCertificate 'front-end-web-internal-fe15a.corp.contoso.com' @('WebServicesInternal')
    Complete-LyncCertificate 'oauth-token-issuer' @('OAuthTokenIssuer') -Global
  }
}

# ---- fe15b.corp.contoso.com (front-end default, front-end web-external, front-end web-internal)
if (Test-ThisServer 'fe15b.corp.contoso.com') {
  if ($Step -eq 'Request') {
    Request-CsCertificate -New -Type 'Default' -FriendlyName 'lyncplan front-end-default-fe15b.corp.contoso.com' -KeySize 2048 -ComputerFqdn 'fe15b.corp.contoso.com' -DomainName 'fe15b.corp.contoso.com' -PrivateKeyExportable $false -Output (Join-Path $Folder 'front-end-default-fe15b.corp.contoso.com.req')
    Request-CsCertificate -New -Type 'WebServicesExternal' -FriendlyName 'lyncplan front-end-web-external-fe15b.corp.contoso.com' -KeySize 2048 -ComputerFqdn 'fe15b.corp.contoso.com' -DomainName 'web2015.contoso.com,meet.contoso.com,dialin.contoso.com,lyncdiscover.contoso.com' -PrivateKeyExportable $false -Output (Join-Path $Folder 'front-end-web-external-fe15b.corp.contoso.com.req')
    Request-CsCertificate -New -Type 'WebServicesInternal' -FriendlyName 'lyncplan front-end-web-internal-fe15b.corp.contoso.com' -KeySize 2048 -ComputerFqdn 'fe15b.corp.contoso.com' -DomainName 'web2015.corp.contoso.com,fe15b.corp.contoso.com,meet.contoso.com,dialin.contoso.com,admin.contoso.com,lyncdiscoverinternal.contoso.com' -PrivateKeyExportable $false -Output (Join-Path $Folder 'front-end-web-internal-fe15b.corp.contoso.com.req')
  }
  if ($Step -eq 'Assign') {
    Complete-LyncCertificate 'front-end-default-fe15b.corp.contoso.com' @('Default')
    Complete-LyncCertificate 'front-end-web-external-fe15b.corp.contoso.com' @('WebServicesExternal')
    Complete-LyncCertificate 'front-end-web-internal-fe15b.corp.contoso.com' @('WebServicesInternal')
  }
}

# ---- fese1.corp.contoso.com (front-end default, front-end web-external, front-end web-internal)
if (Test-ThisServer 'fese1.corp.contoso.com') {
  if ($Step -eq 'Request') {
    Request-CsCertificate -New -Type 'Default' -FriendlyName 'lyncplan front-end-default-fese1.corp.contoso.com' -KeySize 2048 -ComputerFqdn 'fese1.corp.contoso.com' -DomainName 'fese1.corp.contoso.com' -PrivateKeyExportable $false -Output (Join-Path $Folder 'front-end-default-fese1.corp.contoso.com.req')
    Request-CsCertificate -New -Type 'WebServicesExternal' -FriendlyName 'lyncplan front-end-web-external-fese1.corp.contoso.com' -KeySize 2048 -ComputerFqdn 'fese1.corp.contoso.com' -DomainName 'webext.contoso.com,meet.contoso.com,dialin.contoso.com,lyncdiscover.contoso.com' -PrivateKeyExportable $false -Output (Join-Path $Folder 'front-end-web-external-fese1.corp.contoso.com.req')
    Request-CsCertificate -New -Type 'WebServicesInternal' -FriendlyName 'lyncplan front-end-web-internal-fese1.corp.contoso.com' -KeySize 2048 -ComputerFqdn 'fese1.corp.contoso.com' -DomainName 'fese1.corp.contoso.com,meet.contoso.com,dialin.contoso.com,admin.contoso.com,lyncdiscoverinternal.contoso.com' -PrivateKeyExportable $false -Output (Join-Path $Folder 'front-end-web-internal-fese1.corp.contoso.com.req')
  }
  if ($Step -eq 'Assign') {
    Complete-LyncCertificate 'front-end-default-fese1.corp.contoso.com' @('Default')
    Complete-LyncCertificate 'front-end-web-external-fese1.corp.contoso.com' @('WebServicesExternal')
    Complete-LyncCertificate 'front-end-web-internal-fese1.corp.contoso.com' @('WebServicesInternal')
  }
}

# ---- fese2.corp.contoso.com (front-end default, front-end web-external, front-end web-internal)
if (Test-ThisServer 'fese2.corp.contoso.com') {
  if ($Step -eq 'Request') {
    Request-CsCertificate -New -Type 'Default' -FriendlyName 'lyncplan front-end-default-fese2.corp.contoso.com' -KeySize 2048 -ComputerFqdn 'fese2.corp.contoso.com' -DomainName 'fese2.corp.contoso.com' -PrivateKeyExportable $false -Output (Join-Path $Folder 'front-end-default-fese2.corp.contoso.com.req')
    Request-CsCertificate -New -Type 'WebServicesExternal' -FriendlyName 'lyncplan front-end-web-external-fese2.corp.contoso.com' -KeySize 2048 -ComputerFqdn 'fese2.corp.contoso.com' -DomainName 'webext.contoso.com,meet.contoso.com,dialin.contoso.com,lyncdiscover.contoso.com' -PrivateKeyExportable $false -Output (Join-Path $Folder 'front-end-web-external-fese2.corp.contoso.com.req')
    Request-CsCertificate -New -Type 'WebServicesInternal' -FriendlyName 'lyncplan front-end-web-internal-fese2.corp.contoso.com' -KeySize 2048 -ComputerFqdn 'fese2.corp.contoso.com' -DomainName 'fese2.corp.contoso.com,meet.contoso.com,dialin.contoso.com,admin.contoso.com,lyncdiscoverinternal.contoso.com' -PrivateKeyExportable $false -Output (Join-Path $Folder 'front-end-web-internal-fese2.corp.contoso.com.req')
  }
  if ($Step -eq 'Assign') {
    Complete-LyncCertificate 'front-end-default-fese2.corp.contoso.com' @('Default')
    Complete-LyncCertificate 'front-end-web-external-fese2.corp.contoso.com' @('WebServicesExternal')
    Complete-LyncCertificate 'front-end-web-internal-fese2.corp.contoso.com' @('WebServicesInternal')
  }
}

# Not Lync servers, so not here: reverse-proxy-203.0.113.20. They take the OpenSSL way (index.txt).

if (-not $script:Matched) {
  throw ('{0} is none of the servers this plan has certificates for (edge.corp.contoso.com, fe15a.corp.contoso.com, fe15b.corp.contoso.com, fese1.corp.contoso.com, fese2.corp.contoso.com); give -Server with the FQDN' -f $Server)
}
