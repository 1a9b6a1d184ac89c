// Typed access to YAML nodes that records a positioned diagnostic for every bad value.
#include <lyncplan/dns/name.hpp>
#include <lyncplan/topology/yaml_reader.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <charconv>
#include <set>

namespace lyncplan::topology {
namespace {

const char* kind_of(const YAML::Node& node) {
  switch (node.Type()) {
  case YAML::NodeType::Null:
    return "nothing";
  case YAML::NodeType::Scalar:
    return "a single value";
  case YAML::NodeType::Sequence:
    return "a list";
  case YAML::NodeType::Map:
    return "a mapping";
  case YAML::NodeType::Undefined:
    return "nothing";
  }
  return "something else";
}

std::string quoted_list(std::initializer_list<std::string_view> items) {
  std::string out;
  for (std::string_view item : items) {
    out += out.empty() ? "" : ", ";
    out += item;
  }
  return out;
}

} // namespace

Pos YamlReader::pos(const YAML::Node& node) const {
  if (!node.IsDefined()) {
    return {};
  }
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) {
    return {};
  }
  return {mark.line + 1, mark.column + 1};
}

void YamlReader::error(Pos p, std::string message) {
  out_.push_back({file_, p, std::move(message)});
}

bool YamlReader::expect_map(const YAML::Node& node, std::string_view what,
                            std::initializer_list<std::string_view> known) {
  if (!node.IsMap()) {
    error(node, fmt::format("{} is {}; expected a mapping of keys ({})", what, kind_of(node),
                            quoted_list(known)));
    return false;
  }
  std::set<std::string> seen;
  const std::vector<std::string_view> candidates(known);
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node key = it->first;
    if (!key.IsScalar()) {
      error(key, fmt::format("a key in {} is {}; expected a plain key name", what, kind_of(key)));
      continue;
    }
    const std::string name = printable(key.Scalar());
    bool is_known = false;
    for (std::string_view k : known) {
      is_known = is_known || k == name;
    }
    if (!is_known) {
      const std::string near = nearest(name, candidates);
      if (!near.empty()) {
        error(key, fmt::format("unknown key '{}' in {}; expected a known key: did you mean '{}'?",
                               name, what, near));
      } else {
        error(key, fmt::format("unknown key '{}' in {}; expected one of: {}", name, what,
                               quoted_list(known)));
      }
    } else if (!seen.insert(name).second) {
      error(key, fmt::format("key '{}' appears twice in {}; expected each key once", name, what));
    }
  }
  return true;
}

bool YamlReader::expect_sequence(const YAML::Node& node, std::string_view what) {
  if (!node.IsSequence()) {
    error(node, fmt::format("{} is {}; expected a list", what, kind_of(node)));
    return false;
  }
  return true;
}

YAML::Node YamlReader::required(const YAML::Node& map, std::string_view key,
                                std::string_view what) {
  const YAML::Node value = map[std::string(key)];
  if (!value.IsDefined() || value.IsNull()) {
    error(map, fmt::format("{} has no '{}'; expected '{}' to be given", what, key, key));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  return value;
}

std::optional<std::string> YamlReader::scalar(const YAML::Node& node, std::string_view what) {
  if (!node.IsScalar()) {
    error(node, fmt::format("{} is {}; expected a single value", what, kind_of(node)));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<std::string> YamlReader::host_name(const YAML::Node& node, std::string_view what) {
  auto text = scalar(node, what);
  if (!text) {
    return std::nullopt;
  }
  if (auto problem = dns::host_name_problem(*text)) {
    error(node, fmt::format("{} '{}' is not a valid DNS name: {}; expected an FQDN such as "
                            "pool01.contoso.com",
                            what, printable(*text), *problem));
    return std::nullopt;
  }
  if (dns::is_single_label(*text)) {
    error(node, fmt::format("{} '{}' is a single label; expected a fully qualified name "
                            "(single-label names are not supported)",
                            what, *text));
    return std::nullopt;
  }
  return to_lower(*text);
}

std::optional<dns::IpAddress> YamlReader::ip(const YAML::Node& node, std::string_view what) {
  auto text = scalar(node, what);
  if (!text) {
    return std::nullopt;
  }
  auto address = dns::parse_ip(*text);
  if (!address) {
    error(node, fmt::format("{} '{}' is not an IP address; expected an IPv4 or IPv6 literal "
                            "such as 192.0.2.10",
                            what, printable(*text)));
  }
  return address;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& node, std::string_view what) {
  auto text = scalar(node, what);
  if (!text) {
    return std::nullopt;
  }
  const std::string v = to_lower(*text);
  if (v == "true" || v == "yes" || v == "on") {
    return true;
  }
  if (v == "false" || v == "no" || v == "off") {
    return false;
  }
  error(node, fmt::format("{} is '{}'; expected true or false", what, printable(*text)));
  return std::nullopt;
}

std::optional<int> YamlReader::integer(const YAML::Node& node, std::string_view what, int low,
                                       int high) {
  auto value = whole_number(node, what, low, high);
  return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

std::optional<std::int64_t> YamlReader::whole_number(const YAML::Node& node, std::string_view what,
                                                     std::int64_t low, std::int64_t high) {
  auto text = scalar(node, what);
  if (!text) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const char* begin = text->data();
  const char* end = begin + text->size();
  const auto result = std::from_chars(begin, end, value);
  if (result.ec != std::errc() || result.ptr != end || value < low || value > high) {
    error(node, fmt::format("{} is '{}'; expected a whole number from {} to {}", what,
                            printable(*text), low, high));
    return std::nullopt;
  }
  return value;
}

std::optional<std::size_t> YamlReader::choice(const YAML::Node& node, std::string_view what,
                                              const std::vector<std::string_view>& choices) {
  auto text = scalar(node, what);
  if (!text) {
    return std::nullopt;
  }
  const std::string v = to_lower(*text);
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (choices[i] == v) {
      return i;
    }
  }
  std::string all;
  for (std::string_view c : choices) {
    all += all.empty() ? "" : ", ";
    all += c;
  }
  const std::string near = nearest(v, choices);
  error(node, fmt::format("{} '{}' is not known; expected one of {}{}", what, printable(*text), all,
                          near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)));
  return std::nullopt;
}

} // namespace lyncplan::topology
