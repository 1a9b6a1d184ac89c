// `lyncplan rules`: the rule catalog, so every rule id in a plan can be looked up.
#include "commands.hpp"

#include <lyncplan/rules/catalog.hpp>

#include <fmt/format.h>

namespace lyncplan::cli {

Runner setup_rules(CLI::App& app, Console console) {
  app.add_subcommand("rules", "list every rule id with its RULES.md numbers and source");
  return [console]() {
    for (const auto& r : rules::catalog()) {
      console.out << fmt::format("{:<34} RULES {:<10} {}\n{:<34} source: {}\n", r.id, r.rules,
                                 r.summary, "", r.source);
    }
    return static_cast<int>(kOk);
  };
}

} // namespace lyncplan::cli
