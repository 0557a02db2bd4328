// API of the report subsystem (报告): draft a report from the records for a
// kind and period, edit its text, regenerate its figures, finalize (定稿,
// which freezes it and keeps the DOCX) and download it as DOCX, PDF, HTML or
// XLSX. The module keeps no state (ReportModule is null).
#include "report/report.h"
#include "server/api.h"

namespace minyi {

struct ReportModule {};

Result<std::shared_ptr<ReportModule>> StartReportModule(Services&) { return std::shared_ptr<ReportModule>(); }

namespace {

const std::set<Role> kReaders = {Role::kAdmin, Role::kLeader, Role::kReviewer, Role::kEditor, Role::kHandler};
const std::set<Role> kFinalizers = {Role::kAdmin, Role::kLeader};

ReportRepo Repo(ApiCall& c) { return ReportRepo(c.services->store->db(), *c.services->clock); }

std::string OrgName(ApiCall& c) {
  auto org = OrgRepo(c.services->store->db(), *c.services->clock).GetOrganization();
  return org.ok() ? org->name : "";
}

Json SummaryJson(const StoredReport& r) {
  auto period = ParsePeriod(r.period);
  return Json{{"id", r.id},
              {"kind", std::string(ReportKindName(r.kind))},
              {"kind_label", std::string(ReportKindLabel(r.kind))},
              {"period", r.period},
              {"period_label", period.ok() ? period->label : r.period},
              {"title", r.title},
              {"status", std::string(ReportStatusName(r.status))},
              {"status_label", std::string(ReportStatusLabel(r.status))},
              {"version", r.version},
              {"created_by", r.created_by},
              {"created_at", FormatIsoUtc(r.created_at)},
              {"updated_at", FormatIsoUtc(r.updated_at)},
              {"finalized_at", r.finalized_at ? Json(FormatIsoUtc(r.finalized_at)) : Json(nullptr)},
              {"finalized_by", r.finalized_by}};
}

Json FullJson(const StoredReport& r) {
  Json j = SummaryJson(r);
  j["content"] = Json::parse(ReportDraftToJson(r.content), nullptr, false);
  return j;
}

Result<Reply> ListReports(ApiCall& c) {
  int64_t limit = c.QueryInt("limit", 50, 1, 200);
  int64_t offset = c.QueryInt("offset", 0, 0, INT64_MAX / 2);
  MINYI_ASSIGN_OR_RETURN(auto list, Repo(c).List(limit, offset));
  MINYI_ASSIGN_OR_RETURN(int64_t total, c.services->store->db().QueryInt("SELECT COUNT(*) FROM report_drafts"));
  Json out = Json::array();
  for (const StoredReport& r : list) out.push_back(SummaryJson(r));
  Json kinds = Json::array();
  for (ReportKind k : AllReportKinds()) {
    kinds.push_back({{"name", std::string(ReportKindName(k))}, {"label", std::string(ReportKindLabel(k))}});
  }
  return JsonReply({{"reports", out}, {"total", total}, {"kinds", kinds}});
}

Result<Reply> CreateReport(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(std::string kind_name, RequireString(body, "kind", 20));
  MINYI_ASSIGN_OR_RETURN(std::string period_text, RequireString(body, "period", 64));
  MINYI_ASSIGN_OR_RETURN(ReportKind kind, ParseReportKind(kind_name));
  MINYI_ASSIGN_OR_RETURN(Period period, ParsePeriod(period_text));
  Database& db = c.services->store->db();
  MINYI_ASSIGN_OR_RETURN(ReportDraft draft, DraftReport(db, *c.services->clock, kind, period, OrgName(c)));
  MINYI_ASSIGN_OR_RETURN(int64_t id, Repo(c).Create(c.actor(), draft));
  MINYI_ASSIGN_OR_RETURN(StoredReport r, Repo(c).Get(id));
  return JsonReply(FullJson(r), 201);
}

Result<Reply> GetReport(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(StoredReport r, Repo(c).Get(id));
  return JsonReply(FullJson(r));
}

// Body: {"title", "date_line", "sections": [{"paragraphs": [{"heading", "text"}]}]}.
Result<ReportDraft> EditFromBody(const Json& body) {
  ReportDraft d;
  d.title = OptionalString(body, "title");
  d.date_line = OptionalString(body, "date_line");
  if (d.title.size() > 500 || d.date_line.size() > 100) return InvalidArgument("标题或日期过长");
  auto sections = body.find("sections");
  if (sections == body.end() || !sections->is_array() || sections->size() > 20) {
    return InvalidArgument("缺少字段 sections（各部分的段落）");
  }
  for (const Json& s : *sections) {
    Section sec;
    auto paras = s.is_object() ? s.find("paragraphs") : s.end();
    if (!s.is_object() || paras == s.end() || !paras->is_array())
      return InvalidArgument("每一部分应包含 paragraphs 数组");
    for (const Json& p : *paras) {
      if (!p.is_object()) return InvalidArgument("段落应为对象");
      Paragraph para{OptionalString(p, "heading"), OptionalString(p, "text")};
      if (para.heading.size() > 200 || para.text.size() > 20000)
        return InvalidArgument("段落过长（每段最多约 6000 字）");
      sec.paragraphs.push_back(std::move(para));
    }
    d.sections.push_back(std::move(sec));
  }
  return d;
}

Result<Reply> EditReport(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(ReportDraft edited, EditFromBody(body));
  MINYI_RETURN_IF_ERROR(Repo(c).EditText(c.actor(), id, edited));
  MINYI_ASSIGN_OR_RETURN(StoredReport r, Repo(c).Get(id));
  return JsonReply(FullJson(r));
}

Result<Reply> RegenerateReport(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_RETURN_IF_ERROR(Repo(c).Regenerate(c.actor(), id, OrgName(c)));
  MINYI_ASSIGN_OR_RETURN(StoredReport r, Repo(c).Get(id));
  return JsonReply(FullJson(r));
}

Result<Reply> FinalizeReport(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_RETURN_IF_ERROR(Repo(c).Finalize(c.actor(), id));
  MINYI_ASSIGN_OR_RETURN(StoredReport r, Repo(c).Get(id));
  return JsonReply(FullJson(r));
}

Result<Reply> ListVersions(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(auto versions, Repo(c).Versions(id));
  Json out = Json::array();
  for (const ReportVersionInfo& v : versions) {
    out.push_back(
        {{"version", v.version}, {"note", v.note}, {"saved_by", v.saved_by}, {"saved_at", FormatIsoUtc(v.saved_at)}});
  }
  return JsonReply({{"versions", out}});
}

// The records one figure counts (?key=cases.closed), for #/reports/figure.
Result<Reply> FigureRecords(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(StoredReport r, Repo(c).Get(id));
  std::string key = c.QueryParam("key");
  const Figure* f = r.content.FindFigure(key);
  if (!f) return NotFound("报告中没有数据项“" + key.substr(0, 64) + "”");
  MINYI_ASSIGN_OR_RETURN(auto records, ListFigureRecords(c.services->store->db(), *f));
  Json list = Json::array();
  for (const FigureRecord& rec : records) {
    list.push_back({{"id", rec.id},
                    {"title", rec.title},
                    {"at", rec.at ? Json(FormatIsoUtc(rec.at)) : Json(nullptr)},
                    {"link", rec.link}});
  }
  Json fig{{"key", f->key},
           {"label", f->label},
           {"value", f->value},
           {"unit", f->unit},
           {"entity", f->entity},
           {"link", f->link},
           {"counted", f->record_ids.size()}};
  return JsonReply({{"report", SummaryJson(r)}, {"figure", fig}, {"records", list}});
}

std::string Disposition(const std::string& title, const std::string& ext) {
  std::string encoded;
  for (unsigned char ch : title + "." + ext) {
    bool plain =
        (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-';
    if (plain) {
      encoded.push_back(static_cast<char>(ch));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", ch);
      encoded += buf;
    }
  }
  return "attachment; filename=\"report." + ext + "\"; filename*=UTF-8''" + encoded;
}

Result<Reply> Download(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  std::string format = c.QueryParam("format", "docx");
  MINYI_ASSIGN_OR_RETURN(StoredReport r, Repo(c).Get(id));
  Reply reply;
  if (format == "docx") {
    // A finalized report is served exactly as kept at finalization.
    if (r.status == ReportStatus::kFinal) {
      MINYI_ASSIGN_OR_RETURN(reply.raw, Repo(c).FinalDocx(id));
    } else {
      MINYI_ASSIGN_OR_RETURN(reply.raw, WriteDocx(r.content));
    }
    reply.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  } else if (format == "pdf") {
    MINYI_ASSIGN_OR_RETURN(reply.raw, WritePdf(r.content));
    reply.content_type = "application/pdf";
  } else if (format == "html") {
    MINYI_ASSIGN_OR_RETURN(reply.raw, WriteHtml(r.content));
    reply.content_type = "text/html; charset=utf-8";
  } else if (format == "xlsx") {
    MINYI_ASSIGN_OR_RETURN(reply.raw, WriteXlsx(r.content));
    reply.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  } else {
    return InvalidArgument("下载格式应为 docx、pdf、html 或 xlsx");
  }
  if (!(format == "html" && c.QueryParam("inline") == "1")) {
    reply.headers.emplace_back("Content-Disposition", Disposition(r.title, format));
  }
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (format == "html")
    reply.headers.emplace_back("Content-Security-Policy",
                               "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
  return reply;
}

}  // namespace

std::vector<Route> ReportRoutes() {
  return {
      {"GET", "/api/v1/reports", Access::Only(kReaders), ListReports, "报告列表"},
      {"POST", "/api/v1/reports", Access::Only(kReaders), CreateReport, "根据系统记录起草报告"},
      {"GET", "/api/v1/reports/{id}", Access::Only(kReaders), GetReport, "报告内容"},
      {"PUT", "/api/v1/reports/{id}", Access::Only(kReaders), EditReport, "修改报告文字"},
      {"POST", "/api/v1/reports/{id}/regenerate", Access::Only(kReaders), RegenerateReport, "重新生成报告数据"},
      {"POST", "/api/v1/reports/{id}/finalize", Access::Only(kFinalizers), FinalizeReport, "报告定稿"},
      {"GET", "/api/v1/reports/{id}/versions", Access::Only(kReaders), ListVersions, "报告历史版本"},
      {"GET", "/api/v1/reports/{id}/figures", Access::Only(kReaders), FigureRecords, "数据项对应的记录"},
      {"GET", "/api/v1/reports/{id}/download", Access::Only(kReaders), Download, "下载报告（DOCX、PDF、HTML、XLSX）"},
  };
}

}  // namespace minyi
