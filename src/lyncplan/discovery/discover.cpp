// A client's discovery of its sign-in server (DISCOVERY.md 1-3, 6), step by step.
#include <lyncplan/discovery/discover.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace lyncplan::discovery {

const char* to_string(Result r) {
  switch (r) {
  case Result::connected:
    return "connected";
  case Result::prompt:
    return "prompt";
  case Result::failed:
    return "failed";
  }
  return "?";
}

const char* to_string(Via v) {
  switch (v) {
  case Via::none:
    return "none";
  case Via::autodiscover:
    return "autodiscover";
  case Via::srv:
    return "srv";
  case Via::a:
    return "a";
  }
  return "?";
}

namespace {

// How a found server's name is judged before the client accepts it.
enum class Naming {
  discovered, // from SRV or A records: strict DNS naming, then the trust model (DISCOVERY 3.1)
  redirected, // from Autodiscover: the Lync 2013 trust model only (DISCOVERY 3.2, CONFUSED)
  none,
};

class Discovery {
public:
  Discovery(const resolve::Resolver& dns, const World& world, const ClientProfile& client,
            Vantage from, const std::string& domain, const Options& options)
      : dns_(dns), world_(world), client_(client), from_(from), domain_(to_lower(domain)),
        options_(options) {
    out_.domain = domain_;
    out_.client = std::string(client.name);
    out_.from = from;
  }

  Outcome run() {
    const bool autodiscover_on = client_.autodiscover || (client_.kind == ClientKind::lync2010 &&
                                                          options_.lync2010_autodiscover);
    if (autodiscover_on && autodiscover()) {
      return out_;
    }
    if (client_.autodiscover_only) {
      return failed_unless_reason("no Autodiscover answer, and this client has no SRV or A "
                                  "fallback",
                                  "discovery.autodiscover-only");
    }
    if (srv_records()) {
      return out_;
    }
    if (stop_after_srv_) {
      return failed_unless_reason("no server found", "discovery.no-record");
    }
    if ((!found_srv_ || !client_.a_only_without_srv) && a_records()) {
      return out_;
    }
    if (client_.bare_domain_last &&
        sip(domain_, client_.bare_domain_tls ? 5061 : 5060, client_.bare_domain_tls, Via::a,
            Naming::none, "bare domain")) {
      return out_;
    }
    return failed_unless_reason("no DNS record leads to a server", "discovery.no-record");
  }

private:
  void step(std::string query, std::string type, std::string answer, std::string note = "") {
    out_.steps.push_back({std::move(query), std::move(type), std::move(answer), std::move(note)});
  }

  // Remembers why a candidate failed; if nothing succeeds the outcome reports the failures in
  // the order the client met them, the first deciding the rule.
  void candidate_failed(std::string reason, plan::RuleId rule) {
    for (const auto& f : failures_) {
      if (f.first == reason) {
        return;
      }
    }
    failures_.emplace_back(std::move(reason), rule);
  }

  Outcome& failed_unless_reason(std::string fallback, plan::RuleId rule) {
    out_.result = Result::failed;
    out_.server.reset();
    out_.via = Via::none;
    if (failures_.empty()) {
      out_.reason = std::move(fallback);
      out_.rule = rule;
      return out_;
    }
    constexpr std::size_t kShown = 3;
    std::vector<std::string> reasons;
    for (std::size_t i = 0; i < failures_.size() && i < kShown; ++i) {
      reasons.push_back(failures_[i].first);
    }
    out_.reason = join(reasons, "; then ");
    if (failures_.size() > kShown) {
      out_.reason += fmt::format("; and {} more", failures_.size() - kShown);
    }
    out_.rule = failures_.front().second;
    return out_;
  }

  bool decide(Result result, Endpoint server, Via via, std::string reason, plan::RuleId rule) {
    out_.result = result;
    out_.server = std::move(server);
    out_.via = via;
    out_.reason = std::move(reason);
    out_.rule = rule;
    return true;
  }

