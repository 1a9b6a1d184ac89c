// Writes a Deployment as topology YAML in the contract's order: each section commented with the
// element it came from, "TODO(import)" where the document is silent, and a finding per gap.
#pragma once

#include <lyncplan/findings/finding.hpp>
#include <lyncplan/importer/deployment.hpp>
#include <lyncplan/importer/options.hpp>

#include <string>
#include <vector>

namespace lyncplan::importer {

struct ImportedYaml {
  std::string yaml;
  std::vector<util::Pos> origin; // per YAML line (0-based index): where in the document it came
  std::vector<findings::Finding> findings; // the gaps and what was assumed, worst first
  bool has_todo = false;                   // a value the plan cannot do without is missing
  std::string product;                     // the product it was imported as
};

ImportedYaml write_yaml(const Deployment& d, const ImportOptions& options,
                        const std::string& source_name);

} // namespace lyncplan::importer
