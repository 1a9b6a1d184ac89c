// Renderers turn one Plan into one output format; the registry table maps --format to them.
#pragma once

#include <lyncplan/plan/plan.hpp>
#include <lyncplan/util/expected.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::render {

struct Options {
  bool color = false; // ANSI colour (the CLI decides: only on a terminal)
};

struct File {
  std::string path; // relative to the output folder
  std::string content;
};

// A renderer produces either text for stdout or a set of files for an output folder.
struct Output {
  std::string text;
  std::vector<File> files;
};

using RenderFunction = Expected<Output, std::string> (*)(const plan::Plan&, const Options&);

struct RendererInfo {
  std::string_view name;
  std::string_view help;
  bool writes_files; // needs --out DIR
  RenderFunction render;
};

std::span<const RendererInfo> renderers();
const RendererInfo* find_renderer(std::string_view name);

Expected<Output, std::string> render_table(const plan::Plan& plan, const Options& options);
Expected<Output, std::string> render_json(const plan::Plan& plan, const Options& options);
Expected<Output, std::string> render_zone(const plan::Plan& plan, const Options& options);
Expected<Output, std::string> render_powershell(const plan::Plan& plan, const Options& options);

} // namespace lyncplan::render
