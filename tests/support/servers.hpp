// Real server processes for tests: started with fork/exec on loopback, stopped by PID (SIGTERM,
// then waited for), and the small socket helpers to find a free port and wait until one listens.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace lyncplan::testing {

// A port on `address` (IPv4 loopback) that nothing listens on right now.
int free_port(const char* address);

// Whether a TCP connect to address:port succeeds now.
bool connects(const char* address, int port);

// A listening socket on `address` (port chosen by the kernel) that never accepts: the kernel
// completes TCP handshakes, and nobody ever speaks.
struct Listener {
  int fd = -1;
  int port = 0;
  Listener(const char* address, int backlog, int fixed_port = 0);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
};

// A port whose accept queue is full: Linux drops further SYNs, so a connect is never answered,
// as behind a firewall that drops packets, without leaving loopback.
class BlackHole {
public:
  explicit BlackHole(const char* address);
  ~BlackHole();
  BlackHole(const BlackHole&) = delete;
  BlackHole& operator=(const BlackHole&) = delete;
  int port() const { return listener_.port; }

private:
  Listener listener_;
  std::vector<int> fillers_;
};

// A TCP server that sends `start` and then `filler` bytes, one byte every `every`, to each client
// for as long as it stays: a slow-drip server that only an overall deadline ends. Served by a
// thread; stopped when the object goes.
class DripServer {
public:
  DripServer(const char* address, int port, std::string start, char filler,
             std::chrono::milliseconds every);
  ~DripServer();
  DripServer(const DripServer&) = delete;
  DripServer& operator=(const DripServer&) = delete;
  int port() const { return listener_.port; }
  bool ready() const { return listener_.port > 0; }

private:
  Listener listener_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

class ServerProcess {
public:
  // Runs argv[0] (looked up in PATH, then /usr/sbin) with stdin from /dev/null and stdout and
  // stderr to `log` ("" for /dev/null).
  ServerProcess(std::vector<std::string> argv, const std::string& log = "");
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Waits (up to `timeout_ms`) until address:port accepts connections; false if the process
  // exited or the time ran out.
  bool wait_listening(const char* address, int port, int timeout_ms = 10000);

private:
  pid_t pid_ = -1;
};

} // namespace lyncplan::testing
