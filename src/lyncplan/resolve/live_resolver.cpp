// A Resolver over live DNS servers with c-ares 1.18 (ares_query, ares_fds/ares_process); the
// answers are read by resolve/message, as the scan reads them.
#include <lyncplan/resolve/live_resolver.hpp>
#include <lyncplan/resolve/message.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <ares.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <sys/select.h>

#include <chrono>
#include <mutex>

namespace lyncplan::resolve {
namespace {

std::once_flag library_once;

struct Pending {
  bool done = false;
  Answer answer;
  WireType type = WireType::A;
  std::string name;
};

Status status_of(int code) {
  switch (code) {
  case ARES_ENOTFOUND:
    return Status::nxdomain;
  case ARES_ENODATA:
    return Status::nodata;
  case ARES_ETIMEOUT:
    return Status::timeout;
  case ARES_EREFUSED:
    return Status::refused;
  default:
    return Status::servfail;
  }
}

// c-ares matched the reply to the query (ID, question) and handled truncation (TCP); the reply
// is read here as every other DNS answer in lyncplan is: only the CNAME chain from the asked name
// counts, records for names that were not asked are ignored, and a loop is a failure, as a
// recursive server would report it.
void on_answer(void* arg, int status, int /*timeouts*/, unsigned char* buffer, int length) {
  auto* p = static_cast<Pending*>(arg);
  p->done = true;
  if (buffer == nullptr || length <= 0) {
    p->answer.status = status_of(status);
    p->answer.server_answered =
        status != ARES_ETIMEOUT && status != ARES_ECONNREFUSED && status != ARES_ECANCELLED;
    return;
  }
  auto reply = decode_reply(std::span(buffer, static_cast<std::size_t>(length)), p->name, p->type);
  if (!reply) {
    p->answer.status = Status::servfail; // not an answer to the question: nothing to use
    return;
  }
  p->answer = std::move(reply->answer);
  if (p->answer.cname_loop) {
    p->answer.status = Status::servfail;
    p->answer.records.clear();
  }
}

} // namespace

struct LiveResolver::Channel {
  ares_channel channel = nullptr;
  ~Channel() {
    if (channel != nullptr) {
      ares_destroy(channel);
    }
  }
};

Expected<std::unique_ptr<LiveResolver>, std::string>
LiveResolver::create(const LiveOptions& options) {
  std::call_once(library_once, [] { ares_library_init(ARES_LIB_INIT_ALL); });
  std::unique_ptr<LiveResolver> resolver(new LiveResolver(options));
  resolver->channel_ = std::make_unique<Channel>();
  ares_options ao{};
  ao.timeout = options.timeout_ms;
  ao.tries = options.tries;
  ao.flags = ARES_FLAG_NOCHECKRESP; // report SERVFAIL and REFUSED instead of trying elsewhere
  const int mask = ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_FLAGS;
  if (int rc = ares_init_options(&resolver->channel_->channel, &ao, mask); rc != ARES_SUCCESS) {
    return unexpected(fmt::format("cannot start the DNS resolver: {}", ares_strerror(rc)));
  }
  if (!options.servers.empty()) {
    const std::string csv = join(options.servers, ",");
    if (int rc = ares_set_servers_ports_csv(resolver->channel_->channel, csv.c_str());
        rc != ARES_SUCCESS) {
      return unexpected(
          fmt::format("DNS servers '{}': {}; expected IP[:PORT] values", csv, ares_strerror(rc)));
    }
  }
  return resolver;
}

LiveResolver::LiveResolver(LiveOptions options) : options_(std::move(options)) {}

LiveResolver::~LiveResolver() = default;

Answer LiveResolver::query(std::string_view name, plan::RrType type) const {
  Pending p;
  p.name = to_lower(name);
  if (type == plan::RrType::CNAME) {
    p.answer.status = Status::nodata; // discovery never asks for CNAME records themselves
    return p.answer;
  }
  p.type = type == plan::RrType::SRV    ? WireType::SRV
           : type == plan::RrType::AAAA ? WireType::AAAA
                                        : WireType::A;
  const int qtype = static_cast<int>(p.type);
  ares_channel channel = channel_->channel;
  ares_query(channel, p.name.c_str(), ns_c_in, qtype, on_answer, &p);
  // c-ares ends the query itself after timeout x tries; the deadline is a second guard.
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(options_.timeout_ms * options_.tries + 1000);
  while (!p.done) {
    fd_set read_fds, write_fds;
    FD_ZERO(&read_fds);
    FD_ZERO(&write_fds);
    const int nfds = ares_fds(channel, &read_fds, &write_fds);
    timeval wait{0, 100000};
    timeval* tv = ares_timeout(channel, &wait, &wait);
    if (nfds > 0) {
      select(nfds, &read_fds, &write_fds, nullptr, tv);
    }
    ares_process(channel, &read_fds, &write_fds);
    if (!p.done && std::chrono::steady_clock::now() > deadline) {
      ares_cancel(channel); // calls on_answer with ARES_ECANCELLED
      p.answer.status = Status::timeout;
      p.answer.server_answered = false;
      break;
    }
  }
  return p.answer;
}

} // namespace lyncplan::resolve
