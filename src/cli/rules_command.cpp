// `lyncplan rules`: the rule catalog of every command, so every rule id in any report can be
// looked up.
#include "commands.hpp"

#include <lyncplan/findings/rule_table.hpp>
#include <lyncplan/util/json_writer.hpp>
#include <lyncplan/util/version.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace lyncplan::cli {
namespace {

struct RulesOptions {
  std::string command;
  std::string format = "table";
};

std::vector<std::string> command_names(int bits) {
  std::vector<std::string> out;
  for (const auto& [bit, name] : findings::kCommandNames) {
    if ((bits & bit) != 0) {
      out.emplace_back(name);
    }
  }
  return out;
}

std::string severity_text(const findings::RuleInfo& r) {
  return r.severity ? findings::to_string(*r.severity) : "item";
}

std::string rules_table(const std::vector<const findings::RuleInfo*>& rules) {
  std::string out;
  for (const auto* r : rules) {
    out += fmt::format("{:<34} {:<7} {}\n{:<34} {}\n{:<34} source: {}\n", r->id, severity_text(*r),
                       fmt::join(command_names(r->commands), ", "), "", r->summary, "", r->source);
  }
  return out;
}

std::string rules_json(const std::vector<const findings::RuleInfo*>& rules) {
  std::string out = "{" + util::json_envelope("rules") + ",\n  \"rules\": [";
  for (std::size_t i = 0; i < rules.size(); ++i) {
    out += i == 0 ? "\n    " : ",\n    ";
    util::JsonLine j(out);
    j.string("id", rules[i]->id).string("severity", severity_text(*rules[i]));
    j.strings("commands", command_names(rules[i]->commands));
    j.string("summary", rules[i]->summary).string("source", rules[i]->source);
    j.close();
  }
  out += rules.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

} // namespace

Runner setup_rules(CLI::App& app, Console console) {
  auto o = std::make_shared<RulesOptions>();
  auto* sub = app.add_subcommand(
      "rules", "list every rule id any command reports: its severity, the commands that emit it, "
               "what it says and its source (severity 'item': the rule makes plan items only)");
  std::vector<std::string> names;
  for (const auto& entry : findings::kCommandNames) {
    names.emplace_back(entry.second);
  }
  sub->add_option("--command", o->command, "only the rules this command emits")
      ->check(CLI::IsMember(names));
  sub->add_option("-f,--format", o->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  return [console, o]() {
    std::vector<const findings::RuleInfo*> rules;
    for (const auto& r : findings::kRules) {
      const auto emitters = command_names(r.commands);
      if (o->command.empty() ||
          std::find(emitters.begin(), emitters.end(), o->command) != emitters.end()) {
        rules.push_back(&r);
      }
    }
    console.out << (o->format == "json" ? rules_json(rules) : rules_table(rules));
    return static_cast<int>(kOk);
  };
}

} // namespace lyncplan::cli
