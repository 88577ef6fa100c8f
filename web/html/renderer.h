// Renderer: the page templates (web/html/templates/*.mustache, embedded at
// build time) parsed once at startup. Partials ({{> _name}}) are inlined into
// the template text before parsing, and every page is composed with
// layout.mustache (which holds {{> page}} where the page goes), so a render
// never parses anything and never needs a raw insert of rendered HTML.
// Thread-safety: Page() may run on every I/O thread at once. kainjow's render
// is a non-const member, but it only writes state when a lambda or a partial
// fails; composed templates contain neither (checked at startup), so
// concurrent renders only read the parsed tree.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "web/html/view.h"

namespace guildhall::web::html {

class Renderer {
 public:
  // Parses every embedded page. Aborts on a template error: a programming
  // error that any test run catches.
  Renderer();
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // The process-wide instance, built on first use.
  static const Renderer& Shared();

  // Renders page `name` ("thread" for templates/thread.mustache) in the layout.
  // REQUIRES: HasPage(name).
  std::string Page(std::string_view name, const View& view) const;
  bool HasPage(std::string_view name) const;
  std::vector<std::string> PageNames() const;

  // Template text after inlining partials (for tests and the page composer).
  static std::string Inline(std::string_view source,
                            const std::map<std::string, std::string, std::less<>>& partials);

 private:
  std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>, std::less<>> pages_;
};

}  // namespace guildhall::web::html
