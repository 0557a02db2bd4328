// Meetings, special sessions, study sessions and trainings: what was held,
// when, who attended, the minutes and the evidence files.
#include <algorithm>

#include "duty/duty_internal.h"
#include "store/attachments.h"

namespace minyi {

using namespace duty_internal;  // NOLINT(google-build-using-namespace): .cc only

namespace {

constexpr std::string_view kRecordKinds[] = {"meeting",    "special_session", "study", "training",
                                             "self_check", "channel_check",   "other"};
constexpr size_t kMaxAttendees = 500;

Status ValidateRecord(const DutyRecord& r) {
  if (std::find(std::begin(kRecordKinds), std::end(kRecordKinds), r.kind) == std::end(kRecordKinds)) {
    return InvalidArgument("记录类别无效：" + r.kind);
  }
  if (r.held_at <= 0) return InvalidArgument("请填写日期");
  MINYI_RETURN_IF_ERROR(CheckText(r.topic, "主题", 600, true));
  MINYI_RETURN_IF_ERROR(CheckText(r.location, "地点", 300, false));
  MINYI_RETURN_IF_ERROR(CheckText(r.host, "主持人", 200, false));
  MINYI_RETURN_IF_ERROR(CheckText(r.minutes, "纪要", 200000, false));
  if (r.attendees.size() > kMaxAttendees) return InvalidArgument("参加人员过多（上限 500 项）");
  for (const std::string& a : r.attendees) MINYI_RETURN_IF_ERROR(CheckText(a, "参加人员", 200, true));
  return Status::Ok();
}

Json RecordJson(const DutyRecord& r) {
  return Json{{"kind", r.kind},
              {"held_at", r.held_at},
              {"topic", r.topic},
              {"location", r.location},
              {"attendees", r.attendees},
              {"obligation_id", r.obligation_id},
              {"occurrence_id", r.occurrence_id}};
}

DutyRecord RecordFromRow(const Rows& rows, size_t i) {
  DutyRecord r;
  r.id = rows.Int(i, "id");
  r.kind = rows.Text(i, "kind");
  r.held_at = rows.Int(i, "held_at");
  r.topic = rows.Text(i, "topic");
  r.location = rows.Text(i, "location");
  r.host = rows.Text(i, "host");
  r.attendees = StringsFrom(rows.Text(i, "attendees_json"));
  r.minutes = rows.Text(i, "minutes");
  r.obligation_id = rows.Int(i, "obligation_id");
  r.occurrence_id = rows.Int(i, "occurrence_id");
  r.created_by_name = rows.Text(i, "created_by_name");
  return r;
}

}  // namespace

Result<int64_t> DutyService::SaveRecord(const Actor& actor, const DutyRecord& in) {
  MINYI_RETURN_IF_ERROR(ValidateRecord(in));
  DutyRecord r = in;
  int64_t id = r.id;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    DutyService svc(tx, clock_);
    std::optional<Occurrence> occ;
    if (r.occurrence_id != 0) {
      MINYI_ASSIGN_OR_RETURN(occ, svc.GetOccurrence(r.occurrence_id));
      r.obligation_id = occ->obligation_id;
    }
    if (r.obligation_id != 0) MINYI_RETURN_IF_ERROR(svc.GetObligation(r.obligation_id).status());
    UnixSeconds now = clock_.Now();
    std::string attendees = StringsJson(r.attendees).dump();
    Json before = nullptr;
    if (id == 0) {
      MINYI_ASSIGN_OR_RETURN(
          id, tx.InsertReturningId(
                  "INSERT INTO duty_records(kind, held_at, topic, location, host, attendees_json, "
                  "attendee_count, minutes, obligation_id, occurrence_id, created_by, "
                  "created_by_name, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                  "RETURNING id",
                  {r.kind, r.held_at, r.topic, r.location, r.host, attendees, static_cast<int64_t>(r.attendees.size()),
                   r.minutes, OptId(r.obligation_id), OptId(r.occurrence_id), OptId(actor.id), actor.name, now, now}));
    } else {
      MINYI_ASSIGN_OR_RETURN(DutyRecord old, svc.GetRecord(id));
      before = RecordJson(old);
      MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE duty_records SET kind = ?, held_at = ?, topic = ?, location = ?, "
                                       "host = ?, attendees_json = ?, attendee_count = ?, minutes = ?, "
                                       "obligation_id = ?, occurrence_id = ?, updated_at = ? WHERE id = ?",
                                       {r.kind, r.held_at, r.topic, r.location, r.host, attendees,
                                        static_cast<int64_t>(r.attendees.size()), r.minutes, OptId(r.obligation_id),
                                        OptId(r.occurrence_id), now, id})
                                .status());
    }
    MINYI_RETURN_IF_ERROR(LinkAttachments(tx, actor, r.attachment_ids, "duty_record", id));
    MINYI_RETURN_IF_ERROR(
        Audit(tx, clock_, actor, in.id == 0 ? "create" : "update", "duty_record", id, before, RecordJson(r)));
    // A record for a single-occurrence obligation completes it; count-based
    // obligations count their records instead.
    if (occ && occ->stored_status == "open" && occ->required <= 1 && occ->kind != "zero_report") {
      MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE duty_occurrences SET status = 'done', done_at = ?, done_by_name = ?, "
                                       "record_id = ? WHERE id = ?",
                                       {now, actor.name, id, occ->id})
                                .status());
      MINYI_RETURN_IF_ERROR(Audit(tx, clock_, actor, "complete", "duty_occurrence", occ->id,
                                  Json{{"status", occ->status}}, Json{{"status", "done"}, {"record_id", id}}));
    }
    return Status::Ok();
  }));
  return id;
}

Result<DutyRecord> DutyService::GetRecord(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(
      Rows rows, db_.QueryOne("SELECT * FROM duty_records WHERE id = ?", {id}, "找不到台账记录 " + std::to_string(id)));
  DutyRecord r = RecordFromRow(rows, 0);
  r.attachment_ids = AttachmentIds(db_, "duty_record", id);
  return r;
}

Result<std::vector<DutyRecord>> DutyService::ListRecords(const RecordFilter& f) {
  std::string sql = "SELECT * FROM duty_records WHERE held_at >= ? AND held_at < ?";
  SqlParams p{f.from, f.to == 0 ? INT64_MAX : f.to};
  if (!f.kind.empty()) {
    sql += " AND kind = ?";
    p.push_back(f.kind);
  }
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query(sql + " ORDER BY held_at DESC, id DESC LIMIT 2000", p));
  std::vector<DutyRecord> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(RecordFromRow(rows, i));
  return out;
}

}  // namespace minyi
