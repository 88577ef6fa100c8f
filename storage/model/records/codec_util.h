// Small helpers shared by the record codecs in this directory: enum fields
// stored as varints and checked on the way back in, and the "version byte,
// then fields" shape every value has (spec/STORAGE.md). Stateless.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/encoding.h"
#include "storage/model/result.h"

namespace guildhall::storage::records {

// Reads an enum stored as a varint; a value above `last` marks the reader as
// failed (corrupt or written by a newer node), so Finish() reports it.
template <class E>
E ReadEnum(ValueReader& r, E last, bool& ok) {
  const uint64_t raw = r.U64();
  if (raw > static_cast<uint64_t>(last)) {
    ok = false;
    return E{};
  }
  return static_cast<E>(raw);
}

template <class E>
void WriteEnum(ValueWriter& w, E e) {
  w.U64(static_cast<uint64_t>(e));
}

// kInternal naming `what` unless both the reader and the enum checks succeeded,
// and the value's version byte is one this codec knows.
inline Result<> FinishDecode(const ValueReader& r, bool enums_ok, uint8_t max_version,
                             std::string_view what) {
  if (!enums_ok || r.version() == 0 || r.version() > max_version) {
    return Error::Internal("corrupt or unknown stored value: " + std::string(what));
  }
  return r.Finish(what);
}

// A key made of one Id: the shape of most primary keys.
inline std::string IdKey(Id id) { return KeyBuilder().Id(id).Take(); }
inline std::string IdPairKey(Id a, Id b) { return KeyBuilder().Id(a).Id(b).Take(); }

}  // namespace guildhall::storage::records