  // The addresses of `name` (A, then AAAA), each query a step.
  std::vector<std::string> addresses(const std::string& name) {
    std::vector<std::string> out;
    for (plan::RrType type : {plan::RrType::A, plan::RrType::AAAA}) {
      const resolve::Answer answer = dns_.query(name, type);
      if (type == plan::RrType::AAAA && answer.status != resolve::Status::ok) {
        break; // an absent AAAA after an absent A adds nothing to read
      }
      step(name, to_string(type), resolve::describe(answer),
           answer.from_wildcard ? "answered by a wildcard record" : "");
      for (const auto& r : answer.records) {
        out.push_back(r.value);
      }
      if (!out.empty()) {
        break;
      }
    }
    return out;
  }

  bool name_accepted(const std::string& fqdn, Naming naming, const Endpoint& server, Via via) {
    if (naming == Naming::none || !client_.checks_naming) {
      return decide(Result::connected, server, via, connected_reason(server, via), {});
    }
    const auto trust = trusted_domains(domain_, options_.trust);
    const StrictNaming mode = options_.strict.value_or(client_.strict);
    const bool strict_ok =
        naming == Naming::discovered && strict_naming_passes(mode, fqdn, domain_);
    if (strict_ok || (client_.prompts && trusted(fqdn, trust))) {
      return decide(Result::connected, server, via, connected_reason(server, via), {});
    }
    if (client_.prompts) {
      step(fqdn, "TRUST", "not trusted",
           fmt::format("{} is outside {} and the trusted domains ({})", fqdn, domain_,
                       join(std::vector<std::string>(trust.begin() + 1, trust.end()), ", ")));
      return decide(Result::prompt, server, via,
                    fmt::format("'Lync cannot verify that the server is trusted for your sign-in "
                                "address': {} is not in {} nor in TrustModelData; the user may "
                                "connect anyway, or add the domain to TrustModelData",
                                fqdn, domain_),
                    "discovery.trust-prompt");
    }
    step(fqdn, "TRUST", "refused",
         fmt::format("strict DNS naming ({}) does not accept {} for {}", to_string(mode), fqdn,
                     domain_));
    candidate_failed(fmt::format("{} refuses {}: strict DNS naming ({}) requires a server in {} "
                                 "and shows no prompt",
                                 client_.name, fqdn, to_string(mode), domain_),
                     "discovery.strict-naming");
    return false;
  }

  std::string connected_reason(const Endpoint& server, Via via) const {
    return fmt::format("signs in to {}:{} over {} (found by {})", server.fqdn, server.port,
                       server.transport, to_string(via));
  }

