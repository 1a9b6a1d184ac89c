// The configuration that makes a DNS server load the zone files: BIND (both views in one
// server), NSD and Knot (one instance per view); one table row per server.
#pragma once

#include <lyncplan/render/renderer.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::render {

// One zone file the zone renderer wrote: its view, zone and path inside the output folder.
struct ZoneFile {
  plan::View view = plan::View::external;
  std::string zone;
  std::string path;
};

struct ZoneServerInfo {
  std::string_view name; // --server value
  std::string_view help;
};

// The servers, in the order --help lists them.
std::span<const ZoneServerInfo> zone_servers();
const ZoneServerInfo* find_zone_server(std::string_view name);

struct ZoneServerConfig {
  File file;
  std::size_t zones = 0; // how many zones it loads
};

// The configuration files for `server` over `zones`, naming each zone file as
// `options.zone_dir`/path (where the server finds the folder).
std::vector<ZoneServerConfig> zone_server_configs(std::string_view server, const Input& input,
                                                  const std::vector<ZoneFile>& zones);

} // namespace lyncplan::render
