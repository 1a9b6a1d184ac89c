// Collects what the rules derive into a Plan; rules never touch the Plan's lists directly.
#pragma once

#include <lyncplan/dns/address.hpp>
#include <lyncplan/plan/plan.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::rules {

class PlanBuilder {
public:
  // A record without its zone; zones are assigned once every record is known.
  void record(plan::View view, std::string name, plan::RrType type, std::string value,
              plan::RuleId rule, plan::Text why, std::uint16_t port = 0);
  // One A or AAAA record per address (DNS load balancing is several records, RULES 7, 11).
  void addresses(plan::View view, const std::string& name,
                 const std::vector<dns::IpAddress>& addresses, plan::RuleId rule,
                 const plan::Text& why);
  void srv(plan::View view, std::string name, std::string target, std::uint16_t port,
           plan::RuleId rule, plan::Text why, std::uint16_t priority = 0, std::uint16_t weight = 0);

  void certificate(plan::Certificate certificate);
  void publish(plan::PublishingRule rule);
  void firewall(std::string from, std::string to, std::string protocol, std::string port,
                plan::RuleId rule, std::string why);
  void finding(plan::Severity severity, std::string code, std::string subject, std::string message,
               plan::RuleId rule);

  plan::Plan& plan() { return plan_; }
  const plan::Plan& plan() const { return plan_; }

private:
  plan::Plan plan_;
};

} // namespace lyncplan::rules
