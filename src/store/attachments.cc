#include "store/attachments.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/crypto.h"

namespace minyi {
namespace {

struct KindInfo {
  std::string_view kind;
  std::string_view content_type;
  std::string_view label;  // for messages
};

constexpr KindInfo kKinds[] = {
    {"pdf", "application/pdf", "PDF"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word（docx）"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel（xlsx）"},
    {"doc", "application/msword", "Word（doc）"},
    {"xls", "application/vnd.ms-excel", "Excel（xls）"},
    {"jpg", "image/jpeg", "JPG 图片"},
    {"png", "image/png", "PNG 图片"},
    {"txt", "text/plain; charset=utf-8", "文本"},
    {"zip", "application/zip", "ZIP 压缩包"},
};

// Refused outright, with a message that says why, even before the content is
// looked at: they run code when opened, or render as a page in the browser.
constexpr std::string_view kDangerousExtensions[] = {
    "exe", "com", "bat", "cmd", "scr", "msi", "dll",  "ps1", "vbs", "vbe",   "js",  "jse",   "wsf",
    "hta", "sh",  "jar", "apk", "elf", "bin", "html", "htm", "xht", "xhtml", "svg", "shtml", "mht",
    "php", "asp", "jsp", "lnk", "reg", "cpl", "pif",  "app", "deb", "rpm",   "py",  "pl",    "run",
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// Machine code and scripts, whatever the file is called.
bool LooksExecutable(std::string_view b) {
  return StartsWith(b, "MZ") ||
         StartsWith(b,
                    "\x7F"
                    "ELF") ||
         StartsWith(b, "#!") || StartsWith(b, "\xCF\xFA\xED\xFE") || StartsWith(b, "\xCE\xFA\xED\xFE") ||
         StartsWith(b, "\xFE\xED\xFA\xCE") || StartsWith(b, "\xFE\xED\xFA\xCF") || StartsWith(b, "\xCA\xFE\xBA\xBE");
}

// Markup a browser would render as a page (and run scripts in).
bool LooksLikeHtml(std::string_view b) {
  std::string head = Lower(b.substr(0, 1024));
  size_t start = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (start == std::string::npos) return false;
  std::string_view h = std::string_view(head).substr(start);
  for (std::string_view tag : {"<!doctype", "<html", "<script", "<svg", "<?xml", "<body", "<head", "<iframe"}) {
    if (StartsWith(h, tag)) return true;
  }
  return head.find("<script") != std::string::npos;
}

bool ContentMatches(std::string_view kind, std::string_view b) {
  constexpr std::string_view kOle2 = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  bool zip = StartsWith(b, std::string_view("PK\x03\x04", 4)) || StartsWith(b, std::string_view("PK\x05\x06", 4));
  if (kind == "pdf") return StartsWith(b, "%PDF-");
  if (kind == "doc" || kind == "xls") return StartsWith(b, kOle2);
  if (kind == "jpg") return StartsWith(b, "\xFF\xD8\xFF");
  if (kind == "png") return StartsWith(b, "\x89PNG\r\n\x1A\n");
  if (kind == "zip") return zip;
  // Office Open XML packages name their main part in the zip directory.
  if (kind == "docx") return zip && b.find("word/") != std::string_view::npos;
  if (kind == "xlsx") return zip && b.find("xl/") != std::string_view::npos;
  if (kind == "txt") return b.find('\0') == std::string_view::npos;
  return false;
}

const KindInfo* FindKind(std::string_view kind) {
  for (const KindInfo& k : kKinds) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

Status ValidateOwnerKind(std::string_view kind) {
  if (kind.empty() || kind.size() > 40) return InvalidArgument("附件归属类型（owner_kind）应为 1–40 个字符");
  for (char c : kind) {
    if (!(c >= 'a' && c <= 'z') && c != '_') {
      return InvalidArgument("附件归属类型（owner_kind）只能包含小写字母和下划线");
    }
  }
  return Status::Ok();
}

constexpr const char* kInfoColumns =
    "id, owner_kind, owner_id, filename, content_type, kind, size_bytes, sha256, uploaded_by, uploader_name, "
    "created_at";

Attachment FromRow(const Rows& rows, size_t i) {
  Attachment a;
  a.id = rows.Int(i, "id");
  a.owner_kind = rows.Text(i, "owner_kind");
  a.owner_id = rows.Int(i, "owner_id");
  a.filename = rows.Text(i, "filename");
  a.content_type = rows.Text(i, "content_type");
  a.kind = rows.Text(i, "kind");
  a.size_bytes = rows.Int(i, "size_bytes");
  a.sha256 = rows.Text(i, "sha256");
  a.uploaded_by = rows.Int(i, "uploaded_by");
  a.uploader_name = rows.Text(i, "uploader_name");
  a.created_at = rows.Int(i, "created_at");
  return a;
}

std::string InfoJson(const Attachment& a) {
  return nlohmann::json{{"filename", a.filename},     {"kind", a.kind},
                        {"size_bytes", a.size_bytes}, {"sha256", a.sha256},
                        {"owner_kind", a.owner_kind}, {"owner_id", a.owner_id}}
      .dump();
}

}  // namespace

const std::vector<std::string>& AllowedAttachmentKinds() {
  static const std::vector<std::string> kAll = [] {
    std::vector<std::string> v;
    for (const KindInfo& k : kKinds) v.emplace_back(k.kind);
    return v;
  }();
  return kAll;
}

Result<std::string> CleanAttachmentName(std::string_view filename) {
  size_t slash = filename.find_last_of("/\\");
  if (slash != std::string_view::npos) filename = filename.substr(slash + 1);
  std::string out;
  for (char c : filename) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F || c == '"') continue;
    out.push_back(c);
  }
  while (!out.empty() && (out.front() == ' ' || out.front() == '.')) out.erase(out.begin());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.empty()) return InvalidArgument("缺少文件名");
  if (!ValidUtf8(out)) return InvalidArgument("文件名不是有效的 UTF-8 文本");
  if (out.size() > kMaxAttachmentNameBytes) return InvalidArgument("文件名过长（上限 255 字节）");
  return out;
}

