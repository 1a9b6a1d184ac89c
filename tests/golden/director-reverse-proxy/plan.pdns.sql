-- lyncplan plan --format pdns: the external view (1 zone, 10 records)
-- For PowerDNS's generic SQL backends (gsqlite3, gmysql, gpgsql), one transaction:
--   sqlite3 -bail /var/lib/powerdns/pdns.sqlite3 < FILE
--   (or mysql pdns < FILE; psql -v ON_ERROR_STOP=1 pdns -f FILE)
-- A zone that does not exist is created NATIVE, with placeholder SOA and NS (the topology has no dns: section).
-- Each planned record set is replaced whole and what the plan removes is deleted, so a
-- rerun changes nothing. A MASTER zone's secondaries see it after pdnsutil increase-serial.
BEGIN;

-- mslync.net
INSERT INTO domains (name, type) SELECT 'mslync.net', 'NATIVE' WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = 'mslync.net');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'mslync.net'), 'mslync.net', 'SOA', 'ns.invalid hostmaster.invalid 1 3600 600 1209600 3600', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND type = 'SOA');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'mslync.net'), 'mslync.net', 'NS', 'ns.invalid', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'mslync.net' AND type = 'NS');
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = '_sip._tls.mslync.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = '_sip._tls.mslync.net' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = '_sipfederationtls._tcp.mslync.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = '_sipfederationtls._tcp.mslync.net' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'av.mslync.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'av.mslync.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'dialin.mslync.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'dialin.mslync.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'dirweb.mslync.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'dirweb.mslync.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'feweb.mslync.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'feweb.mslync.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'lyncdiscover.mslync.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'lyncdiscover.mslync.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'meet.mslync.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'meet.mslync.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'sip.mslync.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'sip.mslync.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'webconf.mslync.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'mslync.net') AND name = 'webconf.mslync.net' AND type = 'A';
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'mslync.net'), '_sip._tls.mslync.net', 'SRV', '0 0 443 sip.mslync.net', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'mslync.net'), '_sipfederationtls._tcp.mslync.net', 'SRV', '0 0 5061 sip.mslync.net', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'mslync.net'), 'av.mslync.net', 'A', '192.0.2.32', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'mslync.net'), 'dialin.mslync.net', 'A', '192.0.2.40', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'mslync.net'), 'dirweb.mslync.net', 'A', '192.0.2.40', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'mslync.net'), 'feweb.mslync.net', 'A', '192.0.2.41', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'mslync.net'), 'lyncdiscover.mslync.net', 'A', '192.0.2.40', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'mslync.net'), 'meet.mslync.net', 'A', '192.0.2.40', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'mslync.net'), 'sip.mslync.net', 'A', '192.0.2.30', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'mslync.net'), 'webconf.mslync.net', 'A', '192.0.2.31', 3600;

COMMIT;
