// Periodic reports drafted from the system's own records.
//
// Contract:
// - ParsePeriod accepts exactly five forms — "2026-09", "2026Q3", "2026H1",
//   "2026" and "2026-09-01..2026-09-30" — and answers anything else with a
//   Chinese kInvalidArgument message. Periods are calendar days in China
//   time (UTC+8, no daylight saving); `begin`/`end` are the unix seconds of
//   the first instant and the instant after the last day.
// - DraftReport only reads. It gathers figures from whichever subsystem
//   tables exist; an area whose tables are missing is listed in
//   `missing_areas` ("模块未安装") instead of failing the report. Every
//   figure carries the ids of the records it counts (ListFigureRecords turns
//   them into the list the UI shows at #/reports/figure) and a link to the
//   registered UI page of its module for the period.
// - The writers (DOCX in the GB/T 9704-2012 layout, HTML, XLSX) are pure
//   functions of a ReportDraft; ConvertDocxToPdf runs LibreOffice headless in
//   a private temporary profile with a time limit.
// - ReportRepo keeps drafts, their versions and, once finalized (定稿), the
//   frozen content and the DOCX generated from it. Every change runs in one
//   transaction with an audit record.
//
// Thread safety: free functions are reentrant; ReportRepo as Database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/env.h"
#include "common/status.h"
#include "store/audit.h"
#include "store/store.h"

namespace minyi {

enum class ReportKind { kBriefing, kMonthly, kQuarterly, kHalfYear, kAnnual, kSelfCheck };

std::string_view ReportKindName(ReportKind kind);   // "half-year"
std::string_view ReportKindLabel(ReportKind kind);  // "半年工作总结"
Result<ReportKind> ParseReportKind(std::string_view name);
const std::vector<ReportKind>& AllReportKinds();

// China standard time, used for every calendar boundary in reports.
inline constexpr int64_t kReportUtcOffsetSeconds = 8 * 3600;

struct ReportDate {
  int year = 0, month = 0, day = 0;
};

struct Period {
  std::string text;              // canonical form: "2026-09", "2026Q3", ...
  std::string label;             // "2026年9月", "2026年第三季度", "2026年上半年", ...
  ReportDate first, last;        // inclusive calendar days
  UnixSeconds begin = 0;         // first instant, China time
  UnixSeconds end = 0;           // exclusive
  std::string FromDate() const;  // "2026-09-01"
  std::string ToDate() const;    // "2026-09-30"
};

// Limits: at most 64 bytes; years 2000–2099; a range spans at most 3 years.
Result<Period> ParsePeriod(std::string_view text);

// One counted number in a report, traceable to its records.
struct Figure {
  std::string key;    // stable id, e.g. "cases.closed"
  std::string label;  // "办结事项"
  int64_t value = 0;
  std::string unit;                 // "件", "篇", "%"
  std::string entity;               // table whose rows are counted, e.g. "cases"
  std::string link;                 // module page for the period: "#/cases/all?from=...&to=..."
  std::vector<int64_t> record_ids;  // ids counted (first kMaxRecordIds)
};
inline constexpr size_t kMaxRecordIds = 2000;

// One record a figure counts, as listed in the UI (#/reports/figure).
struct FigureRecord {
  int64_t id = 0;
  std::string title;
  UnixSeconds at = 0;  // the record's date (0: none)
  std::string link;    // UI route of the record, or of the list it is on
};

// The records of figure.record_ids in that order, with title, date and link;
// a record deleted since drafting is listed as such. Only reads.
Result<std::vector<FigureRecord>> ListFigureRecords(Database& db, const Figure& figure);

struct ReportTable {
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

enum class ChartType { kBar, kLine, kPie };

struct Chart {
  std::string title;
  ChartType type = ChartType::kBar;
  std::vector<std::string> labels;
  std::vector<double> values;
};

struct Paragraph {
  std::string heading;  // optional "（一）" level heading text, without the number
  std::string text;
};

struct Section {
  std::string title;  // "基本情况", "主要做法", "存在问题", "下一步打算"
  std::vector<Paragraph> paragraphs;
  std::vector<Chart> charts;
  std::vector<ReportTable> tables;
};

struct ReportDraft {
  ReportKind kind = ReportKind::kMonthly;
  Period period;
  std::string org_name;
  std::string title;
  std::string date_line;  // signature date, "2026年10月8日"
  std::vector<Section> sections;
  std::vector<Figure> figures;
  std::vector<std::string> missing_areas;  // "网络监测（模块未安装）"
  UnixSeconds generated_at = 0;

