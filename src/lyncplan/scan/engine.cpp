// The bulk DNS engine's event loop (epoll): fill the window, send in batches, drain answers in
// batches, expire timers, repeat. Timers sit in one FIFO per try (each try has one timeout, so
// every FIFO stays in deadline order); an answered query simply makes its timer stale.
#include <lyncplan/scan/engine.hpp>
#include <lyncplan/scan/timer_fifos.hpp>

#include <fmt/format.h>

#include <ares.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <deque>
#include <memory>
#include <random>

namespace lyncplan::scan {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::uint32_t kNone = UINT32_MAX;
constexpr int kBatch = 64;
constexpr std::size_t kReceiveSize = 4096;
constexpr std::size_t kMaxTcp = 64;
constexpr std::uint64_t kTcpTag = 1ULL << 40;
constexpr auto kTickEvery = milliseconds(100);

struct Address {
  sockaddr_storage storage{};
  socklen_t length = 0;
};

Address to_sockaddr(const dns::Endpoint& e) {
  Address a;
  if (e.ip.family == dns::Family::v4) {
    auto* in = reinterpret_cast<sockaddr_in*>(&a.storage);
    in->sin_family = AF_INET;
    in->sin_port = htons(e.port);
    inet_pton(AF_INET, e.ip.text.c_str(), &in->sin_addr);
    a.length = sizeof(sockaddr_in);
  } else {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&a.storage);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(e.port);
    inet_pton(AF_INET6, e.ip.text.c_str(), &in6->sin6_addr);
    a.length = sizeof(sockaddr_in6);
  }
  return a;
}

void grow_buffers(int fd) {
  const int size = 8 << 20;
  if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0) {
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  }
  if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size) != 0) {
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  }
}

struct Slot {
  std::vector<unsigned char> wire;
  std::string name;
  resolve::WireType type = resolve::WireType::A;
  std::uint64_t cookie = 0;
  std::uint32_t generation = 0;
  std::uint16_t id = 0;
  std::uint16_t socket = 0;
  std::uint8_t attempt = 0;
  bool in_use = false;
  bool waiting_udp = false; // has an ID on a UDP socket
};

struct UdpSocket {
  int fd = -1;
  std::size_t server = 0;
  std::vector<std::uint32_t> by_id = std::vector<std::uint32_t>(65536, kNone);
  std::uint16_t next_id = 0;
  std::vector<std::uint32_t> outbox; // slots waiting to be sent
};

struct TcpQuery {
  int fd = -1;
  std::uint32_t slot = kNone;
  std::vector<unsigned char> out;
  std::size_t sent = 0;
  std::vector<unsigned char> in;
  Clock::time_point deadline;
};

class Engine {
public:
  Engine(const EngineOptions& o, QuerySource& source) : o_(o), source_(source) {}
  ~Engine() {
    for (auto& s : sockets_) {
      if (s.fd >= 0) {
        ::close(s.fd);
      }
    }
    for (auto& t : tcp_) {
      if (t && t->fd >= 0) {
        ::close(t->fd);
      }
    }
    if (epoll_ >= 0) {
      ::close(epoll_);
    }
  }

  Expected<EngineStats, std::string> run() {
    if (auto ok = open(); !ok) {
      return unexpected(ok.error());
    }
    Clock::time_point last_tick = Clock::now(), last_refill = last_tick;
    double tokens = 0;
    const double burst = o_.qps > 0 ? std::max(1.0, o_.qps / 200.0) : 0;
    std::vector<epoll_event> events(64);
    for (;;) {
      Clock::time_point now = Clock::now();
      if (o_.qps > 0) {
        const double seconds = std::chrono::duration<double>(now - last_refill).count();
        tokens = std::min(burst, tokens + seconds * o_.qps);
        last_refill = now;
      }
      fill(tokens);
      flush_outboxes();
      if (in_flight_ == 0 && tcp_open_ == 0 && tcp_queue_.empty() && outboxes_empty() &&
          source_.finished()) {
        break;
      }
      const int wait = wait_ms(now, tokens);
      const int n = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), wait);
      if (n < 0 && errno != EINTR) {
        return unexpected(fmt::format("epoll_wait: {}", std::strerror(errno)));
      }
      for (int i = 0; i < n; ++i) {
        const std::uint64_t tag = events[static_cast<std::size_t>(i)].data.u64;
        if (tag >= kTcpTag) {
          step_tcp(static_cast<std::size_t>(tag - kTcpTag),
                   events[static_cast<std::size_t>(i)].events);
        } else {
          drain(static_cast<std::size_t>(tag));
        }
      }
      now = Clock::now();
      expire(now);
      start_queued_tcp();
      if (now - last_tick >= kTickEvery) {
        source_.tick();
        last_tick = now;
      }
    }
    source_.tick();
    return stats_;
  }

