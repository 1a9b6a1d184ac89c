-- lyncplan plan --format pdns: the external view (4 zones, 18 records)
-- For PowerDNS's generic SQL backends (gsqlite3, gmysql, gpgsql), one transaction:
--   sqlite3 -bail /var/lib/powerdns/pdns.sqlite3 < FILE
--   (or mysql pdns < FILE; psql -v ON_ERROR_STOP=1 pdns -f FILE)
-- A zone that does not exist is created NATIVE, with the SOA and NS of the topology's dns: section.
-- Each planned record set is replaced whole and what the plan removes is deleted, so a
-- rerun changes nothing. A MASTER zone's secondaries see it after pdnsutil increase-serial.
BEGIN;

-- contoso.com
INSERT INTO domains (name, type) SELECT 'contoso.com', 'NATIVE' WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = 'contoso.com');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'contoso.com', 'SOA', 'ns1.contoso.com hostmaster.contoso.com 1 3600 600 1209600 3600', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND type = 'SOA');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'contoso.com', 'NS', 'ns1.contoso.com', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'contoso.com' AND type = 'NS');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'contoso.com', 'NS', 'ns2.fabrikam-dns.net', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'contoso.com' AND type = 'NS');
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = '_sip._tls.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = '_sip._tls.contoso.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = '_sipfederationtls._tcp.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = '_sipfederationtls._tcp.contoso.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'av.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'av.contoso.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'lync.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'lync.contoso.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'lyncdiscover.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'lyncdiscover.contoso.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'sip.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'sip.contoso.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'sipexternal.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'sipexternal.contoso.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'web.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'web.contoso.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'webconf.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'webconf.contoso.com' AND type = 'A';
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), '_sip._tls.contoso.com', 'SRV', '0 0 443 sipexternal.contoso.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), '_sipfederationtls._tcp.contoso.com', 'SRV', '0 0 5061 sipexternal.contoso.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'av.contoso.com', 'A', '203.0.113.12', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'lync.contoso.com', 'A', '203.0.113.20', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'lyncdiscover.contoso.com', 'A', '203.0.113.20', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'sip.contoso.com', 'A', '203.0.113.10', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'sipexternal.contoso.com', 'A', '203.0.113.10', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'web.contoso.com', 'A', '203.0.113.20', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'webconf.contoso.com', 'A', '203.0.113.11', 3600;

-- litware.com
INSERT INTO domains (name, type) SELECT 'litware.com', 'NATIVE' WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = 'litware.com');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'litware.com'), 'litware.com', 'SOA', 'ns1.contoso.com hostmaster.contoso.com 1 3600 600 1209600 3600', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'litware.com') AND type = 'SOA');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'litware.com'), 'litware.com', 'NS', 'ns1.contoso.com', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'litware.com') AND name = 'litware.com' AND type = 'NS');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'litware.com'), 'litware.com', 'NS', 'ns2.fabrikam-dns.net', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'litware.com') AND name = 'litware.com' AND type = 'NS');
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'litware.com') AND name = '_sip._tls.litware.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'litware.com') AND name = '_sip._tls.litware.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'litware.com') AND name = '_sipfederationtls._tcp.litware.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'litware.com') AND name = '_sipfederationtls._tcp.litware.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'litware.com') AND name = 'lyncdiscover.litware.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'litware.com') AND name = 'lyncdiscover.litware.com' AND type = 'A';
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'litware.com'), '_sip._tls.litware.com', 'SRV', '0 0 443 sipexternal.contoso.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'litware.com'), '_sipfederationtls._tcp.litware.com', 'SRV', '0 0 5061 sipexternal.contoso.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'litware.com'), 'lyncdiscover.litware.com', 'A', '203.0.113.20', 3600;

-- tailspin.com
INSERT INTO domains (name, type) SELECT 'tailspin.com', 'NATIVE' WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = 'tailspin.com');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'tailspin.com'), 'tailspin.com', 'SOA', 'ns1.contoso.com hostmaster.contoso.com 1 3600 600 1209600 3600', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'tailspin.com') AND type = 'SOA');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'tailspin.com'), 'tailspin.com', 'NS', 'ns1.contoso.com', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'tailspin.com') AND name = 'tailspin.com' AND type = 'NS');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'tailspin.com'), 'tailspin.com', 'NS', 'ns2.fabrikam-dns.net', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'tailspin.com') AND name = 'tailspin.com' AND type = 'NS');
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'tailspin.com') AND name = '_sip._tls.tailspin.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'tailspin.com') AND name = '_sip._tls.tailspin.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'tailspin.com') AND name = '_sipfederationtls._tcp.tailspin.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'tailspin.com') AND name = '_sipfederationtls._tcp.tailspin.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'tailspin.com') AND name = 'lyncdiscover.tailspin.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'tailspin.com') AND name = 'lyncdiscover.tailspin.com' AND type = 'A';
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'tailspin.com'), '_sip._tls.tailspin.com', 'SRV', '0 0 443 sipexternal.contoso.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'tailspin.com'), '_sipfederationtls._tcp.tailspin.com', 'SRV', '0 0 5061 sipexternal.contoso.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'tailspin.com'), 'lyncdiscover.tailspin.com', 'A', '203.0.113.20', 3600;

-- wingtip.com
INSERT INTO domains (name, type) SELECT 'wingtip.com', 'NATIVE' WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = 'wingtip.com');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'wingtip.com'), 'wingtip.com', 'SOA', 'ns1.contoso.com hostmaster.contoso.com 1 3600 600 1209600 3600', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'wingtip.com') AND type = 'SOA');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'wingtip.com'), 'wingtip.com', 'NS', 'ns1.contoso.com', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'wingtip.com') AND name = 'wingtip.com' AND type = 'NS');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'wingtip.com'), 'wingtip.com', 'NS', 'ns2.fabrikam-dns.net', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'wingtip.com') AND name = 'wingtip.com' AND type = 'NS');
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'wingtip.com') AND name = '_sip._tls.wingtip.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'wingtip.com') AND name = '_sip._tls.wingtip.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'wingtip.com') AND name = '_sipfederationtls._tcp.wingtip.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'wingtip.com') AND name = '_sipfederationtls._tcp.wingtip.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'wingtip.com') AND name = 'lyncdiscover.wingtip.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'wingtip.com') AND name = 'lyncdiscover.wingtip.com' AND type = 'A';
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'wingtip.com'), '_sip._tls.wingtip.com', 'SRV', '0 0 443 sipexternal.contoso.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'wingtip.com'), '_sipfederationtls._tcp.wingtip.com', 'SRV', '0 0 5061 sipexternal.contoso.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'wingtip.com'), 'lyncdiscover.wingtip.com', 'A', '203.0.113.20', 3600;

COMMIT;
