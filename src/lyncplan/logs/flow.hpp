// The sign-in flow of each external client across the Director's and the Front End's web logs,
// and what is wrong with it (seed 004): memory bounded by the number of clients, not of lines.
#pragma once

#include <lyncplan/findings/finding.hpp>
#include <lyncplan/logs/classify.hpp>
#include <lyncplan/logs/w3c.hpp>
#include <lyncplan/plan/plan.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace lyncplan::logs {

enum class ServerRole { unknown, director, frontend };
enum class Site { unknown, internal, external };

const char* to_string(ServerRole r);
const char* to_string(Site s);

struct LogFile {
  std::string path;
  ServerRole role = ServerRole::unknown; // given (--as) or from the topology's addresses
  Site site = Site::unknown;             // from the path (W3SVC34577 / W3SVC34578)
};

struct FlowRequest {
  std::string when;
  std::string file;
  std::uint64_t line = 0;
  ServerRole role = ServerRole::unknown;
  Site site = Site::unknown;
  WebService service = WebService::unknown;
  std::string variant;
  std::string method;
  std::string path;
  int status = 0;
};

struct ClientFlow {
  std::string client_ip;
  std::string user_agent;
  std::set<std::string, std::less<>> users;
  bool seen_external = false;
  std::vector<FlowRequest> requests; // the first kShown, in time order after finish()
  std::uint64_t total = 0;
  std::uint64_t director_sign_in = 0;  // CertProv/WebTicket answered by a Director
  std::uint64_t frontend_external = 0; // anything on a Front End's external site
  std::uint64_t internal_site = 0;     // anything on an internal site (443/80)
  std::uint64_t unauthorized_streak = 0, longest_unauthorized_streak = 0;
  std::uint64_t longest_streak_line = 0;
  std::uint64_t server_errors = 0;
  // The first examples, each as its text and the line it is on ("500 /x file", 12).
  std::vector<std::pair<std::string, std::uint64_t>> server_error_examples;
  std::vector<std::pair<std::string, std::uint64_t>> internal_examples;
  // For a file read in parts: the users in the order first seen (the set keeps the first ten),
  // whether a request succeeded yet, and the 401s before that (through which line), which
  // continue the streak the part before ended with.
  std::vector<std::string> user_order;
  bool succeeded = false;
  std::uint64_t leading_unauthorized = 0, leading_unauthorized_line = 0;
};

// A finding about one client (subject: its address and user agent).
using LogFinding = findings::Finding;

struct FileSummary {
  LogFile file;
  ReadStats stats;
  std::set<std::string> server_ips;
};

struct FlowReport {
  std::vector<FileSummary> files;
  std::vector<ClientFlow> clients;
  std::vector<LogFinding> findings;
};

class FlowAnalyzer {
public:
  // `roles` maps a server address (s-ip) to its role, from the topology; `proxies` are the
  // reverse proxy's inside addresses when known (--proxy).
  FlowAnalyzer(std::map<std::string, ServerRole> roles, std::set<std::string> proxies)
      : roles_(std::move(roles)), proxies_(std::move(proxies)) {}

  void add(const LogFile& file, const Entry& entry);
  void file_done(FileSummary summary) { files_.push_back(std::move(summary)); }
  // Takes in what another analyzer (of other files) saw; merging in file order keeps the report
  // the same however the files were read.
  void merge(FlowAnalyzer&& other);
  // Takes in what the analyzer of the next part of the same file saw, its line numbers counted
  // from `line_offset`: the result is what one analyzer reading both parts in turn would hold.
  void continue_with(FlowAnalyzer&& next, std::uint64_t line_offset);
  FlowReport finish();

  static constexpr std::size_t kShown = 60;
  static constexpr std::uint64_t kLoop = 10; // consecutive 401s that make an authentication loop

private:
  ClientFlow& client(std::string_view ip, std::string_view agent);
  // Takes in which addresses and roles another analyzer saw.
  void add_sightings(const FlowAnalyzer& other);

  std::map<std::string, ServerRole> roles_;
  std::set<std::string> proxies_;
  std::vector<ClientFlow> clients_;
  std::unordered_multimap<std::uint64_t, std::size_t> index_;
  std::size_t last_client_ = static_cast<std::size_t>(-1); // consecutive lines often share it
  std::set<std::string> external_sources_;
  bool saw_director_ = false, saw_frontend_ = false;
  std::vector<FileSummary> files_;
  std::map<std::string, std::set<ServerRole>> file_roles_;
  // The last server address looked up, and its role: lines of one file share it.
  std::string last_server_ip_;
  ServerRole last_role_ = ServerRole::unknown;
};

LogFile describe_file(const std::string& path, ServerRole given);

// Reads every file and merges them in the order given. Files are read at once on several cores,
// and a plain file in `parts` byte ranges at once (0: one per core for a file of 64 MiB or
// more), each with its own analyzer, continued in order: the report is the same as one
// analyzer's reading line by line. Returns false with `error` when a file cannot be read.
bool analyze_files(const std::vector<LogFile>& files,
                   const std::map<std::string, ServerRole>& roles,
                   const std::set<std::string>& proxies, FlowReport& report, std::string& error,
                   std::size_t parts = 0);

std::string flow_table(const FlowReport& report);
std::string flow_json(const FlowReport& report);

} // namespace lyncplan::logs
