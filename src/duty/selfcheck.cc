// Self-check templates, yearly fill-in with deductions, and rectifications
// (问题 → 措施 → 责任人 → 时限 → 完成) tracked to closure.
#include <algorithm>
#include <cmath>
#include <map>

#include "duty/duty_internal.h"
#include "store/attachments.h"

namespace minyi {

using namespace duty_internal;  // NOLINT(google-build-using-namespace): .cc only

namespace {

constexpr int64_t kDefaultRectificationDays = 30;

double Round1(double v) { return std::round(v * 10) / 10; }

Rectification RectFromRow(const Rows& rows, size_t i, UnixSeconds now) {
  Rectification r;
  r.id = rows.Int(i, "id");
  r.selfcheck_id = rows.Int(i, "selfcheck_id");
  r.selfcheck_item_id = rows.Int(i, "selfcheck_item_id");
  r.problem = rows.Text(i, "problem");
  r.measure = rows.Text(i, "measure");
  r.responsible_user_id = rows.Int(i, "responsible_user_id");
  r.responsible_name = rows.Text(i, "responsible_name");
  r.deadline = rows.Int(i, "deadline");
  r.stored_status = rows.Text(i, "status");
  r.completed_at = rows.Int(i, "completed_at");
  r.completion_note = rows.Text(i, "completion_note");
  if (r.stored_status == "done") {
    r.status = r.completed_at > r.deadline ? "done_late" : "done";
  } else {
    r.status = now >= r.deadline ? "overdue" : "open";
  }
  return r;
}

Json RectJson(const Rectification& r) {
  return Json{{"problem", r.problem},   {"measure", r.measure},      {"responsible_name", r.responsible_name},
              {"deadline", r.deadline}, {"status", r.stored_status}, {"completion_note", r.completion_note}};
}

Status ValidateRect(const Rectification& r) {
  MINYI_RETURN_IF_ERROR(CheckText(r.problem, "问题", 3000, true));
  MINYI_RETURN_IF_ERROR(CheckText(r.measure, "整改措施", 6000, false));
  MINYI_RETURN_IF_ERROR(CheckText(r.responsible_name, "责任人", 200, false));
  if (r.deadline <= 0) return InvalidArgument("请填写整改时限");
  return Status::Ok();
}

}  // namespace

Result<std::vector<ChecklistTemplate>> DutyService::ListTemplates() {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT id FROM duty_checklist_templates ORDER BY active DESC, id"));
  std::vector<ChecklistTemplate> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    MINYI_ASSIGN_OR_RETURN(ChecklistTemplate t, GetTemplate(rows.Int(i, "id")));
    out.push_back(std::move(t));
  }
  return out;
}

Result<ChecklistTemplate> DutyService::GetTemplate(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.QueryOne("SELECT * FROM duty_checklist_templates WHERE id = ?", {id},
                                                 "找不到自查模板 " + std::to_string(id)));
  ChecklistTemplate t{id, rows.Text(0, "name"), rows.Text(0, "description"), rows.Int(0, "active") != 0, {}, 0};
  MINYI_ASSIGN_OR_RETURN(Rows items,
                         db_.Query("SELECT * FROM duty_checklist_items WHERE template_id = ? AND active = 1 "
                                   "ORDER BY sort_order, id",
                                   {id}));
  for (size_t i = 0; i < items.size(); ++i) {
    t.items.push_back({items.Int(i, "id"), items.Text(i, "category"), items.Text(i, "content"),
                       items.Text(i, "criteria"), items.Double(i, "max_score"), items.Int(i, "sort_order")});
    t.total += t.items.back().max_score;
  }
  t.total = Round1(t.total);
  return t;
}

