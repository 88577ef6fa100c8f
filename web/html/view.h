// View: the data a template is rendered with - kainjow-mustache's data tree
// (objects, lists, strings, booleans). `{{x}}` HTML-escapes x; `{{{x}_html}}`
// inserts it raw and is reserved for SafeHtml (safe_html.h), which only
// Markdown rendering and the sanitizer produce. Numbers must be converted
// explicitly (Num): a bare integer would silently become a boolean.
// Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <kainjow/mustache.hpp>
#include <string>
#include <string_view>

namespace guildhall::web::html {

using View = kainjow::mustache::data;

inline View Object() { return View(View::type::object); }
inline View List() { return View(View::type::list); }
inline std::string Num(uint64_t n) { return std::to_string(n); }
inline std::string Num(int64_t n) { return std::to_string(n); }
inline std::string Num(int n) { return std::to_string(n); }

}  // namespace guildhall::web::html
