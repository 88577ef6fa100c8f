#include "tests/integration/federation_steps.h"

#include <sstream>

namespace guildhall::integration {

using testutil::ApiReply;
using testutil::Eventually;
using testutil::JsonQuote;

namespace {

std::string Describe(const ApiReply& r) {
  return "status " + std::to_string(r.status) + ": " + r.body;
}

}  // namespace

::testing::AssertionResult FollowAndWaitAccepted(NodeProcess& node, const std::string& token,
                                                 const std::string& handle) {
  ApiReply follow = node.Api(token, "POST", "/follows", "{\"handle\":" + JsonQuote(handle) + "}");
  if (follow.status != 201) {
    return ::testing::AssertionFailure()
           << "POST /follows " << handle << " on " << node.domain() << ": " << Describe(follow);
  }
  std::string last;
  bool accepted = Eventually([&] {
    ApiReply list = node.Api(token, "GET", "/follows");
    last = Describe(list);
    for (size_t i = 0; i < list["items"].size(); ++i) {
      auto item = list["items"][i];
      if (item["handle"].str() == handle && item["state"].str() == "accepted") return true;
    }
    return false;
  });
  if (!accepted) {
    return ::testing::AssertionFailure()
           << "follow of " << handle << " from " << node.domain()
           << " not accepted within the deadline; last GET /follows " << last;
  }
  return ::testing::AssertionSuccess();
}

std::string PostThread(NodeProcess& node, const std::string& token, const std::string& group,
                       const std::string& title, const std::string& body) {
  ApiReply made = node.Api(token, "POST", "/groups/" + group + "/threads",
                           "{\"title\":" + JsonQuote(title) + ",\"body\":" + JsonQuote(body) + "}");
  if (made.status != 201) {
    ADD_FAILURE() << "POST /groups/" << group << "/threads on " << node.domain() << ": "
                  << Describe(made);
    return {};
  }
  return made["id"].str();
}

std::optional<std::string> FindThread(NodeProcess& node, const std::string& token,
                                      const std::string& group, const std::string& title) {
  ApiReply list = node.Api(token, "GET", "/groups/" + group + "/threads?limit=200");
  for (size_t i = 0; i < list["items"].size(); ++i) {
    if (list["items"][i]["title"].str() == title) return list["items"][i]["id"].str();
  }
  return std::nullopt;
}

int CountThreads(NodeProcess& node, const std::string& token, const std::string& group,
                 const std::string& prefix) {
  ApiReply list = node.Api(token, "GET", "/groups/" + group + "/threads?limit=200");
  if (list.status != 200) return -1;
  int count = 0;
  for (size_t i = 0; i < list["items"].size(); ++i) {
    if (list["items"][i]["title"].str().rfind(prefix, 0) == 0) ++count;
  }
  return count;
}

std::optional<std::string> WaitForThread(NodeProcess& node, const std::string& token,
                                         const std::string& group, const std::string& title) {
  std::optional<std::string> id;
  Eventually([&] { return (id = FindThread(node, token, group, title)).has_value(); });
  return id;
}

std::optional<std::string> FindReply(NodeProcess& node, const std::string& token,
                                     const std::string& thread, const std::string& text) {
  ApiReply list = node.Api(token, "GET", "/threads/" + thread + "/replies?limit=200");
  for (size_t i = 0; i < list["items"].size(); ++i) {
    if (list["items"][i]["body"].str().find(text) != std::string::npos) {
      return list["items"][i]["id"].str();
    }
  }
  return std::nullopt;
}

bool LogShowsRetryTo(const NodeProcess& node, const std::string& host) {
  std::istringstream log(testutil::ReadWholeFile(node.log_path()));
  for (std::string line; std::getline(log, line);) {
    if (line.find("event=attempt") != std::string::npos &&
        line.find("outcome=retry") != std::string::npos &&
        line.find("host=" + host) != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace guildhall::integration
