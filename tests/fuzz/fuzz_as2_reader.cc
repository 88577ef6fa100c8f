// Fuzzes the inbound JSON path: bounded JSON parsing, then the AS2 reader.
// Invariants: no crash; whatever the reader accepts, the writer serializes
// to JSON that the reader accepts again (round trip); JSON the parser accepts
// re-serializes to JSON it accepts again.
#include <cstdint>
#include <string_view>
#include <variant>

#include "federation/protocol/as2_reader.h"
#include "federation/protocol/as2_writer.h"
#include "federation/protocol/json.h"
#include "tests/fuzz/fuzz_check.h"

using namespace guildhall::federation;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto value = json::Parse(input);
  if (value) FUZZ_CHECK(json::Parse(json::Serialize(*value)).has_value());
  (void)as::ReadActivity(input);
  (void)as::ReadActor(input);
  (void)as::ReadCollection(input);
  auto doc = as::ReadDocument(input);
  if (!doc) return 0;
  std::string written = std::visit(
      [](const auto& d) -> std::string {
        using T = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<T, as::Activity>) return as::WriteActivity(d);
        if constexpr (std::is_same_v<T, as::Actor>) return as::WriteActor(d);
        if constexpr (std::is_same_v<T, as::Collection>) return as::WriteCollection(d);
        if constexpr (std::is_same_v<T, as::Object>) return as::WriteObject(d);
      },
      *doc);
  auto again = as::ReadDocument(written);
  if (!again)
    std::fprintf(stderr, "round trip failed: %s\n%s\n", again.error().message.c_str(),
                 written.c_str());
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(again->index() == doc->index());
  return 0;
}
