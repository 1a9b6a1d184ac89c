// `lyncplan import`: a Topology Builder file, Get-CsTopology -AsXml output or an
// Export-CsConfiguration zip in, topology YAML out, recognised by content, not by name.
#pragma once

#include <lyncplan/importer/options.hpp>
#include <lyncplan/importer/yaml_writer.hpp>
#include <lyncplan/util/diagnostic.hpp>
#include <lyncplan/util/expected.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::importer {

struct Imported {
  ImportedYaml yaml;
  std::string document; // the file positions are given in ("a.zip!DocItemSet.xml" for a zip)
};

// Whether `bytes` are a document import reads (XML in any of its encodings, or a zip) rather
// than topology YAML.
bool looks_like_import(std::string_view bytes);

// Reads `bytes` (named `file` in messages) and writes the YAML. Bad input: every problem at
// once, positioned in the XML.
Expected<Imported, std::vector<util::Diagnostic>>
import_topology(std::string_view bytes, const std::string& file, const ImportOptions& options);

// Problems the loader found in the imported YAML (reported under `yaml_name`), moved to the
// elements of the document their lines came from.
std::vector<util::Diagnostic> at_source(std::vector<util::Diagnostic> problems,
                                        const std::string& yaml_name, const Imported& imported);

} // namespace lyncplan::importer
