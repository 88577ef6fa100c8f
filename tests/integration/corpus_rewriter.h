// CorpusRewriter: turns a payload of the interop corpus
// (tests/fixtures/ap/SOURCES.md) into one a test peer can send to a node,
// without editing the fixture file: the ids and hosts of the project that
// published it point at the test peer (attacker.h) instead, its community
// at the node's group, its author at the peer's actor. Objects published
// without an activity are wrapped in the Create their server would send,
// addressed to the group as a member of it would. Mbin's snapshot
// placeholders (SCRUBBED_ID, SCRUBBED_DATE) become fresh ids and the time of
// the run. Not thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace guildhall::integration {

struct Rewritten {
  std::string activity;     // the JSON to POST
  std::string activity_id;  // its id after rewriting
  std::string object_id;    // the id of the object it carries ("" for none)
};

class CorpusRewriter {
 public:
  // `hosts`: authority in the fixtures ("enterprise.lemmy.ml") -> the test
  // peer's authority ("lemmy.test:41234"). `groups`: community ids in the
  // fixtures, all replaced by `group` (the node's group id). `actor_path`:
  // the path of the peer's actor on every host ("/users/mallory").
  CorpusRewriter(std::map<std::string, std::string> hosts, std::vector<std::string> groups,
                 std::string group, std::string actor_path);

  // REQUIRES: `fixture` is one of the corpus files' text; `serial` makes
  // Mbin's scrubbed ids unique across the run.
  Rewritten Rewrite(const std::string& fixture, int serial) const;

 private:
  std::string RewriteText(std::string text, int serial) const;
  std::string Wrap(const std::string& object) const;

  std::map<std::string, std::string> hosts_;
  std::vector<std::string> groups_;
  std::string group_;
  std::string actor_path_;
};

// Replaces every `from` in `text` that is a whole URL or a URL's prefix
// (followed by '/', '#', '?', '"' or the end), so ".../u/user" does not
// rewrite ".../u/user2".
std::string ReplaceUrl(std::string text, const std::string& from, const std::string& to);

}  // namespace guildhall::integration