Result<int64_t> DutyService::SaveTemplate(const Actor& actor, const ChecklistTemplate& t) {
  MINYI_RETURN_IF_ERROR(CheckText(t.name, "模板名称", 300, true));
  MINYI_RETURN_IF_ERROR(CheckText(t.description, "模板说明", 3000, false));
  if (t.items.empty() || t.items.size() > 300) return InvalidArgument("自查项应为 1–300 项");
  for (const ChecklistItem& it : t.items) {
    MINYI_RETURN_IF_ERROR(CheckText(it.content, "自查内容", 3000, true));
    MINYI_RETURN_IF_ERROR(CheckText(it.category, "类别", 300, false));
    MINYI_RETURN_IF_ERROR(CheckText(it.criteria, "评分标准", 3000, false));
    if (!(it.max_score > 0 && it.max_score <= 100))
      return InvalidArgument("每项分值应大于 0、不超过 100：" + it.content);
  }
  int64_t id = t.id;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    UnixSeconds now = clock_.Now();
    Json before = nullptr;
    if (id == 0) {
      MINYI_ASSIGN_OR_RETURN(id, tx.InsertReturningId("INSERT INTO duty_checklist_templates(name, description, active, "
                                                      "created_at, updated_at) VALUES (?,?,?,?,?) RETURNING id",
                                                      {t.name, t.description, t.active, now, now}));
    } else {
      MINYI_ASSIGN_OR_RETURN(ChecklistTemplate old, DutyService(tx, clock_).GetTemplate(id));
      before = Json{{"name", old.name}, {"items", old.items.size()}, {"total", old.total}};
      MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE duty_checklist_templates SET name = ?, description = ?, active = ?, "
                                       "updated_at = ? WHERE id = ?",
                                       {t.name, t.description, t.active, now, id})
                                .status());
      // Items left out are retired, not deleted: filled years refer to them.
      MINYI_RETURN_IF_ERROR(
          tx.Execute("UPDATE duty_checklist_items SET active = 0 WHERE template_id = ?", {id}).status());
    }
    int64_t order = 0;
    double total = 0;
    for (const ChecklistItem& it : t.items) {
      ++order;
      total += it.max_score;
      if (it.id != 0) {
        MINYI_ASSIGN_OR_RETURN(int64_t n,
                               tx.Execute("UPDATE duty_checklist_items SET category = ?, content = ?, "
                                          "criteria = ?, max_score = ?, sort_order = ?, active = 1 WHERE "
                                          "id = ? AND template_id = ?",
                                          {it.category, it.content, it.criteria, it.max_score, order, it.id, id}));
        if (n == 0) return NotFound("自查项 " + std::to_string(it.id) + " 不属于该模板");
      } else {
        MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO duty_checklist_items(template_id, category, content, criteria, "
                                         "max_score, sort_order, active) VALUES (?,?,?,?,?,?,1)",
                                         {id, it.category, it.content, it.criteria, it.max_score, order})
                                  .status());
      }
    }
    return Audit(tx, clock_, actor, t.id == 0 ? "create" : "update", "duty_template", id, before,
                 Json{{"name", t.name}, {"items", t.items.size()}, {"total", Round1(total)}});
  }));
  return id;
}

Result<int64_t> DutyService::StartSelfCheck(const Actor& actor, int64_t template_id, int year) {
  if (year < 2000 || year > 2099) return InvalidArgument("年度无效");
  int64_t id = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(ChecklistTemplate t, DutyService(tx, clock_).GetTemplate(template_id));
    MINYI_ASSIGN_OR_RETURN(int64_t exists, tx.QueryInt("SELECT COUNT(*) FROM duty_selfchecks WHERE template_id = ? AND "
                                                       "year = ?",
                                                       {template_id, year}));
    if (exists > 0) return AlreadyExists(std::to_string(year) + " 年度已按该模板开展自查，请直接打开填写");
    UnixSeconds now = clock_.Now();
    std::string title = std::to_string(year) + "年度" + t.name;
    MINYI_ASSIGN_OR_RETURN(id,
                           tx.InsertReturningId("INSERT INTO duty_selfchecks(template_id, year, title, status, "
                                                "total_max, total_score, created_by_name, created_at, updated_at) "
                                                "VALUES (?,?,?,'draft',?,?,?,?,?) RETURNING id",
                                                {template_id, year, title, t.total, t.total, actor.name, now, now}));
    for (const ChecklistItem& it : t.items) {
      MINYI_RETURN_IF_ERROR(
          tx.Execute("INSERT INTO duty_selfcheck_items(selfcheck_id, item_id, category, content, "
                     "criteria, max_score, deduction, score, sort_order) VALUES (?,?,?,?,?,?,0,?,?)",
                     {id, it.id, it.category, it.content, it.criteria, it.max_score, it.max_score, it.sort_order})
              .status());
    }
    return Audit(tx, clock_, actor, "create", "duty_selfcheck", id, nullptr,
                 Json{{"template_id", template_id}, {"year", year}, {"title", title}});
  }));
  return id;
}

