#include "web/ui/fields.h"

namespace guildhall::web {

html::View Field(const FieldSpec& spec, std::string_view value, const Errors& errors) {
  html::View f = html::Object();
  f["name"] = spec.name;
  f["label"] = spec.label;
  f["type"] = spec.type;
  f["value"] = std::string(value);
  f["required"] = spec.required;
  f["rows"] = html::Num(spec.rows);
  f["is_textarea"] = spec.type == "textarea";
  f["is_select"] = spec.type == "select";
  f["is_checkbox"] = spec.type == "checkbox";
  f["is_input"] = spec.type != "textarea" && spec.type != "select" && spec.type != "checkbox";
  f["checked"] = spec.type == "checkbox" && !value.empty();
  f["hint"] = spec.hint.empty() ? html::View(false) : html::View(spec.hint);
  f["autocomplete"] = spec.autocomplete.empty() ? html::View(false) : html::View(spec.autocomplete);
  f["list"] = spec.list.empty() ? html::View(false) : html::View(spec.list);
  f["accept"] = spec.accept.empty() ? html::View(false) : html::View(spec.accept);
  auto error = errors.find(spec.name);
  f["error"] = error == errors.end() ? html::View(false) : html::View(error->second);
  std::string described_by;
  if (!spec.hint.empty()) described_by = "f-" + spec.name + "-hint";
  if (error != errors.end()) {
    described_by += (described_by.empty() ? "" : " ") + ("f-" + spec.name + "-error");
  }
  f["described_by"] = described_by.empty() ? html::View(false) : html::View(described_by);
  html::View options = html::List();
  for (const auto& [option_value, option_label] : spec.options) {
    html::View o = html::Object();
    o["value"] = option_value;
    o["label"] = option_label;
    o["selected"] = option_value == value;
    options.push_back(o);
  }
  f["options"] = std::move(options);
  return f;
}

html::View FieldList(std::vector<html::View> fields) {
  html::View list = html::List();
  for (auto& f : fields) list.push_back(f);
  return list;
}

void SetFormError(html::View& view, const Errors& errors,
                  std::initializer_list<std::string_view> shown) {
  std::string text;
  for (const auto& [field, message] : errors) {
    bool beside_field = false;
    for (std::string_view name : shown) beside_field = beside_field || name == field;
    if (beside_field) continue;
    text += (text.empty() ? "" : " ") + message;
  }
  view["form_error"] = text.empty() ? html::View(false) : html::View(text);
}

}  // namespace guildhall::web
