// The import pipeline: recognise the input (zip, XML), read the XML, check its root, read the
// deployment and write the YAML.
#include <lyncplan/importer/deployment.hpp>
#include <lyncplan/importer/import.hpp>
#include <lyncplan/importer/xml_tree.hpp>
#include <lyncplan/importer/zip_entry.hpp>

#include <fmt/format.h>

#include <cctype>

namespace lyncplan::importer {
namespace {

using Diagnostics = std::vector<util::Diagnostic>;

// The root must be one of the two documents Topology Builder and the Management Shell write.
std::optional<std::string> root_problem(const XmlElement& root) {
  const bool builder = root.name == "TopologyBuilder";
  const bool published = root.name == "Topology";
  if (builder && root.ns == kNsTopologyBuilder) {
    return std::nullopt;
  }
  if (published && root.ns == kNsTopology) {
    return std::nullopt;
  }
  if (builder || published) {
    return fmt::format("{} in namespace '{}', which lyncplan does not know; expected {}", root.name,
                       root.ns, builder ? kNsTopologyBuilder : kNsTopology);
  }
  return fmt::format("the root element is {}{}; expected TopologyBuilder (a Topology Builder "
                     "file) or Topology (Get-CsTopology -AsXml)",
                     root.name, root.ns.empty() ? "" : fmt::format(" in namespace '{}'", root.ns));
}

} // namespace

bool looks_like_import(std::string_view bytes) {
  if (looks_like_zip(bytes)) {
    return true;
  }
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    return true;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
  }
  if (bytes.size() >= 2 && (bytes[0] == '\0' || bytes[1] == '\0')) {
    return true; // UTF-16 without a BOM
  }
  for (char c : bytes) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) {
      return c == '<'; // YAML never starts with '<'
    }
  }
  return false;
}

Expected<Imported, Diagnostics> import_topology(std::string_view bytes, const std::string& file,
                                                const ImportOptions& options) {
  Imported out;
  out.document = file;
  std::string entry_bytes;
  const bool zip = looks_like_zip(bytes);
  if (zip) {
    auto entry = read_zip_entry(bytes, "DocItemSet.xml");
    if (!entry) {
      return unexpected(Diagnostics{{file, {1, 1}, entry.error()}});
    }
    out.document = file + "!" + entry->name;
    entry_bytes = std::move(entry->bytes);
    bytes = entry_bytes;
  }
  auto doc = parse_xml(bytes, out.document);
  if (!doc) {
    return unexpected(std::move(doc.error()));
  }
  if (!zip) {
    if (auto problem = root_problem(doc->root)) {
      return unexpected(Diagnostics{{out.document, doc->pos_of(doc->root), *problem}});
    }
  }
  auto deployment = read_deployment(*doc);
  if (!deployment) {
    return unexpected(std::move(deployment.error()));
  }
  const std::size_t slash = file.find_last_of('/');
  out.yaml =
      write_yaml(*deployment, options, slash == std::string::npos ? file : file.substr(slash + 1));
  return out;
}

Diagnostics at_source(Diagnostics problems, const std::string& yaml_name,
                      const Imported& imported) {
  for (util::Diagnostic& d : problems) {
    if (d.file != yaml_name) {
      continue;
    }
    const std::size_t index = d.pos.line > 0 ? static_cast<std::size_t>(d.pos.line - 1) : 0;
    util::Pos origin;
    if (index < imported.yaml.origin.size()) {
      origin = imported.yaml.origin[index];
    }
    d.file = imported.document;
    d.pos = origin.line > 0 ? origin : util::Pos{1, 1};
    d.message = "as imported: " + d.message;
  }
  util::sort_diagnostics(problems);
  return problems;
}

} // namespace lyncplan::importer
