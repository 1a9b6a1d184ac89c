// Fuzz target: the IIS W3C log reader, the classifier and the sign-in flow analysis.
#include <lyncplan/logs/flow.hpp>
#include <lyncplan/logs/w3c.hpp>

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  lyncplan::logs::FlowAnalyzer analyzer({{"10.1.1.22", lyncplan::logs::ServerRole::director}}, {});
  const auto file =
      lyncplan::logs::describe_file("W3SVC34578/u_ex.log", lyncplan::logs::ServerRole::unknown);
  lyncplan::logs::FileSummary summary{file, {}, {}};
  summary.stats = lyncplan::logs::read_w3c_text(
      text, [&](const lyncplan::logs::Entry& e) { analyzer.add(file, e); });
  analyzer.file_done(summary);
  const auto report = analyzer.finish();
  (void)lyncplan::logs::flow_json(report);
  (void)lyncplan::logs::flow_table(report);
  return 0;
}
