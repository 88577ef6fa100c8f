#include "tests/testutil/json_view.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdlib>

namespace guildhall::testutil {

JsonView JsonView::operator[](std::string_view key) const {
  if (v_ == nullptr || !v_->IsObject()) return JsonView();
  auto it =
      v_->FindMember(rapidjson::Value(key.data(), static_cast<rapidjson::SizeType>(key.size())));
  return it == v_->MemberEnd() ? JsonView() : JsonView(&it->value);
}

JsonView JsonView::operator[](size_t index) const {
  if (v_ == nullptr || !v_->IsArray() || index >= v_->Size()) return JsonView();
  return JsonView(&(*v_)[static_cast<rapidjson::SizeType>(index)]);
}

size_t JsonView::size() const { return v_ != nullptr && v_->IsArray() ? v_->Size() : 0; }

std::string JsonView::str() const {
  if (v_ == nullptr) return {};
  if (v_->IsString()) return std::string(v_->GetString(), v_->GetStringLength());
  if (v_->IsInt64()) return std::to_string(v_->GetInt64());
  if (v_->IsUint64()) return std::to_string(v_->GetUint64());
  return {};
}

int64_t JsonView::num() const {
  if (v_ == nullptr) return 0;
  if (v_->IsInt64()) return v_->GetInt64();
  if (v_->IsString()) return std::strtoll(v_->GetString(), nullptr, 10);
  return 0;
}

std::string JsonView::Dump() const {
  if (v_ == nullptr) return "(absent)";
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v_->Accept(writer);
  return buffer.GetString();
}

Json::Json(std::string_view text) : doc_(std::make_shared<rapidjson::Document>()) {
  doc_->Parse(text.data(), text.size());
  ok_ = !doc_->HasParseError();
  if (!ok_) doc_->SetNull();
}

}  // namespace guildhall::testutil