Result<std::string> DetectAttachmentKind(std::string_view filename, std::string_view bytes) {
  MINYI_ASSIGN_OR_RETURN(std::string name, CleanAttachmentName(filename));
  if (bytes.empty()) return InvalidArgument("文件为空：" + name);
  if (bytes.size() > kMaxAttachmentBytes) {
    return ResourceExhausted("文件过大（" + std::to_string((bytes.size() + (1 << 20) - 1) >> 20) +
                             " MB），单个附件上限 20 MB：" + name);
  }
  size_t dot = name.rfind('.');
  std::string ext = dot == std::string::npos ? "" : Lower(name.substr(dot + 1));
  if (ext == "jpeg") ext = "jpg";
  for (std::string_view bad : kDangerousExtensions) {
    if (ext == bad) return InvalidArgument("不允许上传可执行文件、脚本或网页文件（." + ext + "）：" + name);
  }
  if (LooksExecutable(bytes)) return InvalidArgument("文件内容是可执行程序或脚本，不允许上传：" + name);
  const KindInfo* info = FindKind(ext);
  if (info == nullptr) {
    return InvalidArgument("不支持的文件类型（" + (ext.empty() ? std::string("无扩展名") : "." + ext) +
                           "）。允许：PDF、Word（doc/docx）、Excel（xls/xlsx）、JPG/PNG 图片、TXT 文本、ZIP：" + name);
  }
  if (LooksLikeHtml(bytes)) return InvalidArgument("文件内容是网页（HTML/SVG/XML），不允许上传：" + name);
  if (!ContentMatches(info->kind, bytes)) {
    return InvalidArgument("文件内容与扩展名不符：扩展名为 ." + ext + "，但内容不是" + std::string(info->label) +
                           "文件：" + name);
  }
  return std::string(info->kind);
}

