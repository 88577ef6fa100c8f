// A group's library: files and links, uploading (multipart, limited by
// http.upload_body_limit_bytes at the server and community.max_upload_bytes
// here, with a readable 413 page), adding links, removing, and downloads at
// /files/{sha256}/{name}?r={resource}.
#include "node/community/library.h"
#include "web/html/format.h"
#include "web/html/safe_html.h"
#include "web/ui/fields.h"
#include "web/ui/group_view.h"
#include "web/ui/listing.h"
#include "web/ui/ui_router.h"
#include "web/ui/url.h"

namespace guildhall::web {
namespace {

using html::View;

// Images a browser may show inline; everything else (SVG and HTML above all)
// is downloaded, never rendered on our origin.
bool ShowInline(std::string_view type) {
  return type == "image/png" || type == "image/jpeg" || type == "image/gif" ||
         type == "image/webp" || type == "application/pdf";
}

std::string FileHref(const storage::Resource& r) {
  return "/files/" + r.blob_sha256 + "/" + UrlEncode(r.file_name) + "?r=" + r.id.ToString();
}

View ResourceRows(Page& page, const std::vector<storage::Resource>& resources, bool moderator) {
  std::vector<Id> ids;
  for (const auto& r : resources) ids.push_back(r.uploader);
  Authors authors(page, std::move(ids));
  View list = html::List();
  for (const auto& r : resources) {
    View v = html::Object();
    v["id"] = r.id.ToString();
    v["title"] = r.title;
    v["is_file"] = r.kind == storage::ResourceKind::kFile;
    v["href"] = r.kind == storage::ResourceKind::kFile ? FileHref(r) : r.url;
    v["file_name"] = r.file_name;
    v["size"] = r.kind == storage::ResourceKind::kFile ? community::FormatSize(r.size) : "";
    v["media_type"] = r.media_type;
    html::SetHtml(v, "description_html", page.Markdown(r.description));
    v["uploader"] = authors.Of(r.uploader);
    SetTime(v, "created", r.created);
    v["can_remove"] = r.uploader == page.viewer() || moderator;
    v["needs_reason"] = r.uploader != page.viewer();
    list.push_back(v);
  }
  return list;
}

Response LibraryPage(Page& page, const community::GroupView& g, const Form& values,
                     const Errors& errors, unsigned status) {
  View view = GroupPageView(page, g, GroupTab::kLibrary, "Library");
  view["resources"] = html::List();
  if (g.can.view_content) {
    const auto req = PageFromQuery(page.req(), 50);
    auto resources = page.c().library.List(page.viewer(), g.group.id, req);
    if (!resources) return page.Fail(resources.error());
    view["resources"] = ResourceRows(page, resources->items, g.can.moderate);
    view["empty"] = resources->items.empty() && req.cursor.empty();
    SetPager(view, "/g/" + g.group.slug + "/library", req.cursor, resources->next_cursor);
  }
  view["upload_fields"] = FieldList({
      Field({.name = "file",
             .label = "File",
             .type = "file",
             .hint = "Up to " + community::FormatSize(page.c().options.max_upload_bytes) + ".",
             .required = true},
            "", errors),
      Field({.name = "file_title", .label = "Title", .hint = "Leave empty to use the file name."},
            values.Get("file_title"), errors),
      Field({.name = "file_description", .label = "Description", .type = "textarea", .rows = 3},
            values.Get("file_description"), errors),
  });
  view["link_fields"] = FieldList({
      Field({.name = "url", .label = "Link", .type = "url", .required = true}, values.Get("url"),
            errors),
      Field({.name = "title", .label = "Title", .required = true}, values.Get("title"), errors),
      Field({.name = "description", .label = "Description", .type = "textarea", .rows = 3},
            values.Get("description"), errors),
  });
  SetFormError(view, errors,
               {"file", "file_title", "file_description", "url", "title", "description"});
  return page.Render("library", view, status);
}

Response ShowLibrary(Page& page) {
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  return LibraryPage(page, *g, Form(), {}, 200);
}

Response TooLarge(Page& page, const Error& error) {
  html::View view = page.View("File too large");
  view["status"] = "413";
  view["message"] = "This file is too large to upload: " + error.message +
                    ". Share a link to it instead, or make it smaller.";
  return page.Render("error", view, 413);
}

Response Upload(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  const MultipartPart* file = form->File("file");
  if (!file) return LibraryPage(page, *g, *form, {{"file", "Choose a file to upload."}}, 400);
  auto added = page.c().library.AddFile(page.viewer(), g->group.id,
                                        {.title = form->Get("file_title"),
                                         .description = form->Get("file_description"),
                                         .file_name = file->file_name,
                                         .bytes = file->data});
  if (!added) {
    if (added.error().code == Code::kTooLarge) return TooLarge(page, added.error());
    if (added.error().code != Code::kInvalid) return page.Fail(added.error());
    Errors errors;
    for (auto& [field, message] : FieldErrors(added.error())) {
      errors[field == "title" || field == "description" ? "file_" + field : field] = message;
    }
    return LibraryPage(page, *g, *form, errors, 400);
  }
  return page.Redirect("/g/" + g->group.slug + "/library", "File uploaded.");
}

Response AddLink(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  auto added = page.c().library.AddLink(page.viewer(), g->group.id,
                                        {.title = form->Get("title"),
                                         .description = form->Get("description"),
                                         .url = form->Get("url")});
  if (!added) {
    if (added.error().code != Code::kInvalid) return page.Fail(added.error());
    return LibraryPage(page, *g, *form, FieldErrors(added.error()), 400);
  }
  return page.Redirect("/g/" + g->group.slug + "/library", "Link added.");
}

Response RemoveResource(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto id = page.PathId(failure);
  if (!id) return failure;
  auto r = page.c().library.Get(page.viewer(), *id);
  if (!r) return page.Fail(r.error());
  auto g = page.c().groups.Get(page.viewer(), r->group);
  if (!g) return page.Fail(g.error());
  const std::string back = "/g/" + g->group.slug + "/library";
  auto removed = page.c().library.Remove(page.viewer(), *id, form->Get("reason"));
  if (!removed) return page.Redirect(back, removed.error().message, "error");
  return page.Redirect(back, "Removed from the library.");
}

Response Download(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  auto id = Id::Parse(page.req().Query("r").value_or(""));
  if (!id) return page.NotFound();
  auto resource = page.c().library.Get(page.viewer(), *id);
  if (!resource) return page.Fail(resource.error());
  // The hash in the URL must name this very file: the URL is content-addressed.
  if (resource->blob_sha256 != page.req().Param("sha256")) return page.NotFound();
  auto download = page.c().library.Open(page.viewer(), *id);
  if (!download) return page.Fail(download.error());
  Response res;
  res.headers.Set("Content-Type", download->media_type);
  res.headers.Set("Content-Disposition",
                  std::string(ShowInline(download->media_type) ? "inline" : "attachment") +
                      "; filename=\"" + download->file_name + "\"");
  res.headers.Set("X-Content-Type-Options", "nosniff");
  // Even if a browser rendered it, a downloaded document may not run anything.
  res.headers.Set("Content-Security-Policy", "default-src 'none'; sandbox");
  res.headers.Set("Cache-Control", "private, max-age=31536000, immutable");
  res.file_path = download->path.string();
  return res;
}

}  // namespace

void RegisterLibraryPages(UiRouter& ui) {
  ui.Get("/g/{slug}/library", "library", ShowLibrary);
  ui.Upload("/g/{slug}/library/files", "library_upload", Upload);
  ui.Post("/g/{slug}/library/links", "library_link", AddLink);
  ui.Post("/library/{id}/remove", "library_remove", RemoveResource);
  ui.Get("/files/{sha256}/{name}", "file", Download);
}

}  // namespace guildhall::web
