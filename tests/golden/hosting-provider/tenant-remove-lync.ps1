# lyncplan tenant remove: tailspin.com, hosted by contoso.com (hosting-provider.yaml)
# In the Lync Server 2010 Management Shell, as a member of RTCUniversalServerAdmins.
# Sources: https://learn.microsoft.com/powershell/module/skypeforbusiness/new-cssipdomain
#          https://learn.microsoft.com/powershell/module/skypeforbusiness/set-cssimpleurlconfiguration
# Simple URL changes take effect once Enable-CsComputer has run on every Front End Server
# and Director (it rewrites their IIS sites); the DNS and certificates do not change.
Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

# tailspin.com
$have = @((Get-CsSimpleUrlConfiguration -Identity 'Global').SimpleUrl | Where-Object { $_.Component -eq 'meet' -and $_.Domain -eq 'tailspin.com' })
foreach ($url in $have) { Set-CsSimpleUrlConfiguration -Identity 'Global' -SimpleUrl @{Remove = $url} }
# users of tailspin.com must be moved or disabled first: Get-CsUser -Filter {SipAddress -like '*@tailspin.com'}
if (Get-CsSipDomain -Filter 'tailspin.com') { Remove-CsSipDomain -Identity 'tailspin.com' -Force }

# then, on every Front End Server and Director: Enable-CsComputer
