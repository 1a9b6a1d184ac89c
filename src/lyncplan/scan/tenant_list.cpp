// Tenant list reading with getline(3): one line buffer, reused for every line.
#include <lyncplan/scan/tenant_list.hpp>
#include <lyncplan/topology/tenant_line.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>

namespace lyncplan::scan {

std::optional<Shard> parse_shard(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    return std::nullopt;
  }
  Shard s;
  const auto k = text.substr(0, slash), n = text.substr(slash + 1);
  const auto rk = std::from_chars(k.data(), k.data() + k.size(), s.index);
  const auto rn = std::from_chars(n.data(), n.data() + n.size(), s.count);
  if (rk.ec != std::errc() || rk.ptr != k.data() + k.size() || rn.ec != std::errc() ||
      rn.ptr != n.data() + n.size() || s.count == 0 || s.index == 0 || s.index > s.count) {
    return std::nullopt;
  }
  return s;
}

std::uint64_t tenant_hash(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) {
    h = (h ^ c) * 0x100000001b3ULL;
  }
  return h;
}

bool in_shard(std::uint64_t hash, Shard shard) {
  return shard.count <= 1 || hash % shard.count == shard.index - 1;
}

void TenantList::Closer::operator()(std::FILE* f) const {
  std::fclose(f);
}

void TenantList::Line::operator()(char* p) const {
  std::free(p);
}

Expected<TenantList, std::string> TenantList::open(const std::string& path) {
  TenantList list;
  if (path == "-") {
    list.shown_ = "<stdin>";
    list.file_.reset(std::tmpfile());
    if (!list.file_) {
      return unexpected(fmt::format("cannot keep standard input: {}", std::strerror(errno)));
    }
    char chunk[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(chunk, 1, sizeof chunk, stdin)) > 0) {
      if (std::fwrite(chunk, 1, n, list.file_.get()) != n) {
        return unexpected(fmt::format("cannot keep standard input: {}", std::strerror(errno)));
      }
    }
  } else {
    list.shown_ = path;
    list.file_.reset(std::fopen(path.c_str(), "r"));
    if (!list.file_) {
      return unexpected(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
    }
  }
  list.rewind();
  return list;
}

void TenantList::rewind() {
  std::rewind(file_.get());
  line_no_ = 0;
}

bool TenantList::next_line(std::string_view& line) {
  char* buffer = owner_.release();
  const ssize_t n = getline(&buffer, &capacity_, file_.get());
  owner_.reset(buffer);
  if (n < 0) {
    return false;
  }
  ++line_no_;
  line = std::string_view(buffer, static_cast<std::size_t>(n));
  if (!line.empty() && line.back() == '\n') {
    line.remove_suffix(1);
  }
  return true;
}

Expected<std::size_t, std::vector<util::Diagnostic>> TenantList::validate(Shard shard) {
  rewind();
  std::vector<util::Diagnostic> problems;
  std::size_t count = 0, tenants = 0;
  std::string_view text;
  while (next_line(text)) {
    const topology::TenantLine line = topology::parse_tenant_line(text);
    if (!line.problem.empty()) {
      if (problems.size() < 20) {
        problems.push_back({shown_, {line_no_, line.column}, line.problem});
      }
    } else if (!line.name.empty()) {
      ++tenants;
      count += in_shard(tenant_hash(line.name), shard) ? 1 : 0;
    }
  }
  if (std::ferror(file_.get())) {
    problems.push_back(
        {shown_, {line_no_ + 1, 1}, fmt::format("cannot read: {}", std::strerror(errno))});
  }
  if (problems.empty() && tenants == 0) {
    problems.push_back({shown_,
                        {1, 1},
                        "the list holds no tenant domain; expected one domain "
                        "a line"});
  }
  rewind();
  if (!problems.empty()) {
    return unexpected(std::move(problems));
  }
  return count;
}

std::optional<std::string> TenantList::next(Shard shard) {
  std::string_view text;
  while (next_line(text)) {
    topology::TenantLine line = topology::parse_tenant_line(text);
    if (line.problem.empty() && !line.name.empty() && in_shard(tenant_hash(line.name), shard)) {
      return std::move(line.name);
    }
  }
  return std::nullopt;
}

} // namespace lyncplan::scan
