// Form fields as template data for the _field partial: every input gets a
// <label>, its hint and error are tied to it with aria-describedby, and an
// invalid field is marked aria-invalid. Every key the partial reads is set
// (false when unused), because Mustache would otherwise look it up in the
// enclosing page's data. Pure; thread-safe.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/html/view.h"

namespace guildhall::web {

struct FieldSpec {
  std::string name;
  std::string label;
  // An <input> type, or "textarea", "select", "checkbox".
  std::string type = "text";
  std::string hint = {};
  bool required = false;
  int rows = 5;
  std::string autocomplete = {};
  std::string list = {};                                          // id of a <datalist>
  std::string accept = {};                                        // for type=file
  std::vector<std::pair<std::string, std::string>> options = {};  // select: value, label
};

using Errors = std::map<std::string, std::string>;

// The hint beside every field where a password is chosen (sign-up, password
// change, admin create): the rules of node/community/password_policy.h.
inline constexpr std::string_view kPasswordHint =
    "At least 10 characters; not a common password, not a run like aaaa or 1234, and without "
    "your username or name. A few unrelated words make a good one.";

// `value` is the current text (for a checkbox, non-empty means checked; for a
// select, the selected option's value). The error shown is errors[spec.name].
html::View Field(const FieldSpec& spec, std::string_view value, const Errors& errors = {});

// A list view of fields, for {{#fields}}{{> _field}}{{/fields}}.
html::View FieldList(std::vector<html::View> fields);

// Sets view["form_error"] to the errors not shown beside one of the `shown`
// fields (or false).
void SetFormError(html::View& view, const Errors& errors,
                  std::initializer_list<std::string_view> shown);

}  // namespace guildhall::web
