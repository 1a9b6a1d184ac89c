// A Resolver over live DNS servers with c-ares 1.18 (ares_query, ares_fds/ares_process).
#include <lyncplan/resolve/live_resolver.hpp>
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
  plan::RrType type = plan::RrType::A;
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

void parse_addresses(Pending& p, const unsigned char* buffer, int length) {
  hostent* host = nullptr;
  const int rc = p.type == plan::RrType::A
                     ? ares_parse_a_reply(buffer, length, &host, nullptr, nullptr)
                     : ares_parse_aaaa_reply(buffer, length, &host, nullptr, nullptr);
  if (rc != ARES_SUCCESS || host == nullptr) {
    p.answer.status = rc == ARES_SUCCESS ? Status::nodata : status_of(rc);
    return;
  }
  char text[64];
  for (char** a = host->h_addr_list; a != nullptr && *a != nullptr; ++a) {
    if (ares_inet_ntop(host->h_addrtype, *a, text, sizeof text) != nullptr) {
      Rr r;
      r.name = p.name;
      r.type = p.type;
      r.value = text;
      p.answer.records.push_back(std::move(r));
    }
  }
  if (host->h_name != nullptr && to_lower(host->h_name) != p.name) {
    p.answer.cnames.push_back(to_lower(host->h_name));
  }
  ares_free_hostent(host);
  p.answer.status = p.answer.records.empty() ? Status::nodata : Status::ok;
}

void parse_srv(Pending& p, const unsigned char* buffer, int length) {
  ares_srv_reply* reply = nullptr;
  const int rc = ares_parse_srv_reply(buffer, length, &reply);
  if (rc != ARES_SUCCESS) {
    p.answer.status = status_of(rc);
    return;
  }
  for (ares_srv_reply* s = reply; s != nullptr; s = s->next) {
    Rr r;
    r.name = p.name;
    r.type = plan::RrType::SRV;
    r.value = to_lower(s->host);
    r.port = s->port;
    r.priority = s->priority;
    r.weight = s->weight;
    p.answer.records.push_back(std::move(r));
  }
  ares_free_data(reply);
  p.answer.status = p.answer.records.empty() ? Status::nodata : Status::ok;
}

void on_answer(void* arg, int status, int /*timeouts*/, unsigned char* buffer, int length) {
  auto* p = static_cast<Pending*>(arg);
  p->done = true;
  if (status != ARES_SUCCESS) {
    p->answer.status = status_of(status);
    p->answer.server_answered =
        status != ARES_ETIMEOUT && status != ARES_ECONNREFUSED && status != ARES_ECANCELLED;
    return;
  }
  if (p->type == plan::RrType::SRV) {
    parse_srv(*p, buffer, length);
  } else {
    parse_addresses(*p, buffer, length);
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
  p.type = type;
  p.name = to_lower(name);
  const int qtype = type == plan::RrType::SRV     ? ns_t_srv
                    : type == plan::RrType::AAAA  ? ns_t_aaaa
                    : type == plan::RrType::CNAME ? ns_t_cname
                                                  : ns_t_a;
  if (type == plan::RrType::CNAME) {
    p.answer.status = Status::nodata; // discovery never asks for CNAME records themselves
    return p.answer;
  }
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
