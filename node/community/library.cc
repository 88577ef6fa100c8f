#include "node/community/library.h"

#include <cstdio>

#include "node/community/access.h"
#include "node/community/audit.h"
#include "node/community/file_names.h"
#include "node/community/validation.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::Resource;
using storage::ResourceCodec;
using storage::Table;

namespace {

Result<Resource> LoadResource(storage::ReadTxn& tx, Id id) {
  auto r = GH_TRY(Table<ResourceCodec>::Get(tx, ResourceCodec::KeyOf(id)));
  if (!r || r->removed) return Error::NotFound("resource not found");
  return std::move(*r);
}

// The resource and its group, if the viewer may read the group's content.
Result<std::pair<Resource, GroupAccess>> Visible(storage::ReadTxn& tx, Id viewer, Id id) {
  auto r = GH_TRY(LoadResource(tx, id));
  auto access = GH_TRY(LoadGroupAccess(tx, viewer, r.group));
  GH_CHECK(access.Require(Action::kViewContent, "resource"));
  return std::make_pair(std::move(r), std::move(access));
}

}  // namespace

std::string FormatSize(uint64_t bytes) {
  constexpr uint64_t kKb = 1024, kMb = 1024 * 1024;
  char buf[48];
  const auto fmt = [&](uint64_t unit, const char* name) {
    const double v = static_cast<double>(bytes) / static_cast<double>(unit);
    if (bytes % unit == 0) {
      std::snprintf(buf, sizeof buf, "%llu %s", static_cast<unsigned long long>(bytes / unit),
                    name);
    } else {
      std::snprintf(buf, sizeof buf, "%.1f %s", v, name);
    }
    return std::string(buf);
  };
  if (bytes >= kMb) return fmt(kMb, "MB");
  if (bytes >= kKb) return fmt(kKb, "KB");
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

Result<Resource> Library::AddFile(Id actor, Id group, const FileUpload& u) {
  GH_CHECK(Validator()
               .Text("title", u.title, 0, 200)
               .Text("description", u.description, 0, 5000, true)
               .Text("file_name", u.file_name, 0, 1000)
               .Check(!u.bytes.empty(), "file", "is empty")
               .Finish());
  if (u.bytes.size() > options_.max_upload_bytes) {
    return Error::TooLarge("file is " + FormatSize(u.bytes.size()) + "; the limit is " +
                           FormatSize(options_.max_upload_bytes));
  }
  // Check the right to post before storing anything.
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
    return access.Require(Action::kPost);
  }));
  Resource r{.kind = storage::ResourceKind::kFile};
  r.media_type = detector_.Detect(u.bytes);
  r.file_name = SafeFileName(u.file_name, r.media_type);
  r.title = Trim(u.title).empty() ? r.file_name : std::string(Trim(u.title));
  r.description = u.description;
  r.size = u.bytes.size();
  // A blob without a record (if the write below fails) is harmless: blobs are
  // content-addressed and a later upload of the same bytes reuses it.
  r.blob_sha256 = GH_TRY(blobs_.Put(u.bytes));
  return Insert(actor, group, std::move(r));
}

Result<Resource> Library::AddLink(Id actor, Id group, const LinkDraft& l) {
  GH_CHECK(Validator()
               .Text("title", l.title, 1, 200)
               .Text("description", l.description, 0, 5000, true)
               .Check(IsValidWebUrl(l.url), "url", "must be an http:// or https:// address")
               .Finish());
  Resource r{.kind = storage::ResourceKind::kLink};
  r.title = std::string(Trim(l.title));
  r.description = l.description;
  r.url = l.url;
  return Insert(actor, group, std::move(r));
}

Result<Resource> Library::Insert(Id actor, Id group, Resource r) {
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
    GH_CHECK(access.Require(Action::kPost));
    r.id = deps_.ids.Next();
    r.group = group;
    r.uploader = actor;
    r.created = deps_.NowMs();
    GH_CHECK(Table<ResourceCodec>::Insert(tx, r));
    ++access.group.resource_count;
    GH_CHECK(Table<storage::GroupCodec>::Put(tx, access.group));
    return deps_.publisher.Publish(tx, events::ResourceAdded{access.group, r});
  }));
  return r;
}

Result<> Library::Remove(Id actor, Id resource, std::string_view reason) {
  GH_CHECK(Validator().Text("reason", reason, 0, 500, true).Finish());
  return deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto [r, access] = GH_TRY(Visible(tx, actor, resource));
    const bool own = access.Decide(Action::kEditOwn, r.uploader) == Decision::kAllow;
    const bool moderator = access.Decide(Action::kModerate) == Decision::kAllow;
    if (!own && !moderator) return Error::Forbidden("not allowed");
    if (!own && Trim(reason).empty()) return Error::Invalid("reason: is required");
    r.removed = true;
    r.removal_reason = std::string(reason);
    GH_CHECK(Table<ResourceCodec>::Put(tx, r));
    if (access.group.resource_count > 0) --access.group.resource_count;
    GH_CHECK(Table<storage::GroupCodec>::Put(tx, access.group));
    if (!own) {
      GH_CHECK(AppendAudit(tx, deps_,
                           {.actor = actor,
                            .action = "resource.remove",
                            .target = "resource:" + r.id.ToString(),
                            .group = r.group,
                            .before = "removed=false",
                            .after = "removed=true",
                            .reason = std::string(reason)}));
    }
    return deps_.publisher.Publish(tx, events::ResourceRemoved{access.group, r});
  });
}

Result<Resource> Library::Get(Id viewer, Id resource) {
  Resource out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    out = GH_TRY(Visible(tx, viewer, resource)).first;
    return Ok();
  }));
  return out;
}

Result<Page<Resource>> Library::List(Id viewer, Id group, const PageRequest& page) {
  Page<Resource> out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, viewer, group));
    GH_CHECK(access.Require(Action::kViewContent));
    out.next_cursor = GH_TRY(ScanIndexPage<ResourceCodec>(
        tx, storage::tables::kResourcesByGroup, ResourceCodec::ByGroupPrefix(group), page,
        storage::ScanOrder::kReverse, [&](const Resource& r) {
          if (r.removed) return Visit::kSkip;
          out.items.push_back(r);
          return Visit::kTake;
        }));
    return Ok();
  }));
  return out;
}

Result<Download> Library::Open(Id viewer, Id resource) {
  const Resource r = GH_TRY(Get(viewer, resource));
  if (r.kind != storage::ResourceKind::kFile) return Error::NotFound("file not found");
  auto path = blobs_.PathOf(r.blob_sha256);
  if (!path) return Error::NotFound("file not found");
  return Download{*path, r.media_type, r.file_name, r.size};
}

}  // namespace guildhall::community