  // Connects to a SIP server found by `via`, checks its certificate and its name.
  bool sip(const std::string& fqdn, int port, bool tls, Via via, Naming naming,
           std::string_view found_as, const std::vector<std::string>* known_addresses = nullptr) {
    const std::vector<std::string> resolved =
        known_addresses != nullptr ? *known_addresses : addresses(fqdn);
    if (resolved.empty()) {
      candidate_failed(fmt::format("{} ({}) has no address", fqdn, found_as),
                       "discovery.no-address");
      return false;
    }
    const std::string target = fmt::format("{}:{}", fqdn, port);
    for (const auto& address : resolved) {
      const Listener* l = world_.at(address, port, from_, fqdn);
      const std::string where = fmt::format("{} ({})", target, address);
      if (options_.connections_closed) {
        if (tls) {
          step(where, "TLS", "closed", "the server closes the connection during the handshake");
          candidate_failed(fmt::format("{} closes the connection during the TLS handshake", target),
                           "discovery.closed");
          continue;
        }
        step(where, "TCP", "dropped", "connected; the server drops the connection after REGISTER");
        failed_unless_reason("", {});
        out_.reason = fmt::format("{} accepted the connection and dropped it after REGISTER; the "
                                  "client stops there",
                                  target);
        out_.rule = "discovery.dropped";
        return true;
      }
      if (l == nullptr && !world_.knows(address, port, fqdn) && tls && unknown_stays_unknown()) {
        step(where, "TLS", "unknown server", unknown_server_note(address));
        candidate_failed(
            fmt::format("unknown server {} at {} (not in the topology)", target, address),
            "discovery.unknown-server");
        continue;
      }
      if (l == nullptr && !world_.knows(address, port, fqdn) && tls) {
        step(where, "TLS", "assumed",
             "the address is not part of the topology: offline it is assumed to be a SIP server "
             "whose certificate names it");
        out_.assumed.push_back({address, port, fqdn, Service::sip_tls, true});
        return name_accepted(fqdn, naming, {fqdn, port, "tls"}, via);
      }
      if (l != nullptr && l->service == Service::down) {
        step(where, tls ? "TLS" : "TCP", "fails", l->what);
        candidate_failed(fmt::format("{} at {}: {}", target, address, l->what),
                         "discovery.endpoint");
        continue;
      }
      if (l == nullptr) {
        step(where, tls ? "TLS" : "TCP", "no answer",
             fmt::format("nothing listens there for a client {}", to_string(from_)));
        candidate_failed(
            fmt::format("{} at {} does not answer from {}", target, address, to_string(from_)),
            "discovery.no-service");
        continue;
      }
      if (l->service != Service::sip_tls || !tls) {
        step(where, tls ? "TLS" : "TCP", "wrong service",
             fmt::format("{} answers there, not a SIP {} registrar", l->what, tls ? "TLS" : "TCP"));
        candidate_failed(fmt::format("{} reaches {}, which does not accept SIP{}", target, l->what,
                                     tls ? "" : " over TCP"),
                         "discovery.wrong-service");
        continue;
      }
      if (!certificate_names(l->cert, fqdn, false)) {
        step(where, "TLS", "certificate name mismatch",
             fmt::format("{} presents {} (SANs: {}), which does not name {}", l->what, l->cert.id,
                         join(l->cert.sans, ", "), fqdn));
        if (!client_.checks_naming) {
          return decide(Result::prompt, {fqdn, port, "tls"}, via,
                        fmt::format("the certificate of {} does not name {}: libpurple asks the "
                                    "user whether to accept it",
                                    l->what, fqdn),
                        "discovery.certificate-name");
        }
        candidate_failed(fmt::format("the certificate of {} does not name {}", l->what, fqdn),
                         "discovery.certificate-name");
        continue;
      }
      if (!l->cert.refusal.empty()) {
        step(where, "TLS", "certificate refused", l->cert.refusal);
        candidate_failed(fmt::format("{} at {}: {}", target, address, l->cert.refusal),
                         "discovery.certificate");
        continue;
      }
      step(where, "TLS", "connected",
           fmt::format("{}; certificate {} names it", l->what, l->cert.id));
      return name_accepted(fqdn, naming, {fqdn, port, tls ? "tls" : "tcp"}, via);
    }
    return false;
  }

  bool srv_records() {
    for (const SrvName& srv : client_.srv) {
      const std::string name = std::string(srv.prefix) + domain_;
      if (!srv.tls && !options_.tcp_allowed && client_.kind != ClientKind::sipe) {
        continue; // SIP over TCP is off unless policy allows it (DISCOVERY 1.1)
      }
      const resolve::Answer answer = dns_.query(name, plan::RrType::SRV);
      step(name, "SRV", resolve::describe(answer));
      if (answer.status != resolve::Status::ok) {
        continue;
      }
      found_srv_ = true;
      auto targets = answer.records;
      std::stable_sort(targets.begin(), targets.end(), [](const auto& a, const auto& b) {
        return a.priority != b.priority ? a.priority < b.priority : a.weight > b.weight;
      });
      if (client_.kind == ClientKind::sipe) {
        targets.resize(1); // libpurple hands sipe only the first target
      }
      for (const auto& t : targets) {
        if (sip(t.value, t.port, srv.tls, Via::srv, Naming::discovered, name)) {
          return true;
        }
      }
      if (!options_.srv_failover) {
        stop_after_srv_ = true; // "uses the first SRV that works and tries no other" (MS-OCS-DNSQ)
        return false;
      }
    }
    return false;
  }

