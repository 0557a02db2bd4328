// The records a figure counts, resolved to a title, a date and the UI page of
// each record, so "every figure links back to the records it counts" holds
// exactly even where a module's list page cannot filter to the same set.
#include <map>

#include "report/report_internal.h"

namespace minyi {
namespace {

// How to name one record of a counted table (`entity`). `sql` selects id,
// title, at (unix seconds, 0 when none) and ref (an id for the link, or 0);
// `id_col` is the id column to filter on. `link` gets the record id (or ref,
// when ref_link) appended when it ends in '='.
struct EntitySpec {
  std::string_view entity, sql, id_col, link;
  bool ref_link = false;
};

constexpr EntitySpec kSpecs[] = {
    {"review_drafts", "SELECT id, title, created_at AS at, 0 AS ref FROM review_drafts", "id", "#/review/draft?id="},
    {"review_channels", "SELECT id, name AS title, 0 AS at, 0 AS ref FROM review_channels", "id", "#/review/channels"},
    {"monitor_events", "SELECT id, title, first_seen AS at, 0 AS ref FROM monitor_events", "id", "#/monitor/event?id="},
    {"cases", "SELECT id, title, received_at AS at, 0 AS ref FROM cases", "id", "#/cases/detail?id="},
    {"duty_records", "SELECT id, topic AS title, held_at AS at, 0 AS ref FROM duty_records", "id", "#/duty/record?id="},
    {"duty_occurrences",
     "SELECT o.id AS id, g.name AS title, o.due_at AS at, 0 AS ref, o.period_label AS period, "
     "o.channel_name AS channel FROM duty_occurrences o JOIN duty_obligations g ON g.id = o.obligation_id",
     "o.id", "#/duty/tasks"},
    {"duty_zero_reports",
     "SELECT z.id AS id, u.name AS title, z.submitted_at AS at, 0 AS ref, z.month AS period "
     "FROM duty_zero_reports z JOIN units u ON u.id = z.unit_id",
     "z.id", "#/duty/zero"},
    {"duty_selfchecks", "SELECT id, title, COALESCE(submitted_at, created_at) AS at, 0 AS ref FROM duty_selfchecks",
     "id", "#/duty/selfcheck/detail?id="},
    {"duty_rectifications",
     "SELECT id, problem AS title, deadline AS at, COALESCE(selfcheck_id, 0) AS ref FROM duty_rectifications", "id",
     "#/duty/selfcheck/detail?id=", true},
    {"assess_briefings", "SELECT id, title, sent_at AS at, 0 AS ref FROM assess_briefings", "id",
     "#/assess/briefing?id="},
    {"assess_assessments", "SELECT id, title, confirmed_at AS at, 0 AS ref FROM assess_assessments", "id",
     "#/assess/detail?id="},
};

const EntitySpec* FindSpec(std::string_view entity) {
  for (const EntitySpec& s : kSpecs) {
    if (s.entity == entity) return &s;
  }
  return nullptr;
}

std::string RecordLink(const EntitySpec& spec, int64_t id, int64_t ref) {
  std::string link(spec.link);
  if (link.back() != '=') return link;
  if (spec.ref_link) return ref > 0 ? link + std::to_string(ref) : "#/duty/selfcheck";
  return link + std::to_string(id);
}

// Title, date and link of the rows among `ids` (at most kMaxRecordIds).
Status Resolve(Database& db, const EntitySpec& spec, const std::vector<int64_t>& ids,
               std::map<int64_t, FigureRecord>& found) {
  constexpr size_t kChunk = 500;
  for (size_t i = 0; i < ids.size(); i += kChunk) {
    std::string sql = std::string(spec.sql) + " WHERE " + std::string(spec.id_col) + " IN (";
    SqlParams params;
    for (size_t k = i; k < ids.size() && k < i + kChunk; ++k) {
      sql += params.empty() ? "?" : ", ?";
      params.push_back(ids[k]);
    }
    MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query(sql + ")", params));
    for (size_t r = 0; r < rows.size(); ++r) {
      FigureRecord rec;
      rec.id = rows.Int(r, "id");
      rec.title = rows.Text(r, "title");
      if (rows.ColumnIndex("period") >= 0) rec.title += "（" + rows.Text(r, "period") + "）";
      if (rows.ColumnIndex("channel") >= 0 && !rows.Text(r, "channel").empty()) {
        rec.title += " " + rows.Text(r, "channel");
      }
      rec.at = rows.Int(r, "at");
      rec.link = RecordLink(spec, rec.id, rows.Int(r, "ref"));
      found[rec.id] = std::move(rec);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<FigureRecord>> ListFigureRecords(Database& db, const Figure& figure) {
  const EntitySpec* spec = FindSpec(figure.entity);
  std::map<int64_t, FigureRecord> found;
  if (spec && TableExists(db, figure.entity)) MINYI_RETURN_IF_ERROR(Resolve(db, *spec, figure.record_ids, found));
  std::vector<FigureRecord> out;
  for (int64_t id : figure.record_ids) {
    auto f = found.find(id);
    if (f != found.end()) {
      out.push_back(f->second);
    } else {
      out.push_back(FigureRecord{id, spec ? "（记录已删除）" : "记录 " + std::to_string(id), 0, figure.link});
    }
  }
  return out;
}

}  // namespace minyi
