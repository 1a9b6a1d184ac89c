// Reads XML with libxml2's SAX2 parser into XmlElement values, keeping byte offsets for
// positions; the encoding is settled here (BOM, UTF-16 to UTF-8) before libxml2 sees the text.
#include <lyncplan/importer/xml_tree.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <iconv.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <mutex>
#include <optional>

namespace lyncplan::importer {
namespace {

using Diagnostics = std::vector<util::Diagnostic>;

// UTF-16 to UTF-8 with glibc's iconv; nullopt with the offset of the first bad unit.
std::optional<std::string> utf16_to_utf8(std::string_view in, const char* from,
                                         std::size_t& bad_offset) {
  iconv_t cd = iconv_open("UTF-8", from);
  // iconv_open's failure value is (iconv_t)-1, an integer cast to a pointer by its contract.
  if (cd == reinterpret_cast<iconv_t>(-1)) { // NOLINT(performance-no-int-to-ptr)
    bad_offset = 0;
    return std::nullopt;
  }
  std::string out(in.size() * 3 / 2 + 16, '\0');
  char* src = const_cast<char*>(in.data()); // iconv's signature; it does not write
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  const std::size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (r == static_cast<std::size_t>(-1)) {
    bad_offset = in.size() - src_left;
    return std::nullopt;
  }
  out.resize(out.size() - dst_left);
  return out;
}

// The encoding an XML declaration names, lower case; "" without one.
std::string declared_encoding(std::string_view text) {
  if (text.substr(0, 5) != "<?xml") {
    return "";
  }
  const std::size_t end = text.find("?>");
  const std::string_view decl = text.substr(0, end);
  const std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) {
    return "";
  }
  const std::size_t quote = decl.find_first_of("\"'", at);
  if (quote == std::string_view::npos) {
    return "";
  }
  const std::size_t close = decl.find(decl[quote], quote + 1);
  return to_lower(decl.substr(quote + 1, close == std::string_view::npos ? 0 : close - quote - 1));
}

struct Builder {
  XmlDocument* doc = nullptr;
  xmlParserCtxtPtr ctxt = nullptr;
  const XmlLimits* limits = nullptr;
  std::vector<XmlElement*> open;
  std::size_t elements = 0;
  bool has_root = false;
  Diagnostics errors;

  void fail(std::size_t offset, std::string message) {
    if (errors.size() < 20) {
      errors.push_back({doc->file, doc->pos_at(offset), std::move(message)});
    }
  }
  [[nodiscard]] std::size_t offset() const {
    const long consumed = xmlByteConsumed(ctxt);
    return consumed < 0 ? 0 : std::min(static_cast<std::size_t>(consumed), doc->text.size());
  }
};

std::string to_string(const xmlChar* s) {
  return s == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(s));
}

void on_start(void* user, const xmlChar* local, const xmlChar* /*prefix*/, const xmlChar* uri,
              int /*nb_namespaces*/, const xmlChar** /*namespaces*/, int nb_attributes,
              int /*nb_defaulted*/, const xmlChar** attributes) {
  auto& b = *static_cast<Builder*>(user);
  const std::size_t end = b.offset();
  if (++b.elements > b.limits->max_elements) {
    b.fail(end, fmt::format("more than {} elements; expected a topology document",
                            b.limits->max_elements));
    xmlStopParser(b.ctxt);
    return;
  }
  // The start tag begins at the last '<' before the parser's position ('<' cannot occur inside
  // an attribute value).
  const std::size_t lt = b.doc->text.rfind('<', end == 0 ? 0 : end - 1);
  XmlElement e;
  e.ns = to_string(uri);
  e.name = to_string(local);
  e.start = lt == std::string::npos ? 0 : lt;
  e.tag_end = end;
  e.attributes.reserve(static_cast<std::size_t>(nb_attributes));
  for (int i = 0; i < nb_attributes; ++i) {
    const xmlChar** a = attributes + static_cast<std::ptrdiff_t>(i) * 5;
    e.attributes.emplace_back(to_string(a[0]), std::string(reinterpret_cast<const char*>(a[3]),
                                                           static_cast<std::size_t>(a[4] - a[3])));
  }
  if (b.open.empty()) {
    b.doc->root = std::move(e);
    b.has_root = true;
    b.open.push_back(&b.doc->root);
    return;
  }
  XmlElement& parent = *b.open.back();
  parent.children.push_back(std::move(e));
  b.open.push_back(&parent.children.back());
}

