// JsonView: forgiving read access to a parsed JSON document for test
// assertions. A missing member or index gives an empty view (exists() is
// false, str() is "", num() is 0) instead of RapidJSON's assert, so a test
// fails with a readable message. Views borrow the document; immutable.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace guildhall::testutil {

class JsonView {
 public:
  JsonView() = default;
  explicit JsonView(const rapidjson::Value* value) : v_(value) {}

  JsonView operator[](std::string_view key) const;
  JsonView operator[](size_t index) const;
  bool exists() const { return v_ != nullptr && !v_->IsNull(); }
  size_t size() const;      // array length, else 0
  std::string str() const;  // string value, or "" (numbers as decimal text)
  int64_t num() const;      // integer, or a decimal string's value, or 0
  bool boolean() const { return v_ != nullptr && v_->IsBool() && v_->GetBool(); }
  std::string Dump() const;  // compact JSON text, for messages

 private:
  const rapidjson::Value* v_ = nullptr;
};

// A parsed document that owns its memory; doc() is null-valued if `text`
// is not JSON.
class Json {
 public:
  explicit Json(std::string_view text);
  JsonView view() const { return JsonView(doc_.get()); }
  JsonView operator[](std::string_view key) const { return view()[key]; }
  bool ok() const { return ok_; }

 private:
  std::shared_ptr<rapidjson::Document> doc_;
  bool ok_ = false;
};

}  // namespace guildhall::testutil
