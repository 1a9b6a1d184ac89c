// Collects what the rules derive into a Plan.
#include <lyncplan/rules/builder.hpp>

namespace lyncplan::rules {

void PlanBuilder::record(plan::View view, std::string name, plan::RrType type, std::string value,
                         plan::RuleId rule, plan::Text why, std::uint16_t port) {
  plan::DnsRecord r;
  r.view = view;
  r.name = std::move(name);
  r.type = type;
  r.value = std::move(value);
  r.port = port;
  r.rule = rule;
  r.why = std::move(why);
  plan_.dns.push_back(std::move(r));
}

void PlanBuilder::addresses(plan::View view, const std::string& name,
                            const std::vector<dns::IpAddress>& addresses, plan::RuleId rule,
                            const plan::Text& why) {
  for (const auto& a : addresses) {
    record(view, name, a.family == dns::Family::v4 ? plan::RrType::A : plan::RrType::AAAA, a.text,
           rule, why);
  }
}

void PlanBuilder::srv(plan::View view, std::string name, std::string target, std::uint16_t port,
                      plan::RuleId rule, plan::Text why, std::uint16_t priority,
                      std::uint16_t weight) {
  record(view, std::move(name), plan::RrType::SRV, std::move(target), rule, std::move(why), port);
  plan_.dns.back().priority = priority;
  plan_.dns.back().weight = weight;
}

void PlanBuilder::certificate(plan::Certificate certificate) {
  plan_.certificates.push_back(std::move(certificate));
}

void PlanBuilder::publish(plan::PublishingRule rule) {
  plan_.publishing.push_back(std::move(rule));
}

void PlanBuilder::firewall(std::string from, std::string to, std::string protocol, std::string port,
                           plan::RuleId rule, std::string why) {
  plan_.firewall.push_back(
      {std::move(from), std::move(to), std::move(protocol), std::move(port), rule, std::move(why)});
}

void PlanBuilder::finding(plan::Severity severity, std::string code, std::string subject,
                          std::string message, plan::RuleId rule) {
  plan_.findings.push_back(
      {severity, rule, std::move(subject), std::move(message), {}, std::move(code)});
}

} // namespace lyncplan::rules
