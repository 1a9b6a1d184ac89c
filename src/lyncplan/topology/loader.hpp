// Loads a topology file (YAML text) into a Topology, reporting every problem with its position.
#pragma once

#include <lyncplan/topology/model.hpp>
#include <lyncplan/util/expected.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::topology {

// Reads a file the topology refers to (hosting.tenants_file); nullopt when it cannot be read.
using ReadFile = std::function<std::optional<std::string>(const std::string& path)>;

using LoadResult = Expected<Topology, std::vector<Diagnostic>>;

// Parses and validates `text`, which came from `file_name`. Relative paths inside the topology
// are resolved against the folder of `file_name`. All problems are returned at once, sorted.
LoadResult load_topology(std::string_view text, const std::string& file_name,
                         const ReadFile& read_file);

// Semantic checks over a parsed topology (also run by load_topology).
void validate(const Topology& topology, std::vector<Diagnostic>& out);

} // namespace lyncplan::topology