  bool a_records() {
    for (const ANameTry& a : client_.a_names) {
      const std::string name = std::string(a.prefix) + domain_;
      const auto resolved = addresses(name);
      if (resolved.empty()) {
        continue;
      }
      for (int port : a.ports) {
        if (sip(name, port, a.tls, Via::a, Naming::discovered, "A record", &resolved)) {
          return true;
        }
      }
    }
    return false;
  }

  // A web service that answered Autodiscover for this client.
  struct Answered {
    const Listener* listener = nullptr;
    std::string web_fqdn;
  };

  // Offline, an address outside the topology is an unknown server: nothing says what answers
  // there (a wildcard record's web site, another company's server), so it is no connection.
  // Live (check) such an address is probed instead, and in a world of sinks that accept every
  // connection (--connections closed, the reference client's worlds) it answers by definition.
  bool unknown_stays_unknown() const { return !world_.observed() && !options_.connections_closed; }

  static std::string unknown_server_note(const std::string& address) {
    return fmt::format("{} is not in the topology: nothing says a Lync service answers there, so "
                       "no connection is taken for granted",
                       address);
  }

  // An address outside the topology, assumed to be this deployment's web services (offline
  // nothing else can be known about it); `host` decides the AccessLocation it answers with.
  Answered assume_web_service(const std::string& url, const std::string& type,
                              const std::string& address, const std::string& host,
                              std::string_view how) {
    step(url, type, "assumed",
         fmt::format("the address is not part of the topology: offline it is assumed to {}", how));
    out_.assumed.push_back(
        {address, type == "HTTPS" ? 443 : 80, host, Service::web, type == "HTTPS"});
    assumed_ = std::make_unique<Listener>();
    assumed_->what = "web services at " + address;
    assumed_->internal_only = false;
    assumed_->side = host.starts_with("lyncdiscoverinternal.") ? Side::internal : Side::external;
    return Answered{assumed_.get(), host};
  }

  // HTTPS to `url` at each address in turn, the certificate checked against `host`; the first
  // web service that answers. `certificate_failed` is set when one presents a certificate that
  // does not name `host`; `assumption` says what an address outside the topology is taken to do.
  std::optional<Answered> https_at(const std::string& url, const std::vector<std::string>& resolved,
                                   const std::string& host, std::string_view assumption,
                                   bool& certificate_failed) {
    for (const auto& address : resolved) {
      const Listener* l = world_.at(address, 443, from_, host);
      if (options_.connections_closed) {
        step(url, "HTTPS", "closed",
             fmt::format("{}:443 closes during the TLS handshake", address));
        continue;
      }
      if (l == nullptr && !world_.knows(address, 443, host)) {
        if (unknown_stays_unknown()) {
          step(url, "HTTPS", "unknown server", unknown_server_note(address));
          continue;
        }
        return assume_web_service(url, "HTTPS", address, host, assumption);
      }
      if (l != nullptr && l->service == Service::down) {
        step(url, "HTTPS", "fails", fmt::format("{}:443: {}", address, l->what));
        continue;
      }
      if (l == nullptr || l->service != Service::web) {
        step(url, "HTTPS", "no answer", fmt::format("no web service at {}:443", address));
        continue;
      }
      if (!certificate_names(l->cert, host, true)) {
        step(url, "HTTPS", "certificate name mismatch",
             fmt::format("{} presents {}, which does not name {}", l->what, l->cert.id, host));
        certificate_failed = true;
        continue;
      }
      if (!l->cert.refusal.empty()) {
        step(url, "HTTPS", "certificate refused", l->cert.refusal);
        certificate_failed = true;
        continue;
      }
      step(url, "HTTPS", "200 Autodiscover", l->what);
      return Answered{l, host};
    }
    return std::nullopt;
  }

