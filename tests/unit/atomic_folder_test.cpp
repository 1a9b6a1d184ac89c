// write_folder_atomically: a folder replaced whole by one rename, keeping what was not ours.
#include <lyncplan/util/atomic_folder.hpp>

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace lyncplan::testing {
namespace {

namespace fs = std::filesystem;

class AtomicFolder : public ::testing::Test {
protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("lyncplan-folder-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  static std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  // Every entry of root_ (recursively), relative: what a reader of the parent folder sees.
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root_)) {
      out.push_back(e.path().lexically_relative(root_).string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  fs::path root_;
};

TEST_F(AtomicFolder, WritesANewFolderAndLeavesNoSibling) {
  const std::vector<FolderFile> files = {{"index.txt", "index\n"},
                                         {"external/contoso.com.zone", "zone\n"}};
  auto written = write_folder_atomically(root_ / "zones", files, {});
  ASSERT_TRUE(written) << written.error();
  EXPECT_EQ(written->files, 2U);
  EXPECT_TRUE(written->swapped);
  EXPECT_EQ(read(root_ / "zones/external/contoso.com.zone"), "zone\n");
  EXPECT_EQ(entries(),
            (std::vector<std::string>{"zones", "zones/external", "zones/external/contoso.com.zone",
                                      "zones/index.txt"}));
}

// Ours and stale go, others' files stay (the same inode: linked, not copied), the folder keeps
// its mode, and the old folder is gone from the parent.
TEST_F(AtomicFolder, ReplacesOursKeepsTheirsAndTheFolderMode) {
  const fs::path zones = root_ / "zones";
  fs::create_directories(zones / "external");
  std::ofstream(zones / "index.txt") << "old index\n";
  std::ofstream(zones / "external/fabrikam.com.zone") << "stale\n";
  std::ofstream(zones / "external/custom.zone") << "the DNS team's\n";
  std::ofstream(zones / "notes.txt") << "notes\n";
  fs::create_directories(zones / "empty-but-theirs");
  ::chmod(zones.c_str(), 0750);
  struct stat before {};
  ASSERT_EQ(::stat((zones / "notes.txt").c_str(), &before), 0);

  const std::vector<FolderFile> files = {{"index.txt", "new index\n"},
                                         {"external/contoso.com.zone", "zone\n"}};
  auto written = write_folder_atomically(
      zones, files, {"index.txt", "external/contoso.com.zone", "external/fabrikam.com.zone"});
  ASSERT_TRUE(written) << written.error();
  EXPECT_EQ(written->carried, 2U);
  EXPECT_EQ(read(zones / "index.txt"), "new index\n");
  EXPECT_FALSE(fs::exists(zones / "external/fabrikam.com.zone"));
  EXPECT_EQ(read(zones / "external/custom.zone"), "the DNS team's\n");
  struct stat after {};
  ASSERT_EQ(::stat((zones / "notes.txt").c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino);
  EXPECT_TRUE(fs::is_directory(zones / "empty-but-theirs"));
  struct stat folder {};
  ASSERT_EQ(::stat(zones.c_str(), &folder), 0);
  EXPECT_EQ(folder.st_mode & 07777, 0750U);
  for (const std::string& e : entries()) {
    EXPECT_EQ(e.rfind("zones", 0), 0U) << "left beside the folder: " << e;
  }
}

// A file of theirs at the path of a new file of ours: ours wins (as when written file by file).
TEST_F(AtomicFolder, ANewFileReplacesTheirsOfTheSameName) {
  const fs::path zones = root_ / "zones";
  fs::create_directories(zones);
  std::ofstream(zones / "index.txt") << "hand-made\n";
  const std::vector<FolderFile> files = {{"index.txt", "ours\n"}};
  ASSERT_TRUE(write_folder_atomically(zones, files, {}));
  EXPECT_EQ(read(zones / "index.txt"), "ours\n");
}

// A link to the folder stays a link; the folder it leads to is the one replaced.
TEST_F(AtomicFolder, FollowsALinkToTheFolder) {
  fs::create_directories(root_ / "real");
  std::ofstream(root_ / "real/old.zone") << "old\n";
  fs::create_directory_symlink("real", root_ / "zones");
  const std::vector<FolderFile> files = {{"new.zone", "new\n"}};
  ASSERT_TRUE(write_folder_atomically(root_ / "zones", files, {"old.zone"}));
  EXPECT_TRUE(fs::is_symlink(root_ / "zones"));
  EXPECT_EQ(read(root_ / "real/new.zone"), "new\n");
  EXPECT_FALSE(fs::exists(root_ / "real/old.zone"));
}

TEST_F(AtomicFolder, RefusesAFileWhereTheFolderShouldBe) {
  std::ofstream(root_ / "zones") << "a file\n";
  const std::vector<FolderFile> files = {{"a.zone", "a\n"}};
  auto written = write_folder_atomically(root_ / "zones", files, {});
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().find("exists and is not a folder"), std::string::npos);
  EXPECT_EQ(read(root_ / "zones"), "a file\n");
}

// A write that fails halfway (a file where a folder must go) changes nothing and leaves no
// half-written sibling behind.
TEST_F(AtomicFolder, AFailureHalfwayChangesNothing) {
  const fs::path zones = root_ / "zones";
  fs::create_directories(zones);
  std::ofstream(zones / "index.txt") << "old\n";
  const std::vector<FolderFile> files = {{"index.txt", "new\n"}, {"a", "file\n"}, {"a/b", "x\n"}};
  auto written = write_folder_atomically(zones, files, {"index.txt"});
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().find("cannot"), std::string::npos) << written.error();
  EXPECT_EQ(read(zones / "index.txt"), "old\n");
  EXPECT_EQ(entries(), (std::vector<std::string>{"zones", "zones/index.txt"}));
}

} // namespace
} // namespace lyncplan::testing
