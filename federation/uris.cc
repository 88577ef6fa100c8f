#include "federation/uris.h"

#include <array>
#include <vector>

namespace guildhall::federation {
namespace {

using Kind = LocalRef::Kind;

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  while (true) {
    const size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

// Usernames ([a-z0-9_]) and slugs ([a-z0-9-]): anything else is not ours.
bool IsName(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool IsActorCollection(std::string_view s, bool group) {
  static constexpr std::array<std::string_view, 4> kAll = {"inbox", "outbox", "followers",
                                                           "following"};
  for (auto c : kAll) {
    if (s == c) return true;
  }
  return group && (s == "members" || s == "moderators" || s == "featured");
}

std::optional<LocalRef> ParseActor(Kind kind, const std::vector<std::string_view>& seg) {
  if (seg.size() < 2 || seg.size() > 3 || !IsName(seg[1])) return std::nullopt;
  LocalRef ref{kind, std::string(seg[1]), Id{}, ""};
  if (seg.size() == 3) {
    if (!IsActorCollection(seg[2], kind == Kind::kGroup)) return std::nullopt;
    ref.collection = std::string(seg[2]);
  }
  return ref;
}

// A thread also has its conversation, "/t/{id}/context" (FEP-7888).
std::optional<LocalRef> ParseObject(Kind kind, const std::vector<std::string_view>& seg) {
  const bool context = kind == Kind::kThread && seg.size() == 3 && seg[2] == "context";
  if (seg.size() != 2 && !context) return std::nullopt;
  auto id = Id::Parse(seg[1]);
  if (!id || !*id) return std::nullopt;
  return LocalRef{kind, "", *id, context ? "context" : ""};
}

}  // namespace

Uris::Uris(std::string_view scheme, std::string_view domain) : domain_(domain) {
  base_ = std::string(scheme) + "://" + domain_;
  auto origin = OriginOf(base_ + "/");
  if (origin) origin_ = *origin;
}

bool Uris::IsLocal(std::string_view uri) const { return SameOrigin(origin_, uri); }

std::optional<LocalRef> Uris::Parse(std::string_view uri) const {
  auto url = ParseHttpUrl(uri);
  if (!url || !(url->origin == origin_)) return std::nullopt;
  return ParsePath(url->path);
}

std::optional<LocalRef> Uris::ParsePath(std::string_view path) {
  const auto seg = Segments(path);
  if (seg.empty()) return std::nullopt;
  const std::string_view head = seg[0];
  if (head == "actor") {
    if (seg.size() == 1) return LocalRef{Kind::kNodeActor, "", Id{}, ""};
    if (seg.size() == 2 && IsActorCollection(seg[1], false)) {
      return LocalRef{Kind::kNodeActor, "", Id{}, std::string(seg[1])};
    }
    return std::nullopt;
  }
  if (head == "inbox" && seg.size() == 1) return LocalRef{Kind::kSharedInbox, "", Id{}, ""};
  if (head == "u") return ParseActor(Kind::kMember, seg);
  if (head == "g") return ParseActor(Kind::kGroup, seg);
  if (head == "t") return ParseObject(Kind::kThread, seg);
  if (head == "r") return ParseObject(Kind::kReply, seg);
  if (head == "e") return ParseObject(Kind::kEvent, seg);
  if (head == "activities") return ParseObject(Kind::kActivity, seg);
  return std::nullopt;
}

}  // namespace guildhall::federation