  // HTTPS to `host`, or HTTP whose Redirect leads to HTTPS (MS-OCDISCWS 3.1.5.2).
  std::optional<Answered> fetch(const std::string& host, const std::vector<std::string>& resolved,
                                bool& certificate_failed) {
    const std::string url = fmt::format("https://{}/?sipuri=user@{}", host, domain_);
    if (auto answered =
            https_at(url, resolved, host,
                     "be this deployment's Autodiscover service with a certificate that names it",
                     certificate_failed)) {
      return answered;
    }
    if (!client_.http_and_https) {
      return std::nullopt;
    }
    const std::string http = fmt::format("http://{}/?sipuri=user@{}", host, domain_);
    for (const auto& address : resolved) {
      const Listener* l = world_.at(address, 80, from_, host);
      if (l == nullptr && !world_.knows(address, 80, host)) {
        if (unknown_stays_unknown()) {
          step(http, "HTTP", "unknown server", unknown_server_note(address));
          continue;
        }
        return assume_web_service(http, "HTTP", address, host, "answer Root and User over HTTP");
      }
      if (l != nullptr && l->service == Service::down) {
        step(http, "HTTP", "fails", fmt::format("{}:80: {}", address, l->what));
        continue;
      }
      if (l == nullptr || l->service != Service::web || l->web_fqdn.empty()) {
        step(http, "HTTP", "no answer", fmt::format("no web service at {}:80", address));
        continue;
      }
      const std::string next =
          fmt::format("https://{}/Autodiscover/AutodiscoverService.svc/root", l->web_fqdn);
      step(http, "HTTP", "200 Redirect", fmt::format("{} redirects to {}", l->what, next));
      if (auto answered = https_to(l->web_fqdn)) {
        return answered;
      }
    }
    return std::nullopt;
  }

  // HTTPS to a web services FQDN named by a Redirect. A certificate failure here is not the
  // trust prompt's business (the first hop already decided it), so its flag is dropped.
  std::optional<Answered> https_to(const std::string& web_fqdn) {
    const std::string url =
        fmt::format("https://{}/Autodiscover/AutodiscoverService.svc/root", web_fqdn);
    bool certificate_failed = false;
    return https_at(url, addresses(web_fqdn), web_fqdn, "answer with a certificate that names it",
                    certificate_failed);
  }

  bool autodiscover() {
    bool certificate_failed = false;
    for (const std::string& host : {"lyncdiscoverinternal." + domain_, "lyncdiscover." + domain_}) {
      const auto resolved = addresses(host);
      if (resolved.empty()) {
        continue;
      }
      auto answered = fetch(host, resolved, certificate_failed);
      if (!answered) {
        candidate_failed(fmt::format("Autodiscover at {} gave no answer", host),
                         "discovery.autodiscover");
        continue;
      }
      if (answered->listener->director) {
        // The Director sends the authenticated User request on to the home pool.
        const std::string home = world_.home_web_fqdn(answered->listener->side);
        step(answered->web_fqdn, "HTTPS", "User: Redirect",
             fmt::format("the Director hands the user on to the home pool's web services {}",
                         home.empty() ? std::string("(none defined)") : home));
        auto next = home.empty() ? std::nullopt : https_to(home);
        if (!next) {
          candidate_failed(fmt::format("the Director redirects to the home pool's web services "
                                       "{}, which cannot be reached",
                                       home.empty() ? std::string("(none)") : home),
                           "discovery.autodiscover-redirect");
          continue;
        }
        answered = next;
      }
      return use_answer(*answered);
    }
    if (certificate_failed && client_.prompts) {
      return decide(Result::prompt, {"lyncdiscover." + domain_, 443, "https"}, Via::autodiscover,
                    "the Autodiscover certificate does not name the lyncdiscover host: the "
                    "client shows a certificate warning (KB2833618)",
                    "discovery.autodiscover-certificate");
    }
    return false;
  }

