#include "web/http/router.h"

#include <gtest/gtest.h>

namespace guildhall::web {
namespace {

Response Named(std::string name) { return Response::Text(200, std::move(name)); }

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router_.Add("GET", "/", {}, [](const Request&) { return Named("root"); });
    router_.Add("GET", "/g/{slug}", {}, [](const Request&) { return Named("group"); });
    router_.Add("DELETE", "/g/{slug}", {}, [](const Request&) { return Named("delete"); });
    router_.Add("GET", "/g/new", {}, [](const Request&) { return Named("new"); });
    router_.Add("GET", "/g/{slug}/threads/{id}", {.name = "thread"},
                [](const Request&) { return Named("thread"); });
    router_.Add("POST", "/g/{slug}/threads", {.body_limit = 1 << 20},
                [](const Request&) { return Named("post"); });
    router_.Add("GET", "/static/*", {}, [](const Request&) { return Named("static"); });
  }

  std::string Serve(std::string method, std::string target, unsigned* status = nullptr) {
    auto req = std::make_shared<Request>();
    req->method = std::move(method);
    req->path = std::move(target);
    Response got;
    router_.Dispatch(req, [&](Response res) { got = std::move(res); });
    if (status) *status = got.status;
    return got.status == 200 ? got.body : std::to_string(got.status);
  }

  Router router_;
};

TEST_F(RouterTest, MatchesLiteralsAndParams) {
  EXPECT_EQ(Serve("GET", "/"), "root");
  EXPECT_EQ(Serve("GET", "/g/news"), "group");
  EXPECT_EQ(Serve("GET", "/g/news/threads/42"), "thread");
  EXPECT_EQ(Serve("POST", "/g/news/threads"), "post");
}

TEST_F(RouterTest, ParamsArePercentDecoded) {
  RouteMatch m = router_.Lookup("GET", "/g/caf%C3%A9/threads/a%2Fb");
  ASSERT_NE(m.route, nullptr);
  ASSERT_EQ(m.params.size(), 2u);
  EXPECT_EQ(m.params[0], (std::pair<std::string, std::string>{"slug", "caf\xC3\xA9"}));
  EXPECT_EQ(m.params[1], (std::pair<std::string, std::string>{"id", "a/b"}));
  EXPECT_EQ(m.route->options().name, "thread");
}

TEST_F(RouterTest, BadEscapeInParamIs400) {
  RouteMatch m = router_.Lookup("GET", "/g/%zz");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.status, 400u);
}

TEST_F(RouterTest, LiteralBeatsParamButOtherMethodsFallThrough) {
  EXPECT_EQ(Serve("GET", "/g/new"), "new");
  EXPECT_EQ(Serve("DELETE", "/g/new"), "delete");
}

TEST_F(RouterTest, UnknownPathIs404) {
  EXPECT_EQ(Serve("GET", "/nowhere"), "404");
  EXPECT_EQ(Serve("GET", "/g/news/threads/42/extra"), "404");
  EXPECT_EQ(Serve("GET", "/g/"), "404");  // a {param} never matches an empty segment
  EXPECT_EQ(Serve("GET", "relative"), "404");
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
  RouteMatch m = router_.Lookup("PUT", "/g/news");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.status, 405u);
  EXPECT_EQ(m.allow, "DELETE, GET, HEAD");
  auto req = std::make_shared<Request>();
  req->method = "PUT";
  req->path = "/g/news";
  Response got;
  router_.Dispatch(req, [&](Response res) { got = std::move(res); });
  EXPECT_EQ(got.status, 405u);
  EXPECT_EQ(got.headers.Get("Allow"), "DELETE, GET, HEAD");
}

TEST_F(RouterTest, HeadIsServedByGet) {
  RouteMatch m = router_.Lookup("HEAD", "/g/news/threads/1");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->method(), "GET");
  EXPECT_EQ(router_.Lookup("HEAD", "/g/news/threads").status, 405u);
}

TEST_F(RouterTest, ExplicitHeadRouteWins) {
  router_.Add("HEAD", "/", {}, [](const Request&) { return Named("head"); });
  EXPECT_EQ(router_.Lookup("HEAD", "/").route->method(), "HEAD");
}

TEST_F(RouterTest, CatchAllTakesTheRestOfThePath) {
  RouteMatch m = router_.Lookup("GET", "/static/css/site%20v2.css");
  ASSERT_NE(m.route, nullptr);
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].first, "*");
  EXPECT_EQ(m.params[0].second, "css/site v2.css");
  EXPECT_EQ(router_.Lookup("GET", "/static").status, 404u);
}

TEST_F(RouterTest, BodyLimitAndNameComeFromOptions) {
  RouteMatch m = router_.Lookup("POST", "/g/x/threads");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->options().body_limit, 1u << 20);
  EXPECT_EQ(m.route->options().name, "/g/{slug}/threads");  // defaults to the pattern
  EXPECT_EQ(router_.Lookup("GET", "/").route->options().body_limit, 64u * 1024);
}

TEST_F(RouterTest, DispatchSetsParamsAndRunsAsyncHandlers) {
  router_.AddAsync("POST", "/inbox/{who}", {}, [](std::shared_ptr<Request> req, Responder done) {
    done(Response::Text(202, std::string(req->Param("who"))));
  });
  auto req = std::make_shared<Request>();
  req->method = "POST";
  req->path = "/inbox/ada";
  Response got;
  router_.Dispatch(req, [&](Response res) { got = std::move(res); });
  EXPECT_EQ(got.status, 202u);
  EXPECT_EQ(got.body, "ada");
}

TEST_F(RouterTest, ThrowingHandlerBecomes500) {
  router_.Add("GET", "/boom", {}, [](const Request&) -> Response { throw std::logic_error("x"); });
  unsigned status = 0;
  Serve("GET", "/boom", &status);
  EXPECT_EQ(status, 500u);
}

TEST(RouterDeathTest, DuplicateRouteAborts) {
  Router router;
  router.Add("GET", "/a/{x}", {}, [](const Request&) { return Response(); });
  EXPECT_DEATH(router.Add("GET", "/a/{y}", {}, [](const Request&) { return Response(); }), "");
}

}  // namespace
}  // namespace guildhall::web