  const Figure* FindFigure(std::string_view key) const;
};

// Drafts a report for the period from the records in db.
Result<ReportDraft> DraftReport(Database& db, const Clock& clock, ReportKind kind, const Period& period,
                                const std::string& org_name);

// Content JSON: what is stored and what the UI edits. Parsing is limited to
// kMaxContentBytes and a nesting depth of 16.
inline constexpr size_t kMaxContentBytes = 4u << 20;
std::string ReportDraftToJson(const ReportDraft& draft);
Result<ReportDraft> ReportDraftFromJson(std::string_view json);

// Writers. Each returns the file's bytes.
//
// kWord is the canonical GB/T 9704 file for Word/WPS: a "linesAndChars"
// grid of 22 lines x 28 characters (charSpace -849). LibreOffice puts a 16pt
// glyph that is wider than a 15.8pt grid cell into two cells, so the variant
// fed to LibreOffice for PDF keeps the 22-line grid but reaches 28 characters
// per line with -0.25pt character spacing instead of the character grid.
enum class DocxFlavor { kWord, kLibreOffice };
Result<std::string> WriteDocx(const ReportDraft& draft, DocxFlavor flavor = DocxFlavor::kWord);
Result<std::string> WriteHtml(const ReportDraft& draft);
Result<std::string> WriteXlsx(const ReportDraft& draft);
// A chart as a PNG image (cairo + pango with a CJK font).
Result<std::string> RenderChartPng(const Chart& chart, int width_px, int height_px);

struct PdfOptions {
  std::string soffice = "soffice";  // looked up on PATH when not absolute
  int timeout_seconds = 180;
};
// True when LibreOffice can be found.
bool PdfConverterAvailable(const PdfOptions& options = {});
// kUnavailable with a Chinese explanation when LibreOffice is missing.
Result<std::string> ConvertDocxToPdf(std::string_view docx, const PdfOptions& options = {});

// DOCX (LibreOffice flavour) converted to PDF.
Result<std::string> WritePdf(const ReportDraft& draft, const PdfOptions& options = {});

// Stored drafts ---------------------------------------------------------------

enum class ReportStatus { kDraft, kFinal };
std::string_view ReportStatusName(ReportStatus s);   // "draft" / "final"
std::string_view ReportStatusLabel(ReportStatus s);  // "草稿" / "定稿"

struct StoredReport {
  int64_t id = 0;
  ReportKind kind = ReportKind::kMonthly;
  std::string period;  // canonical text
  std::string title;
  ReportStatus status = ReportStatus::kDraft;
  int64_t version = 1;
  std::string created_by;
  UnixSeconds created_at = 0, updated_at = 0, finalized_at = 0;
  std::string finalized_by;
  ReportDraft content;
};

struct ReportVersionInfo {
  int64_t version = 0;
  std::string note, saved_by;
  UnixSeconds saved_at = 0;
};

class ReportRepo {
 public:
  ReportRepo(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<int64_t> Create(const Actor& actor, const ReportDraft& draft);
  Result<StoredReport> Get(int64_t id);
  Result<std::vector<StoredReport>> List(int64_t limit, int64_t offset);  // newest first; content not loaded
  Result<std::vector<ReportVersionInfo>> Versions(int64_t id);
  // Replaces title and paragraph texts (figures, charts and tables stay as
  // drafted). The edit must keep the section structure.
  Status EditText(const Actor& actor, int64_t id, const ReportDraft& edited);
  // Redrafts figures and text from the current records; the previous text
  // stays available as an earlier version.
  Status Regenerate(const Actor& actor, int64_t id, const std::string& org_name);
  // Freezes the content and keeps the DOCX generated from it.
  Status Finalize(const Actor& actor, int64_t id);
  // The DOCX kept at finalization.
  Result<std::string> FinalDocx(int64_t id);

 private:
  Status SaveVersion(Database& tx, const Actor& actor, int64_t id, int64_t version, const std::string& json,
                     const std::string& note);

  Database& db_;
  const Clock& clock_;
};

}  // namespace minyi