void on_end(void* user, const xmlChar* /*local*/, const xmlChar* /*prefix*/,
            const xmlChar* /*uri*/) {
  auto& b = *static_cast<Builder*>(user);
  if (!b.open.empty()) {
    b.open.pop_back();
  }
}

void on_characters(void* user, const xmlChar* ch, int len) {
  auto& b = *static_cast<Builder*>(user);
  if (!b.open.empty() && len > 0) {
    b.open.back()->text.append(reinterpret_cast<const char*>(ch), static_cast<std::size_t>(len));
  }
}

void on_doctype(void* user, const xmlChar* /*name*/, const xmlChar* /*external_id*/,
                const xmlChar* /*system_id*/) {
  auto& b = *static_cast<Builder*>(user);
  b.fail(b.offset(), "a DOCTYPE; expected a topology document without one (entity and DTD "
                     "declarations are refused)");
  xmlStopParser(b.ctxt);
}

void on_error(void* user, xmlErrorPtr error) {
  auto& b = *static_cast<Builder*>(user);
  if (error == nullptr || error->level < XML_ERR_ERROR || b.errors.size() >= 20) {
    return;
  }
  std::string message = error->message != nullptr ? error->message : "malformed XML";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  util::Pos pos{error->line, error->int2 > 0 ? error->int2 : 1};
  b.errors.push_back({b.doc->file, pos, "not well-formed XML: " + message});
}

void init_libxml2() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

} // namespace

const std::string* XmlElement::attribute(std::string_view local_name) const {
  for (const auto& [k, v] : attributes) {
    if (k == local_name) {
      return &v;
    }
  }
  return nullptr;
}

const XmlElement* XmlElement::child(std::string_view ns_uri, std::string_view local) const {
  for (const XmlElement& c : children) {
    if (c.name == local && c.ns == ns_uri) {
      return &c;
    }
  }
  return nullptr;
}

std::vector<const XmlElement*> XmlElement::children_named(std::string_view ns_uri,
                                                          std::string_view local) const {
  std::vector<const XmlElement*> out;
  for (const XmlElement& c : children) {
    if (c.name == local && c.ns == ns_uri) {
      out.push_back(&c);
    }
  }
  return out;
}

util::Pos XmlDocument::pos_at(std::size_t offset) const {
  if (line_starts.empty()) {
    return {1, 1};
  }
  const auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  const std::size_t line = static_cast<std::size_t>(it - line_starts.begin()); // 1-based
  const std::size_t begin = line_starts[line - 1];
  int column = 1;
  for (std::size_t i = begin; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) { // count characters
      ++column;
    }
  }
  return {static_cast<int>(std::min<std::size_t>(line, INT_MAX)), column};
}

util::Pos XmlDocument::pos_of(const XmlElement& e, std::string_view attribute) const {
  const std::string_view tag = std::string_view(text).substr(e.start, e.tag_end - e.start);
  std::size_t at = 0;
  while ((at = tag.find(attribute, at)) != std::string_view::npos) {
    const bool starts = at > 0 && (std::isspace(static_cast<unsigned char>(tag[at - 1])) != 0 ||
                                   tag[at - 1] == ':');
    std::size_t after = at + attribute.size();
    while (after < tag.size() && std::isspace(static_cast<unsigned char>(tag[after])) != 0) {
      ++after;
    }
    if (starts && after < tag.size() && tag[after] == '=') {
      std::size_t name_start = at;
      while (name_start > 0 && tag[name_start - 1] != ' ' && tag[name_start - 1] != '\t' &&
             tag[name_start - 1] != '\n' && tag[name_start - 1] != '\r') {
        --name_start; // a prefixed attribute starts at its prefix
      }
      return pos_at(e.start + name_start);
    }
    at = after;
  }
  return pos_of(e);
}

