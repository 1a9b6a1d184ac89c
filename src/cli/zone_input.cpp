// Reading the inputs a command names: the topology file and zone files.
#include "input.hpp"

#include <lyncplan/dns/address.hpp>
#include <lyncplan/importer/import.hpp>
#include <lyncplan/resolve/zone_file.hpp>
#include <lyncplan/topology/loader.hpp>

#include <fmt/format.h>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lyncplan::cli {

std::optional<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) {
    return std::nullopt;
  }
  return s.str();
}

std::optional<std::string> read_topology_bytes(const std::string& path, Console console) {
  constexpr std::uintmax_t kMaxBytes = std::uintmax_t{64} << 20;
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxBytes) {
    console.err << fmt::format("{}:1:1: the file is {} bytes; expected a topology of at most "
                               "64 MiB\n",
                               path, size);
    return std::nullopt;
  }
  errno = 0;
  auto text = read_text_file(path);
  if (!text) {
    console.err << fmt::format("lyncplan: {}: cannot read: {}\n", path,
                               std::strerror(errno != 0 ? errno : EIO));
    return std::nullopt;
  }
  return text;
}

std::uint32_t input_serial(const std::string& path, const topology::Topology& topology) {
  std::int64_t latest = 0;
  auto consider = [&](const std::string& file) {
    struct stat st {};
    if (!file.empty() && file != "-" && ::stat(file.c_str(), &st) == 0) {
      latest = std::max<std::int64_t>(latest, st.st_mtim.tv_sec);
    }
  };
  consider(path);
  if (topology.hosting) {
    consider(topology.hosting->tenants_file);
  }
  return static_cast<std::uint32_t>(std::clamp<std::int64_t>(latest, 0, 4294967295));
}

std::optional<topology::Topology> load_topology_file(const std::string& path, Console console,
                                                     const topology::ReadFile& tenants_file) {
  auto text = read_topology_bytes(path, console);
  if (!text) {
    return std::nullopt;
  }
  const topology::ReadFile& read = tenants_file ? tenants_file : read_text_file;
  if (importer::looks_like_import(*text)) {
    auto imported = importer::import_topology(*text, path, {});
    if (!imported) {
      for (const auto& d : imported.error()) {
        console.err << util::format(d) << "\n";
      }
      return std::nullopt;
    }
    const std::string yaml_name = path + " (imported)";
    auto topology = topology::load_topology(imported->yaml.yaml, yaml_name, read);
    if (!topology) {
      for (const auto& d : importer::at_source(std::move(topology.error()), yaml_name, *imported)) {
        console.err << util::format(d) << "\n";
      }
      console.err << fmt::format("lyncplan: {} was read as a Topology Builder topology; "
                                 "`lyncplan import {} -o FILE.yaml` writes it as YAML with the "
                                 "gaps marked, and its flags (--address, --lb, ...) fill them\n",
                                 path, path);
      return std::nullopt;
    }
    return std::move(*topology);
  }
  auto topology = topology::load_topology(*text, path, read);
  if (!topology) {
    for (const auto& d : topology.error()) {
      console.err << topology::format(d) << "\n";
    }
    return std::nullopt;
  }
  return std::move(*topology);
}

std::optional<std::string> nsupdate_server(const std::string& spec, Console console) {
  if (spec.empty()) {
    return std::string();
  }
  const auto endpoint = dns::parse_endpoint(spec, 53);
  if (!endpoint) {
    console.err << fmt::format("lyncplan: --server '{}': expected IP, IP:PORT or [IPv6]:PORT\n",
                               spec);
    return std::nullopt;
  }
  return fmt::format("{} {}", endpoint->ip.text, endpoint->port);
}

std::optional<simulate::DnsWorld> load_zone_files(const std::vector<std::string>& specs,
                                                  Console console) {
  simulate::DnsWorld world;
  bool ok = true;
  for (const std::string& spec : specs) {
    const std::size_t eq = spec.find('=');
    const std::string view = eq == std::string::npos ? "" : spec.substr(0, eq);
    const std::string file = eq == std::string::npos ? "" : spec.substr(eq + 1);
    if ((view != "internal" && view != "external") || file.empty()) {
      console.err << fmt::format("lyncplan: --zone '{}': expected VIEW=FILE with VIEW internal or "
                                 "external\n",
                                 spec);
      ok = false;
      continue;
    }
    errno = 0;
    auto text = read_text_file(file);
    if (!text) {
      console.err << fmt::format("lyncplan: {}: cannot read: {}\n", file,
                                 std::strerror(errno != 0 ? errno : EIO));
      ok = false;
      continue;
    }
    auto parsed = resolve::parse_zone_file(*text, file);
    if (!parsed) {
      console.err << topology::format(parsed.error()) << "\n";
      ok = false;
      continue;
    }
    auto& records = view == "internal" ? world.internal : world.external;
    if (view == "internal") {
      // The zones this internal server holds: its SOA owners, or (in a file without SOA, such
      // as a pin-point export) each owner name on its own.
      for (const auto& origin : parsed->origins) {
        world.internal_zones.insert(origin);
      }
      if (parsed->origins.empty()) {
        for (const auto& r : parsed->records) {
          world.internal_zones.insert(r.name);
        }
      }
    }
    records.insert(records.end(), parsed->records.begin(), parsed->records.end());
  }
  if (!ok) {
    return std::nullopt;
  }
  return world;
}

} // namespace lyncplan::cli
