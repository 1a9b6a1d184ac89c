// Typed access to YAML nodes that records a positioned diagnostic for every bad value.
#pragma once

#include <lyncplan/dns/address.hpp>
#include <lyncplan/topology/model.hpp>

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lyncplan::topology {

class YamlReader {
public:
  YamlReader(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(out) {}

  Pos pos(const YAML::Node& node) const;
  void error(Pos pos, std::string message);
  void error(const YAML::Node& node, std::string message) { error(pos(node), std::move(message)); }
  // A problem in another file the topology refers to (a tenants file).
  void error_in(const std::string& file, Pos pos, std::string message) {
    out_.push_back({file, pos, std::move(message)});
  }

  // A mapping whose keys are all in `known`; reports unknown and duplicate keys.
  bool expect_map(const YAML::Node& node, std::string_view what,
                  std::initializer_list<std::string_view> known);
  bool expect_sequence(const YAML::Node& node, std::string_view what);
  // The value of a required key, or an invalid node after reporting it missing.
  YAML::Node required(const YAML::Node& map, std::string_view key, std::string_view what);

  std::optional<std::string> scalar(const YAML::Node& node, std::string_view what);
  std::optional<std::string> host_name(const YAML::Node& node, std::string_view what);
  std::optional<dns::IpAddress> ip(const YAML::Node& node, std::string_view what);
  std::optional<bool> boolean(const YAML::Node& node, std::string_view what);
  std::optional<int> integer(const YAML::Node& node, std::string_view what, int low, int high);
  std::optional<std::int64_t> whole_number(const YAML::Node& node, std::string_view what,
                                           std::int64_t low, std::int64_t high);
  // One of `choices` (case-insensitive); reports the nearest choice otherwise.
  std::optional<std::size_t> choice(const YAML::Node& node, std::string_view what,
                                    const std::vector<std::string_view>& choices);

  const std::string& file() const { return file_; }

private:
  std::string file_;
  std::vector<Diagnostic>& out_;
};

} // namespace lyncplan::topology
