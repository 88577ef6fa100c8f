#include "web/http/negotiation.h"

#include <strings.h>

#include <charconv>

namespace guildhall::web {
namespace {

constexpr std::string_view kActivityStreamsProfile = "https://www.w3.org/ns/activitystreams";

enum class Kind { kOther, kHtml, kActivity, kJson };

// The best offer of one kind: highest q, then earliest position.
struct Best {
  double q = 0;
  size_t position = SIZE_MAX;

  void Offer(double offer_q, size_t offer_position) {
    if (offer_q > q || (offer_q == q && offer_q > 0 && offer_position < position)) {
      q = offer_q;
      position = offer_position;
    }
  }
  bool Beats(const Best& other) const {
    return q > 0 && (q > other.q || (q == other.q && position < other.position));
  }
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

double ParseQ(std::string_view v) {
  double q = 1;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), q);
  if (ec != std::errc() || q < 0) return 0;
  return q > 1 ? 1 : q;
}

// One media range: "application/ld+json; profile=\"...\"; q=0.9".
struct MediaRange {
  std::string_view type;
  std::string_view profile;
  double q = 1;
};

MediaRange ParseRange(std::string_view item) {
  MediaRange range;
  size_t semi = item.find(';');
  range.type = Trim(item.substr(0, semi));
  while (semi != std::string_view::npos) {
    item.remove_prefix(semi + 1);
    semi = item.find(';');
    std::string_view param = Trim(item.substr(0, semi));
    size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = Trim(param.substr(0, eq));
    std::string_view value = Trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (IEquals(name, "q")) range.q = ParseQ(value);
    if (IEquals(name, "profile")) range.profile = value;
  }
  return range;
}

Kind Classify(const MediaRange& range) {
  if (IEquals(range.type, "text/html") || IEquals(range.type, "application/xhtml+xml")) {
    return Kind::kHtml;
  }
  if (IEquals(range.type, "application/activity+json")) return Kind::kActivity;
  if (IEquals(range.type, "application/ld+json")) {
    // The profile is a space-separated list of URIs (RFC 6906).
    if (range.profile.empty() ||
        range.profile.find(kActivityStreamsProfile) != std::string_view::npos) {
      return Kind::kActivity;
    }
    return Kind::kJson;
  }
  if (IEquals(range.type, "application/json")) return Kind::kJson;
  return Kind::kOther;
}

struct Preferences {
  Best html, activity, json;  // json includes the activity types
};

Preferences Parse(const Request& req) {
  Preferences prefs;
  size_t position = 0;
  for (const auto& [name, value] : req.headers.fields()) {
    if (!IEquals(name, "Accept")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      MediaRange range = ParseRange(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      switch (Classify(range)) {
        case Kind::kHtml:
          prefs.html.Offer(range.q, position);
          break;
        case Kind::kActivity:
          prefs.activity.Offer(range.q, position);
          [[fallthrough]];
        case Kind::kJson:
          prefs.json.Offer(range.q, position);
          break;
        case Kind::kOther:
          break;
      }
      ++position;
    }
  }
  return prefs;
}

}  // namespace

bool WantsActivityJson(const Request& req) {
  Preferences prefs = Parse(req);
  return prefs.activity.Beats(prefs.html);
}

bool WantsJson(const Request& req) {
  Preferences prefs = Parse(req);
  if (prefs.json.Beats(prefs.html)) return true;
  bool api = req.path.starts_with("/api/") || req.path == "/api";
  return api && prefs.html.q == 0;
}

}  // namespace guildhall::web
