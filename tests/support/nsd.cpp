// NSD started for a test on loopback with its own configuration, zones and logs.
#include "support/nsd.hpp"

#include "support/files.hpp"

#include <cstdlib>

namespace lyncplan::testing {

NsdServer::NsdServer(const std::filesystem::path& dir, const char* address,
                     const std::map<std::string, std::string>& zones)
    : dir_(dir), address_(address), port_(free_port(address)) {
  std::filesystem::create_directories(dir_);
  const std::string d = dir_.string();
  std::string conf = "server:\n  ip-address: " + address_ + "@" + std::to_string(port_) +
                     "\n  port: " + std::to_string(port_) +
                     "\n  username: \"\"\n  chroot: \"\"\n  zonesdir: \"" + d +
                     "\"\n  database: \"\"\n  pidfile: \"" + d + "/nsd.pid\"\n  xfrdfile: \"" + d +
                     "/xfrd.state\"\n  zonelistfile: \"" + d + "/zone.list\"\n  logfile: \"" + d +
                     "/nsd.log\"\n  server-count: 1\n  verbosity: 1\n  rrl-ratelimit: 0\n"
                     "remote-control:\n  control-enable: no\n";
  for (const auto& [zone, text] : zones) {
    write_file(dir_ / (zone + ".zone"), text);
    conf += "zone:\n  name: " + zone + "\n  zonefile: \"" + d + "/" + zone + ".zone\"\n";
  }
  write_file(dir_ / "nsd.conf", conf);
  process_ = std::make_unique<ServerProcess>(
      std::vector<std::string>{"nsd", "-d", "-c", (dir_ / "nsd.conf").string()},
      (dir_ / "nsd.out").string());
  ready_ = process_->wait_listening(address, port_, 15000);
}

std::string NsdServer::endpoint() const {
  return address_ + ":" + std::to_string(port_);
}

std::string NsdServer::log() const {
  return read_file(dir_ / "nsd.out") + read_file(dir_ / "nsd.log");
}

} // namespace lyncplan::testing
