// DNS host names as the topology contract defines them: checks and namespace arithmetic.
#include <lyncplan/dns/name.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

namespace lyncplan::dns {
namespace {

bool is_label_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

std::optional<std::string> label_problem(std::string_view label) {
  if (label.empty()) {
    return "it has an empty label";
  }
  if (label.size() > 63) {
    return fmt::format("label '{}' is longer than 63 characters", label);
  }
  for (char c : label) {
    if (c == '*') {
      return "wildcards are not host names (a wildcard is never a subject and only a "
             "SAN for simple URLs and lyncdiscover)";
    }
    if (c == '_') {
      return "underscores are not allowed in server names";
    }
    if (!is_label_char(c)) {
      return fmt::format("character '{}' is not allowed (letters, digits and hyphens only)",
                         printable(std::string_view(&c, 1)));
    }
  }
  if (label.front() == '-' || label.back() == '-') {
    return fmt::format("label '{}' starts or ends with a hyphen", label);
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> host_name_problem(std::string_view name) {
  if (name.empty()) {
    return "the name is empty";
  }
  if (name.size() > 253) {
    return "the name is longer than 253 characters";
  }
  if (name.back() == '.') {
    return "names are written without a trailing dot";
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = name.find('.', start);
    const std::string_view label =
        name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (auto problem = label_problem(label)) {
      return problem;
    }
    if (dot == std::string_view::npos) {
      break;
    }
    start = dot + 1;
  }
  return std::nullopt;
}

std::string_view parent_domain(std::string_view name) {
  const std::size_t dot = name.find('.');
  return dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1);
}

bool is_within(std::string_view name, std::string_view domain) {
  if (domain.empty()) {
    return false;
  }
  if (name.size() == domain.size()) {
    return name == domain;
  }
  return name.size() > domain.size() && name.ends_with(domain) &&
         name[name.size() - domain.size() - 1] == '.';
}

bool is_child_of(std::string_view name, std::string_view domain) {
  return parent_domain(name) == domain && !domain.empty();
}

bool is_single_label(std::string_view name) {
  return name.find('.') == std::string_view::npos;
}

std::string relative_name(std::string_view name, std::string_view zone) {
  if (name == zone) {
    return "@";
  }
  if (is_within(name, zone)) {
    return std::string(name.substr(0, name.size() - zone.size() - 1));
  }
  return std::string(name) + ".";
}

} // namespace lyncplan::dns
