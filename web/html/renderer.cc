#include "web/html/renderer.h"

#include <cstdio>
#include <cstdlib>

#include "web/html/assets.h"

namespace guildhall::web::html {
namespace {

constexpr std::string_view kTemplateDir = "html/templates/";
constexpr std::string_view kSuffix = ".mustache";
constexpr int kMaxInlineDepth = 8;

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "guildhall: template error: %s\n", message.c_str());
  std::abort();
}

void InlineInto(std::string& out, std::string_view source,
                const std::map<std::string, std::string, std::less<>>& partials, int depth) {
  if (depth > kMaxInlineDepth) Die("partials nested too deeply (a cycle?)");
  size_t pos = 0;
  while (true) {
    const size_t open = source.find("{{>", pos);
    if (open == std::string_view::npos) break;
    const size_t close = source.find("}}", open);
    if (close == std::string_view::npos) Die("unterminated partial tag");
    std::string_view name = source.substr(open + 3, close - open - 3);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    auto it = partials.find(name);
    if (it == partials.end()) Die("unknown partial " + std::string(name));
    out.append(source.substr(pos, open - pos));
    InlineInto(out, it->second, partials, depth + 1);
    pos = close + 2;
  }
  out.append(source.substr(pos));
}

}  // namespace

std::string Renderer::Inline(std::string_view source,
                             const std::map<std::string, std::string, std::less<>>& partials) {
  std::string out;
  InlineInto(out, source, partials, 0);
  return out;
}

Renderer::Renderer() {
  std::map<std::string, std::string, std::less<>> sources;
  for (const EmbeddedFile& file : EmbeddedFiles()) {
    if (!file.path.starts_with(kTemplateDir) || !file.path.ends_with(kSuffix)) continue;
    std::string_view name = file.path.substr(kTemplateDir.size());
    name.remove_suffix(kSuffix.size());
    sources.emplace(std::string(name), std::string(file.content));
  }
  auto layout = sources.find("layout");
  if (layout == sources.end()) Die("layout.mustache is missing");
  for (const auto& [name, source] : sources) {
    if (name == "layout" || name.starts_with('_')) continue;
    auto partials = sources;
    partials["page"] = source;
    auto parsed = std::make_unique<kainjow::mustache::mustache>(Inline(layout->second, partials));
    if (!parsed->is_valid()) Die(name + ": " + parsed->error_message());
    pages_.emplace(name, std::move(parsed));
  }
}

Renderer::~Renderer() = default;

const Renderer& Renderer::Shared() {
  static const Renderer renderer;
  return renderer;
}

std::string Renderer::Page(std::string_view name, const View& view) const {
  auto it = pages_.find(name);
  if (it == pages_.end()) Die("no page template " + std::string(name));
  std::string out;
  out.reserve(16 * 1024);
  it->second->render(view, [&out](const std::string& chunk) { out += chunk; });
  return out;
}

bool Renderer::HasPage(std::string_view name) const { return pages_.contains(name); }

std::vector<std::string> Renderer::PageNames() const {
  std::vector<std::string> names;
  for (const auto& entry : pages_) names.push_back(entry.first);
  return names;
}

}  // namespace guildhall::web::html
