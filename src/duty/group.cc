// The responsibility system: the leading group and each member's task list.
#include <algorithm>

#include "duty/duty_internal.h"
#include "store/attachments.h"

namespace minyi {

using namespace duty_internal;  // NOLINT(google-build-using-namespace): .cc only

namespace duty_internal {

std::vector<int64_t> AttachmentIds(Database& db, std::string_view kind, int64_t owner) {
  std::vector<int64_t> ids;
  auto list = ListAttachments(db, kind, owner);
  if (list.ok()) {
    for (const Attachment& a : *list) ids.push_back(a.id);
  }
  return ids;
}

}  // namespace duty_internal

namespace {

constexpr std::string_view kPositions[] = {"leader", "deputy", "member"};

Json MemberJson(const GroupMember& m) {
  return Json{{"position", m.position}, {"name", m.name}, {"title", m.title},  {"user_id", m.user_id},
              {"unit_id", m.unit_id},   {"area", m.area}, {"active", m.active}};
}

GroupMember MemberFromRow(const Rows& rows, size_t i) {
  GroupMember m;
  m.id = rows.Int(i, "id");
  m.position = rows.Text(i, "position");
  m.name = rows.Text(i, "name");
  m.title = rows.Text(i, "title");
  m.user_id = rows.Int(i, "user_id");
  m.unit_id = rows.Int(i, "unit_id");
  m.area = rows.Text(i, "area");
  m.sort_order = rows.Int(i, "sort_order");
  m.active = rows.Int(i, "active") != 0;
  return m;
}

}  // namespace

Status DutyService::LinkAttachments(Database& tx, const Actor& actor, const std::vector<int64_t>& ids,
                                    std::string_view kind, int64_t owner) {
  if (ids.size() > 50) return InvalidArgument("一次最多关联 50 个附件");
  for (int64_t id : ids) MINYI_RETURN_IF_ERROR(AttachToOwner(tx, clock_, actor, id, kind, owner));
  return Status::Ok();
}

Result<std::vector<GroupMember>> DutyService::ListMembers() {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT * FROM duty_group_members WHERE active = 1 ORDER BY "
                                              "CASE position WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, "
                                              "sort_order, id"));
  std::vector<GroupMember> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(MemberFromRow(rows, i));
  return out;
}

Result<int64_t> DutyService::SaveMember(const Actor& actor, const GroupMember& m) {
  if (std::find(std::begin(kPositions), std::end(kPositions), m.position) == std::end(kPositions)) {
    return InvalidArgument("职责应为 leader（组长）、deputy（分管）或 member（成员）");
  }
  MINYI_RETURN_IF_ERROR(CheckText(m.name, "姓名", 100, true));
  MINYI_RETURN_IF_ERROR(CheckText(m.title, "职务", 200, false));
  MINYI_RETURN_IF_ERROR(CheckText(m.area, "分管领域", 2000, false));
  int64_t id = m.id;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    if (m.position == "leader" && m.active) {
      MINYI_ASSIGN_OR_RETURN(int64_t n, tx.QueryInt("SELECT COUNT(*) FROM duty_group_members WHERE position = "
                                                    "'leader' AND active = 1 AND id <> ?",
                                                    {id}));
      if (n > 0) return AlreadyExists("领导小组已有组长（第一责任人），请先调整原组长");
    }
    UnixSeconds now = clock_.Now();
    Json before = nullptr;
    if (id == 0) {
      MINYI_ASSIGN_OR_RETURN(
          id,
          tx.InsertReturningId("INSERT INTO duty_group_members(position, name, title, user_id, unit_id, area, "
                               "sort_order, active, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
                               {m.position, m.name, m.title, OptId(m.user_id), OptId(m.unit_id), m.area, m.sort_order,
                                m.active, now, now}));
    } else {
      MINYI_ASSIGN_OR_RETURN(Rows old, tx.QueryOne("SELECT * FROM duty_group_members WHERE id = ?", {id},
                                                   "找不到领导小组成员 " + std::to_string(id)));
      before = MemberJson(MemberFromRow(old, 0));
      MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE duty_group_members SET position = ?, name = ?, title = ?, user_id = ?, "
                                       "unit_id = ?, area = ?, sort_order = ?, active = ?, updated_at = ? WHERE id = ?",
                                       {m.position, m.name, m.title, OptId(m.user_id), OptId(m.unit_id), m.area,
                                        m.sort_order, m.active, now, id})
                                .status());
    }
    return Audit(tx, clock_, actor, m.id == 0 ? "create" : "update", "duty_member", id, before, MemberJson(m));
  }));
  return id;
}

Status DutyService::DeleteMember(const Actor& actor, int64_t id) {
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(int64_t n,
                           tx.Execute("UPDATE duty_group_members SET active = 0, updated_at = ? WHERE id = ? "
                                      "AND active = 1",
                                      {clock_.Now(), id}));
    if (n == 0) return NotFound("找不到领导小组成员 " + std::to_string(id));
    return Audit(tx, clock_, actor, "deactivate", "duty_member", id, Json{{"active", true}}, Json{{"active", false}});
  });
}

Result<std::vector<DutyTask>> DutyService::ListTasks(int64_t member_id) {
  std::string sql = "SELECT * FROM duty_tasks";
  SqlParams p;
  if (member_id != 0) {
    sql += " WHERE member_id = ?";
    p.push_back(member_id);
  }
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query(sql + " ORDER BY member_id, id", p));
  std::vector<DutyTask> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    out.push_back({rows.Int(i, "id"), rows.Int(i, "member_id"), rows.Text(i, "task"), rows.Int(i, "deadline"),
                   rows.Text(i, "status"), rows.Int(i, "done_at")});
  }
  return out;
}

Result<int64_t> DutyService::SaveTask(const Actor& actor, const DutyTask& t) {
  MINYI_RETURN_IF_ERROR(CheckText(t.task, "责任事项", 3000, true));
  if (t.status != "open" && t.status != "done") return InvalidArgument("状态应为 open 或 done");
  int64_t id = t.id;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.QueryOne("SELECT id FROM duty_group_members WHERE id = ?", {t.member_id},
                                      "找不到领导小组成员 " + std::to_string(t.member_id))
                              .status());
    UnixSeconds now = clock_.Now();
    SqlValue done_at = t.status == "done" ? SqlValue(t.done_at ? t.done_at : now) : SqlValue();
    if (id == 0) {
      MINYI_ASSIGN_OR_RETURN(
          id, tx.InsertReturningId("INSERT INTO duty_tasks(member_id, task, deadline, status, done_at, "
                                   "created_at, updated_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                                   {t.member_id, t.task, OptTime(t.deadline), t.status, done_at, now, now}));
    } else {
      MINYI_ASSIGN_OR_RETURN(int64_t n,
                             tx.Execute("UPDATE duty_tasks SET member_id = ?, task = ?, deadline = ?, "
                                        "status = ?, done_at = ?, updated_at = ? WHERE id = ?",
                                        {t.member_id, t.task, OptTime(t.deadline), t.status, done_at, now, id}));
      if (n == 0) return NotFound("找不到责任事项 " + std::to_string(id));
    }
    return Audit(tx, clock_, actor, t.id == 0 ? "create" : "update", "duty_task", id, nullptr,
                 Json{{"member_id", t.member_id}, {"task", t.task}, {"deadline", t.deadline}, {"status", t.status}});
  }));
  return id;
}

}  // namespace minyi
