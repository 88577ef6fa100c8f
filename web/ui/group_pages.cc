// Groups: the index (mine, discoverable), creating one, a group's discussion
// tab (/g/{slug}) and member list, joining and leaving.
#include "web/html/format.h"
#include "web/ui/admin_policy_pages.h"
#include "web/ui/fields.h"
#include "web/ui/group_view.h"
#include "web/ui/listing.h"
#include "web/ui/ui_router.h"

namespace guildhall::web {
namespace {

using html::View;

bool MayCreateGroups(Page& page) {
  if (!page.signed_in()) return false;
  auto policy = page.c().groups.CreationPolicy(page.viewer());
  return policy && policy->may_create;
}

Response GroupIndex(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  View view = page.View("Groups", Nav::kGroups);
  auto mine = page.c().groups.ListMine(page.viewer());
  if (!mine) return page.Fail(mine.error());
  view["mine"] = GroupCards(*mine);
  view["has_mine"] = !mine->empty();
  const auto req = PageFromQuery(page.req(), 30);
  auto visible = page.c().groups.ListVisible(page.viewer(), req);
  if (!visible) return page.Fail(visible.error());
  std::vector<community::GroupView> others;
  for (auto& g : visible->items) {
    if (!g.membership || g.membership->state == storage::MembershipState::kBanned) {
      others.push_back(std::move(g));
    }
  }
  view["others"] = GroupCards(others);
  view["has_others"] = !others.empty();
  view["may_create"] = MayCreateGroups(page);
  SetPager(view, "/groups", req.cursor, visible->next_cursor);
  return page.Render("groups", view);
}

const std::vector<std::pair<std::string, std::string>>& KindOptions() {
  static const std::vector<std::pair<std::string, std::string>> options = {
      {"practice", "Community of practice (a role or craft)"},
      {"interest", "Interest group (a hobby, a passion, an affinity)"},
      {"project", "Project or cross-functional initiative"},
      {"location", "Location (an office, a city, a time zone)"}};
  return options;
}

const std::vector<std::pair<std::string, std::string>>& ScopeOptions() {
  static const std::vector<std::pair<std::string, std::string>> options = {
      {"internal", "Internal: only members of this node"},
      {"partners", "Partners: shared with listed partner nodes"},
      {"public", "Public: shared with every node we federate with"}};
  return options;
}

const std::vector<std::pair<std::string, std::string>>& JoinOptions() {
  static const std::vector<std::pair<std::string, std::string>> options = {
      {"open", "Open: anyone who can see the group may join"},
      {"approval", "Approval: moderators approve requests"},
      {"invite", "Invitation only"}};
  return options;
}

template <class Enum>
std::optional<Enum> ParseOption(const std::vector<std::pair<std::string, std::string>>& options,
                                std::string_view value) {
  for (size_t i = 0; i < options.size(); ++i) {
    if (options[i].first == value) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

// Shared with the group settings page (group_admin_pages.cc).
View GroupFormFields(const Form& values, const Errors& errors, bool with_slug,
                     std::string scope_hint) {
  std::vector<View> fields;
  fields.push_back(
      Field({.name = "name", .label = "Name", .required = true}, values.Get("name"), errors));
  if (with_slug) {
    fields.push_back(Field({.name = "slug",
                            .label = "Address",
                            .hint = "Used in the group's link: /g/your-slug. Lower-case letters, "
                                    "digits and dashes; it cannot change later.",
                            .required = true},
                           values.Get("slug"), errors));
  }
  fields.push_back(Field({.name = "description",
                          .label = "Description",
                          .type = "textarea",
                          .hint = "What is this group for? Markdown is supported.",
                          .rows = 6},
                         values.Get("description"), errors));
  fields.push_back(
      Field({.name = "kind", .label = "Kind", .type = "select", .options = KindOptions()},
            values.Get("kind"), errors));
  fields.push_back(Field({.name = "scope",
                          .label = "Who can see it",
                          .type = "select",
                          .hint = std::move(scope_hint),
                          .options = ScopeOptions()},
                         values.Get("scope"), errors));
  fields.push_back(Field(
      {.name = "join_mode", .label = "How people join", .type = "select", .options = JoinOptions()},
      values.Get("join_mode"), errors));
  return FieldList(std::move(fields));
}

// kInvalid per field for bad option values.
Result<> ReadGroupOptions(const Form& form, storage::GroupKind& kind, storage::GroupScope& scope,
                          storage::JoinMode& mode) {
  auto k = ParseOption<storage::GroupKind>(KindOptions(), form.Get("kind"));
  auto s = ParseOption<storage::GroupScope>(ScopeOptions(), form.Get("scope"));
  auto j = ParseOption<storage::JoinMode>(JoinOptions(), form.Get("join_mode"));
  if (!k || !s || !j) return Error::Invalid("kind: choose one of the listed options");
  kind = *k, scope = *s, mode = *j;
  return Ok();
}

std::string KindValue(storage::GroupKind k) { return KindOptions()[static_cast<size_t>(k)].first; }
std::string ScopeValue(storage::GroupScope s) {
  return ScopeOptions()[static_cast<size_t>(s)].first;
}
std::string JoinValue(storage::JoinMode j) { return JoinOptions()[static_cast<size_t>(j)].first; }

std::string ScopeHint(Page& page) {
  auto policy = page.c().groups.CreationPolicy(page.viewer());
  if (!policy || policy->scopes.size() == ScopeOptions().size()) return {};
  return "Partners and public groups need an admin here.";
}

bool NeedsScopeConfirmation(Page& page, const Form& form, storage::GroupScope from,
                            storage::GroupScope to) {
  return to > from && form.Get("confirm") != "1" && page.deps().policy_admin != nullptr;
}

namespace {

Response NewGroupForm(Page& page, const Form& values, const Errors& errors, unsigned status) {
  View view = page.View("New group", Nav::kGroups);
  view["fields"] = GroupFormFields(values, errors, true, ScopeHint(page));
  SetFormError(view, errors, {"name", "slug", "description", "kind", "scope", "join_mode"});
  return page.Render("group_new", view, status);
}

Response ShowNewGroup(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  if (!MayCreateGroups(page)) return page.Forbidden("Only administrators may create groups here.");
  Form defaults;
  defaults.Set("kind", "practice");
  defaults.Set("scope", "internal");
  defaults.Set("join_mode", "open");
  return NewGroupForm(page, defaults, {}, 200);
}

// A refused creation goes back to the form with the reason beside its field
// (a scope the setting keeps for admins: 403); other failures are error pages.
Response CreateRefused(Page& page, const Form& form, const Error& error) {
  if (error.code == Code::kForbidden) return NewGroupForm(page, form, FieldErrors(error), 403);
  if (error.code != Code::kInvalid && error.code != Code::kConflict) return page.Fail(error);
  return NewGroupForm(page, form, FieldErrors(error), 400);
}

// A partners or public group is shared as soon as it exists: the policy's
// preview first; the form comes back with confirm=1 to create it.
Response ConfirmNewGroup(Page& page, const Form& form, const community::GroupDraft& draft) {
  auto impact =
      page.deps().policy_admin->PreviewNewGroup(page.viewer(), draft.slug, draft.name, draft.scope);
  if (!impact) return CreateRefused(page, form, impact.error());
  return RenderConfirm(
      page, {.heading = "Confirm a new shared group",
             .description = "Create group " + draft.slug + " with scope " + form.Get("scope"),
             .impact = *impact,
             .hidden = ConfirmedFormFields(
                 form, {"name", "slug", "description", "kind", "scope", "join_mode"}),
             .action = "/groups",
             .confirm_label = "Create and share it",
             .back = "/groups/new",
             .nav = Nav::kGroups});
}

Response CreateGroup(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  community::GroupDraft draft{.slug = form->Get("slug"),
                              .name = form->Get("name"),
                              .description = form->Get("description")};
  if (auto ok = ReadGroupOptions(*form, draft.kind, draft.scope, draft.join_mode); !ok) {
    return NewGroupForm(page, *form, FieldErrors(ok.error()), 400);
  }
  if (NeedsScopeConfirmation(page, *form, storage::GroupScope::kInternal, draft.scope)) {
    return ConfirmNewGroup(page, *form, draft);
  }
  auto created = page.c().groups.Create(page.viewer(), draft);
  if (!created) return CreateRefused(page, *form, created.error());
  return page.Redirect("/g/" + created->group.slug, "Group created. Start the first discussion!");
}

View ThreadRows(Page& page, const std::vector<community::ThreadSummary>& threads) {
  std::vector<Id> ids;
  for (const auto& t : threads) ids.push_back(t.thread.author);
  Authors authors(page, std::move(ids));
  View list = html::List();
  for (const auto& s : threads) {
    const auto& t = s.thread;
    View row = html::Object();
    row["title"] = t.removed ? "[removed]" : t.title;
    row["href"] = "/t/" + t.id.ToString();
    row["author"] = authors.Of(t.author);
    row["pinned"] = t.pinned;
    row["locked"] = t.locked;
    row["removed"] = t.removed;
    row["unread"] = page.signed_in() && s.unread;
    row["unread_replies"] = s.unread_replies > 0 ? View(html::Num(s.unread_replies)) : View(false);
    row["replies"] = html::Plural(t.reply_count, "reply", "replies");
    row["likes"] =
        t.like_count > 0 ? View(html::Plural(t.like_count, "like", "likes")) : View(false);
    SetTime(row, "activity", t.last_activity);
    list.push_back(row);
  }
  return list;
}

Response GroupThreads(Page& page) {
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  View view = GroupPageView(page, *g, GroupTab::kThreads, "");
  view["thread_list"] = html::List();
  if (g->can.view_content) {
    const auto req = PageFromQuery(page.req(), 30);
    auto threads = page.c().threads.List(page.viewer(), g->group.id, req);
    if (!threads) return page.Fail(threads.error());
    view["thread_list"] = ThreadRows(page, threads->items);
    view["no_threads"] = threads->items.empty() && req.cursor.empty();
    SetPager(view, "/g/" + g->group.slug, req.cursor, threads->next_cursor);
  }
  return page.Render("group", view);
}

Response GroupMembers(Page& page) {
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  if (!g->can.view_members) return page.NotFound();
  View view = GroupPageView(page, *g, GroupTab::kMembers, "Members");
  const auto req = PageFromQuery(page.req(), 50);
  auto members =
      page.c().memberships.List(page.viewer(), g->group.id, storage::MembershipState::kActive, req);
  if (!members) return page.Fail(members.error());
  View list = html::List();
  for (const auto& entry : members->items) {
    View m = MemberView(entry.member);
    m["role"] = std::string(RoleLabel(entry.membership.role));
    m["staff"] = entry.membership.role != storage::GroupRole::kMember;
    list.push_back(m);
  }
  view["members"] = std::move(list);
  SetPager(view, "/g/" + g->group.slug + "/members", req.cursor, members->next_cursor);
  return page.Render("group_members", view);
}

Response JoinGroup(Page& page) {
  Response failure;
  if (!page.MemberForm(failure)) return failure;
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  auto joined = page.c().memberships.Join(page.viewer(), g->group.id);
  const std::string back = "/g/" + g->group.slug;
  if (!joined) return page.Redirect(back, joined.error().message, "error");
  if (joined->state == storage::MembershipState::kPending) {
    return page.Redirect(back, "Your request was sent to the group's moderators.");
  }
  return page.Redirect(back, "Welcome to " + g->group.name + "!");
}

Response LeaveGroup(Page& page) {
  Response failure;
  if (!page.MemberForm(failure)) return failure;
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  auto left = page.c().memberships.Leave(page.viewer(), g->group.id);
  const std::string back = "/g/" + g->group.slug;
  if (!left) return page.Redirect(back, left.error().message, "error");
  return page.Redirect("/groups", "You left " + g->group.name + ".");
}

}  // namespace

void RegisterGroupPages(UiRouter& ui) {
  ui.Get("/groups", "groups", GroupIndex);
  ui.Get("/groups/new", "group_new", ShowNewGroup);
  ui.Post("/groups", "group_create", CreateGroup);
  ui.Get("/g/{slug}", "group", GroupThreads, ui.deps().activity.group);
  ui.Get("/g/{slug}/members", "group_members", GroupMembers, ui.deps().activity.members);
  ui.Post("/g/{slug}/join", "group_join", JoinGroup);
  ui.Post("/g/{slug}/leave", "group_leave", LeaveGroup);
}

}  // namespace guildhall::web