Result<SelfCheck> DutyService::GetSelfCheck(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(
      Rows rows, db_.QueryOne("SELECT * FROM duty_selfchecks WHERE id = ?", {id}, "找不到自查 " + std::to_string(id)));
  SelfCheck s;
  s.id = id;
  s.template_id = rows.Int(0, "template_id");
  s.year = static_cast<int>(rows.Int(0, "year"));
  s.title = rows.Text(0, "title");
  s.status = rows.Text(0, "status");
  s.total_max = rows.Double(0, "total_max");
  s.total_score = rows.Double(0, "total_score");
  s.created_by_name = rows.Text(0, "created_by_name");
  s.submitted_at = rows.Int(0, "submitted_at");
  MINYI_ASSIGN_OR_RETURN(Rows items, db_.Query("SELECT * FROM duty_selfcheck_items WHERE selfcheck_id = ? ORDER BY "
                                               "sort_order, id",
                                               {id}));
  for (size_t i = 0; i < items.size(); ++i) {
    SelfCheckItem it;
    it.id = items.Int(i, "id");
    it.item_id = items.Int(i, "item_id");
    it.category = items.Text(i, "category");
    it.content = items.Text(i, "content");
    it.criteria = items.Text(i, "criteria");
    it.max_score = items.Double(i, "max_score");
    it.deduction = items.Double(i, "deduction");
    it.score = items.Double(i, "score");
    it.finding = items.Text(i, "finding");
    it.note = items.Text(i, "note");
    s.items.push_back(std::move(it));
  }
  return s;
}

Result<std::vector<SelfCheck>> DutyService::ListSelfChecks() {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT id FROM duty_selfchecks ORDER BY year DESC, id DESC"));
  std::vector<SelfCheck> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    MINYI_ASSIGN_OR_RETURN(SelfCheck s, GetSelfCheck(rows.Int(i, "id")));
    s.items.clear();
    out.push_back(std::move(s));
  }
  return out;
}

Status DutyService::ScoreSelfCheck(const Actor& actor, int64_t id, const std::vector<SelfCheckItem>& items,
                                   bool submit) {
  return db_.InTransaction([&](Database& tx) -> Status {
    DutyService svc(tx, clock_);
    MINYI_ASSIGN_OR_RETURN(SelfCheck s, svc.GetSelfCheck(id));
    if (s.status == "submitted") return FailedPrecondition("该自查已提交，不能再修改评分");
    std::map<int64_t, SelfCheckItem*> by_id;
    for (SelfCheckItem& it : s.items) by_id[it.id] = &it;
    for (const SelfCheckItem& in : items) {
      auto found = by_id.find(in.id);
      if (found == by_id.end()) return NotFound("自查项 " + std::to_string(in.id) + " 不属于该自查");
      SelfCheckItem& it = *found->second;
      if (!(in.deduction >= 0 && in.deduction <= it.max_score)) {
        return InvalidArgument("扣分应在 0 到该项分值（" + std::to_string(static_cast<int>(it.max_score)) + "）之间：" +
                               it.content);
      }
      MINYI_RETURN_IF_ERROR(CheckText(in.finding, "发现的问题", 3000, false));
      MINYI_RETURN_IF_ERROR(CheckText(in.note, "说明", 3000, false));
      it.deduction = Round1(in.deduction);
      it.score = Round1(it.max_score - it.deduction);
      it.finding = in.finding;
      it.note = in.note;
      MINYI_RETURN_IF_ERROR(
          tx.Execute("UPDATE duty_selfcheck_items SET deduction = ?, score = ?, finding = ?, note = ? "
                     "WHERE id = ?",
                     {it.deduction, it.score, it.finding, it.note, it.id})
              .status());
    }
    double total = 0;
    for (const SelfCheckItem& it : s.items) total += it.score;
    UnixSeconds now = clock_.Now();
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE duty_selfchecks SET total_score = ?, status = ?, submitted_at = ?, "
                   "updated_at = ? WHERE id = ?",
                   {Round1(total), submit ? "submitted" : "draft", submit ? SqlValue(now) : SqlValue(), now, id})
            .status());
    // On submission each problem found becomes a rectification item, unless
    // one was already opened for it by hand.
    int opened = 0;
    if (submit) {
      for (const SelfCheckItem& it : s.items) {
        if (it.finding.empty()) continue;
        MINYI_ASSIGN_OR_RETURN(int64_t n, tx.QueryInt("SELECT COUNT(*) FROM duty_rectifications WHERE "
                                                      "selfcheck_item_id = ?",
                                                      {it.id}));
        if (n > 0) continue;
        Rectification r;
        r.selfcheck_id = id;
        r.selfcheck_item_id = it.id;
        r.problem = it.finding;
        r.deadline = DayStart(LocalDay(now) + kDefaultRectificationDays + 1);
        MINYI_RETURN_IF_ERROR(svc.CreateRectification(actor, r).status());
        ++opened;
      }
    }
    return Audit(tx, clock_, actor, submit ? "submit" : "update", "duty_selfcheck", id,
                 Json{{"total_score", s.total_score}, {"status", s.status}},
                 Json{{"total_score", Round1(total)},
                      {"status", submit ? "submitted" : "draft"},
                      {"rectifications_opened", opened}});
  });
}

