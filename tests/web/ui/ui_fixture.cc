#include "tests/web/ui/ui_fixture.h"

#include <regex>

#include "web/auth/session_auth.h"
#include "web/ui/url.h"

namespace guildhall::web::testing {
namespace {

std::unique_ptr<storage::lmdb::FileBlobStore> OpenBlobs(const std::filesystem::path& dir) {
  auto opened = storage::lmdb::FileBlobStore::Open(dir);
  if (!opened) throw std::runtime_error(opened.error().message);
  return std::move(*opened);
}

constexpr int64_t kStartMillis = 1740830400000;  // 2025-03-01 12:00:00 UTC

}  // namespace

UiFixture::UiFixture() : blobs_(OpenBlobs(blob_dir_.path())), clock_(FromUnixMillis(kStartMillis)) {
  community_options_.password = {.t_cost = 1, .m_cost_kib = 64, .parallelism = 1};
  community_options_.node_host = "guild.example";
  community_options_.max_upload_bytes = 64 * 1024;
  options_.node_name = "Test Guild";
  options_.public_origin = "http://guild.example";
  options_.upload_body_limit_bytes = 256 * 1024;
  options_.form_body_limit_bytes = 64 * 1024;
  options_.write_threads = 4;
  server_options_.listen = "127.0.0.1:0";
  server_options_.threads = 2;
}

UiFixture::~UiFixture() {
  if (server_) {
    server_->Stop(std::chrono::seconds(0));
    server_->Join();
  }
}

void UiFixture::Start() {
  c_ = std::make_unique<community::Community>(store_.store(), *blobs_, clock_, ids_, publisher_,
                                              community_options_);
  RegisterUiRoutes(router_, {.community = *c_,
                             .blobs = *blobs_,
                             .options = options_,
                             .policy_admin = policy_admin_,
                             .follows = follows_});
  server_ = std::make_unique<Server>(server_options_, router_, metrics_);
  auto started = server_->Start();
  ASSERT_TRUE(started) << started.error().message;
  server_->RunInBackground();
}

void UiFixture::ServePolicyPages() {
  auto admin =
      federation::PolicyAdmin::Create({.public_scheme = "https",
                                       .domain = "guild.example",
                                       .config_mode = federation::FederationMode::kAllowlist},
                                      store_.store(), clock_, ids_);
  ASSERT_TRUE(admin) << admin.error().message;
  policy_ = std::move(*admin);
  policy_admin_ = policy_.get();
}

Browser UiFixture::SignIn(const std::string& username, storage::NodeRole role) {
  auto member = c_->accounts.CreateBootstrap({username, "", "correct horse battery", role});
  if (!member) throw std::runtime_error(member.error().message);
  auto login = c_->sessions.Login(username, "correct horse battery");
  if (!login) throw std::runtime_error(login.error().message);
  return {std::string(kSessionCookie) + "=" + login->token, CsrfToken(login->session.csrf_secret),
          member->id};
}

ClientResponse UiFixture::Raw(std::string_view method, std::string_view path,
                              std::string_view headers, std::string_view body) {
  auto client = TestClient::Connect(server_->port());
  if (!client) throw std::runtime_error("cannot connect");
  std::string request = std::string(method) + " " + std::string(path) +
                        " HTTP/1.1\r\nHost: guild.example\r\nConnection: close\r\n" +
                        std::string(headers);
  if (!body.empty() || method == "POST") {
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  request += "\r\n";
  request += body;
  client->Send(request);
  auto res = client->ReadResponse(method == "HEAD");
  if (!res) throw std::runtime_error("no response to " + std::string(path));
  return *res;
}

ClientResponse UiFixture::Get(std::string_view path, const Browser& who) {
  std::string headers = "Accept: text/html\r\n";
  if (!who.cookie.empty()) headers += "Cookie: " + who.cookie + "\r\n";
  return Raw("GET", path, headers, "");
}

ClientResponse UiFixture::Post(std::string_view path, const Browser& who,
                               const std::map<std::string, std::string>& fields, bool with_csrf) {
  auto all = fields;
  if (with_csrf) all["_csrf"] = who.csrf;
  std::string headers = "Content-Type: application/x-www-form-urlencoded\r\n";
  if (!who.cookie.empty()) headers += "Cookie: " + who.cookie + "\r\n";
  return Raw("POST", path, headers, UrlEncodeForm(all));
}

std::string UrlEncodeForm(const std::map<std::string, std::string>& fields) {
  std::string out;
  for (const auto& [key, value] : fields) {
    if (!out.empty()) out += '&';
    out += UrlEncode(key) + "=" + UrlEncode(value);
  }
  return out;
}

std::string ExecutableMarkup(std::string_view html) {
  static const std::regex tag(R"(<\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>)");
  // name=value pairs; quoted values may hold anything but their quote.
  static const std::regex attr(R"re(([^\s"'=/<>]+)(\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))?)re");
  static const std::regex script_url(R"(^\s*(javascript|vbscript|data):)", std::regex::icase);
  std::string problems;
  const std::string text(html);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), tag); it != std::sregex_iterator();
       ++it) {
    std::string name = (*it)[1];
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const std::string attrs = (*it)[2];
    if (name == "script" && attrs.find("src=\"/static/guildhall.js?v=") == std::string::npos) {
      problems += "script element: " + it->str() + "\n";
    }
    if (name == "svg" || name == "iframe" || name == "object" || name == "embed" ||
        name == "math" || name == "base" || name == "style" ||
        (name == "meta" && attrs.find("http-equiv") != std::string::npos)) {
      problems += name + " element: " + it->str() + "\n";
    }
    for (auto a = std::sregex_iterator(attrs.begin(), attrs.end(), attr);
         a != std::sregex_iterator(); ++a) {
      std::string attr_name = (*a)[1];
      for (auto& ch : attr_name)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      const std::string value = (*a)[4].matched   ? (*a)[4].str()
                                : (*a)[5].matched ? (*a)[5].str()
                                                  : (*a)[6].str();
      if (attr_name.rfind("on", 0) == 0) problems += "event handler: " + it->str() + "\n";
      const bool url = attr_name == "href" || attr_name == "src" || attr_name == "action" ||
                       attr_name == "formaction" || attr_name == "xlink:href";
      if (url && std::regex_search(value, script_url))
        problems += "script URL: " + it->str() + "\n";
    }
  }
  return problems;
}

}  // namespace guildhall::web::testing
