#include "tests/web/api/api_fixture.h"

#include <cstdlib>
#include <fstream>

#include "storage/model/encoding.h"
#include "storage/model/records/member.h"
#include "storage/model/tables.h"

namespace guildhall::web::testing {
namespace {

community::CommunityOptions TestOptions() {
  community::CommunityOptions o;
  o.password = community::PasswordParams{.t_cost = 1, .m_cost_kib = 64, .parallelism = 1};
  o.max_upload_bytes = 64 * 1024;
  o.node_host = "guild.example";
  return o;
}

std::unique_ptr<storage::lmdb::FileBlobStore> OpenBlobs(const std::filesystem::path& dir) {
  auto blobs = storage::lmdb::FileBlobStore::Open(dir);
  if (!blobs) throw std::runtime_error(blobs.error().message);
  return std::move(*blobs);
}

void Transcript(std::string_view method, std::string_view path, std::string_view body,
                const ApiReply& reply) {
  const char* file = std::getenv("GUILDHALL_API_TRANSCRIPT");
  if (!file || !*file) return;
  std::ofstream out(file, std::ios::app);
  out << "### " << ::testing::UnitTest::GetInstance()->current_test_info()->name() << "\n"
      << method << " " << path << "\n";
  if (!body.empty()) out << body << "\n";
  out << "--> " << reply.status << "\n" << reply.body << "\n\n";
}

}  // namespace

const json::Value* ApiReply::At(std::string_view path) const {
  const json::Value* v = &json;
  while (v && !path.empty()) {
    size_t dot = path.find('.');
    std::string_view part = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    if (v->is_array()) {
      size_t i = std::stoul(std::string(part));
      v = i < v->items().size() ? &v->items()[i] : nullptr;
    } else {
      v = v->Find(part);
    }
  }
  return v;
}

std::string ApiReply::Str(std::string_view path) const {
  const json::Value* v = At(path);
  return v ? v->text() : "";
}

int64_t ApiReply::Int(std::string_view path) const {
  const json::Value* v = At(path);
  return v ? v->AsInt64().value_or(-1) : -1;
}

bool ApiReply::Bool(std::string_view path) const {
  const json::Value* v = At(path);
  return v && v->kind() == json::Value::Kind::kBool && v->boolean();
}

size_t ApiReply::Count(std::string_view path) const {
  const json::Value* v = At(path);
  return v ? v->items().size() : 0;
}

ApiFixture::ApiFixture()
    : blobs_(OpenBlobs(blob_dir_.path())), clock_(FromUnixMillis(kStartMillis)) {
  c_ = std::make_unique<community::Community>(store_.store(), *blobs_, clock_, ids_, publisher_,
                                              TestOptions());
  options_.body_limit_bytes = 16 * 1024;
  options_.upload_body_limit_bytes = 256 * 1024;
  options_.public_origin = "https://guild.example";
  options_.write_threads = 8;
}

ApiFixture::~ApiFixture() {
  if (server_) {
    server_->Stop(std::chrono::seconds(0));
    server_->Join();
  }
}

void ApiFixture::Start() {
  RegisterApiRoutes(router_, {.community = *c_,
                              .follows = follows_,
                              .options = options_,
                              .policy = policy_,
                              .search = search_});
  ServerOptions so;
  so.listen = "127.0.0.1:0";
  so.threads = 2;
  server_ = std::make_unique<Server>(so, router_, metrics_);
  auto started = server_->Start();
  ASSERT_TRUE(started) << started.error().message;
  server_->RunInBackground();
}

std::string ApiFixture::UserToken(const std::string& username, storage::NodeRole role) {
  auto member = c_->accounts.CreateBootstrap({username, "", "correct horse", role});
  if (!member) throw std::runtime_error(member.error().message);
  auto token = c_->api_tokens.Create(member->id, "test");
  if (!token) throw std::runtime_error(token.error().message);
  return token->token;
}

Id ApiFixture::IdOf(const std::string& username) {
  std::optional<Id> id;
  auto search = store_->Read([&](storage::ReadTxn& tx) -> Result<> {
    auto primary = tx.Get(storage::tables::kMembersByUsername,
                          storage::MemberCodec::UsernameKey("", username));
    if (primary) id = storage::KeyReader(*primary).Id();
    return Ok();
  });
  EXPECT_TRUE(search && id) << username;
  return id.value_or(Id{});
}

ApiReply ApiFixture::Call(std::string_view method, std::string_view path, std::string_view token,
                          std::string_view body, std::string_view content_type) {
  auto client = TestClient::Connect(server_->port());
  ApiReply reply;
  if (!client) return reply;
  std::string req = std::string(method) + " " + std::string(path) + " HTTP/1.1\r\nHost: test\r\n";
  if (!token.empty()) req += "Authorization: Bearer " + std::string(token) + "\r\n";
  if (!body.empty() || method != "GET") {
    req += "Content-Type: " + std::string(content_type) + "\r\n";
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  req += "\r\n";
  req += body;
  // A refused body (413) may close the connection while it is still being
  // sent; the answer is read all the same.
  client->Send(req);
  auto res = client->ReadResponse();
  if (!res) return reply;
  reply.status = res->status;
  reply.body = res->body;
  reply.content_type = res->Header("Content-Type");
  reply.www_authenticate = res->Header("WWW-Authenticate");
  reply.retry_after = res->Header("Retry-After");
  if (auto parsed = json::Parse(reply.body,
                                {.max_bytes = 64 << 20, .max_depth = 64, .max_values = 1 << 20})) {
    reply.json = std::move(*parsed);
  }
  Transcript(method, path, content_type == "application/json" ? body : "<file bytes>", reply);
  return reply;
}

void ApiFixture::ServePolicy() {
  auto admin =
      federation::PolicyAdmin::Create({.public_scheme = "https",
                                       .domain = "guild.example",
                                       .config_mode = federation::FederationMode::kAllowlist},
                                      store_.store(), clock_, ids_);
  if (!admin) throw std::runtime_error(admin.error().message);
  owned_policy_ = std::move(*admin);
  policy_ = owned_policy_.get();
}

void ApiFixture::MakeGroup(std::string_view token, std::string_view slug, std::string_view scope,
                           std::string_view join) {
  auto r = Post("/api/v1/groups", token,
                "{\"slug\":\"" + std::string(slug) + "\",\"name\":\"Group " + std::string(slug) +
                    "\",\"kind\":\"practice\",\"scope\":\"" + std::string(scope) +
                    "\",\"join_mode\":\"" + std::string(join) + "\"}");
  ASSERT_EQ(r.status, 201u) << r.body;
}

}  // namespace guildhall::web::testing
