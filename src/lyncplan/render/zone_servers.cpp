// The configuration that makes a DNS server load the zone files: BIND (both views in one
// server), NSD and Knot (one instance per view); one table row per server.
#include <lyncplan/render/zone_servers.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace lyncplan::render {
namespace {

using plan::View;

constexpr std::array kServers = {
    ZoneServerInfo{"bind", "named.conf.lyncplan: both views in one BIND (views by client address)"},
    ZoneServerInfo{"knot", "knot-<view>.conf: one Knot DNS instance per view"},
    ZoneServerInfo{"nsd", "nsd-<view>.conf: one NSD instance per view"},
};

// What the internal view answers when the topology names no networks: the private ranges and
// loopback (RFC 1918, RFC 4193).
constexpr std::array<std::string_view, 6> kPrivateNetworks = {
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "fc00::/7", "::1/128"};

std::string zone_path(const Input& input, const ZoneFile& z) {
  return input.options.zone_dir.empty() ? z.path : input.options.zone_dir + "/" + z.path;
}

std::vector<View> views_of(const std::vector<ZoneFile>& zones) {
  std::vector<View> views;
  for (const ZoneFile& z : zones) {
    if (std::find(views.begin(), views.end(), z.view) == views.end()) {
      views.push_back(z.view);
    }
  }
  std::sort(views.begin(), views.end(), [](View a, View b) {
    return a == View::internal && b == View::external; // internal first: BIND takes the first
  });                                                  // view whose match-clients match
  return views;
}

std::size_t count_in(const std::vector<ZoneFile>& zones, View view) {
  return static_cast<std::size_t>(
      std::count_if(zones.begin(), zones.end(), [&](const ZoneFile& z) { return z.view == view; }));
}

File bind_config(const Input& input, const std::vector<ZoneFile>& zones) {
  const std::string file = "named.conf.lyncplan";
  std::string out = fmt::format(
      "// lyncplan: BIND configuration for the zone files beside it ({} zones).\n"
      "// Include it from named.conf, outside any view:\n"
      "//     include \"{}\";\n"
      "// Once a view exists, BIND wants every zone inside a view: move zones of your own into\n"
      "// these views, or into a view of their own. A client gets the first view whose\n"
      "// match-clients it matches: inside clients the internal view, everyone else the "
      "external.\n",
      zones.size(), input.options.zone_dir.empty() ? file : input.options.zone_dir + "/" + file);
  const auto& dns = input.topology.dns;
  std::vector<std::string> inside;
  if (dns && !dns->internal_clients.empty()) {
    inside = dns->internal_clients;
  } else {
    inside.assign(kPrivateNetworks.begin(), kPrivateNetworks.end());
    out += "// The topology names no internal_clients (dns: section): the internal view answers\n"
           "// the private ranges and loopback. Narrow the acl to your own networks.\n";
  }
  out += "acl \"lyncplan-internal\" {";
  for (const std::string& network : inside) {
    out += " " + network + ";";
  }
  out += " };\n";
  for (View view : views_of(zones)) {
    fmt::format_to(std::back_inserter(out), "\nview \"{}\" {{\n  match-clients {{ {}; }};\n",
                   to_string(view), view == View::internal ? "\"lyncplan-internal\"" : "any");
    if (view == View::external && dns && !dns->secondaries.empty()) {
      // The secondaries (dns.secondaries) are told of each change and may transfer every zone.
      out += "  notify explicit;\n  also-notify {";
      for (const auto& s : dns->secondaries) {
        fmt::format_to(std::back_inserter(out), " {} port {};", s.ip.text, s.port);
      }
      out += " };\n  allow-transfer {";
      for (const auto& s : dns->secondaries) {
        fmt::format_to(std::back_inserter(out), " {};", s.ip.text);
      }
      out += " };\n";
    }
    for (const ZoneFile& z : zones) {
      if (z.view == view) {
        fmt::format_to(std::back_inserter(out), "  zone \"{}\" {{ type primary; file \"{}\"; }};\n",
                       z.zone, zone_path(input, z));
      }
    }
    out += "};\n";
  }
  return {file, std::move(out)};
}

File nsd_config(const Input& input, const std::vector<ZoneFile>& zones, View view) {
  const std::string file = fmt::format("nsd-{}.conf", to_string(view));
  std::string out = fmt::format(
      "# lyncplan: NSD zones of the {} view ({} zones). One NSD instance serves one view:\n"
      "# include this file from that instance's nsd.conf:\n"
      "#     include: \"{}\"\n",
      to_string(view), count_in(zones, view),
      input.options.zone_dir.empty() ? file : input.options.zone_dir + "/" + file);
  // The secondaries (dns.secondaries) are told of each change and may transfer every zone.
  std::string zone_links;
  if (const auto& dns = input.topology.dns; dns && view == View::external) {
    for (const auto& s : dns->secondaries) {
      zone_links += fmt::format("  notify: {}@{} NOKEY\n  provide-xfr: {} NOKEY\n", s.ip.text,
                                s.port, s.ip.text);
    }
  }
  for (const ZoneFile& z : zones) {
    if (z.view == view) {
      fmt::format_to(std::back_inserter(out), "zone:\n  name: \"{}\"\n  zonefile: \"{}\"\n{}",
                     z.zone, zone_path(input, z), zone_links);
    }
  }
  return {file, std::move(out)};
}

File knot_config(const Input& input, const std::vector<ZoneFile>& zones, View view) {
  const std::string file = fmt::format("knot-{}.conf", to_string(view));
  std::string out = fmt::format(
      "# lyncplan: Knot DNS zones of the {} view ({} zones). One knotd serves one view: include\n"
      "# this file from that instance's knot.conf, after its server and template sections:\n"
      "#     include: \"{}\"\n",
      to_string(view), count_in(zones, view),
      input.options.zone_dir.empty() ? file : input.options.zone_dir + "/" + file);
  const auto& dns = input.topology.dns;
  const bool secondaries = view == View::external && dns && !dns->secondaries.empty();
  std::string zone_links;
  if (secondaries) {
    // The secondaries (dns.secondaries) are told of each change and may transfer every zone.
    std::string remotes = "remote:\n", ids, addresses;
    for (std::size_t i = 0; i < dns->secondaries.size(); ++i) {
      const auto& s = dns->secondaries[i];
      fmt::format_to(std::back_inserter(remotes),
                     "  - id: lyncplan-secondary-{}\n    address: {}@{}\n", i + 1, s.ip.text,
                     s.port);
      ids += fmt::format("{}lyncplan-secondary-{}", i == 0 ? "" : ", ", i + 1);
      addresses += fmt::format("{}{}", i == 0 ? "" : ", ", s.ip.text);
    }
    out += remotes;
    fmt::format_to(std::back_inserter(out),
                   "acl:\n  - id: lyncplan-transfer\n    address: [{}]\n    action: transfer\n",
                   addresses);
    zone_links = fmt::format("    notify: [{}]\n    acl: [lyncplan-transfer]\n", ids);
  }
  out += "zone:\n";
  for (const ZoneFile& z : zones) {
    if (z.view == view) {
      fmt::format_to(std::back_inserter(out), "  - domain: \"{}\"\n    file: \"{}\"\n{}", z.zone,
                     zone_path(input, z), zone_links);
    }
  }
  return {file, std::move(out)};
}

} // namespace

std::span<const ZoneServerInfo> zone_servers() {
  return kServers;
}

const ZoneServerInfo* find_zone_server(std::string_view name) {
  for (const ZoneServerInfo& s : kServers) {
    if (s.name == name) {
      return &s;
    }
  }
  return nullptr;
}

std::vector<ZoneServerConfig> zone_server_configs(std::string_view server, const Input& input,
                                                  const std::vector<ZoneFile>& zones) {
  std::vector<ZoneServerConfig> configs;
  if (server == "bind") {
    configs.push_back({bind_config(input, zones), zones.size()});
    return configs;
  }
  for (View view : views_of(zones)) {
    configs.push_back(
        {server == "nsd" ? nsd_config(input, zones, view) : knot_config(input, zones, view),
         count_in(zones, view)});
  }
  return configs;
}

} // namespace lyncplan::render
