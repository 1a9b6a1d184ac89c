// `lyncplan scan TENANTS`: every hosted tenant domain checked against the hosting section's
// records at the speed of the DNS server, one JSON line per tenant, resumable, shardable.
#include "commands.hpp"
#include "input.hpp"

#include <lyncplan/scan/scan.hpp>
#include <lyncplan/util/peak_memory.hpp>

#include <fmt/format.h>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <csignal>
#include <memory>
#include <optional>
#include <random>

namespace lyncplan::cli {
namespace {

struct ScanOptions {
  std::string tenants;
  std::string topology;
  std::vector<std::string> resolvers;
  std::string out;
  bool resume = false;
  bool force = false;
  double qps = 0;
  std::size_t inflight = 1000;
  double timeout = 1.0;
  int retries = 2;
  int sockets = 2;
  std::string shard = "1/1";
  bool internal = false;
  std::string wildcard_label;
  std::string format = "table";
};

std::string random_label() {
  std::random_device random;
  return fmt::format("lyncplan-probe-{:08x}", random());
}

std::string clock_text(double seconds) {
  const long s = static_cast<long>(seconds);
  return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
}

void draw_progress(std::ostream& err, const scan::Progress& p) {
  const double eta = p.rate > 0 ? static_cast<double>(p.total - p.done) / p.rate : 0;
  err << fmt::format("\r\033[Kscan {}/{} tenants  {:.0f}/s  ETA {}  broken {}", p.done, p.total,
                     p.rate, clock_text(eta), p.broken)
      << std::flush;
}

// The progress line wiped when the scan ends: nothing else is drawn over it.
void clear_progress(std::ostream& err) {
  err << "\r\033[K" << std::flush;
}

// This process's peak resident memory: VmHWM first, since getrusage's ru_maxrss carries the
// high-water mark of a large parent that spawned lyncplan (posix_spawn, vfork) into it.
long own_peak_memory_kb() {
  if (const long kb = peak_memory_kb(); kb > 0) {
    return kb;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Ctrl-C (or SIGTERM) during a scan into a file: every line written is whole, so the message
// says how to go on; then the process ends as the signal would have ended it.
std::array<char, 1024> interrupted_message{};
std::size_t interrupted_length = 0;

extern "C" void on_interrupt(int signal) {
  [[maybe_unused]] const ssize_t written =
      ::write(STDERR_FILENO, interrupted_message.data(), interrupted_length);
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

// Installs on_interrupt for the scan's lifetime, with the message for `out`.
class InterruptNotice {
public:
  explicit InterruptNotice(const std::string& out) {
    const std::string text = fmt::format(
        "\nlyncplan: interrupted; every result written so far is whole in {}: run the same "
        "command with --resume (and the same -o) to go on\n",
        out);
    interrupted_length = std::min(text.size(), interrupted_message.size());
    std::copy_n(text.data(), interrupted_length, interrupted_message.data());
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
  }
  ~InterruptNotice() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
  }
  InterruptNotice(const InterruptNotice&) = delete;
  InterruptNotice& operator=(const InterruptNotice&) = delete;
};

int run_scan(const ScanOptions& o, Console console) {
  const auto shard = scan::parse_shard(o.shard);
  if (!shard) {
    console.err << fmt::format("lyncplan: --shard '{}': expected K/N with 1 <= K <= N, such as "
                               "2/8\n",
                               o.shard);
    return kBadInput;
  }
  if (o.resume && o.out.empty()) {
    console.err << "lyncplan: --resume needs --out FILE: the results to go on with\n";
    return kBadInput;
  }
  scan::EngineOptions engine;
  for (const std::string& r : o.resolvers) {
    auto endpoint = dns::parse_endpoint(r, 53);
    if (!endpoint) {
      console.err << fmt::format("lyncplan: --resolver '{}': expected IP, IP:PORT or "
                                 "[IPv6]:PORT\n",
                                 r);
      return kBadInput;
    }
    engine.servers.push_back(*endpoint);
  }
  if (engine.servers.empty()) {
    engine.servers = scan::system_servers();
    if (engine.servers.empty()) {
      console.err << "lyncplan: no --resolver given and /etc/resolv.conf names none\n";
      return kBadInput;
    }
  }
  engine.qps = o.qps;
  engine.inflight = o.inflight;
  engine.timeout_ms = std::max(1, static_cast<int>(o.timeout * 1000));
  engine.retries = o.retries;
  engine.sockets_per_server = o.sockets;

  // The topology's own tenants_file is not read: the scan reads TENANTS, streamed.
  auto topology = load_topology_file(o.topology, console, [](const std::string&) {
    return std::optional<std::string>(std::string());
  });
  if (!topology) {
    return kBadInput;
  }
  auto expectations = scan::expectations_for(*topology, o.internal);
  if (!expectations) {
    console.err << fmt::format("{}:1:1: {}\n", o.topology, expectations.error());
    return kBadInput;
  }
  auto list = scan::TenantList::open(o.tenants);
  if (!list) {
    console.err << "lyncplan: " << list.error() << "\n";
    return kBadInput;
  }
  auto total = list->validate(*shard);
  if (!total) {
    for (const auto& d : total.error()) {
      console.err << topology::format(d) << "\n";
    }
    return kBadInput;
  }

  scan::Summary summary;
  scan::SeenSet done;
  std::optional<scan::LineSink> sink;
  if (o.out.empty()) {
    sink.emplace(console.out);
  } else {
    auto opened = scan::LineSink::open(
        o.out, o.resume, o.force, [&](int, std::string_view line) -> Expected<bool, std::string> {
          auto digest = scan::read_result_line(line);
          if (!digest) {
            return unexpected(digest.error() + " (is this the output of lyncplan scan?)");
          }
          if (done.insert(scan::tenant_hash(digest->tenant))) {
            summary.add(*digest);
          }
          return true;
        });
    if (!opened) {
      console.err << "lyncplan: " << opened.error() << "\n";
      return kBadInput;
    }
    sink.emplace(std::move(*opened));
    if (sink->cut_bytes() > 0) {
      console.err << fmt::format("lyncplan: {}: cut a partial last line ({} bytes) left by an "
                                 "interrupted run\n",
                                 o.out, sink->cut_bytes());
    }
  }

  std::ostream& report = o.out.empty() ? console.err : console.out;
  scan::ScanJob job{
      *expectations, engine, *shard, o.wildcard_label.empty() ? random_label() : o.wildcard_label,
      *list,         *total, done,   *sink,
      summary,       {}};
  if (console.err_is_terminal) {
    job.progress = [&](const scan::Progress& p) { draw_progress(console.err, p); };
  }
  const auto started = std::chrono::steady_clock::now();
  std::optional<InterruptNotice> notice;
  if (!o.out.empty()) {
    notice.emplace(o.out);
  }
  auto stats = scan::run_scan(job);
  notice.reset();
  if (console.err_is_terminal) {
    clear_progress(console.err);
  }
  if (!stats) {
    console.err << "lyncplan: " << stats.error() << "\n";
    return kSystem;
  }
  scan::RunFigures figures;
  figures.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  figures.tenants_this_run = summary.tenants - summary.resumed;
  figures.engine = *stats;
  figures.peak_memory_kb = own_peak_memory_kb();
  report << (o.format == "json" ? scan::summary_json(summary, figures)
                                : scan::summary_table(summary, figures));
  if (stats->sent > 0 && stats->answered == 0) {
    console.err << fmt::format("lyncplan: no DNS server answered any of {} queries ({} sent, "
                               "first timeout {} s, {} retries); is {} reachable?\n",
                               stats->sent - stats->retries, stats->sent, o.timeout, o.retries,
                               engine.servers.front().text());
    return kSystem;
  }
  return summary.broken > 0 ? kFindings : kOk;
}

} // namespace

Runner setup_scan(CLI::App& app, Console console) {
  auto o = std::make_shared<ScanOptions>();
  CLI::App* sub = app.add_subcommand(
      "scan", "check every hosted tenant domain's records against the hosting section, in bulk");
  sub->add_option("tenants", o->tenants, "the tenant list: one domain a line, '-' for stdin")
      ->required();
  sub->add_option("--topology", o->topology, "the topology YAML with the hosting section")
      ->required();
  sub->add_option("--resolver", o->resolvers,
                  "DNS server to ask, IP[:PORT] (repeatable); default: /etc/resolv.conf");
  sub->add_option("-o,--out", o->out, "write the JSON lines here (default: standard output)");
  sub->add_flag("--resume", o->resume, "go on with the results already in --out");
  sub->add_flag("--force", o->force, "start --out over when it holds results");
  sub->add_option("--qps", o->qps, "queries per second at most (0: no limit)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub->add_option("--inflight", o->inflight, "queries awaiting an answer at most")
      ->check(CLI::Range(1, 60000))
      ->capture_default_str();
  sub->add_option("--timeout", o->timeout, "seconds to wait for the first try; retries double it")
      ->check(CLI::Range(0.001, 60.0))
      ->capture_default_str();
  sub->add_option("--retries", o->retries, "tries after the first")
      ->check(CLI::Range(0, 10))
      ->capture_default_str();
  sub->add_option("--sockets", o->sockets, "UDP sockets per DNS server")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  sub->add_option("--shard", o->shard, "take the K-th of N slices of the list (K/N, from 1)")
      ->capture_default_str();
  sub->add_flag("--internal", o->internal,
                "also judge the optional _sipinternaltls._tcp and lyncdiscoverinternal names");
  sub->add_option("--wildcard-label", o->wildcard_label,
                  "the label asked to detect wildcard records (default: a random one)");
  sub->add_option("-f,--format", o->format, "the summary as table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  return [o, console] { return run_scan(*o, console); };
}

} // namespace lyncplan::cli
