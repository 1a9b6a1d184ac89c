// The scan as a QuerySource: a bounded set of tenants in progress, their queries queued, their
// answers collected until each can be judged.
#include <lyncplan/scan/result_line.hpp>
#include <lyncplan/scan/scan.hpp>

#include <chrono>
#include <deque>
#include <optional>

namespace lyncplan::scan {
namespace {

constexpr std::uint64_t kWildcardQuery = 0xfe;
constexpr std::uint64_t kApexQuery = 0xff;

struct TenantState {
  std::string name;
  std::vector<Response> first;
  std::optional<Response> wildcard;
  std::optional<Response> apex;
  int pending = 0;
  bool follow_ups_asked = false;
};

class TenantScan : public QuerySource {
public:
  explicit TenantScan(ScanJob& job)
      : job_(job), started_(std::chrono::steady_clock::now()),
        tenants_(std::max<std::size_t>(16, job.engine.inflight)) {
    for (std::size_t i = tenants_.size(); i-- > 0;) {
      free_.push_back(static_cast<std::uint32_t>(i));
    }
  }

  bool next(Query& out) override {
    while (ready_.empty() && !list_done_ && !free_.empty() && error_.empty()) {
      admit();
    }
    if (ready_.empty()) {
      return false;
    }
    out = std::move(ready_.front());
    ready_.pop_front();
    return true;
  }

  void answered(std::uint64_t cookie, Response&& response) override {
    const auto index = static_cast<std::uint32_t>(cookie >> 8);
    const std::uint64_t which = cookie & 0xff;
    TenantState& t = tenants_[index];
    if (which == kWildcardQuery) {
      t.wildcard = std::move(response);
    } else if (which == kApexQuery) {
      t.apex = std::move(response);
    } else {
      t.first[which] = std::move(response);
    }
    if (--t.pending > 0) {
      return;
    }
    if (!t.follow_ups_asked) {
      t.follow_ups_asked = true;
      const FollowUps f = follow_ups(job_.expectations, t.name, t.first);
      if (f.wildcard) {
        ask(index, wildcard_probe_name(t.name, job_.wildcard_label), resolve::WireType::A,
            kWildcardQuery);
      }
      if (f.apex) {
        ask(index, t.name, resolve::WireType::SOA, kApexQuery);
      }
      if (t.pending > 0) {
        return;
      }
    }
    decide(index);
  }

  bool finished() const override {
    return (list_done_ || !error_.empty()) && ready_.empty() && free_.size() == tenants_.size();
  }

  void tick() override {
    flush();
    if (job_.progress) {
      job_.progress(progress());
    }
  }

  Progress progress() const {
    Progress p;
    p.done = decided_ + skipped_;
    p.total = std::max(job_.total, p.done);
    p.broken = job_.summary.broken;
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    p.rate = p.seconds > 0 ? static_cast<double>(decided_) / p.seconds : 0;
    return p;
  }

  void flush() {
    if (error_.empty()) {
      if (auto ok = job_.sink.flush(); !ok) {
        error_ = ok.error();
      }
    }
  }

  std::size_t decided() const { return decided_; }
  const std::string& error() const { return error_; }

private:
  void admit() {
    std::optional<std::string> name = job_.list.next(job_.shard);
    if (!name) {
      list_done_ = true;
      return;
    }
    const std::uint64_t hash = tenant_hash(*name);
    if (job_.done.contains(hash)) {
      ++skipped_;
      return;
    }
    if (!seen_.insert(hash)) {
      ++skipped_;
      ++job_.summary.duplicates;
      return;
    }
    const std::uint32_t index = free_.back();
    free_.pop_back();
    TenantState& t = tenants_[index];
    t.name = std::move(*name);
    t.first.assign(job_.expectations.records.size(), Response{});
    t.wildcard.reset();
    t.apex.reset();
    t.pending = 0;
    t.follow_ups_asked = false;
    for (std::size_t i = 0; i < job_.expectations.records.size(); ++i) {
      const ExpectedRecord& e = job_.expectations.records[i];
      ask(index, e.owner(t.name), e.type, i);
    }
  }

  void ask(std::uint32_t index, std::string name, resolve::WireType type, std::uint64_t which) {
    ++tenants_[index].pending;
    ready_.push_back(
        Query{std::move(name), type, (static_cast<std::uint64_t>(index) << 8) | which});
  }

  void decide(std::uint32_t index) {
    TenantState& t = tenants_[index];
    const TenantResult result =
        judge(job_.expectations, t.name, t.first, t.wildcard ? &*t.wildcard : nullptr,
              t.apex ? &*t.apex : nullptr);
    line_.clear();
    append_result_line(line_, result);
    if (error_.empty()) {
      if (auto ok = job_.sink.add(line_); !ok) {
        error_ = ok.error();
      }
    }
    job_.summary.add(result);
    ++decided_;
    free_.push_back(index);
  }

  ScanJob& job_;
  std::chrono::steady_clock::time_point started_;
  std::vector<TenantState> tenants_;
  std::vector<std::uint32_t> free_;
  std::deque<Query> ready_;
  SeenSet seen_;
  std::string line_;
  bool list_done_ = false;
  std::size_t decided_ = 0;
  std::size_t skipped_ = 0;
  std::string error_;
};

} // namespace

Expected<EngineStats, std::string> run_scan(ScanJob& job) {
  job.list.rewind();
  TenantScan scan(job);
  auto stats = run_engine(job.engine, scan);
  scan.flush();
  if (!stats) {
    return stats;
  }
  if (!scan.error().empty()) {
    return unexpected(scan.error());
  }
  return stats;
}

} // namespace lyncplan::scan
