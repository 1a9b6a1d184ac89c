-- lyncplan plan --format pdns: the internal view (2 zones, 11 records)
-- For PowerDNS's generic SQL backends (gsqlite3, gmysql, gpgsql), one transaction:
--   sqlite3 -bail /var/lib/powerdns/pdns.sqlite3 < FILE
--   (or mysql pdns < FILE; psql -v ON_ERROR_STOP=1 pdns -f FILE)
-- A zone that does not exist is created NATIVE, with placeholder SOA and NS (the topology has no dns: section).
-- Each planned record set is replaced whole and what the plan removes is deleted, so a
-- rerun changes nothing. A MASTER zone's secondaries see it after pdnsutil increase-serial.
BEGIN;

-- company.com
INSERT INTO domains (name, type) SELECT 'company.com', 'NATIVE' WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = 'company.com');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.com'), 'company.com', 'SOA', 'ns.invalid hostmaster.invalid 1 3600 600 1209600 3600', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.com') AND type = 'SOA');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.com'), 'company.com', 'NS', 'ns.invalid', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.com') AND name = 'company.com' AND type = 'NS');
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.com') AND name = '_sipinternaltls._tcp.company.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.com') AND name = '_sipinternaltls._tcp.company.com' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.com') AND name = 'dialin.company.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.com') AND name = 'dialin.company.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.com') AND name = 'meet.company.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.com') AND name = 'meet.company.com' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.com') AND name = 'sip.company.com' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.com') AND name = 'sip.company.com' AND type = 'A';
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.com'), '_sipinternaltls._tcp.company.com', 'SRV', '0 0 5061 ocspool.company.local', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.com'), 'dialin.company.com', 'A', '10.10.0.101', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.com'), 'meet.company.com', 'A', '10.10.0.101', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.com'), 'sip.company.com', 'A', '10.10.0.100', 3600;

-- company.local
INSERT INTO domains (name, type) SELECT 'company.local', 'NATIVE' WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = 'company.local');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.local'), 'company.local', 'SOA', 'ns.invalid hostmaster.invalid 1 3600 600 1209600 3600', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND type = 'SOA');
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.local'), 'company.local', 'NS', 'ns.invalid', 3600 WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = 'company.local' AND type = 'NS');
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = '_sipinternaltls._tcp.company.local' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = '_sipinternaltls._tcp.company.local' AND type = 'SRV';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = 'meet.company.local' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = 'meet.company.local' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = 'ocspool.company.local' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = 'ocspool.company.local' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = 'ocssrv01.company.local' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = 'ocssrv01.company.local' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = 'ocssrv02.company.local' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = 'ocssrv02.company.local' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = 'ocsweb.company.local' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = 'ocsweb.company.local' AND type = 'A';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = 'sip.company.local' AND type = 'CNAME';
DELETE FROM records WHERE domain_id = (SELECT id FROM domains WHERE name = 'company.local') AND name = 'sip.company.local' AND type = 'A';
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.local'), '_sipinternaltls._tcp.company.local', 'SRV', '0 0 5061 ocspool.company.local', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.local'), 'meet.company.local', 'A', '10.10.0.101', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.local'), 'ocspool.company.local', 'A', '10.10.0.100', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.local'), 'ocssrv01.company.local', 'A', '10.10.0.11', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.local'), 'ocssrv02.company.local', 'A', '10.10.0.12', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.local'), 'ocsweb.company.local', 'A', '10.10.0.101', 3600;
INSERT INTO records (domain_id, name, type, content, ttl) SELECT (SELECT id FROM domains WHERE name = 'company.local'), 'sip.company.local', 'A', '10.10.0.100', 3600;

COMMIT;
