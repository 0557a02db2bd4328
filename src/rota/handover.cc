// Hand-over notes (交接班记录) between consecutive shifts.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "rota/rota_internal.h"

namespace minyi {

namespace {

Handover HandoverFromRow(const Rows& r, size_t i) {
  Handover h;
  h.id = r.Int(i, "id");
  h.shift_id = r.Int(i, "shift_id");
  h.from_user_id = r.Int(i, "from_user_id");
  h.to_user_id = r.Int(i, "to_user_id");
  h.content = r.Text(i, "content");
  h.open_matters = r.Text(i, "open_matters");
  h.created_at = r.Int(i, "created_at");
  h.acked_at = r.Int(i, "acked_at");
  h.from_name = r.Text(i, "from_name");
  h.to_name = r.Text(i, "to_name");
  h.shift_kind = r.Text(i, "shift_kind");
  h.shift_starts_at = r.Int(i, "shift_starts_at");
  return h;
}

const char* const kHandoverSelect =
    "SELECT h.*, f.display_name AS from_name, t.display_name AS to_name, s.kind AS shift_kind,"
    " s.starts_at AS shift_starts_at FROM rota_handovers h JOIN rota_shifts s ON s.id = h.shift_id"
    " JOIN users f ON f.id = h.from_user_id LEFT JOIN users t ON t.id = h.to_user_id";

bool CanManage(const User& u) { return u.role == Role::kAdmin || u.role == Role::kLeader; }

}  // namespace

Result<int64_t> RotaService::CreateHandover(const User& user, int64_t shift_id, const std::string& content,
                                            const std::string& open_matters) {
  if (content.empty()) return InvalidArgument("请填写交接内容");
  if (content.size() > kMaxHandoverBytes || open_matters.size() > kMaxHandoverBytes) {
    return InvalidArgument("交接内容过长（每项最多 8000 字节）");
  }
  int64_t id = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Rows r,
                           tx.QueryOne(std::string(kShiftSelect) + " WHERE s.id = ?", {shift_id}, "找不到该班次"));
    Shift shift = ShiftFromRow(r, 0);
    if (shift.user_id != user.id && !CanManage(user)) {
      return PermissionDenied("只有本班值班人员（或管理员、领导）可以填写交接班记录");
    }
    MINYI_ASSIGN_OR_RETURN(Rows next, tx.Query("SELECT user_id FROM rota_shifts WHERE starts_at > ? OR (starts_at = ?"
                                               " AND id > ?) ORDER BY starts_at, id LIMIT 1",
                                               {shift.starts_at, shift.starts_at, shift.id}));
    std::optional<int64_t> to;
    if (!next.empty()) to = next.Int(0, "user_id");
    MINYI_ASSIGN_OR_RETURN(id, tx.InsertReturningId("INSERT INTO rota_handovers(shift_id, from_user_id, to_user_id,"
                                                    " content, open_matters, created_at) VALUES (?,?,?,?,?,?)"
                                                    " RETURNING id",
                                                    {shift_id, user.id, to, content, open_matters, clock_.Now()}));
    nlohmann::json after = {
        {"shift_id", shift_id}, {"to_user_id", to.value_or(0)}, {"content", content}, {"open_matters", open_matters}};
    return AppendAudit(tx, clock_, Actor{user.id, user.display_name},
                       {"create", "rota_handover", std::to_string(id), "null", after.dump()});
  }));
  return id;
}

Result<std::vector<Handover>> RotaService::ListHandovers(int64_t for_user_id, int64_t limit, int64_t offset) {
  SqlParams params;
  std::string sql = kHandoverSelect;
  if (for_user_id != 0) {
    sql += " WHERE h.to_user_id = ?";
    params.push_back(for_user_id);
  }
  sql += " ORDER BY h.id DESC LIMIT ? OFFSET ?";
  params.push_back(std::clamp<int64_t>(limit, 1, 500));
  params.push_back(std::max<int64_t>(offset, 0));
  MINYI_ASSIGN_OR_RETURN(Rows r, db_.Query(sql, params));
  std::vector<Handover> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(HandoverFromRow(r, i));
  return out;
}

Status RotaService::AckHandover(const User& user, int64_t id) {
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Rows r,
                           tx.QueryOne(std::string(kHandoverSelect) + " WHERE h.id = ?", {id}, "找不到该交接班记录"));
    Handover h = HandoverFromRow(r, 0);
    if (h.acked_at != 0) return FailedPrecondition("该交接班记录已确认接班");
    if (h.to_user_id != user.id && user.role != Role::kAdmin) {
      return PermissionDenied("只有接班人员（或系统管理员）可以确认接班");
    }
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE rota_handovers SET acked_at = ? WHERE id = ?", {clock_.Now(), id}).status());
    return AppendAudit(tx, clock_, Actor{user.id, user.display_name},
                       {"ack", "rota_handover", std::to_string(id), "null", "{\"acked\":true}"});
  });
}

}  // namespace minyi
