#include "federation/protocol/json_build.h"

#include <cmath>
#include <cstdio>

#include "federation/protocol/datetime.h"

namespace guildhall::federation::json {

Value StringArray(const std::vector<std::string>& values) {
  Value array = Value::Array();
  for (const auto& s : values) array.mutable_items().push_back(Value::String(s));
  return array;
}

ObjectBuilder& ObjectBuilder::StrOrArr(std::string name, const std::vector<std::string>& values) {
  if (values.size() == 1) return Str(std::move(name), values.front());
  return Arr(std::move(name), StringArray(values));
}

ObjectBuilder& ObjectBuilder::StrArr(std::string name, const std::vector<std::string>& values) {
  return Arr(std::move(name), StringArray(values));
}

ObjectBuilder& ObjectBuilder::Double(std::string name, std::optional<double> d) {
  if (!d || !std::isfinite(*d)) return *this;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.7g", *d);  // 7 significant digits: ~1 cm of latitude
  return Set(std::move(name), Value::Number(buf));
}

ObjectBuilder& ObjectBuilder::Time(std::string name, std::optional<TimePoint> t) {
  if (t) Set(std::move(name), Value::String(FormatRfc3339(*t)));
  return *this;
}

}  // namespace guildhall::federation::json
