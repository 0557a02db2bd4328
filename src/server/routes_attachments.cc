// Attachments API: upload a file as the raw request body, list an owner's
// files, download one.
//
// Access (for now): any logged-in user may upload and list. Downloading is
// open to every role except 信息员 (reporter), who may download only files
// they uploaded themselves or files of their own unit's zero-reports. When
// each owner kind gets finer rules (a case's files only for the departments
// on the case, ...), they go into CheckReadAccess below, keyed by owner_kind.
#include <cstdio>

#include "server/api.h"
#include "store/attachments.h"

namespace minyi {
namespace {

Json AttachmentJson(const Attachment& a) {
  return Json{{"id", a.id},
              {"owner_kind", a.owner_kind},
              {"owner_id", a.owner_id},
              {"filename", a.filename},
              {"content_type", a.content_type},
              {"kind", a.kind},
              {"size_bytes", a.size_bytes},
              {"sha256", a.sha256},
              {"uploader_name", a.uploader_name},
              {"created_at", FormatIsoUtc(a.created_at)},
              {"url", "/api/v1/attachments/" + std::to_string(a.id)}};
}

Status CheckReadAccess(ApiCall& c, const Attachment& a) {
  const User& u = c.session->user;
  if (u.role != Role::kReporter) return Status::Ok();
  if (a.uploaded_by == u.id) return Status::Ok();
  if (a.owner_kind == "zero_report" && a.owner_id != 0 && u.unit_id != 0) {
    MINYI_ASSIGN_OR_RETURN(
        int64_t n, c.services->store->db().QueryInt(
                       "SELECT COUNT(*) FROM duty_zero_reports WHERE id = ? AND unit_id = ?", {a.owner_id, u.unit_id}));
    if (n > 0) return Status::Ok();
  }
  return PermissionDenied("信息员只能下载本人上传或本单位的附件");
}

// RFC 5987/6266: an ASCII fallback plus the exact UTF-8 name.
std::string ContentDisposition(const std::string& filename) {
  std::string ascii, encoded;
  for (unsigned char ch : filename) {
    bool plain = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' ||
                 ch == '-' || ch == '_';
    ascii.push_back(ch < 0x80 && ch != '"' && ch != '\\' && ch >= 0x20 ? static_cast<char>(ch) : '_');
    if (plain) {
      encoded.push_back(static_cast<char>(ch));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", ch);
      encoded += buf;
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

Result<Reply> Upload(ApiCall& c) {
  AttachmentInput in;
  in.filename = c.QueryParam("filename");
  in.owner_kind = c.QueryParam("owner_kind");
  in.owner_id = c.QueryInt("owner_id", 0, 0, INT64_MAX);
  in.bytes = c.body;
  if (in.filename.empty()) return InvalidArgument("缺少文件名（查询参数 filename）");
  int64_t id = 0;
  MINYI_RETURN_IF_ERROR(c.services->store->db().InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(id, SaveAttachment(tx, *c.services->clock, c.actor(), in));
    return Status::Ok();
  }));
  MINYI_ASSIGN_OR_RETURN(Attachment a, GetAttachmentInfo(c.services->store->db(), id));
  Reply r;
  r.body = AttachmentJson(a);
  return r;
}

Result<Reply> Download(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Attachment info, GetAttachmentInfo(c.services->store->db(), id));
  MINYI_RETURN_IF_ERROR(CheckReadAccess(c, info));
  MINYI_ASSIGN_OR_RETURN(Attachment a, LoadAttachment(c.services->store->db(), id));
  Reply r;
  r.content_type = a.content_type;
  r.raw = std::move(a.content);
  r.headers.emplace_back("Content-Disposition", ContentDisposition(a.filename));
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Content-Security-Policy", "sandbox");
  r.headers.emplace_back("X-Checksum-SHA256", a.sha256);
  return r;
}

Result<Reply> List(ApiCall& c) {
  std::string kind = c.QueryParam("owner_kind");
  if (kind.empty()) return InvalidArgument("缺少查询参数 owner_kind");
  int64_t owner = c.QueryInt("owner_id", 0, 0, INT64_MAX);
  MINYI_ASSIGN_OR_RETURN(auto files, ListAttachments(c.services->store->db(), kind, owner));
  Json out = Json::array();
  for (const Attachment& a : files) {
    if (CheckReadAccess(c, a).ok()) out.push_back(AttachmentJson(a));
  }
  Reply r;
  r.body = Json{{"attachments", out}, {"max_bytes", kMaxAttachmentBytes}, {"allowed_kinds", AllowedAttachmentKinds()}};
  return r;
}

}  // namespace

std::vector<Route> AttachmentRoutes() {
  return {
      {"POST", "/api/v1/attachments", Access::AnyUser(), Upload, "上传附件（请求体为文件原始内容）"},
      {"GET", "/api/v1/attachments", Access::AnyUser(), List, "某条记录的附件列表"},
      {"GET", "/api/v1/attachments/{id}", Access::AnyUser(), Download, "下载附件"},
  };
}

}  // namespace minyi
