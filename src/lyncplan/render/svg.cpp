// `plan --format svg`: the deployment diagram alone, as an SVG file.
#include <lyncplan/render/diagram.hpp>
#include <lyncplan/render/renderer.hpp>

namespace lyncplan::render {

Expected<Output, std::string> render_svg(const Input& input) {
  Output out;
  out.text = diagram_svg(layout_diagram(input.topology, input.plan), true);
  return out;
}

} // namespace lyncplan::render
