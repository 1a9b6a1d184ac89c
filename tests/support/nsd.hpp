// An NSD authoritative DNS server for tests: serves the given zones on address:port (a free high
// port), started in the foreground and stopped by PID when the object goes.
#pragma once

#include "support/requires.hpp"
#include "support/servers.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace lyncplan::testing {

class NsdServer {
public:
  // `zones`: zone name -> zone file text. Files and logs go below `dir`.
  NsdServer(const std::filesystem::path& dir, const char* address,
            const std::map<std::string, std::string>& zones);
  bool ready() const { return ready_; }
  std::string endpoint() const; // "127.0.0.x:port" for --inside-dns / --outside-dns
  std::string log() const;

private:
  std::filesystem::path dir_;
  std::string address_;
  int port_ = 0;
  std::unique_ptr<ServerProcess> process_;
  bool ready_ = false;
};

} // namespace lyncplan::testing
