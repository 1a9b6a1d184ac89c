// Writing a folder of files whole or not at all: a new sibling folder, one sync, a swap by rename.
#pragma once

#include <lyncplan/util/expected.hpp>

#include <filesystem>
#include <set>
#include <span>
#include <string>
#include <string_view>

namespace lyncplan {

struct FolderFile {
  std::string_view path; // relative to the folder, without "." or ".." parts
  std::string_view content;
};

struct FolderWritten {
  std::size_t files = 0;   // written
  std::size_t carried = 0; // files of the old folder kept (not ours, so not ours to drop)
  bool swapped = false;    // false: written in place (no sibling folder could be made)
};

// Makes `dir` hold exactly `files` plus whatever the old `dir` held that is not in `ours` (the
// relative paths an earlier run wrote, which this run replaces or drops). The new folder is
// written beside the old one, synced once (syncfs) and exchanged with it by one rename, so a
// reader sees the old folder or the new one, never a mix; the old one is removed afterwards.
// Files the earlier run did not write are carried over as hard links, and the folder keeps its
// mode and owner. A symbolic link `dir` is followed. Where no sibling can be made (the parent
// is not writable), the files are written in place one by one and what `ours` lists and this
// run does not write is removed. On error nothing of `dir` has changed, and the message names
// the path.
Expected<FolderWritten, std::string> write_folder_atomically(const std::filesystem::path& dir,
                                                             std::span<const FolderFile> files,
                                                             const std::set<std::string>& ours);

} // namespace lyncplan
