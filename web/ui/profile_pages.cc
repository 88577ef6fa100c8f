// Members: profile pages (/u/{name}) and avatars, editing one's own profile,
// changing one's password, and the member directory (/members).
#include <fstream>

#include "node/community/media_types.h"
#include "node/community/validation.h"
#include "web/auth/client_address.h"
#include "web/auth/throttled.h"
#include "web/html/safe_html.h"
#include "web/ui/fields.h"
#include "web/ui/listing.h"
#include "web/ui/ui_router.h"
#include "web/ui/url.h"

namespace guildhall::web {
namespace {

using html::View;

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// "a, b ,c" -> {"a", "b", "c"}; empty items dropped.
std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const size_t comma = text.find_first_of(",\n");
    std::string_view item = community::Trim(text.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return out;
}

View TagLinks(const std::vector<std::string>& items, std::string_view param) {
  View list = html::List();
  for (const auto& item : items) {
    View t = html::Object();
    t["label"] = item;
    t["href"] = "/members?" + std::string(param) + "=" + UrlEncode(item);
    list.push_back(t);
  }
  return list;
}

Response MemberPage(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  auto member = page.c().profiles.GetByHandle(page.viewer(), page.req().Param("name"));
  if (!member) return page.Fail(member.error());
  const bool self = member->id == page.viewer();
  View view = page.View(member->display_name, self ? Nav::kMe : Nav::kMembers);
  View m = MemberView(*member);
  html::SetHtml(m, "bio_html", page.Markdown(member->bio));
  m["skill_links"] = TagLinks(member->skills, "skill");
  m["interest_links"] = TagLinks(member->interests, "interest");
  m["team_href"] = "/members?team=" + UrlEncode(member->team);
  m["location_href"] = "/members?location=" + UrlEncode(member->location);
  m["remote"] = !member->IsLocal();
  m["self"] = self;
  m["role"] = member->role == storage::NodeRole::kAdmin       ? View("Administrator")
              : member->role == storage::NodeRole::kModerator ? View("Node moderator")
                                                              : View(false);
  m["id"] = member->id.ToString();
  SetTime(m, "joined", member->created);
  view["member"] = std::move(m);
  view["can_report"] = !self;
  view["can_admin"] = page.is_admin() && !self && member->IsLocal();
  return page.Render("member", view);
}

Response Avatar(Page& page) {
  if (!page.signed_in()) return page.NotFound();
  auto member = page.c().profiles.GetByHandle(page.viewer(), page.req().Param("name"));
  if (!member || !member->IsLocal() || member->avatar.empty()) return page.NotFound();
  auto path = page.deps().blobs.PathOf(member->avatar);
  if (!path) return page.NotFound();
  // The type was checked on upload; detect it again from the first bytes.
  std::ifstream in(*path, std::ios::binary);
  std::string head(512, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  static community::MediaTypeDetector detector;
  const std::string type = detector.Detect(head);
  if (!community::IsAvatarImageType(type)) return page.NotFound();
  Response res;
  res.headers.Set("Content-Type", type);
  res.headers.Set("Cache-Control", "private, max-age=86400");
  res.headers.Set("X-Content-Type-Options", "nosniff");
  res.headers.Set("Content-Security-Policy", "default-src 'none'");
  res.file_path = path->string();
  return res;
}

Response ProfileForm(Page& page, const Form& v, const Errors& errors, unsigned status) {
  View view = page.View("Edit your profile", Nav::kMe);
  view["fields"] = FieldList({
      Field({.name = "display_name",
             .label = "Display name",
             .required = true,
             .autocomplete = "name"},
            v.Get("display_name"), errors),
      Field({.name = "title", .label = "Job title", .autocomplete = "organization-title"},
            v.Get("title"), errors),
      Field({.name = "team", .label = "Team"}, v.Get("team"), errors),
      Field({.name = "location", .label = "Location", .hint = "An office, a city or a time zone."},
            v.Get("location"), errors),
      Field({.name = "skills",
             .label = "Skills",
             .hint = "Separated by commas, e.g. Rust, negotiation, UX research."},
            v.Get("skills"), errors),
      Field({.name = "interests",
             .label = "Interests",
             .hint = "Separated by commas, e.g. running, photography."},
            v.Get("interests"), errors),
      Field({.name = "bio",
             .label = "About you",
             .type = "textarea",
             .hint = "Markdown is supported.",
             .rows = 6},
            v.Get("bio"), errors),
  });
  view["version"] = v.Get("version");
  view["avatar_field"] = Field({.name = "avatar",
                                .label = "Picture",
                                .type = "file",
                                .hint = "PNG, JPEG, GIF or WebP, up to 2 MB.",
                                .accept = "image/png,image/jpeg,image/gif,image/webp"},
                               "", errors);
  SetFormError(
      view, errors,
      {"display_name", "title", "team", "location", "skills", "interests", "bio", "avatar"});
  return page.Render("profile_edit", view, status);
}

Response ShowProfileForm(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  auto me = page.c().profiles.Get(page.viewer(), page.viewer());
  if (!me) return page.Fail(me.error());
  Form v;
  v.Set("display_name", me->display_name);
  v.Set("title", me->title);
  v.Set("team", me->team);
  v.Set("location", me->location);
  v.Set("skills", JoinList(me->skills));
  v.Set("interests", JoinList(me->interests));
  v.Set("bio", me->bio);
  v.Set("version", std::to_string(me->version));
  return ProfileForm(page, v, {}, 200);
}

Response SaveProfile(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  community::ProfileUpdate update{
      .display_name = form->Get("display_name"),
      .bio = form->Get("bio"),
      .title = form->Get("title"),
      .team = form->Get("team"),
      .location = form->Get("location"),
      .skills = SplitList(form->Get("skills")),
      .interests = SplitList(form->Get("interests")),
      .expected_version = std::strtoull(form->Get("version").c_str(), nullptr, 10)};
  auto saved = page.c().profiles.Update(page.viewer(), page.viewer(), update);
  if (!saved) {
    if (saved.error().code == Code::kConflict) {
      return ProfileForm(
          page, *form,
          {{"", "Your profile changed in another window. Check the values and save again."}}, 409);
    }
    if (saved.error().code != Code::kInvalid) return page.Fail(saved.error());
    return ProfileForm(page, *form, FieldErrors(saved.error()), 400);
  }
  return page.Redirect("/u/" + saved->username, "Your profile is saved.");
}

Response SaveAvatar(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  const MultipartPart* file = form->File("avatar");
  const bool remove = form->Has("remove");
  if (!file && !remove)
    return page.Redirect("/settings/profile", "Choose a picture first.", "error");
  auto saved = page.c().profiles.SetAvatar(page.viewer(), remove ? std::string_view() : file->data);
  if (!saved) {
    if (saved.error().code == Code::kInternal) return page.Fail(saved.error());
    return page.Redirect("/settings/profile",
                         "Your picture was not saved: " + saved.error().message, "error");
  }
  return page.Redirect("/settings/profile", remove ? "Picture removed." : "Picture saved.");
}

Response PasswordForm(Page& page, const Errors& errors, unsigned status) {
  View view = page.View("Change password", Nav::kMe);
  view["fields"] = FieldList({
      Field({.name = "old_password",
             .label = "Current password",
             .type = "password",
             .required = true,
             .autocomplete = "current-password"},
            "", errors),
      Field({.name = "new_password",
             .label = "New password",
             .type = "password",
             .hint = std::string(kPasswordHint),
             .required = true,
             .autocomplete = "new-password"},
            "", errors),
      Field({.name = "new_password_confirm",
             .label = "New password again",
             .type = "password",
             .required = true,
             .autocomplete = "new-password"},
            "", errors),
  });
  SetFormError(view, errors, {"old_password", "new_password", "new_password_confirm"});
  view["notice"] =
      "Changing your password signs out every other session and revokes all your API tokens; "
      "this browser stays signed in.";
  return page.Render("password", view, status);
}

Response ShowPasswordForm(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  return PasswordForm(page, {}, 200);
}

Response ChangePassword(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  if (form->Get("new_password") != form->Get("new_password_confirm")) {
    return PasswordForm(page, {{"new_password_confirm", "The two new passwords differ."}}, 400);
  }
  const std::string address = ClientAddress(page.req());
  auto changed = page.c().accounts.ChangePassword(
      page.viewer(), form->Get("old_password"), form->Get("new_password"),
      {.session_token = CookieValue(page.req(), kSessionCookie)}, address);
  if (!changed) {
    if (auto wait =
            ThrottledFor(changed.error(), page.c().login_throttle, page.me().username, address);
        wait.count() > 0) {
      Response res = PasswordForm(page, {{"old_password", ThrottledSentence(wait)}}, 429);
      SetRetryAfter(res, wait);
      return res;
    }
    if (changed.error().code == Code::kUnauthorized) {
      return PasswordForm(page, {{"old_password", "This is not your current password."}}, 400);
    }
    if (changed.error().code != Code::kInvalid) return page.Fail(changed.error());
    Errors errors;
    for (auto& [field, message] : FieldErrors(changed.error())) {
      errors[field == "password" ? "new_password" : field] = message;
    }
    return PasswordForm(page, errors, 400);
  }
  return page.Redirect("/settings/profile",
                       "Your password is changed. Your other sessions were signed out and your "
                       "API tokens revoked.");
}

Response Directory(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  const Request& req = page.req();
  community::DirectoryQuery q{.name = req.Query("name").value_or(""),
                              .skill = req.Query("skill").value_or(""),
                              .team = req.Query("team").value_or(""),
                              .location = req.Query("location").value_or(""),
                              .interest = req.Query("interest").value_or(""),
                              .q = req.Query("q").value_or("")};
  const auto page_req = PageFromQuery(req, 30);
  auto found = page.c().directory.Search(page.viewer(), q, page_req);
  if (!found) return page.Fail(found.error());
  View view = page.View("Members", Nav::kMembers);
  view["fields"] = FieldList({
      Field({.name = "q", .label = "Anything", .type = "search"}, q.q),
      Field({.name = "name", .label = "Name"}, q.name),
      Field({.name = "skill", .label = "Skill"}, q.skill),
      Field({.name = "team", .label = "Team"}, q.team),
      Field({.name = "location", .label = "Location"}, q.location),
      Field({.name = "interest", .label = "Interest"}, q.interest),
  });
  View list = html::List();
  for (const auto& m : found->items) list.push_back(MemberView(m));
  view["members"] = std::move(list);
  view["searched"] = !q.empty();
  view["no_results"] = found->items.empty();
  std::string base = "/members";
  char sep = '?';
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"q", q.q},
                                   {"name", q.name},
                                   {"skill", q.skill},
                                   {"team", q.team},
                                   {"location", q.location},
                                   {"interest", q.interest}}) {
    if (value.empty()) continue;
    base += sep + key + "=" + UrlEncode(value);
    sep = '&';
  }
  SetPager(view, base, page_req.cursor, found->next_cursor);
  return page.Render("members", view);
}

}  // namespace

void RegisterProfilePages(UiRouter& ui) {
  ui.Get("/u/{name}", "member", MemberPage, ui.deps().activity.member);
  ui.Get("/u/{name}/avatar", "avatar", Avatar);
  ui.Get("/settings/profile", "profile_edit", ShowProfileForm);
  ui.Post("/settings/profile", "profile_edit", SaveProfile);
  // An avatar (2 MB) plus the form around it.
  ui.Post("/settings/avatar", "avatar_upload", SaveAvatar,
          ui.deps().community.options.max_avatar_bytes + 64 * 1024);
  ui.Get("/settings/password", "password", ShowPasswordForm);
  ui.Post("/settings/password", "password", ChangePassword);
  ui.Get("/members", "members", Directory);
}

}  // namespace guildhall::web
