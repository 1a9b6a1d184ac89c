// lyncplan logs: the W3C reader, the classifier, a Director deployment's sign-in flow, planted
// faults.
#include "app.hpp"
#include "support/cli_run.hpp"
#include "support/loggen.hpp"

#include <lyncplan/logs/classify.hpp>
#include <lyncplan/logs/flow.hpp>
#include <lyncplan/logs/w3c.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace lyncplan::logs {
namespace {

namespace fs = std::filesystem;
testing::CliRun run(std::vector<std::string> args) {
  return testing::run_cli(std::move(args));
}
using nlohmann::json;

TEST(Classify, ServicesAndVariants) {
  EXPECT_EQ(classify("/CertProv/CertProvisioningService.svc/mex").service, WebService::certprov);
  EXPECT_EQ(classify("/CertProv/CertProvisioningService.svc/WebTicket_Proof_SHA1").variant,
            "proof");
  EXPECT_EQ(classify("/WebTicket/WebTicketService.svc").service, WebService::webticket);
  EXPECT_EQ(classify("/WebTicket/WebTicketService.svc").variant, "");
  EXPECT_EQ(classify("/webticket/webticketservice.svc/Cert").variant, "cert");
  EXPECT_EQ(classify("/groupexpansion/service.svc/WebTicket_Bearer").variant, "bearer");
  EXPECT_EQ(classify("/abs/handler/C-0e8e-0e97.lsabs").service, WebService::abs);
  EXPECT_EQ(classify("/Autodiscover/AutodiscoverService.svc/root").service,
            WebService::autodiscover);
  EXPECT_EQ(classify("/ucwa/v1/applications").service, WebService::ucwa);
  EXPECT_EQ(classify("/Mcx/McxService.svc").service, WebService::mcx);
  EXPECT_EQ(classify("/meet/alice/ABCD").service, WebService::meet);
  EXPECT_EQ(classify("/Dialin").service, WebService::dialin);
  EXPECT_EQ(classify("/Reach/sip.svc").service, WebService::reach);
  EXPECT_EQ(classify("/favicon.ico").service, WebService::unknown);
  EXPECT_EQ(classify("").service, WebService::unknown);
}

TEST(W3c, FieldsBlocksMalformedLinesAndCrlf) {
  std::vector<std::string> seen;
  const auto stats =
      read_w3c_text("#Fields: cs-uri-stem sc-status c-ip\r\n"
                    "/abs/x 200 1.2.3.4\r\n"
                    "garbage\n"
                    "#Fields: c-ip sc-status cs-uri-stem\n"
                    "5.6.7.8 401 /WebTicket/WebTicketService.svc\n"
                    "5.6.7.8 abc /x\n",
                    [&](const Entry& e) {
                      seen.push_back(std::string(e.client_ip) + " " + std::string(e.stem));
                    });
  EXPECT_EQ(seen, (std::vector<std::string>{"1.2.3.4 /abs/x",
                                            "5.6.7.8 /WebTicket/WebTicketService.svc"}));
  EXPECT_EQ(stats.entries, 2u);
  EXPECT_EQ(stats.malformed, 2u);
  ASSERT_EQ(stats.malformed_examples.size(), 2u);
  EXPECT_EQ(stats.malformed_examples[0].first, 3u);
  EXPECT_EQ(stats.malformed_examples[1].first, 6u);
}

TEST(W3c, ReadsGzipFiles) {
  const fs::path path = fs::temp_directory_path() / "lyncplan-w3c.log.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  const std::string text = "#Fields: cs-uri-stem sc-status\n/abs/x 200\n/meet/y 200\n";
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  ReadStats stats;
  std::string error;
  int count = 0;
  ASSERT_TRUE(read_w3c_file(
      path.string(), [&](const Entry&) { ++count; }, stats, error))
      << error;
  fs::remove(path);
  EXPECT_EQ(count, 2);
  ReadStats none;
  EXPECT_FALSE(read_w3c_file(
      "/nonexistent/log", [](const Entry&) {}, none, error));
}

std::string source(const std::string& p) {
  return std::string(LYNCPLAN_SOURCE_DIR) + "/" + p;
}

TEST(Logs, Seed004SignInFlowAcrossDirectorAndFrontEnd) {
  const auto r = run({"logs", source("tests/data/seed004/director-W3SVC34578-u_ex110325.log"),
                      source("tests/data/seed004/frontend-W3SVC34578-u_ex110325.log"), "--topology",
                      source("examples/director-reverse-proxy.yaml"), "--format", "json"});
  EXPECT_EQ(r.rc, 0) << r.err;
  const json report = json::parse(r.out);
  EXPECT_EQ(report["files"][0]["role"], "director");
  EXPECT_EQ(report["files"][1]["role"], "frontend");
  ASSERT_EQ(report["clients"].size(), 1u);
  const json& client = report["clients"][0];
  EXPECT_EQ(client["client_ip"], "172.16.5.13");
  EXPECT_EQ(client["requests"], 18);
  std::vector<std::string> flow;
  for (const auto& step : client["flow"]) {
    flow.push_back(step["role"].get<std::string>() + " " + step["service"].get<std::string>() +
                   (step["variant"] == "" ? "" : " " + step["variant"].get<std::string>()) + " " +
                   std::to_string(step["status"].get<int>()));
  }
  const std::vector<std::string> expected = {"director CertProv mex 200",
                                             "director WebTicket mex 200",
                                             "director WebTicket 401",
                                             "director WebTicket 401",
                                             "director WebTicket 401",
                                             "director WebTicket 401",
                                             "director WebTicket 401",
                                             "director WebTicket 200",
                                             "director CertProv proof 200",
                                             "frontend RgsClients mex 200",
                                             "frontend WebTicket mex 200",
                                             "frontend WebTicket cert 200",
                                             "frontend RgsClients bearer 200",
                                             "frontend groupexpansion mex 200",
                                             "frontend groupexpansion bearer 200",
                                             "frontend groupexpansion bearer 200",
                                             "frontend groupexpansion bearer 200",
                                             "frontend abs 200"};
  EXPECT_EQ(flow, expected);
  EXPECT_TRUE(report["findings"].empty()) << r.out;
}

TEST(Logs, Seed004WithoutTheFrontEndPublished) {
  // The Front End's external site shows nothing of this client: only its Director log remains.
  const fs::path empty = fs::temp_directory_path() / "lyncplan-fe-W3SVC34578.log";
  std::ofstream(empty) << "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port "
                          "cs-username c-ip cs(User-Agent) sc-status sc-substatus "
                          "sc-win32-status time-taken\n"
                          "2011-03-25 13:10:00 10.1.1.21 GET /abs/x - 4443 - 172.16.5.99 "
                          "Other/1.0 200 0 0 1\n";
  const auto r =
      run({"logs", source("tests/data/seed004/director-W3SVC34578-u_ex110325.log"), empty.string(),
           "--topology", source("examples/director-reverse-proxy.yaml"), "--format", "json"});
  fs::remove(empty);
  EXPECT_EQ(r.rc, 1);
  const json report = json::parse(r.out);
  EXPECT_EQ(report["command"], "logs");
  EXPECT_EQ(report["lyncplan"], LYNCPLAN_PROJECT_VERSION);
  bool found = false;
  for (const auto& f : report["findings"]) {
    found = found || (f["code"] == "logs.front-end-not-reached" &&
                      f["subject"].get<std::string>().starts_with("172.16.5.13 "));
  }
  EXPECT_TRUE(found) << r.out;
}

// An empty Front End log named as such beside the Director's sign-ins is the symptom itself: the
// Front End was never reached.
TEST(Logs, EmptyFrontEndLogIsTheSymptom) {
  const fs::path empty = fs::temp_directory_path() / "lyncplan-fe-empty.log";
  std::ofstream(empty) << "#Software: Microsoft Internet Information Services 7.5\n"
                          "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port "
                          "cs-username c-ip cs(User-Agent) sc-status sc-substatus "
                          "sc-win32-status time-taken\n";
  const std::string director = source("tests/data/seed004/director-W3SVC34578-u_ex110325.log");
  const auto r = run({"logs", director, empty.string(), "--as", director + "=director", "--as",
                      empty.string() + "=frontend", "--format", "json"});
  fs::remove(empty);
  EXPECT_EQ(r.rc, 1) << r.out << r.err;
  const json report = json::parse(r.out);
  bool found = false;
  for (const auto& f : report["findings"]) {
    found = found || f["code"] == "logs.front-end-not-reached";
  }
  EXPECT_TRUE(found) << r.out;
}

// A log nothing identifies (no --as, no topology address) gets a warning saying so, rather than
// silence that reads as "all is well".
TEST(Logs, LogOfUnknownRoleIsSaidToBeSo) {
  const auto r = run({"logs", source("tests/data/seed004/director-W3SVC34578-u_ex110325.log"),
                      "--format", "json"});
  EXPECT_NE(r.rc, 2) << r.err;
  const json report = json::parse(r.out);
  bool warned = false;
  for (const auto& f : report["findings"]) {
    warned = warned || (f["code"] == "logs.role-unknown" && f["severity"] == "warning" &&
                        f["message"].get<std::string>().find("--as") != std::string::npos);
  }
  EXPECT_TRUE(warned) << r.out;
  const auto named =
      run({"logs", source("tests/data/seed004/director-W3SVC34578-u_ex110325.log"), "--as",
           source("tests/data/seed004/director-W3SVC34578-u_ex110325.log") + "=director",
           "--format", "json"});
  EXPECT_EQ(named.out.find("logs.role-unknown"), std::string::npos) << named.out;
}

TEST(Logs, EveryPlantedFaultIsFoundAndNothingElse) {
  const fs::path dir =
      fs::temp_directory_path() / ("lyncplan-loggen-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto generated = testing::generate_logs(dir.string(), 400 * 1024);
  std::vector<std::string> args = {"logs"};
  args.insert(args.end(), generated.files.begin(), generated.files.end());
  args.insert(args.end(),
              {"--topology", source("examples/director-reverse-proxy.yaml"), "--format", "json"});
  const auto r = run(args);
  fs::remove_all(dir);
  EXPECT_EQ(r.rc, 1);
  const json report = json::parse(r.out);
  std::set<std::pair<std::string, std::string>> found;
  for (const auto& f : report["findings"]) {
    const std::string client = f["subject"];
    found.insert({f["code"], client.substr(client.find(' ') + 1)});
    EXPECT_EQ(client.find("OC/"), std::string::npos) << "a normal client was flagged: " << f.dump();
  }
  for (const auto& fault : generated.faults) {
    EXPECT_TRUE(found.count({"logs." + fault.code, fault.user_agent}))
        << fault.code << " " << fault.user_agent;
  }
  std::uint64_t malformed = 0, requests = 0;
  for (const auto& f : report["files"]) {
    malformed += f["malformed"].get<std::uint64_t>();
    requests += f["requests"].get<std::uint64_t>();
  }
  EXPECT_EQ(malformed, generated.malformed);
  EXPECT_EQ(requests + malformed, generated.lines);
}

// A log with what crosses a part's boundary: 401 streaks, more than ten users of one client,
// examples with line numbers, a malformed line, CRLF, a repeated #Fields block and no final
// newline.
std::string boundary_log() {
  const std::string fields = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port "
                             "cs-username c-ip cs(User-Agent) sc-status sc-substatus "
                             "sc-win32-status time-taken";
  std::string log = "#Software: Microsoft Internet Information Services 8.5\n" + fields + "\n";
  auto line = [&](int i, const std::string& stem, int port, const std::string& user, int status,
                  const std::string& agent = "Lync/15.0") {
    log += fmt::format("2026-12-01 10:{:02}:{:02} 10.1.1.22 POST {} - {} {} 172.16.5.13 {} {} 0 "
                       "0 15\r\n",
                       (i / 60) % 60, i % 60, stem, port, user, agent, status);
  };
  for (int i = 0; i < 400; ++i) {
    const int status = (i / 7) % 4 == 0 ? 200 : i % 53 == 0 ? 500 : 401;
    line(i, "/WebTicket/WebTicketService.svc", i % 9 == 0 ? 443 : 4443,
         i % 3 == 0 ? fmt::format("user{}@contoso.com", i % 17) : "-", status);
    if (i % 97 == 0) {
      log += "not a log line\n";
    }
    if (i == 250) {
      log += fields + "\n";
    }
    line(i, "/CertProv/CertProvisioningService.svc", 4443, "-", 401, "Lync-Loop/1.0");
  }
  log.pop_back(); // no final newline
  return log;
}

std::string report_of(const std::vector<std::string>& paths, std::size_t parts) {
  std::vector<LogFile> files;
  for (const auto& p : paths) {
    files.push_back(describe_file(p, ServerRole::unknown));
  }
  FlowReport report;
  std::string error;
  EXPECT_TRUE(analyze_files(files, {{"10.1.1.22", ServerRole::director}}, {}, report, error, parts))
      << error;
  return flow_json(report) + flow_table(report);
}

TEST(Logs, AFileReadInPartsGivesTheReportOfOneReader) {
  const fs::path dir =
      fs::temp_directory_path() / ("lyncplan-logparts-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto generated = testing::generate_logs(dir.string(), 300 * 1024);
  std::ofstream(dir / "boundary-W3SVC34578.log", std::ios::binary) << boundary_log();
  // A #Fields block that reorders the columns mid-file: the parts after it assumed wrong.
  std::string reordered = boundary_log();
  const std::size_t middle = reordered.find('\n', reordered.size() / 2) + 1;
  reordered.insert(middle, "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port "
                           "cs-username c-ip cs(User-Agent) sc-substatus sc-status "
                           "sc-win32-status time-taken\n");
  std::ofstream(dir / "reordered.log", std::ios::binary) << reordered;
  const std::vector<std::vector<std::string>> sets = {generated.files,
                                                      {(dir / "boundary-W3SVC34578.log").string()},
                                                      {(dir / "reordered.log").string()}};
  for (const auto& paths : sets) {
    const std::string whole = report_of(paths, 1);
    ASSERT_NE(whole.find("auth-loop"), std::string::npos);
    for (std::size_t parts = 2; parts <= 13; ++parts) {
      EXPECT_EQ(report_of(paths, parts), whole) << paths.front() << " in " << parts << " parts";
    }
  }
  fs::remove_all(dir);
}

} // namespace
} // namespace lyncplan::logs
