// The bad-input suite: each tests/bad/*.yaml must fail with exactly the message in its .err
// file, exit code 2, and no output. Update a message with LYNCPLAN_UPDATE_GOLDEN=1.
#include "app.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lyncplan::cli {
namespace {

namespace fs = std::filesystem;

const fs::path kBad = fs::path(LYNCPLAN_SOURCE_DIR) / "tests" / "bad";

std::vector<std::string> cases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kBad)) {
    if (entry.path().extension() == ".yaml") {
      names.push_back(entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

class BadInput : public ::testing::TestWithParam<std::string> {};

TEST_P(BadInput, FailsWithItsExactMessage) {
  const fs::path saved = fs::current_path();
  fs::current_path(kBad); // messages carry the path as given: keep it short and stable
  const std::string file = GetParam() + ".yaml";
  const char* argv[] = {"lyncplan", "plan", file.c_str(), "--format", "json"};
  std::ostringstream out, err;
  const int rc = run_app(5, argv, {out, err, false});
  fs::current_path(saved);
  EXPECT_EQ(rc, 2);
  EXPECT_EQ(out.str(), "");
  const fs::path expected_file = kBad / (GetParam() + ".err");
  const char* update = std::getenv("LYNCPLAN_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(expected_file, std::ios::binary) << err.str();
    return;
  }
  std::ifstream in(expected_file, std::ios::binary);
  ASSERT_TRUE(in) << "missing " << expected_file;
  std::ostringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(err.str(), expected.str());
}

// docs/bad-input.md shows every message; a changed message must change the page too.
TEST(BadInputCatalogue, ListsEveryMessage) {
  std::ifstream doc(fs::path(LYNCPLAN_SOURCE_DIR) / "docs" / "bad-input.md");
  std::ostringstream text;
  text << doc.rdbuf();
  for (const auto& name : cases()) {
    std::ifstream err(kBad / (name + ".err"));
    std::string line;
    while (std::getline(err, line)) {
      std::string escaped;
      for (char c : line) {
        escaped += c == '|' ? std::string("\\|") : std::string(1, c);
      }
      EXPECT_NE(text.str().find(escaped), std::string::npos) << name << ": " << line;
    }
  }
}

// The documents `lyncplan import` refuses (tests/bad/import): XML, encodings and zips.
const fs::path kBadImport = kBad / "import";

std::vector<std::string> import_cases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kBadImport)) {
    if (entry.path().extension() != ".err") {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

class BadImport : public ::testing::TestWithParam<std::string> {};

TEST_P(BadImport, FailsWithItsExactMessageAndWritesNothing) {
  const fs::path saved = fs::current_path();
  fs::current_path(kBadImport);
  const std::string file = GetParam();
  const char* argv[] = {"lyncplan", "import", file.c_str()};
  std::ostringstream out, err;
  const int rc = run_app(3, argv, {out, err, false});
  fs::current_path(saved);
  EXPECT_EQ(rc, 2);
  EXPECT_EQ(out.str(), "");
  const fs::path expected_file = kBadImport / (fs::path(file).stem().string() + ".err");
  const char* update = std::getenv("LYNCPLAN_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(expected_file, std::ios::binary) << err.str();
    return;
  }
  std::ifstream in(expected_file, std::ios::binary);
  ASSERT_TRUE(in) << "missing " << expected_file;
  std::ostringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(err.str(), expected.str());
}

TEST(BadInputCatalogue, ListsEveryImportMessage) {
  std::ifstream doc(fs::path(LYNCPLAN_SOURCE_DIR) / "docs" / "bad-input.md");
  std::ostringstream text;
  text << doc.rdbuf();
  for (const auto& name : import_cases()) {
    std::ifstream err(kBadImport / (fs::path(name).stem().string() + ".err"));
    std::string line;
    while (std::getline(err, line)) {
      std::string escaped;
      for (char c : line) {
        escaped += c == '|' ? std::string("\\|") : std::string(1, c);
      }
      EXPECT_NE(text.str().find(escaped), std::string::npos) << name << ": " << line;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Files, BadImport, ::testing::ValuesIn(import_cases()), [](const auto& test_param) {
      std::string name = test_param.param;
      std::replace_if(
          name.begin(), name.end(),
          [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0; }, '_');
      return name;
    });

INSTANTIATE_TEST_SUITE_P(Files, BadInput, ::testing::ValuesIn(cases()), [](const auto& test_param) {
  std::string name = test_param.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
});

} // namespace
} // namespace lyncplan::cli