Expected<XmlDocument, Diagnostics> parse_xml(std::string_view bytes, const std::string& file,
                                             const XmlLimits& limits) {
  init_libxml2();
  XmlDocument doc;
  doc.file = file;
  auto fail = [&](util::Pos pos, std::string message) -> Expected<XmlDocument, Diagnostics> {
    return unexpected(Diagnostics{{file, pos, std::move(message)}});
  };
  if (bytes.size() > limits.max_bytes) {
    return fail({1, 1}, fmt::format("{} bytes; expected a topology document of at most {} MiB",
                                    bytes.size(), limits.max_bytes >> 20));
  }
  // The encoding: a BOM decides; without one, UTF-16 shows as a NUL beside the first '<'.
  const char* utf16 = nullptr;
  std::string_view body = bytes;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    body = bytes.substr(3);
  } else if (bytes.substr(0, 2) == "\xFF\xFE") {
    utf16 = "UTF-16LE";
    body = bytes.substr(2);
  } else if (bytes.substr(0, 2) == "\xFE\xFF") {
    utf16 = "UTF-16BE";
    body = bytes.substr(2);
  } else if (bytes.size() >= 2 && bytes[0] == '<' && bytes[1] == '\0') {
    utf16 = "UTF-16LE";
  } else if (bytes.size() >= 2 && bytes[0] == '\0' && bytes[1] == '<') {
    utf16 = "UTF-16BE";
  }
  if (utf16 != nullptr) {
    std::size_t bad = 0;
    auto converted = utf16_to_utf8(body, utf16, bad);
    if (!converted) {
      doc.text.clear();
      return fail({1, 1}, fmt::format("invalid {} at byte {}; expected the text Windows "
                                      "PowerShell or Topology Builder wrote",
                                      utf16, bad + 2));
    }
    doc.text = std::move(*converted);
  } else {
    doc.text.assign(body);
    const std::string declared = declared_encoding(doc.text);
    if (!declared.empty() && declared != "utf-8" && declared != "utf8" && declared != "us-ascii" &&
        declared != "ascii" && declared != "utf-16") {
      return fail({1, 1}, fmt::format("the document declares encoding '{}'; expected UTF-8, "
                                      "UTF-16 or ASCII (save it with Out-File -Encoding utf8)",
                                      declared));
    }
  }
  doc.line_starts.push_back(0);
  for (std::size_t i = doc.text.find('\n'); i != std::string::npos;
       i = doc.text.find('\n', i + 1)) {
    doc.line_starts.push_back(i + 1);
  }
  if (doc.text.size() > static_cast<std::size_t>(INT_MAX)) {
    return fail({1, 1}, "the document is too large; expected at most 2 GiB");
  }

  Builder builder;
  builder.doc = &doc;
  builder.limits = &limits;
  xmlSAXHandler sax;
  std::memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_characters;
  sax.cdataBlock = on_characters;
  sax.internalSubset = on_doctype;
  sax.serror = on_error;
  xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, &builder, nullptr, 0, file.c_str());
  if (ctxt == nullptr) {
    return fail({1, 1}, "the XML parser could not start (out of memory)");
  }
  builder.ctxt = ctxt;
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_NOWARNING);
  xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
  // In chunks: libxml2 refuses to look ahead more than 10 MB in one push ("Huge input
  // lookup"), and offsets stay those of doc.text either way.
  constexpr std::size_t kChunk = 256 * 1024;
  for (std::size_t at = 0; at < doc.text.size() && ctxt->disableSAX == 0; at += kChunk) {
    const std::size_t n = std::min(kChunk, doc.text.size() - at);
    xmlParseChunk(ctxt, doc.text.data() + at, static_cast<int>(n), 0);
  }
  xmlParseChunk(ctxt, nullptr, 0, 1);
  const bool well_formed = ctxt->wellFormed != 0;
  xmlFreeParserCtxt(ctxt);
  if (!builder.errors.empty()) {
    util::sort_diagnostics(builder.errors);
    return unexpected(std::move(builder.errors));
  }
  if (!well_formed || !builder.has_root) {
    return fail({1, 1}, "not an XML document; expected a Topology Builder topology");
  }
  return doc;
}

} // namespace lyncplan::importer
