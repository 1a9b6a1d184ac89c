#!/bin/sh
# lyncplan tenant remove: tailspin.com, hosted by contoso.com (hosting-provider.yaml)
# Run where pdnsutil reaches the PowerDNS backend; PDNSUTIL may name another command,
# e.g. PDNSUTIL='pdnsutil --config-dir=/etc/powerdns/hosting'.
# The planned record sets are deleted (they are the tenant's Lync records); the zone stays.
set -eu
pdnsutil=${PDNSUTIL:-pdnsutil}

# tailspin.com
$pdnsutil delete-rrset 'tailspin.com' '_sip._tls' SRV
$pdnsutil delete-rrset 'tailspin.com' '_sipfederationtls._tcp' SRV
$pdnsutil delete-rrset 'tailspin.com' 'lyncdiscover' A