Result<int64_t> SaveAttachment(Database& tx, const Clock& clock, const Actor& actor, const AttachmentInput& input) {
  MINYI_RETURN_IF_ERROR(ValidateOwnerKind(input.owner_kind));
  if (input.owner_id < 0) return InvalidArgument("附件归属编号（owner_id）无效");
  MINYI_ASSIGN_OR_RETURN(std::string name, CleanAttachmentName(input.filename));
  MINYI_ASSIGN_OR_RETURN(std::string kind, DetectAttachmentKind(name, input.bytes));
  Attachment a;
  a.owner_kind = input.owner_kind;
  a.owner_id = input.owner_id;
  a.filename = name;
  a.kind = kind;
  a.content_type = std::string(FindKind(kind)->content_type);
  a.size_bytes = static_cast<int64_t>(input.bytes.size());
  a.sha256 = Sha256Hex(input.bytes);
  MINYI_ASSIGN_OR_RETURN(
      a.id,
      tx.InsertReturningId(
          "INSERT INTO attachments(owner_kind, owner_id, filename, content_type, kind, size_bytes, sha256, "
          "content, uploaded_by, uploader_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {a.owner_kind, a.owner_id, a.filename, a.content_type, a.kind, a.size_bytes, a.sha256, input.bytes,
           actor.id == 0 ? SqlValue() : SqlValue(actor.id), actor.name, clock.Now()}));
  MINYI_RETURN_IF_ERROR(
      AppendAudit(tx, clock, actor, {"upload", "attachment", std::to_string(a.id), "null", InfoJson(a)}));
  return a.id;
}

Result<Attachment> GetAttachmentInfo(Database& db, int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows,
                         db.QueryOne(std::string("SELECT ") + kInfoColumns + " FROM attachments WHERE id = ?", {id},
                                     "找不到附件 " + std::to_string(id)));
  return FromRow(rows, 0);
}

Result<Attachment> LoadAttachment(Database& db, int64_t id) {
  MINYI_ASSIGN_OR_RETURN(
      Rows rows, db.QueryOne(std::string("SELECT ") + kInfoColumns + ", content FROM attachments WHERE id = ?", {id},
                             "找不到附件 " + std::to_string(id)));
  Attachment a = FromRow(rows, 0);
  a.content = rows.Text(0, "content");
  if (Sha256Hex(a.content) != a.sha256 || static_cast<int64_t>(a.content.size()) != a.size_bytes) {
    return Corruption("附件 " + std::to_string(id) + "（" + a.filename + "）的内容与存储的校验值不一致，请从备份恢复");
  }
  return a;
}

Result<std::vector<Attachment>> ListAttachments(Database& db, std::string_view owner_kind, int64_t owner_id) {
  MINYI_RETURN_IF_ERROR(ValidateOwnerKind(owner_kind));
  MINYI_ASSIGN_OR_RETURN(Rows rows,
                         db.Query(std::string("SELECT ") + kInfoColumns +
                                      " FROM attachments WHERE owner_kind = ? AND owner_id = ? ORDER BY created_at, id",
                                  {owner_kind, owner_id}));
  std::vector<Attachment> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(FromRow(rows, i));
  return out;
}

Status AttachToOwner(Database& tx, const Clock& clock, const Actor& actor, int64_t attachment_id,
                     std::string_view owner_kind, int64_t owner_id) {
  MINYI_ASSIGN_OR_RETURN(Attachment a, GetAttachmentInfo(tx, attachment_id));
  if (a.owner_kind == owner_kind && a.owner_id == owner_id) return Status::Ok();
  if (a.owner_id != 0 || a.owner_kind != owner_kind) {
    return FailedPrecondition("附件 " + std::to_string(attachment_id) + "（" + a.filename +
                              "）已属于其他记录，不能再关联");
  }
  MINYI_RETURN_IF_ERROR(
      tx.Execute("UPDATE attachments SET owner_id = ? WHERE id = ? AND owner_id = 0", {owner_id, attachment_id})
          .status());
  std::string before = InfoJson(a);
  a.owner_id = owner_id;
  return AppendAudit(tx, clock, actor, {"attach", "attachment", std::to_string(a.id), before, InfoJson(a)});
}

}  // namespace minyi
