// A small builder for json::Value objects that leaves empty fields out, used
// by every writer in federation/protocol so that key order is the order of
// the calls. Single-threaded helper; cheap to construct.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "federation/protocol/json.h"
#include "storage/model/clock.h"

namespace guildhall::federation::json {

class ObjectBuilder {
 public:
  ObjectBuilder() : value_(Value::Object()) {}

  // Always adds the member.
  ObjectBuilder& Set(std::string name, Value v) {
    value_.mutable_members().push_back({std::move(name), std::move(v)});
    return *this;
  }
  // The following add nothing for empty / absent values.
  ObjectBuilder& Str(std::string name, std::string_view s) {
    if (!s.empty()) Set(std::move(name), Value::String(std::string(s)));
    return *this;
  }
  ObjectBuilder& Obj(std::string name, Value v) {
    if (!v.members().empty()) Set(std::move(name), std::move(v));
    return *this;
  }
  ObjectBuilder& Arr(std::string name, Value v) {
    if (!v.items().empty()) Set(std::move(name), std::move(v));
    return *this;
  }
  // One string as a string, several as an array.
  ObjectBuilder& StrOrArr(std::string name, const std::vector<std::string>& values);
  ObjectBuilder& StrArr(std::string name, const std::vector<std::string>& values);
  ObjectBuilder& Bool(std::string name, std::optional<bool> b) {
    if (b) Set(std::move(name), Value::Bool(*b));
    return *this;
  }
  ObjectBuilder& Int(std::string name, std::optional<int64_t> i) {
    if (i) Set(std::move(name), Value::Number(std::to_string(*i)));
    return *this;
  }
  ObjectBuilder& Double(std::string name, std::optional<double> d);
  ObjectBuilder& Time(std::string name, std::optional<TimePoint> t);

  // Moves the object out; the builder is empty afterwards.
  Value Build() { return std::move(value_); }

 private:
  Value value_;
};

Value StringArray(const std::vector<std::string>& values);

}  // namespace guildhall::federation::json
