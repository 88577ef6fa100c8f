// A mutable request for signature tests: owns its header fields and hands
// out a SignedRequestView over them. Single-threaded test helper.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "federation/signatures/signed_request.h"

namespace guildhall::federation::testing {

struct TestRequest {
  std::string method = "POST";
  std::string target = "/inbox";
  std::vector<HeaderField> headers;
  std::string body;

  SignedRequestView View() const { return {method, target, headers, body}; }

  void Set(const std::string& name, std::string value) {
    Remove(name);
    headers.emplace_back(name, std::move(value));
  }
  void Remove(const std::string& name) {
    std::erase_if(headers, [&](const HeaderField& f) { return EqualsIgnoreCase(f.first, name); });
  }
  std::string Get(const std::string& name) const { return View().Header(name).value_or(""); }
};

}  // namespace guildhall::federation::testing
