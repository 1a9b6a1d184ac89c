# lyncplan tenant add: fabrikam.com, hosted by contoso.com (hosting-provider.yaml)
# In the Lync Server 2010 Management Shell, as a member of RTCUniversalServerAdmins.
# Sources: https://learn.microsoft.com/powershell/module/skypeforbusiness/new-cssipdomain
#          https://learn.microsoft.com/powershell/module/skypeforbusiness/set-cssimpleurlconfiguration
# Simple URL changes take effect once Enable-CsComputer has run on every Front End Server
# and Director (it rewrites their IIS sites); the DNS and certificates do not change.
Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

# fabrikam.com
if (-not (Get-CsSipDomain -Filter 'fabrikam.com')) { New-CsSipDomain -Identity 'fabrikam.com' }
$entry = New-CsSimpleUrlEntry -Url 'https://lync.contoso.com/fabrikam.com/Meet'
$meet = New-CsSimpleUrl -Component 'meet' -Domain 'fabrikam.com' -SimpleUrlEntry $entry -ActiveUrl 'https://lync.contoso.com/fabrikam.com/Meet'
$have = @((Get-CsSimpleUrlConfiguration -Identity 'Global').SimpleUrl | Where-Object { $_.Component -eq 'meet' -and $_.Domain -eq 'fabrikam.com' })
if ($have.Count -eq 0) { Set-CsSimpleUrlConfiguration -Identity 'Global' -SimpleUrl @{Add = $meet} }

# then, on every Front End Server and Director: Enable-CsComputer
