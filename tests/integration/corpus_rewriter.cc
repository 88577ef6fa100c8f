#include "tests/integration/corpus_rewriter.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <functional>

namespace guildhall::integration {
namespace {

constexpr char kPublic[] = "https://www.w3.org/ns/activitystreams#Public";

bool UrlBoundary(const std::string& text, size_t at) {
  if (at >= text.size()) return true;
  const char c = text[at];
  return c == '/' || c == '#' || c == '?' || c == '"';
}

std::string Now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string ReplaceAll(std::string text, const std::string& from,
                       const std::function<std::string()>& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    const std::string with = to();
    text.replace(at, from.size(), with);
    at += with.size();
  }
  return text;
}

// The id of a reference: a string, the first of an array, an object's id.
std::string RefOf(const rapidjson::Value* v) {
  if (v == nullptr) return {};
  if (v->IsArray()) return v->Empty() ? std::string() : RefOf(&(*v)[0]);
  if (v->IsObject()) return RefOf(v->HasMember("id") ? &(*v)["id"] : nullptr);
  return v->IsString() ? v->GetString() : std::string();
}

const rapidjson::Value* Member(const rapidjson::Value& obj, const char* name) {
  return obj.IsObject() && obj.HasMember(name) ? &obj[name] : nullptr;
}

bool IsActivity(const std::string& type) {
  static const std::vector<std::string> kActivities = {
      "Create", "Update", "Delete", "Like", "Dislike", "Undo", "Announce", "Follow", "Accept"};
  return std::find(kActivities.begin(), kActivities.end(), type) != kActivities.end();
}

std::string Dump(const rapidjson::Value& v) {
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> writer(out);
  v.Accept(writer);
  return out.GetString();
}

// Whether `v` (to, cc or audience) names `id`.
bool Names(const rapidjson::Value* v, const std::string& id) {
  if (v == nullptr) return false;
  if (v->IsString()) return id == v->GetString();
  if (!v->IsArray()) return false;
  for (const auto& item : v->GetArray()) {
    if (item.IsString() && id == item.GetString()) return true;
  }
  return false;
}

}  // namespace

std::string ReplaceUrl(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    if (!UrlBoundary(text, at + from.size())) {
      at += from.size();
      continue;
    }
    text.replace(at, from.size(), to);
    at += to.size();
  }
  return text;
}

CorpusRewriter::CorpusRewriter(std::map<std::string, std::string> hosts,
                               std::vector<std::string> groups, std::string group,
                               std::string actor_path)
    : hosts_(std::move(hosts)),
      groups_(std::move(groups)),
      group_(std::move(group)),
      actor_path_(std::move(actor_path)) {
  // Longest first: ".../c/main" before a shorter id it may start with.
  std::sort(groups_.begin(), groups_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string CorpusRewriter::RewriteText(std::string text, int serial) const {
  int n = 0;
  text = ReplaceAll(text, "SCRUBBED_ID", [&] {
    return "https://kbin.test/corpus/" + std::to_string(serial) + "/" + std::to_string(++n);
  });
  text = ReplaceAll(text, "SCRUBBED_DATE", [] { return Now(); });
  for (const std::string& g : groups_) text = ReplaceUrl(text, g, group_);
  // Every author of the payload (the actor, the object's attributedTo)
  // becomes the peer's actor on its own host.
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  std::vector<std::string> authors;
  if (doc.IsObject()) {
    authors.push_back(RefOf(Member(doc, "actor")));
    authors.push_back(RefOf(Member(doc, "attributedTo")));
    if (const auto* o = Member(doc, "object"); o && o->IsObject()) {
      authors.push_back(RefOf(Member(*o, "attributedTo")));
    }
  }
  for (const std::string& author : authors) {
    const size_t scheme = author.find("://");
    if (author.empty() || scheme == std::string::npos) continue;
    const size_t path = author.find('/', scheme + 3);
    const std::string origin = author.substr(0, path);
    text = ReplaceUrl(text, author, origin + actor_path_);
  }
  for (const auto& [from, to] : hosts_) {
    text = ReplaceUrl(text, "https://" + from, "https://" + to);
    text = ReplaceUrl(text, "http://" + from, "https://" + to);
  }
  return text;
}

// The Create a member's server sends for `object`: the object's own
// addressing, Public when it has none, and the group in `cc` unless the
// object names it already (FEP-1b12: the group must be addressed).
std::string CorpusRewriter::Wrap(const std::string& object) const {
  rapidjson::Document o;
  o.Parse(object.c_str(), object.size());
  rapidjson::Document create(rapidjson::kObjectType);
  auto& a = create.GetAllocator();
  auto str = [&](const std::string& s) { return rapidjson::Value(s.c_str(), a); };
  const std::string id = RefOf(Member(o, "id"));
  std::string author = RefOf(Member(o, "attributedTo"));
  if (author.empty()) {  // Mastodon's documentation leaves it out
    author = id.substr(0, id.find('/', id.find("://") + 3)) + actor_path_;
    o.AddMember("attributedTo", rapidjson::Value(author.c_str(), o.GetAllocator()),
                o.GetAllocator());
  }
  create.AddMember("@context", "https://www.w3.org/ns/activitystreams", a);
  create.AddMember("id", str(id + "#corpus-create"), a);
  create.AddMember("type", "Create", a);
  create.AddMember("actor", str(author), a);
  rapidjson::Value to(rapidjson::kArrayType), cc(rapidjson::kArrayType);
  const auto* object_to = Member(o, "to");
  const auto* object_cc = Member(o, "cc");
  if (object_to == nullptr && object_cc == nullptr) to.PushBack(str(kPublic), a);
  if (object_to != nullptr) to.CopyFrom(*object_to, a);
  if (object_cc != nullptr) cc.CopyFrom(*object_cc, a);
  if (!to.IsArray()) {
    rapidjson::Value one(rapidjson::kArrayType);
    one.PushBack(to, a);
    to = std::move(one);
  }
  if (!cc.IsArray()) {
    rapidjson::Value one(rapidjson::kArrayType);
    one.PushBack(cc, a);
    cc = std::move(one);
  }
  if (!Names(object_to, group_) && !Names(object_cc, group_) &&
      !Names(Member(o, "audience"), group_))
    cc.PushBack(str(group_), a);
  create.AddMember("to", to, a);
  create.AddMember("cc", cc, a);
  rapidjson::Value embedded;
  embedded.CopyFrom(o, a);
  create.AddMember("object", embedded, a);
  return Dump(create);
}

Rewritten CorpusRewriter::Rewrite(const std::string& fixture, int serial) const {
  const std::string text = RewriteText(fixture, serial);
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  const std::string type = RefOf(Member(doc, "type"));
  Rewritten out;
  out.activity = IsActivity(type) ? text : Wrap(text);
  rapidjson::Document sent;
  sent.Parse(out.activity.c_str(), out.activity.size());
  out.activity_id = RefOf(Member(sent, "id"));
  out.object_id = RefOf(Member(sent, "object"));
  return out;
}

}  // namespace guildhall::integration
