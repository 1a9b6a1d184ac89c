-- lyncplan plan --format pdns: the external view (2 zones, 16 records)
-- For PowerDNS's generic SQL backends (gsqlite3, gmysql, gpgsql), one transaction:
--   sqlite3 -bail /var/lib/powerdns/pdns.sqlite3 < FILE
--   (or mysql pdns < FILE; psql -v ON_ERROR_STOP=1 pdns -f FILE)
-- A zone that does not exist is created NATIVE, with placeholder SOA and NS (the topology has no dns: section).
-- Each planned record set is replaced whole and what the plan removes is deleted, so a
-- rerun changes nothing. A MASTER zone's secondaries see it after pdnsutil increase-serial.
BEGIN;

-- contoso.com
INSERT INTO domains (name, type) SELECT 'contoso.com', 'NATIVE' WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = 'contoso.com');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'contoso.com', 'SOA', 'ns.invalid hostmaster.invalid 1 3600 600 1209600 3600', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND type = 'SOA');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'contoso.com', 'NS', 'ns.invalid', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'contoso.com' AND type = 'NS');
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = '_sip._tls.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = '_sip._tls.contoso.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = '_sipfederationtls._tcp.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = '_sipfederationtls._tcp.contoso.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'av.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'av.contoso.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'dialin.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'dialin.contoso.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'lyncdiscover.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'lyncdiscover.contoso.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'meet.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'meet.contoso.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'officewebapps01.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'officewebapps01.contoso.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'sip.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'sip.contoso.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'webcon.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'webcon.contoso.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'webdirext.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'webdirext.contoso.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'webext.contoso.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'contoso.com') AND name = 'webext.contoso.com' AND type = 'A';
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), '_sip._tls.contoso.com', 'SRV', '0 0 443 sip.contoso.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), '_sipfederationtls._tcp.contoso.com', 'SRV', '0 0 5061 sip.contoso.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'av.contoso.com', 'A', '131.107.155.30', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'dialin.contoso.com', 'A', '131.107.155.40', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'lyncdiscover.contoso.com', 'A', '131.107.155.40', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'meet.contoso.com', 'A', '131.107.155.40', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'officewebapps01.contoso.com', 'A', '131.107.155.40', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'sip.contoso.com', 'A', '131.107.155.10', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'webcon.contoso.com', 'A', '131.107.155.20', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'webdirext.contoso.com', 'A', '131.107.155.40', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'contoso.com'), 'webext.contoso.com', 'A', '131.107.155.40', 3600;

-- fabrikam.com
INSERT INTO domains (name, type) SELECT 'fabrikam.com', 'NATIVE' WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = 'fabrikam.com');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'fabrikam.com'), 'fabrikam.com', 'SOA', 'ns.invalid hostmaster.invalid 1 3600 600 1209600 3600', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'fabrikam.com') AND type = 'SOA');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'fabrikam.com'), 'fabrikam.com', 'NS', 'ns.invalid', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'fabrikam.com') AND name = 'fabrikam.com' AND type = 'NS');
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'fabrikam.com') AND name = '_sip._tls.fabrikam.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'fabrikam.com') AND name = '_sip._tls.fabrikam.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'fabrikam.com') AND name = '_sipfederationtls._tcp.fabrikam.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'fabrikam.com') AND name = '_sipfederationtls._tcp.fabrikam.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'fabrikam.com') AND name = 'lyncdiscover.fabrikam.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'fabrikam.com') AND name = 'lyncdiscover.fabrikam.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'fabrikam.com') AND name = 'meet.fabrikam.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'fabrikam.com') AND name = 'meet.fabrikam.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'fabrikam.com') AND name = 'sip.fabrikam.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'fabrikam.com') AND name = 'sip.fabrikam.com' AND type = 'A';
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'fabrikam.com'), '_sip._tls.fabrikam.com', 'SRV', '0 0 443 sip.fabrikam.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'fabrikam.com'), '_sipfederationtls._tcp.fabrikam.com', 'SRV', '0 0 5061 sip.fabrikam.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'fabrikam.com'), 'lyncdiscover.fabrikam.com', 'A', '131.107.155.40', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'fabrikam.com'), 'meet.fabrikam.com', 'A', '131.107.155.40', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'fabrikam.com'), 'sip.fabrikam.com', 'A', '131.107.155.10', 3600;

COMMIT;
