-- lyncplan plan --format pdns: the external view (2 zones, 14 records)
-- For PowerDNS's generic SQL backends (gsqlite3, gmysql, gpgsql), one transaction:
--   sqlite3 -bail /var/lib/powerdns/pdns.sqlite3 < FILE
--   (or mysql pdns < FILE; psql -v ON_ERROR_STOP=1 pdns -f FILE)
-- A zone that does not exist is created NATIVE, with placeholder SOA and NS (the topology has no dns: section).
-- Each planned record set is replaced whole and what the plan removes is deleted, so a
-- rerun changes nothing. A MASTER zone's secondaries see it after pdnsutil increase-serial.
BEGIN;

-- anotherdomain.net
INSERT INTO domains (name, type) SELECT 'anotherdomain.net', 'NATIVE' WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = 'anotherdomain.net');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'anotherdomain.net'), 'anotherdomain.net', 'SOA', 'ns.invalid hostmaster.invalid 1 3600 600 1209600 3600', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'anotherdomain.net') AND type = 'SOA');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'anotherdomain.net'), 'anotherdomain.net', 'NS', 'ns.invalid', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'anotherdomain.net') AND name = 'anotherdomain.net' AND type = 'NS');
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'anotherdomain.net') AND name = '_sip._tls.anotherdomain.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'anotherdomain.net') AND name = '_sip._tls.anotherdomain.net' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'anotherdomain.net') AND name = '_sipfederationtls._tcp.anotherdomain.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'anotherdomain.net') AND name = '_sipfederationtls._tcp.anotherdomain.net' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'anotherdomain.net') AND name = 'lyncdiscover.anotherdomain.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'anotherdomain.net') AND name = 'lyncdiscover.anotherdomain.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'anotherdomain.net') AND name = 'meet.anotherdomain.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'anotherdomain.net') AND name = 'meet.anotherdomain.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'anotherdomain.net') AND name = 'sip.anotherdomain.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'anotherdomain.net') AND name = 'sip.anotherdomain.net' AND type = 'A';
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'anotherdomain.net'), '_sip._tls.anotherdomain.net', 'SRV', '0 0 443 sip.anotherdomain.net', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'anotherdomain.net'), '_sipfederationtls._tcp.anotherdomain.net', 'SRV', '0 0 5061 sip.anotherdomain.net', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'anotherdomain.net'), 'lyncdiscover.anotherdomain.net', 'A', '198.51.100.20', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'anotherdomain.net'), 'meet.anotherdomain.net', 'A', '198.51.100.20', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'anotherdomain.net'), 'sip.anotherdomain.net', 'A', '198.51.100.10', 3600;

-- lyncdude.net
INSERT INTO domains (name, type) SELECT 'lyncdude.net', 'NATIVE' WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = 'lyncdude.net');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'lyncdude.net'), 'lyncdude.net', 'SOA', 'ns.invalid hostmaster.invalid 1 3600 600 1209600 3600', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND type = 'SOA');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'lyncdude.net'), 'lyncdude.net', 'NS', 'ns.invalid', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'lyncdude.net' AND type = 'NS');
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = '_sip._tls.lyncdude.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = '_sip._tls.lyncdude.net' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = '_sipfederationtls._tcp.lyncdude.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = '_sipfederationtls._tcp.lyncdude.net' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'av.lyncdude.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'av.lyncdude.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'dialin.lyncdude.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'dialin.lyncdude.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'lyncdiscover.lyncdude.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'lyncdiscover.lyncdude.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'lyncwebext.lyncdude.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'lyncwebext.lyncdude.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'meet.lyncdude.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'meet.lyncdude.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'sip.lyncdude.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'sip.lyncdude.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'webconf.lyncdude.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'lyncdude.net') AND name = 'webconf.lyncdude.net' AND type = 'A';
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'lyncdude.net'), '_sip._tls.lyncdude.net', 'SRV', '0 0 443 sip.lyncdude.net', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'lyncdude.net'), '_sipfederationtls._tcp.lyncdude.net', 'SRV', '0 0 5061 sip.lyncdude.net', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'lyncdude.net'), 'av.lyncdude.net', 'A', '198.51.100.12', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'lyncdude.net'), 'dialin.lyncdude.net', 'A', '198.51.100.20', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'lyncdude.net'), 'lyncdiscover.lyncdude.net', 'A', '198.51.100.20', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'lyncdude.net'), 'lyncwebext.lyncdude.net', 'A', '198.51.100.20', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'lyncdude.net'), 'meet.lyncdude.net', 'A', '198.51.100.20', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'lyncdude.net'), 'sip.lyncdude.net', 'A', '198.51.100.10', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'lyncdude.net'), 'webconf.lyncdude.net', 'A', '198.51.100.11', 3600;

COMMIT;
