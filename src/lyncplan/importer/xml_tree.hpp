// An XML document read into plain values: elements by namespace URI and local name, with the
// line and column each element and attribute starts at. Hostile input is refused, not expanded.
#pragma once

#include <lyncplan/util/diagnostic.hpp>
#include <lyncplan/util/expected.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lyncplan::importer {

struct XmlElement {
  std::string ns;                                              // namespace URI ("" when none)
  std::string name;                                            // local name
  std::vector<std::pair<std::string, std::string>> attributes; // local name, value
  std::string text; // the character data directly inside it
  std::vector<XmlElement> children;
  std::size_t start = 0;   // byte offset of its '<' in XmlDocument::text
  std::size_t tag_end = 0; // byte offset just after its start tag

  // The attribute's value, or nullptr when absent.
  [[nodiscard]] const std::string* attribute(std::string_view local_name) const;
  // The first child with this namespace and local name, or nullptr.
  [[nodiscard]] const XmlElement* child(std::string_view ns_uri, std::string_view local) const;
  // Every child with this namespace and local name.
  [[nodiscard]] std::vector<const XmlElement*> children_named(std::string_view ns_uri,
                                                              std::string_view local) const;
};

struct XmlDocument {
  std::string file; // the name positions are reported under (a zip entry as "a.zip!entry")
  std::string text; // the document as UTF-8, as parsed
  XmlElement root;
  std::vector<std::size_t> line_starts; // byte offset of each line

  [[nodiscard]] util::Pos pos_at(std::size_t offset) const;
  [[nodiscard]] util::Pos pos_of(const XmlElement& e) const { return pos_at(e.start); }
  // Where `attribute="..."` starts inside the element's start tag; the element's own position
  // when the attribute is absent.
  [[nodiscard]] util::Pos pos_of(const XmlElement& e, std::string_view attribute) const;
};

// Limits that keep a hostile document from exhausting the machine.
struct XmlLimits {
  std::size_t max_bytes = std::size_t{64} << 20; // 64 MiB
  std::size_t max_elements = 4'000'000;
};

// Parses `bytes` (UTF-8 with or without a BOM, ASCII, UTF-16LE/BE with a BOM or recognisable by
// its first character). A DOCTYPE, and with it every entity declaration, is refused. Errors carry
// `file`, line and column.
Expected<XmlDocument, std::vector<util::Diagnostic>>
parse_xml(std::string_view bytes, const std::string& file, const XmlLimits& limits = {});

} // namespace lyncplan::importer
