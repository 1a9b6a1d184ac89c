#!/bin/sh
# lyncplan tenant add: fabrikam.com, hosted by contoso.com (hosting-provider.yaml)
# Run where pdnsutil reaches the PowerDNS backend; PDNSUTIL may name another command,
# e.g. PDNSUTIL='pdnsutil --config-dir=/etc/powerdns/hosting'.
# A zone that does not exist is created (add its NS records, or let the default SOA
# and NS settings of PowerDNS fill them); each planned record set is replaced whole.
set -eu
pdnsutil=${PDNSUTIL:-pdnsutil}

# fabrikam.com
$pdnsutil list-zone 'fabrikam.com' >/dev/null 2>&1 || $pdnsutil create-zone 'fabrikam.com'
$pdnsutil replace-rrset 'fabrikam.com' '_sip._tls' SRV 3600 '0 0 443 sipexternal.contoso.com.'
$pdnsutil replace-rrset 'fabrikam.com' '_sipfederationtls._tcp' SRV 3600 '0 0 5061 sipexternal.contoso.com.'
$pdnsutil replace-rrset 'fabrikam.com' 'lyncdiscover' A 3600 '203.0.113.20'