Result<int64_t> DutyService::CreateRectification(const Actor& actor, const Rectification& r) {
  MINYI_RETURN_IF_ERROR(ValidateRect(r));
  int64_t id = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    std::string responsible = r.responsible_name;
    if (r.responsible_user_id != 0) {
      MINYI_ASSIGN_OR_RETURN(User u, OrgRepo(tx, clock_).GetUser(r.responsible_user_id));
      if (responsible.empty()) responsible = u.display_name;
    }
    UnixSeconds now = clock_.Now();
    MINYI_ASSIGN_OR_RETURN(
        id, tx.InsertReturningId("INSERT INTO duty_rectifications(selfcheck_id, selfcheck_item_id, "
                                 "problem, measure, responsible_user_id, responsible_name, deadline, "
                                 "status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,'open',?,?) "
                                 "RETURNING id",
                                 {OptId(r.selfcheck_id), OptId(r.selfcheck_item_id), r.problem, r.measure,
                                  OptId(r.responsible_user_id), responsible, r.deadline, now, now}));
    Rectification saved = r;
    saved.responsible_name = responsible;
    return Audit(tx, clock_, actor, "create", "duty_rectification", id, nullptr, RectJson(saved));
  }));
  return id;
}

Status DutyService::UpdateRectification(const Actor& actor, const Rectification& r) {
  MINYI_RETURN_IF_ERROR(ValidateRect(r));
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Rectification old, DutyService(tx, clock_).GetRectification(r.id));
    if (old.stored_status == "done") return FailedPrecondition("该整改事项已完成，不能再修改");
    std::string responsible = r.responsible_name;
    if (r.responsible_user_id != 0 && responsible.empty()) {
      MINYI_ASSIGN_OR_RETURN(User u, OrgRepo(tx, clock_).GetUser(r.responsible_user_id));
      responsible = u.display_name;
    }
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE duty_rectifications SET problem = ?, measure = ?, responsible_user_id = ?, "
                   "responsible_name = ?, deadline = ?, updated_at = ? WHERE id = ?",
                   {r.problem, r.measure, OptId(r.responsible_user_id), responsible, r.deadline, clock_.Now(), r.id})
            .status());
    Rectification saved = r;
    saved.responsible_name = responsible;
    saved.stored_status = old.stored_status;
    return Audit(tx, clock_, actor, "update", "duty_rectification", r.id, RectJson(old), RectJson(saved));
  });
}

Status DutyService::CompleteRectification(const Actor& actor, int64_t id, const std::string& note,
                                          const std::vector<int64_t>& attachment_ids) {
  MINYI_RETURN_IF_ERROR(CheckText(note, "完成情况", 6000, true));
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Rectification old, DutyService(tx, clock_).GetRectification(id));
    if (old.stored_status == "done") return FailedPrecondition("该整改事项已完成");
    if (old.measure.empty()) return FailedPrecondition("请先填写整改措施，再标记完成");
    MINYI_RETURN_IF_ERROR(LinkAttachments(tx, actor, attachment_ids, "rectification", id));
    UnixSeconds now = clock_.Now();
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE duty_rectifications SET status = 'done', completed_at = ?, "
                                     "completion_note = ?, updated_at = ? WHERE id = ?",
                                     {now, note, now, id})
                              .status());
    Rectification saved = old;
    saved.stored_status = "done";
    saved.completion_note = note;
    return Audit(tx, clock_, actor, "complete", "duty_rectification", id, RectJson(old), RectJson(saved));
  });
}

Result<Rectification> DutyService::GetRectification(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.QueryOne("SELECT * FROM duty_rectifications WHERE id = ?", {id},
                                                 "找不到整改事项 " + std::to_string(id)));
  Rectification r = RectFromRow(rows, 0, clock_.Now());
  r.attachment_ids = AttachmentIds(db_, "rectification", id);
  return r;
}

Result<std::vector<Rectification>> DutyService::ListRectifications(int64_t selfcheck_id, const std::string& status) {
  std::string sql = "SELECT * FROM duty_rectifications WHERE 1 = 1";
  SqlParams p;
  if (selfcheck_id != 0) {
    sql += " AND selfcheck_id = ?";
    p.push_back(selfcheck_id);
  }
  MINYI_ASSIGN_OR_RETURN(Rows rows, db_.Query(sql + " ORDER BY deadline, id", p));
  UnixSeconds now = clock_.Now();
  std::vector<Rectification> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    Rectification r = RectFromRow(rows, i, now);
    bool keep = status.empty() || (status == "open" && r.stored_status == "open") || status == r.status ||
                (status == "done" && r.stored_status == "done");
    if (keep) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace minyi
