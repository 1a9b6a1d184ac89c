#!/usr/bin/env python3
"""Writes the benchmarks' hosting topology: hosting.yaml and tenants.txt with N tenants, in the
current folder (bench/zones/run.sh and bench/report/run.sh read the same deployment)."""
import sys

n = int(sys.argv[1])
with open("tenants.txt", "w") as f:
    for i in range(n):
        f.write(f"tenant{i:06}.example.com\n")
with open("hosting.yaml", "w") as f:
    f.write("""lyncplan: 1
product: lync2013
sip_domains: [contoso.com]
simple_urls: {option: 3, base: lync.contoso.com}
dns: {primary: ns1.contoso.net, hostmaster: hostmaster.contoso.net, nameservers: [ns1.contoso.net, ns2.contoso.net]}
pools:
  - fqdn: pool.contoso.com
    role: front-end
    load_balancing: hardware
    vip: 10.0.0.100
    servers:
      - {fqdn: fe1.contoso.com, ip: 10.0.0.11}
      - {fqdn: fe2.contoso.com, ip: 10.0.0.12}
    web: {external: {fqdn: web.contoso.com}}
  - fqdn: edge.contoso.com
    role: edge
    external:
      access: {fqdn: sip.contoso.com}
      webconf: {fqdn: webconf.contoso.com}
      av: {fqdn: av.contoso.com}
    servers:
      - {fqdn: edge.contoso.com, internal_ip: 172.16.0.10, external: {access: 203.0.113.10, webconf: 203.0.113.11, av: 203.0.113.12}}
reverse_proxy: {ip: 203.0.113.20}
hosting: {provider_domain: contoso.com, tenants_file: tenants.txt}
""")