  bool use_answer(const Answered& answered) {
    const Side side = answered.listener->side;
    const AutodiscoverAnswer& doc = world_.autodiscover();
    step(answered.web_fqdn, "AUTODISCOVER",
         fmt::format("AccessLocation={}", side == Side::internal ? "Internal" : "External"),
         fmt::format("SipClientInternalAccess {}; SipClientExternalAccess {}",
                     doc.internal_access ? fmt::format("{}:{}", doc.internal_access->fqdn,
                                                       doc.internal_access->port)
                                         : "none",
                     doc.external_access ? fmt::format("{}:{}", doc.external_access->fqdn,
                                                       doc.external_access->port)
                                         : "none"));
    const bool desktop =
        client_.kind == ClientKind::lync2013 || client_.kind == ClientKind::lync2010;
    if (desktop && !trusted(answered.web_fqdn, trusted_domains(domain_, options_.trust))) {
      step(answered.web_fqdn, "TRUST", "not trusted",
           fmt::format("the web services FQDN is outside {}", domain_));
      return decide(Result::prompt, {answered.web_fqdn, 443, "https"}, Via::autodiscover,
                    fmt::format("Autodiscover answered from {}, outside {}: Lync 2013 asks whether "
                                "to trust it (or add the domain to TrustModelData)",
                                answered.web_fqdn, domain_),
                    "discovery.trust-prompt");
    }
    if (client_.kind == ClientKind::mobile) {
      return mobile_ucwa(doc);
    }
    const auto& access = side == Side::internal ? doc.internal_access : doc.external_access;
    if (!access) {
      candidate_failed("the Autodiscover answer has no SIP access for this location",
                       "discovery.autodiscover");
      if (desktop) {
        failed_unless_reason("", {});
        return true;
      }
      return false;
    }
    const Naming naming = desktop ? Naming::redirected : Naming::none;
    if (sip(access->fqdn, access->port, true, Via::autodiscover, naming, "Autodiscover")) {
      return true;
    }
    // Lync uses SRV only when lyncdiscover does not answer (MS-UNDERSTANDAD); sipe moves on.
    if (desktop) {
      failed_unless_reason("", {});
      return true;
    }
    return false;
  }

  // Mobile clients sign in through UCWA on the home pool's external web FQDN, from anywhere.
  bool mobile_ucwa(const AutodiscoverAnswer& doc) {
    if (doc.ucwa_host.empty()) {
      candidate_failed("the home pool has no external web FQDN for UCWA", "discovery.ucwa");
      failed_unless_reason("", {});
      return true;
    }
    if (auto answered = https_to(doc.ucwa_host)) {
      return decide(Result::connected, {doc.ucwa_host, 443, "https"}, Via::autodiscover,
                    fmt::format("signs in through UCWA at https://{}/ (found by autodiscover)",
                                doc.ucwa_host),
                    {});
    }
    candidate_failed(
        fmt::format("UCWA at {} cannot be reached with a valid certificate", doc.ucwa_host),
        "discovery.ucwa");
    failed_unless_reason("", {});
    return true;
  }

  const resolve::Resolver& dns_;
  const World& world_;
  const ClientProfile& client_;
  Vantage from_;
  std::string domain_;
  const Options& options_;
  Outcome out_;
  bool found_srv_ = false;
  bool stop_after_srv_ = false;
  std::vector<std::pair<std::string, plan::RuleId>> failures_; // reason, rule
  std::unique_ptr<Listener> assumed_; // an Autodiscover service outside the topology
};

} // namespace

std::vector<const ClientProfile*> clients_or_all(std::vector<const ClientProfile*> clients) {
  if (clients.empty()) {
    for (const auto& p : client_profiles()) {
      clients.push_back(&p);
    }
  }
  return clients;
}

std::vector<Vantage> vantages_or_both(std::vector<Vantage> vantages) {
  if (vantages.empty()) {
    vantages = {Vantage::inside, Vantage::outside};
  }
  return vantages;
}

Outcome discover(const resolve::Resolver& dns, const World& world, const ClientProfile& client,
                 Vantage from, const std::string& domain, const Options& options) {
  if (client.kind == ClientKind::sipe && options.sipe_transport != "auto") {
    const ClientProfile sipe = sipe_profile(options.sipe_transport);
    return Discovery(dns, world, sipe, from, domain, options).run();
  }
  return Discovery(dns, world, client, from, domain, options).run();
}

} // namespace lyncplan::discovery
