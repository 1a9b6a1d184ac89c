// Client discovery over small DNS worlds: each client's order, its failure semantics (NXDOMAIN,
// no data, server failure, timeout, refused connections) and its name checks (DISCOVERY.md).
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "support/records.hpp"
#include "support/topologies.hpp"

#include <lyncplan/discovery/discover.hpp>
#include <lyncplan/resolve/split_horizon.hpp>
#include <lyncplan/resolve/zone_resolver.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/simulate/simulate.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

namespace lyncplan::testing {
namespace {

using discovery::Result;
using discovery::Vantage;
using discovery::Via;
using plan::RrType;
using resolve::Rr;

// A deployment whose names all live in contoso.com: nothing prompts when DNS is right.
const char* kClean = R"(lyncplan: 1
product: lync2013
sip_domains: [contoso.com]
pools:
  - fqdn: pool.contoso.com
    role: front-end
    load_balancing: hardware
    vip: 10.0.0.100
    servers:
      - {fqdn: fe1.contoso.com, ip: 10.0.0.11}
      - {fqdn: fe2.contoso.com, ip: 10.0.0.12}
    web:
      internal: {fqdn: webint.contoso.com, vip: 10.0.0.120}
      external: {fqdn: webext.contoso.com}
  - fqdn: edge.contoso.com
    role: edge
    external:
      access: {fqdn: sip.contoso.com}
      webconf: {fqdn: webconf.contoso.com}
      av: {fqdn: av.contoso.com}
    servers:
      - {fqdn: edge.contoso.com, internal_ip: 10.1.0.10, external: {access: 192.0.2.10, webconf: 192.0.2.11, av: 192.0.2.12}}
reverse_proxy: {ip: 192.0.2.20}
)";

// A resolver that answers some names with a chosen status (timeouts, server failures).
class Scripted : public resolve::Resolver {
public:
  Scripted(const resolve::Resolver& base, std::map<std::string, resolve::Status> statuses)
      : base_(base), statuses_(std::move(statuses)) {}
  resolve::Answer query(std::string_view name, RrType type) const override {
    auto it = statuses_.find(std::string(name));
    if (it != statuses_.end()) {
      resolve::Answer a;
      a.status = it->second;
      return a;
    }
    return base_.query(name, type);
  }

private:
  const resolve::Resolver& base_;
  std::map<std::string, resolve::Status> statuses_;
};

struct Lab {
  // Strict DNS naming puts sip.contoso.com on the pool certificate, so A-record fallback works.
  topology::Topology topology = load(std::string(kClean) + "strict_dns_naming: true\n");
  plan::Plan plan = rules::make_plan(topology);
  discovery::World world{topology, plan};

