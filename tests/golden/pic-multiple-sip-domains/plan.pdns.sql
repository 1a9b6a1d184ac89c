-- lyncplan plan --format pdns: the external view (3 zones, 16 records)
-- For PowerDNS's generic SQL backends (gsqlite3, gmysql, gpgsql), one transaction:
--   sqlite3 -bail /var/lib/powerdns/pdns.sqlite3 < FILE
--   (or mysql pdns < FILE; psql -v ON_ERROR_STOP=1 pdns -f FILE)
-- A zone that does not exist is created NATIVE, with placeholder SOA and NS (the topology has no dns: section).
-- Each planned record set is replaced whole and what the plan removes is deleted, so a
-- rerun changes nothing. A MASTER zone's secondaries see it after pdnsutil increase-serial.
BEGIN;

-- elanshudnow.com
INSERT INTO domains (name, type) SELECT 'elanshudnow.com', 'NATIVE' WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = 'elanshudnow.com');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'elanshudnow.com'), 'elanshudnow.com', 'SOA', 'ns.invalid hostmaster.invalid 1 3600 600 1209600 3600', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'elanshudnow.com') AND type = 'SOA');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'elanshudnow.com'), 'elanshudnow.com', 'NS', 'ns.invalid', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'elanshudnow.com') AND name = 'elanshudnow.com' AND type = 'NS');
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'elanshudnow.com') AND name = '_sip._tls.elanshudnow.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'elanshudnow.com') AND name = '_sip._tls.elanshudnow.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'elanshudnow.com') AND name = '_sipfederationtls._tcp.elanshudnow.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'elanshudnow.com') AND name = '_sipfederationtls._tcp.elanshudnow.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'elanshudnow.com') AND name = 'meet.elanshudnow.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'elanshudnow.com') AND name = 'meet.elanshudnow.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'elanshudnow.com') AND name = 'sip.elanshudnow.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'elanshudnow.com') AND name = 'sip.elanshudnow.com' AND type = 'A';
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'elanshudnow.com'), '_sip._tls.elanshudnow.com', 'SRV', '0 0 443 sip.elanshudnow.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'elanshudnow.com'), '_sipfederationtls._tcp.elanshudnow.com', 'SRV', '0 0 5061 sip.elanshudnow.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'elanshudnow.com'), 'meet.elanshudnow.com', 'A', '192.0.2.20', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'elanshudnow.com'), 'sip.elanshudnow.com', 'A', '192.0.2.10', 3600;

-- shudnow.com
INSERT INTO domains (name, type) SELECT 'shudnow.com', 'NATIVE' WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = 'shudnow.com');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.com'), 'shudnow.com', 'SOA', 'ns.invalid hostmaster.invalid 1 3600 600 1209600 3600', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.com') AND type = 'SOA');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.com'), 'shudnow.com', 'NS', 'ns.invalid', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.com') AND name = 'shudnow.com' AND type = 'NS');
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.com') AND name = '_sip._tls.shudnow.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.com') AND name = '_sip._tls.shudnow.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.com') AND name = '_sipfederationtls._tcp.shudnow.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.com') AND name = '_sipfederationtls._tcp.shudnow.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.com') AND name = 'meet.shudnow.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.com') AND name = 'meet.shudnow.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.com') AND name = 'sip.shudnow.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.com') AND name = 'sip.shudnow.com' AND type = 'A';
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.com'), '_sip._tls.shudnow.com', 'SRV', '0 0 443 sip.shudnow.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.com'), '_sipfederationtls._tcp.shudnow.com', 'SRV', '0 0 5061 sip.shudnow.com', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.com'), 'meet.shudnow.com', 'A', '192.0.2.20', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.com'), 'sip.shudnow.com', 'A', '192.0.2.10', 3600;

-- shudnow.net
INSERT INTO domains (name, type) SELECT 'shudnow.net', 'NATIVE' WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = 'shudnow.net');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.net'), 'shudnow.net', 'SOA', 'ns.invalid hostmaster.invalid 1 3600 600 1209600 3600', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND type = 'SOA');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.net'), 'shudnow.net', 'NS', 'ns.invalid', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = 'shudnow.net' AND type = 'NS');
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = '_sip._tls.shudnow.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = '_sip._tls.shudnow.net' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = '_sipfederationtls._tcp.shudnow.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = '_sipfederationtls._tcp.shudnow.net' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = 'av.shudnow.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = 'av.shudnow.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = 'dialin.shudnow.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = 'dialin.shudnow.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = 'meet.shudnow.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = 'meet.shudnow.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = 'sip.shudnow.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = 'sip.shudnow.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = 'webconf.shudnow.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = 'webconf.shudnow.net' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = 'webext.shudnow.net' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'shudnow.net') AND name = 'webext.shudnow.net' AND type = 'A';
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.net'), '_sip._tls.shudnow.net', 'SRV', '0 0 443 sip.shudnow.net', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.net'), '_sipfederationtls._tcp.shudnow.net', 'SRV', '0 0 5061 sip.shudnow.net', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.net'), 'av.shudnow.net', 'A', '192.0.2.12', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.net'), 'dialin.shudnow.net', 'A', '192.0.2.20', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.net'), 'meet.shudnow.net', 'A', '192.0.2.20', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.net'), 'sip.shudnow.net', 'A', '192.0.2.10', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.net'), 'webconf.shudnow.net', 'A', '192.0.2.11', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'shudnow.net'), 'webext.shudnow.net', 'A', '192.0.2.20', 3600;

COMMIT;