private:
  Expected<bool, std::string> open() {
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0) {
      return unexpected(fmt::format("epoll: {}", std::strerror(errno)));
    }
    std::random_device random;
    for (std::size_t s = 0; s < o_.servers.size(); ++s) {
      stats_.servers.push_back({o_.servers[s].text(), 0, 0});
      const Address a = to_sockaddr(o_.servers[s]);
      for (int i = 0; i < std::max(1, o_.sockets_per_server); ++i) {
        UdpSocket u;
        u.server = s;
        u.next_id = static_cast<std::uint16_t>(random());
        u.fd = ::socket(a.storage.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (u.fd < 0) {
          return unexpected(fmt::format("UDP socket: {}", std::strerror(errno)));
        }
        grow_buffers(u.fd);
        if (::connect(u.fd, reinterpret_cast<const sockaddr*>(&a.storage), a.length) != 0) {
          const std::string why = std::strerror(errno);
          ::close(u.fd);
          return unexpected(fmt::format("DNS server {}: {}", o_.servers[s].text(), why));
        }
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = sockets_.size();
        epoll_ctl(epoll_, EPOLL_CTL_ADD, u.fd, &ev);
        sockets_.push_back(std::move(u));
      }
    }
    addresses_.reserve(o_.servers.size());
    for (const auto& e : o_.servers) {
      addresses_.push_back(to_sockaddr(e));
    }
    slots_.resize(std::max<std::size_t>(1, o_.inflight));
    for (std::size_t i = slots_.size(); i-- > 0;) {
      free_.push_back(static_cast<std::uint32_t>(i));
    }
    timers_ = TimerFifos(static_cast<std::size_t>(std::max(0, o_.retries)) + 1);
    buffers_.resize(kBatch * kReceiveSize);
    return true;
  }

  bool outboxes_empty() const {
    return std::all_of(sockets_.begin(), sockets_.end(),
                       [](const UdpSocket& s) { return s.outbox.empty(); });
  }

  int timeout_for(int attempt) const { return o_.timeout_ms << attempt; }

  // Takes new queries while the window and the rate allow.
  void fill(double& tokens) {
    Query q;
    while (!free_.empty() && (o_.qps <= 0 || tokens >= 1) && source_.next(q)) {
      const std::uint32_t index = free_.back();
      free_.pop_back();
      Slot& s = slots_[index];
      auto wire = resolve::encode_query(q.name, q.type, 0, o_.udp_size);
      s.in_use = true;
      s.cookie = q.cookie;
      s.type = q.type;
      s.attempt = 0;
      s.name = std::move(q.name);
      ++in_flight_;
      if (!wire) { // a name c-ares cannot encode: answer it as a server failure
        Response r;
        r.answer.status = resolve::Status::servfail;
        r.note = "the name cannot be put in a DNS query";
        finish(index, std::move(r));
        continue;
      }
      s.wire = std::move(*wire);
      tokens -= o_.qps > 0 ? 1 : 0;
      enqueue(index, next_socket_++ % sockets_.size());
    }
  }

  void enqueue(std::uint32_t index, std::size_t socket) {
    Slot& s = slots_[index];
    UdpSocket& u = sockets_[socket];
    do {
      u.next_id = static_cast<std::uint16_t>(u.next_id + 40503); // odd: visits every ID
    } while (u.by_id[u.next_id] != kNone);
    s.id = u.next_id;
    s.socket = static_cast<std::uint16_t>(socket);
    s.waiting_udp = true;
    u.by_id[s.id] = index;
    resolve::set_message_id(s.wire, s.id);
    u.outbox.push_back(index);
    timers_.arm(s.attempt, Clock::now() + milliseconds(timeout_for(s.attempt)), index,
                s.generation);
  }

  void flush_outboxes() {
    mmsghdr messages[kBatch];
    iovec vectors[kBatch];
    for (UdpSocket& u : sockets_) {
      std::size_t done = 0;
      while (done < u.outbox.size()) {
        const std::size_t count = std::min<std::size_t>(kBatch, u.outbox.size() - done);
        for (std::size_t i = 0; i < count; ++i) {
          Slot& s = slots_[u.outbox[done + i]];
          vectors[i] = {s.wire.data(), s.wire.size()};
          messages[i] = {};
          messages[i].msg_hdr.msg_iov = &vectors[i];
          messages[i].msg_hdr.msg_iovlen = 1;
        }
        const int n = sendmmsg(u.fd, messages, static_cast<unsigned>(count), MSG_DONTWAIT);
        if (n <= 0) {
          if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            ++done; // this one cannot be sent (e.g. ICMP unreachable reported): its timer runs
          }
          break;
        }
        stats_.sent += static_cast<std::uint64_t>(n);
        done += static_cast<std::size_t>(n);
      }
      u.outbox.erase(u.outbox.begin(), u.outbox.begin() + static_cast<std::ptrdiff_t>(done));
    }
  }

  void drain(std::size_t socket) {
    UdpSocket& u = sockets_[socket];
    mmsghdr messages[kBatch];
    iovec vectors[kBatch];
    for (;;) {
      for (int i = 0; i < kBatch; ++i) {
        vectors[i] = {buffers_.data() + static_cast<std::size_t>(i) * kReceiveSize, kReceiveSize};
        messages[i] = {};
        messages[i].msg_hdr.msg_iov = &vectors[i];
        messages[i].msg_hdr.msg_iovlen = 1;
      }
      const int n = recvmmsg(u.fd, messages, kBatch, MSG_DONTWAIT, nullptr);
      if (n <= 0) {
        return; // EAGAIN, or an error such as ECONNREFUSED (ICMP): the timers handle it
      }
      for (int i = 0; i < n; ++i) {
        const std::span<const unsigned char> bytes(
            buffers_.data() + static_cast<std::size_t>(i) * kReceiveSize, messages[i].msg_len);
        receive(u, bytes);
      }
      if (n < kBatch) {
        return;
      }
    }
  }

  void receive(UdpSocket& u, std::span<const unsigned char> bytes) {
    const auto id = resolve::message_id(bytes);
    const std::uint32_t index = id ? u.by_id[*id] : kNone;
    if (index == kNone) {
      ++stats_.ignored;
      return;
    }
    Slot& s = slots_[index];
    auto reply = resolve::decode_reply(bytes, s.name, s.type);
    if (!reply) {
      ++stats_.ignored; // another question, or garbage: keep waiting for the real answer
      return;
    }
    release_id(s);
    if (reply->truncated) {
      ++stats_.tcp;
      ++s.generation; // its UDP timer no longer applies
      tcp_queue_.push_back(index);
      return;
    }
    complete(index, std::move(*reply));
  }

  void release_id(Slot& s) {
    if (s.waiting_udp) {
      sockets_[s.socket].by_id[s.id] = kNone;
      s.waiting_udp = false;
    }
  }

  void complete(std::uint32_t index, resolve::Reply&& reply) {
    ++stats_.answered;
    ++stats_.servers[sockets_[slots_[index].socket].server].answered;
    Response r;
    r.answer = std::move(reply.answer);
    r.zone = std::move(reply.zone);
    finish(index, std::move(r));
  }

  void finish(std::uint32_t index, Response&& response) {
    Slot& s = slots_[index];
    release_id(s);
    ++s.generation;
    s.in_use = false;
    --in_flight_;
    free_.push_back(index);
    source_.answered(s.cookie, std::move(response));
  }

  void time_out(std::uint32_t index, std::string note) {
    ++stats_.timeouts;
    ++stats_.servers[sockets_[slots_[index].socket].server].timeouts;
    Response r;
    r.answer.status = resolve::Status::timeout;
    r.answer.server_answered = false;
    r.note = std::move(note);
    finish(index, std::move(r));
  }

  void expire(Clock::time_point now) {
    timers_.expire(now, [&](const TimerFifos::Timer& t) {
      Slot& s = slots_[t.slot];
      if (!s.in_use || s.generation != t.generation) {
        return; // answered, or retried since: a stale timer
      }
      release_id(s);
      if (s.attempt < o_.retries) {
        ++stats_.retries;
        ++s.attempt;
        ++s.generation;
        // The next try goes to the next server when there are several.
        const std::size_t per = sockets_.size() / o_.servers.size();
        const std::size_t server = (sockets_[s.socket].server + 1) % o_.servers.size();
        enqueue(t.slot, server * per + (next_socket_++ % per));
      } else {
        time_out(t.slot, {});
      }
    });
    for (std::size_t i = 0; i < tcp_.size(); ++i) {
      if (tcp_[i] && tcp_[i]->deadline <= now) {
        end_tcp(i, "no whole answer over TCP in time", true);
      }
    }
  }

  int wait_ms(Clock::time_point now, double tokens) const {
    if (!outboxes_empty()) {
      return 1;
    }
    Clock::time_point next = now + kTickEvery;
    if (const auto earliest = timers_.earliest()) {
      next = std::min(next, *earliest);
    }
    for (const auto& t : tcp_) {
      if (t) {
        next = std::min(next, t->deadline);
      }
    }
    if (o_.qps > 0 && tokens < 1 && !free_.empty()) {
      next = std::min(next, now + std::chrono::microseconds(
                                      static_cast<long>(std::ceil((1 - tokens) / o_.qps * 1e6))));
    }
    const auto left = std::chrono::duration_cast<std::chrono::microseconds>(next - now).count();
    return left <= 0 ? 0 : static_cast<int>((left + 999) / 1000);
  }

  // ---- TCP, for truncated answers (RFC 7766) ----

  void start_queued_tcp() {
    while (!tcp_queue_.empty() && tcp_open_ < kMaxTcp) {
      const std::uint32_t index = tcp_queue_.front();
      tcp_queue_.pop_front();
      start_tcp(index);
    }
  }

  void start_tcp(std::uint32_t index) {
    Slot& s = slots_[index];
    const Address& a = addresses_[sockets_[s.socket].server];
    auto t = std::make_unique<TcpQuery>();
    t->slot = index;
    t->deadline = Clock::now() + milliseconds(timeout_for(s.attempt) * 2);
    t->out.reserve(s.wire.size() + 2);
    t->out.push_back(static_cast<unsigned char>(s.wire.size() >> 8));
    t->out.push_back(static_cast<unsigned char>(s.wire.size() & 0xff));
    t->out.insert(t->out.end(), s.wire.begin(), s.wire.end());
    t->fd = ::socket(a.storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    std::size_t at = 0;
    while (at < tcp_.size() && tcp_[at]) {
      ++at;
    }
    if (at == tcp_.size()) {
      tcp_.emplace_back();
    }
    tcp_[at] = std::move(t);
    ++tcp_open_;
    TcpQuery& q = *tcp_[at];
    if (q.fd < 0 ||
        (::connect(q.fd, reinterpret_cast<const sockaddr*>(&a.storage), a.length) != 0 &&
         errno != EINPROGRESS)) {
      end_tcp(at, fmt::format("the answer was truncated and TCP failed: {}", std::strerror(errno)));
      return;
    }
    epoll_event ev{};
    ev.events = EPOLLOUT | EPOLLIN;
    ev.data.u64 = kTcpTag + at;
    epoll_ctl(epoll_, EPOLL_CTL_ADD, q.fd, &ev);
  }

  void step_tcp(std::size_t at, std::uint32_t events) {
    if (at >= tcp_.size() || !tcp_[at]) {
      return;
    }
    TcpQuery& q = *tcp_[at];
    if ((events & (EPOLLERR | EPOLLHUP)) != 0 && q.in.empty()) {
      int error = 0;
      socklen_t length = sizeof error;
      getsockopt(q.fd, SOL_SOCKET, SO_ERROR, &error, &length);
      end_tcp(at, fmt::format("the answer was truncated and TCP failed: {}",
                              std::strerror(error != 0 ? error : ECONNRESET)));
      return;
    }
    if ((events & EPOLLOUT) != 0 && q.sent < q.out.size()) {
      const ssize_t n = ::send(q.fd, q.out.data() + q.sent, q.out.size() - q.sent, MSG_NOSIGNAL);
      if (n > 0) {
        q.sent += static_cast<std::size_t>(n);
      }
      if (q.sent == q.out.size()) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = kTcpTag + at;
        epoll_ctl(epoll_, EPOLL_CTL_MOD, q.fd, &ev);
      }
    }
    if ((events & (EPOLLIN | EPOLLHUP)) != 0) {
      unsigned char chunk[4096];
      for (;;) {
        const ssize_t n = ::recv(q.fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n > 0) {
          q.in.insert(q.in.end(), chunk, chunk + n);
          if (q.in.size() > 65537) {
            break;
          }
          continue;
        }
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
          if (!whole_tcp_answer(q)) {
            end_tcp(at, "the answer was truncated and the TCP connection closed before a whole "
                        "answer");
            return;
          }
        }
        break;
      }
      if (whole_tcp_answer(q)) {
        const std::size_t length = (static_cast<std::size_t>(q.in[0]) << 8) | q.in[1];
        Slot& s = slots_[q.slot];
        auto reply = resolve::decode_reply(std::span(q.in).subspan(2, length), s.name, s.type);
        if (!reply) {
          end_tcp(at, "the answer over TCP is not an answer to the question: " + reply.error());
          return;
        }
        const std::uint32_t index = q.slot;
        close_tcp(at);
        complete(index, std::move(*reply));
      }
    }
  }

  static bool whole_tcp_answer(const TcpQuery& q) {
    return q.in.size() >= 2 &&
           q.in.size() >= 2 + ((static_cast<std::size_t>(q.in[0]) << 8) | q.in[1]);
  }

  void close_tcp(std::size_t at) {
    ::close(tcp_[at]->fd);
    tcp_[at].reset();
    --tcp_open_;
  }

  // The server answered over UDP that the answer needs TCP, and TCP did not bring it: a failure
  // of the server, as a recursive resolver would report it (SERVFAIL), unless time ran out.
  void end_tcp(std::size_t at, std::string why, bool timed_out = false) {
    const std::uint32_t index = tcp_[at]->slot;
    close_tcp(at);
    if (timed_out) {
      time_out(index, std::move(why));
      return;
    }
    ++stats_.answered; // over UDP, with TC
    Response r;
    r.answer.status = resolve::Status::servfail;
    r.note = std::move(why);
    finish(index, std::move(r));
  }

  const EngineOptions& o_;
  QuerySource& source_;
  int epoll_ = -1;
  std::vector<UdpSocket> sockets_;
  std::vector<Address> addresses_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;
  TimerFifos timers_;
  std::vector<unsigned char> buffers_;
  std::vector<std::unique_ptr<TcpQuery>> tcp_;
  std::deque<std::uint32_t> tcp_queue_;
  std::size_t tcp_open_ = 0;
  std::size_t in_flight_ = 0;
  std::size_t next_socket_ = 0;
  EngineStats stats_;
};

} // namespace

Expected<EngineStats, std::string> run_engine(const EngineOptions& options, QuerySource& source) {
  if (options.servers.empty()) {
    return unexpected(std::string("no DNS server to ask; expected --resolver IP[:PORT]"));
  }
  Engine engine(options, source);
  return engine.run();
}

std::vector<dns::Endpoint> system_servers() {
  std::vector<dns::Endpoint> out;
  ares_library_init(ARES_LIB_INIT_ALL);
  ares_channel channel = nullptr;
  if (ares_init(&channel) != ARES_SUCCESS) {
    return out;
  }
  ares_addr_port_node* servers = nullptr;
  if (ares_get_servers_ports(channel, &servers) == ARES_SUCCESS) {
    for (ares_addr_port_node* n = servers; n != nullptr; n = n->next) {
      char text[INET6_ADDRSTRLEN];
      if (inet_ntop(n->family, &n->addr, text, sizeof text) != nullptr) {
        if (auto ip = dns::parse_ip(text)) {
          out.push_back({*ip, static_cast<std::uint16_t>(n->udp_port != 0 ? n->udp_port : 53)});
        }
      }
    }
    ares_free_data(servers);
  }
  ares_destroy(channel);
  return out;
}

} // namespace lyncplan::scan