  discovery::Outcome run(const std::vector<Rr>& records, const std::string& client, Vantage from,
                         discovery::Options options = {},
                         std::map<std::string, resolve::Status> statuses = {},
                         const std::string& domain = "contoso.com") const {
    const resolve::ZoneResolver zone(records);
    const Scripted dns(zone, std::move(statuses));
    return discovery::discover(dns, world, *discovery::find_client(client), from, domain, options);
  }
};

std::vector<std::string> queries(const discovery::Outcome& o) {
  std::vector<std::string> out;
  for (const auto& s : o.steps) {
    if (s.type == "SRV" || s.type == "A") {
      out.push_back(s.type + " " + s.query);
    }
  }
  return out;
}

const std::vector<Rr> kInternal = {
    a("lyncdiscoverinternal.contoso.com", "10.0.0.120"),
    srv("_sipinternaltls._tcp.contoso.com", "pool.contoso.com", 5061),
    a("pool.contoso.com", "10.0.0.100"), a("sip.contoso.com", "10.0.0.100"),
    a("webext.contoso.com", "192.0.2.20")};

TEST(Discovery, Lync2013InsideUsesInternalAutodiscover) {
  Lab lab;
  const auto o = lab.run(kInternal, "lync2013", Vantage::inside);
  EXPECT_EQ(o.result, Result::connected) << o.reason;
  EXPECT_EQ(o.via, Via::autodiscover);
  ASSERT_TRUE(o.server);
  EXPECT_EQ(o.server->fqdn, "pool.contoso.com");
  EXPECT_EQ(o.server->port, 5061);
  EXPECT_EQ(o.server->transport, "tls");
}

TEST(Discovery, Lync2013FallsBackToSrvWhenLyncdiscoverIsMissing) {
  Lab lab;
  std::vector<Rr> records(kInternal.begin() + 1, kInternal.end());
  const auto o = lab.run(records, "lync2013", Vantage::inside);
  EXPECT_EQ(o.result, Result::connected) << o.reason;
  EXPECT_EQ(o.via, Via::srv);
  EXPECT_EQ(queries(o), (std::vector<std::string>{
                            "A lyncdiscoverinternal.contoso.com", "A lyncdiscover.contoso.com",
                            "SRV _sipinternaltls._tcp.contoso.com", "A pool.contoso.com"}));
}

TEST(Discovery, EveryDnsFailureAdvancesToTheNextName) {
  Lab lab;
  const std::vector<Rr> records = {a("sip.contoso.com", "10.0.0.100")};
  for (auto status : {resolve::Status::nxdomain, resolve::Status::nodata, resolve::Status::servfail,
                      resolve::Status::timeout}) {
    const auto o = lab.run(records, "lync2010", Vantage::inside, {},
                           {{"_sipinternaltls._tcp.contoso.com", status}});
    EXPECT_EQ(o.result, Result::connected) << resolve::to_string(status) << ": " << o.reason;
    EXPECT_EQ(o.via, Via::a);
    EXPECT_EQ(o.steps.front().answer, resolve::to_string(status));
  }
}

TEST(Discovery, DesktopSrvOrderSkipsTcpUnlessAllowed) {
  Lab lab;
  const auto off = lab.run({}, "lync2010", Vantage::inside);
  EXPECT_EQ(queries(off),
            (std::vector<std::string>{"SRV _sipinternaltls._tcp.contoso.com",
                                      "SRV _sip._tls.contoso.com", "A sipinternal.contoso.com",
                                      "A sip.contoso.com", "A sipexternal.contoso.com"}));
  discovery::Options tcp;
  tcp.tcp_allowed = true;
  const auto on = lab.run({}, "ocs2007r2", Vantage::inside, tcp);
  EXPECT_EQ(queries(on).at(1), "SRV _sipinternal._tcp.contoso.com");
  EXPECT_EQ(on.result, Result::failed);
  EXPECT_EQ(on.rule.str(), "discovery.no-record");
}

TEST(Discovery, PhoneEditionAndSipeOrders) {
  Lab lab;
  discovery::Options tcp;
  tcp.tcp_allowed = true;
  EXPECT_EQ(queries(lab.run({}, "lpe", Vantage::inside, tcp)),
            (std::vector<std::string>{"SRV _sipinternaltls._tcp.contoso.com",
                                      "SRV _sipinternal._tcp.contoso.com",
                                      "SRV _sip._tls.contoso.com", "SRV _sip._tcp.contoso.com"}));
  EXPECT_EQ(
      queries(lab.run({}, "sipe", Vantage::outside)),
      (std::vector<std::string>{
          "A lyncdiscoverinternal.contoso.com", "A lyncdiscover.contoso.com",
          "SRV _sipinternaltls._tcp.contoso.com", "SRV _sipinternal._tcp.contoso.com",
          "SRV _sip._tls.contoso.com", "SRV _sip._tcp.contoso.com", "A sipinternal.contoso.com",
          "A sipexternal.contoso.com", "A sip.contoso.com", "A contoso.com"}));
}

TEST(Discovery, MicrosoftClientsUseARecordsOnlyWithoutSrv) {
  Lab lab;
  // The SRV exists but its target answers nothing; sip.contoso.com would work.
  const std::vector<Rr> records = {
      srv("_sipinternaltls._tcp.contoso.com", "dead.contoso.com", 5061),
      a("dead.contoso.com", "10.1.0.10"), a("sip.contoso.com", "10.0.0.100")};
  const auto lync = lab.run(records, "lync2010", Vantage::inside);
  EXPECT_EQ(lync.result, Result::failed);
  EXPECT_EQ(lync.rule.str(), "discovery.no-service");
  const auto lync_queries = queries(lync);
  EXPECT_EQ(std::count(lync_queries.begin(), lync_queries.end(), "A sip.contoso.com"), 0);
  // sipe moves on to its A list (sipinternal:5061, sipexternal:443, sip:443) regardless.
  const auto sipe = queries(lab.run(records, "sipe", Vantage::inside));
  EXPECT_EQ(std::count(sipe.begin(), sipe.end(), "A sipinternal.contoso.com"), 1);
  EXPECT_EQ(std::count(sipe.begin(), sipe.end(), "A sip.contoso.com"), 1);
}

TEST(Discovery, RefusedSrvTargetAdvancesToTheNextSrvName) {
  Lab lab;
  const std::vector<Rr> records = {
      srv("_sipinternaltls._tcp.contoso.com", "dead.contoso.com", 5061),
      a("dead.contoso.com", "10.1.0.10"), srv("_sip._tls.contoso.com", "sip.contoso.com", 443),
      a("sip.contoso.com", "192.0.2.10")};
  const auto o = lab.run(records, "lync2010", Vantage::outside);
  EXPECT_EQ(o.result, Result::connected) << o.reason;
  EXPECT_EQ(o.server->fqdn, "sip.contoso.com");
  EXPECT_EQ(o.server->port, 443);
}

TEST(Discovery, SrvTargetsAreTriedByPriority) {
  Lab lab;
  const std::vector<Rr> records = {srv("_sip._tls.contoso.com", "dead.contoso.com", 443, 10),
                                   srv("_sip._tls.contoso.com", "sip.contoso.com", 443, 0),
                                   a("sip.contoso.com", "192.0.2.10"),
                                   a("dead.contoso.com", "10.1.0.10")};
  const auto o = lab.run(records, "lync2010", Vantage::outside);
  EXPECT_EQ(o.server->fqdn, "sip.contoso.com");
  EXPECT_EQ(queries(o).at(2), "A sip.contoso.com");
}

TEST(Discovery, MobileHasNoFallback) {
  Lab lab;
  const auto o = lab.run(
      {srv("_sip._tls.contoso.com", "sip.contoso.com", 443), a("sip.contoso.com", "192.0.2.10")},
      "mobile", Vantage::outside);
  EXPECT_EQ(o.result, Result::failed);
  EXPECT_EQ(o.rule.str(), "discovery.autodiscover-only");
  EXPECT_EQ(queries(o).size(), 2u);
}

TEST(Discovery, MobileSignsInThroughUcwaOnTheExternalWebName) {
  Lab lab;
  const auto o =
      lab.run({a("lyncdiscover.contoso.com", "192.0.2.20"), a("webext.contoso.com", "192.0.2.20")},
              "mobile", Vantage::outside);
  EXPECT_EQ(o.result, Result::connected) << o.reason;
  EXPECT_EQ(o.server->fqdn, "webext.contoso.com");
  EXPECT_EQ(o.server->transport, "https");
}

TEST(Discovery, ReverseProxyIsNotASipServer) {
  Lab lab;
  // Seed 002: sip.<domain> published to the reverse proxy.
  const auto o = lab.run({a("sip.contoso.com", "192.0.2.20")}, "lync2010", Vantage::outside);
  EXPECT_EQ(o.result, Result::failed);
  EXPECT_EQ(o.rule.str(), "discovery.no-service") << "5061 is tried first and nothing answers";
  EXPECT_NE(o.reason.find("reaches reverse proxy 192.0.2.20, which does not accept SIP"),
            std::string::npos)
      << o.reason;
}

TEST(Discovery, OtherNamespaceRefusedByCommunicatorPromptedByLync) {
  Lab lab;
  // The SRV of fabrikam.com users points at contoso.com's Access Edge.
  const std::vector<Rr> records = {srv("_sip._tls.fabrikam.com", "sip.contoso.com", 443),
                                   a("sip.contoso.com", "192.0.2.10")};
  const auto ocs = lab.run(records, "ocs2007r2", Vantage::outside, {}, {}, "fabrikam.com");
  EXPECT_EQ(ocs.result, Result::failed);
  EXPECT_EQ(ocs.rule.str(), "discovery.strict-naming");
  const auto lpe = lab.run(records, "lpe", Vantage::outside, {}, {}, "fabrikam.com");
  EXPECT_EQ(lpe.rule.str(), "discovery.strict-naming");
  const auto lync = lab.run(records, "lync2010", Vantage::outside, {}, {}, "fabrikam.com");
  EXPECT_EQ(lync.result, Result::prompt);
  EXPECT_EQ(lync.rule.str(), "discovery.trust-prompt");
  discovery::Options trust;
  trust.trust = {"contoso.com"};
  EXPECT_EQ(lab.run(records, "lync2010", Vantage::outside, trust, {}, "fabrikam.com").result,
            Result::connected);
}

TEST(Discovery, StrictNamingModes) {
  Lab lab;
  // pool.contoso.com for users of contoso.com: same-domain accepts it, exact-or-sip does not.
  const std::vector<Rr> records = {
      srv("_sipinternaltls._tcp.contoso.com", "pool.contoso.com", 5061),
      a("pool.contoso.com", "10.0.0.100")};
  EXPECT_EQ(lab.run(records, "ocs2007r2", Vantage::inside).result, Result::connected);
  discovery::Options exact;
  exact.strict = discovery::StrictNaming::exact_or_sip;
  EXPECT_EQ(lab.run(records, "ocs2007r2", Vantage::inside, exact).result, Result::failed);
}

TEST(Discovery, CertificateMustNameTheDialledName) {
  Lab lab;
  lab.topology = load(kClean);
  lab.plan = rules::make_plan(lab.topology);
  lab.world = discovery::World(lab.topology, lab.plan);
  // alias.contoso.com reaches the pool, whose certificate does not carry that name.
  const std::vector<Rr> records = {
      srv("_sipinternaltls._tcp.contoso.com", "alias.contoso.com", 5061),
      a("alias.contoso.com", "10.0.0.100")};
  const auto o = lab.run(records, "lync2010", Vantage::inside);
  EXPECT_EQ(o.result, Result::failed);
  EXPECT_EQ(o.rule.str(), "discovery.certificate-name");
  EXPECT_EQ(lab.run(records, "sipe", Vantage::inside).result, Result::prompt);
}

TEST(Discovery, InternalAddressesDoNotAnswerOutside) {
  Lab lab;
  const auto o = lab.run(
      {srv("_sip._tls.contoso.com", "pool.contoso.com", 5061), a("pool.contoso.com", "10.0.0.100")},
      "lync2010", Vantage::outside);
  EXPECT_EQ(o.rule.str(), "discovery.no-service");
}

// Offline, an address outside the topology is an unknown server, never a connection: nothing
// says a Lync service answers there (live, check probes it instead).
TEST(Discovery, AddressesOutsideTheTopologyAreUnknownNotConnections) {
  Lab lab;
  const std::vector<Rr> records = {srv("_sip._tls.contoso.com", "sipdir.online.lync.com", 443),
                                   a("sipdir.online.lync.com", "52.112.1.1")};
  const auto lync = lab.run(records, "lync2010", Vantage::outside);
  EXPECT_EQ(lync.result, Result::failed) << lync.reason;
  EXPECT_EQ(lync.rule.str(), "discovery.unknown-server") << lync.reason;
  EXPECT_NE(lync.reason.find("unknown server sipdir.online.lync.com:443 at 52.112.1.1 (not in "
                             "the topology)"),
            std::string::npos)
      << lync.reason;
  EXPECT_EQ(lync.steps.back().answer, "unknown server");
  EXPECT_EQ(lab.run(records, "ocs2007r2", Vantage::outside).result, Result::failed);
}

// A wildcard record sending lyncdiscover to the company's web site no longer "connects" a mobile
// client through an assumed Autodiscover service.
TEST(Discovery, WildcardToAWebSiteIsNoAutodiscoverService) {
  Lab lab;
  const std::vector<Rr> records = {a("*.contoso.com", "198.51.100.80")};
  const auto mobile = lab.run(records, "mobile", Vantage::outside);
  EXPECT_EQ(mobile.result, Result::failed) << mobile.reason;
  bool unknown = false;
  for (const auto& s : mobile.steps) {
    unknown = unknown || s.answer == "unknown server";
  }
  EXPECT_TRUE(unknown);
}

TEST(Discovery, NoSrvFailoverStopsAtTheFirstSrvName) {
  Lab lab;
  const std::vector<Rr> records = {
      srv("_sipinternaltls._tcp.contoso.com", "dead.contoso.com", 5061),
      a("dead.contoso.com", "10.1.0.10"), srv("_sip._tls.contoso.com", "sip.contoso.com", 443),
      a("sip.contoso.com", "192.0.2.10")};
  discovery::Options strict_first;
  strict_first.srv_failover = false;
  EXPECT_EQ(lab.run(records, "lync2010", Vantage::outside, strict_first).result, Result::failed);
}

TEST(Discovery, Lync2010AutodiscoverIsAnOption) {
  Lab lab;
  EXPECT_EQ(queries(lab.run(kInternal, "lync2010", Vantage::inside)).front(),
            "SRV _sipinternaltls._tcp.contoso.com");
  discovery::Options cu4;
  cu4.lync2010_autodiscover = true;
  const auto o = lab.run(kInternal, "lync2010", Vantage::inside, cu4);
  EXPECT_EQ(o.via, Via::autodiscover) << o.reason;
}

TEST(Discovery, PlanOwnDnsSignsEveryoneInCleanly) {
  const auto t = load(kClean);
  const auto p = rules::make_plan(t);
  const auto outcomes = simulate::run(t, p, simulate::plan_world(p), {});
  ASSERT_EQ(outcomes.size(), 12u);
  for (const auto& o : outcomes) {
    EXPECT_EQ(o.result, Result::connected)
        << o.client << " " << to_string(o.from) << ": " << o.reason;
  }
}

// The plan says what simulate says: every trust prompt of a Lync 2013 client in a SIP domain
// (through Autodiscover or the SRV) is a plan finding naming that domain, and no other domain
// is named, for every example with and without strict DNS naming.
TEST(Discovery, PlanNamesEveryAutodiscoverTrustPromptSimulateShows) {
  for (const char* name :
       {"reference-lync2013", "director-reverse-proxy", "edge-dns-lb-nat", "lync2013-split-brain",
        "pic-multiple-sip-domains", "ocs2007r2-two-sip-domains"}) {
    for (const bool strict : {false, true}) {
      std::string yaml = read_file(source_path(std::string("examples/") + name + ".yaml"));
      if (strict && yaml.find("strict_dns_naming") == std::string::npos) {
        yaml += "strict_dns_naming: true\n";
      }
      const auto t = load(yaml);
      const auto p = rules::make_plan(t);
      std::set<std::string> simulated, planned;
      for (const auto& o : simulate::run(t, p, simulate::plan_world(p), {})) {
        if (o.client == "lync2013" && o.rule.str() == "discovery.trust-prompt") {
          simulated.insert(o.domain);
        }
      }
      for (const auto& f : p.findings) {
        if (f.rule.str() == "discovery.trust-prompt" || f.rule.str() == "internal.strict-naming") {
          for (const auto& d : t.sip_domains) {
            if (f.subject.ends_with("." + d)) {
              planned.insert(d);
            }
          }
        }
      }
      EXPECT_EQ(planned, simulated) << name << (strict ? " strict" : "");
    }
  }
}

} // namespace
} // namespace lyncplan::testing
