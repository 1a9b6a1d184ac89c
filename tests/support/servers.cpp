// Real server processes for tests, started on loopback and stopped by PID.
#include "support/servers.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

namespace lyncplan::testing {
namespace {

sockaddr_in ipv4(const char* address, int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, address, &a.sin_addr);
  return a;
}

std::string find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) {
    return name;
  }
  for (const char* dir : {"/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"}) {
    const std::string path = std::string(dir) + "/" + name;
    if (::access(path.c_str(), X_OK) == 0) {
      return path;
    }
  }
  return name;
}

} // namespace

Listener::Listener(const char* address, int backlog, int fixed_port) {
  fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fixed_port != 0) { // a fixed port may be in TIME_WAIT from the last run; never when taken
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  }
  sockaddr_in a = ipv4(address, fixed_port);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && ::listen(fd, backlog) == 0) {
    socklen_t length = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length);
    port = ntohs(a.sin_port);
  }
}

Listener::~Listener() {
  ::close(fd);
}

BlackHole::BlackHole(const char* address) : listener_(address, 0) {
  for (int i = 0; i < 4; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    sockaddr_in a = ipv4(address, listener_.port);
    ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    fillers_.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

BlackHole::~BlackHole() {
  for (const int fd : fillers_) {
    ::close(fd);
  }
}

DripServer::DripServer(const char* address, int port, std::string start, char filler,
                       std::chrono::milliseconds every)
    : listener_(address, 16, port) {
  if (!ready()) {
    return; // the port is taken: nothing to serve
  }
  thread_ = std::thread([this, start = std::move(start), filler, every] {
    struct Client {
      int fd;
      std::size_t sent;
    };
    std::vector<Client> clients;
    while (!stop_) {
      pollfd p{listener_.fd, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(every.count())) > 0) {
        const int fd = ::accept4(listener_.fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0) {
          clients.push_back({fd, 0});
        }
      }
      for (auto& c : clients) {
        const char byte = c.sent < start.size() ? start[c.sent] : filler;
        if (::send(c.fd, &byte, 1, MSG_NOSIGNAL | MSG_DONTWAIT) != 1) {
          ::close(c.fd);
          c.fd = -1;
        }
        ++c.sent;
      }
      std::erase_if(clients, [](const Client& c) { return c.fd < 0; });
    }
    for (const auto& c : clients) {
      ::close(c.fd);
    }
  });
}

DripServer::~DripServer() {
  stop_ = true;
  if (thread_.joinable()) {
    thread_.join();
  }
}

int free_port(const char* address) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a = ipv4(address, 0);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t length = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length);
  ::close(fd);
  return ntohs(a.sin_port);
}

bool connects(const char* address, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const sockaddr_in a = ipv4(address, port);
  const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

ServerProcess::ServerProcess(std::vector<std::string> argv, const std::string& log) {
  argv[0] = find_program(argv[0]);
  std::vector<char*> args;
  for (auto& a : argv) {
    args.push_back(a.data());
  }
  args.push_back(nullptr);
  const std::string out = log.empty() ? "/dev/null" : log;
  pid_ = ::fork();
  if (pid_ == 0) {
    const int in = ::open("/dev/null", O_RDONLY);
    const int sink = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(in, 0);
    ::dup2(sink, 1);
    ::dup2(sink, 2);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
}

bool ServerProcess::wait_listening(const char* address, int port, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    if (connects(address, port)) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }
  return false;
}

} // namespace lyncplan::testing
