// Synthetic IIS W3C logs with faults planted for known clients.
#include "support/loggen.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace lyncplan::testing {
namespace {

constexpr const char* kFields =
    "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
    "cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken\n";
// A second header block with another field order, as IIS writes after a configuration change.
constexpr const char* kReordered =
    "#Fields: time date c-ip cs(User-Agent) s-ip s-port cs-method cs-uri-stem cs-uri-query "
    "sc-status cs-username\n";

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

class Writer {
public:
  Writer(const std::string& path, GeneratedLogs& out)
      : file_(std::fopen(path.c_str(), "w")), out_(out) {
    out.files.push_back(path);
    header(kFields);
  }
  void header(const char* fields) {
    put(fmt::format("#Software: Microsoft Internet Information Services 8.5\n#Version: 1.0\n"
                    "#Date: 2026-11-20 00:00:00\n{}",
                    fields));
    reordered_ = fields == kReordered;
  }
  void request(long second, const char* server, const char* method, const char* stem, int port,
               const std::string& user, const std::string& agent, int status) {
    const std::string time =
        fmt::format("{:02}:{:02}:{:02}", (second / 3600) % 24, (second / 60) % 60, second % 60);
    if (reordered_) {
      put(fmt::format("{} 2026-11-20 172.16.5.13 {} {} {} {} {} - {} {}\n", time, agent, server,
                      port, method, stem, status, user));
    } else {
      put(fmt::format("2026-11-20 {} {} {} {} - {} {} 172.16.5.13 {} {} 0 0 15\n", time, server,
                      method, stem, port, user, agent, status));
    }
    ++out_.lines;
  }
  void garbage(const char* line) {
    put(line);
    ++out_.lines;
    ++out_.malformed;
  }
  void put(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), file_.get());
    out_.bytes += text.size();
  }

private:
  std::unique_ptr<FILE, FileCloser> file_;
  GeneratedLogs& out_;
  bool reordered_ = false;
};

constexpr const char* kDirector = "10.1.1.22";
constexpr const char* kFrontEnd = "10.1.1.21";

void director_sign_in(Writer& d, long t, const std::string& agent, const std::string& user) {
  d.request(t, kDirector, "POST", "/CertProv/CertProvisioningService.svc/mex", 4443, "-", agent,
            200);
  d.request(t, kDirector, "POST", "/WebTicket/WebTicketService.svc/mex", 4443, "-", agent, 200);
  d.request(t + 1, kDirector, "POST", "/WebTicket/WebTicketService.svc", 4443, "-", agent, 401);
  d.request(t + 1, kDirector, "POST", "/WebTicket/WebTicketService.svc", 4443, user, agent, 200);
  d.request(t + 2, kDirector, "POST", "/CertProv/CertProvisioningService.svc/WebTicket_Proof_SHA1",
            4443, user, agent, 200);
}

void front_end_services(Writer& f, long t, const std::string& agent, const std::string& user,
                        int port = 4443, int group_status = 200) {
  f.request(t, kFrontEnd, "POST", "/RgsClients/AgentService.svc/mex", port, "-", agent, 200);
  f.request(t, kFrontEnd, "POST", "/WebTicket/WebTicketService.svc/cert", port, "-", agent, 200);
  f.request(t + 1, kFrontEnd, "POST", "/groupexpansion/service.svc/WebTicket_Bearer", port, "-",
            agent, group_status);
  f.request(t + 3, kFrontEnd, "GET", "/abs/handler/C-0e8e-0e97.lsabs", port, user, agent, 200);
}

} // namespace

GeneratedLogs generate_logs(const std::string& dir, std::uint64_t target_bytes) {
  GeneratedLogs out;
  Writer director(dir + "/director-W3SVC34578.log", out);
  Writer front_end(dir + "/frontend-W3SVC34578.log", out);
  long t = 0;
  // Five clients, one fault each.
  const std::string no_director = "Lync-Fault-NoDirector/1.0";
  front_end_services(front_end, t, no_director, "sip:a@mslync.net");
  out.faults.push_back({"director-not-reached", no_director});
  const std::string no_front_end = "Lync-Fault-NoFrontEnd/1.0";
  director_sign_in(director, t, no_front_end, "sip:b@mslync.net");
  out.faults.push_back({"front-end-not-reached", no_front_end});
  const std::string internal = "Lync-Fault-InternalSite/1.0";
  director_sign_in(director, t, internal, "sip:c@mslync.net");
  front_end_services(front_end, t + 5, internal, "sip:c@mslync.net", 443);
  out.faults.push_back({"proxy-to-internal-site", internal});
  const std::string loop = "Lync-Fault-Loop/1.0";
  for (int i = 0; i < 25; ++i) {
    director.request(t + i, kDirector, "POST", "/WebTicket/WebTicketService.svc", 4443, "-", loop,
                     401);
  }
  director.request(t + 26, kDirector, "POST", "/WebTicket/WebTicketService.svc", 4443,
                   "sip:d@mslync.net", loop, 200);
  front_end_services(front_end, t + 30, loop, "sip:d@mslync.net");
  out.faults.push_back({"auth-loop", loop});
  const std::string errors = "Lync-Fault-5xx/1.0";
  director_sign_in(director, t, errors, "sip:e@mslync.net");
  front_end_services(front_end, t + 5, errors, "sip:e@mslync.net", 4443, 500);
  out.faults.push_back({"server-error", errors});
  director.garbage("this line is not a W3C record\n");
  front_end.garbage("2026-11-20 00:00:01 10.1.1.21 GET /abs/ - 4443\n");
  // Normal sign-ins from 40 client builds until the size is reached; halfway, the Front End's
  // log starts a new header block with another field order.
  bool reordered = false;
  for (long session = 0; out.bytes < target_bytes; ++session) {
    const std::string agent =
        fmt::format("OC/4.0.7577.{}+(Microsoft+Lync+2010)", 100 + session % 40);
    const std::string user = fmt::format("sip:user{}@mslync.net", session % 5000);
    t = 60 + session / 4;
    director_sign_in(director, t, agent, user);
    front_end_services(front_end, t + 7, agent, user);
    if (!reordered && out.bytes > target_bytes / 2) {
      front_end.header(kReordered);
      reordered = true;
    }
  }
  return out;
}

} // namespace lyncplan::testing
