// Form: the fields of a submitted HTML form, from an
// application/x-www-form-urlencoded or multipart/form-data body. Text values
// are copied; uploaded files point into the request body, which must outlive
// the Form. Plain value; thread-compatible.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/model/result.h"
#include "web/http/message.h"
#include "web/ui/multipart.h"

namespace guildhall::web {

class Form {
 public:
  // kInvalid for a malformed body or an unsupported Content-Type; an empty
  // body is an empty form.
  static Result<Form> Parse(const Request& req);
  // From a raw urlencoded string (also used for query strings).
  static Result<Form> ParseUrlEncoded(std::string_view text);

  // The first value of `name`, or empty.
  const std::string& Get(std::string_view name) const;
  bool Has(std::string_view name) const;
  std::vector<std::string> GetAll(std::string_view name) const;
  // The uploaded file in field `name`, or null (also for an empty file input).
  const MultipartPart* File(std::string_view name) const;

  void Set(std::string name, std::string value);

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
  std::vector<MultipartPart> files_;
};

}  // namespace guildhall::web
