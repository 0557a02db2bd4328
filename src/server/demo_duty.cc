// Demo records for the duty ledger: the leading group of 清河县融媒体中心,
// recurring obligations, meetings and study sessions in 2026, zero-reports
// for recent months with a couple of units missing, a self-check template
// with 15 items and a filled 2026 self-check with two rectifications.
#include "common/calendar.h"
#include "duty/duty.h"
#include "server/demo_internal.h"

namespace minyi {
namespace {

UnixSeconds At(const char* local) {
  auto t = ParseLocalTime(local);
  return t.ok() ? *t : 0;
}

Status SeedGroup(DutyService& svc, const Actor& a, DemoContext& demo) {
  struct M {
    const char* position;
    const char* name;
    const char* title;
    const char* account;
    const char* unit;
    const char* area;
    const char* task;
  };
  const M members[] = {
      {"leader", "王局长", "党委书记、主任", "leader", "", "全面负责网络意识形态工作，第一责任人",
       "每季度主持召开一次网络意识形态研判会"},
      {"deputy", "陈副局长", "党委委员、副主任", "", "办公室", "分管网络意识形态工作，直接责任人",
       "督促各单位按月报送零报告，组织年度自查"},
      {"member", "李科长", "宣传科科长", "reviewer", "宣传科", "负责信息发布内容审核（一岗双责）",
       "落实稿件三审三校制度"},
      {"member", "周主任", "网络信息科主任", "", "网络信息科", "负责网络阵地登记与安全检查（一岗双责）",
       "每季度完成一次网络阵地安全检查"},
      {"member", "赵干事", "信访接待室干事", "handler", "信访接待室", "负责网络舆情处置与回应（一岗双责）",
       "舆情事项按时限办结"},
  };
  int order = 0;
  for (const M& m : members) {
    GroupMember g;
    g.position = m.position;
    g.name = m.name;
    g.title = m.title;
    g.user_id = m.account[0] ? demo.user_ids[m.account] : 0;
    g.unit_id = m.unit[0] ? demo.unit_ids[m.unit] : 0;
    g.area = m.area;
    g.sort_order = ++order;
    MINYI_ASSIGN_OR_RETURN(int64_t id, svc.SaveMember(a, g));
    MINYI_RETURN_IF_ERROR(svc.SaveTask(a, {0, id, m.task, At("2026-12-31"), "open", 0}).status());
  }
  return Status::Ok();
}

Result<std::vector<int64_t>> SeedObligations(DutyService& svc, const Actor& a, DemoContext& demo) {
  struct O {
    const char* name;
    const char* kind;
    Recurrence r;
    int due_day;
    int min_count;
  };
  const O list[] = {
      {"季度网络意识形态形势研判会", "meeting", Recurrence::kQuarterly, 0, 1},
      {"网络意识形态专题会议（每年不少于两次）", "special_session", Recurrence::kCountPerYear, 0, 2},
      {"各单位月度零报告", "zero_report", Recurrence::kMonthly, -5, 1},
      {"年度责任制落实情况自查", "self_check", Recurrence::kYearly, 15, 1},
      {"网络阵地安全检查（改密码、查杀病毒、内外网隔离）", "channel_check", Recurrence::kQuarterly, 0, 1},
      {"理论学习中心组网络意识形态专题学习", "study", Recurrence::kHalfYear, 0, 1},
  };
  std::vector<int64_t> ids;
  for (const O& o : list) {
    Obligation ob;
    ob.name = o.name;
    ob.kind = o.kind;
    ob.recurrence = o.r;
    ob.due_day = o.due_day;
    ob.min_count = o.min_count;
    ob.remind_days = o.r == Recurrence::kMonthly ? 3 : 10;
    ob.start_year = 2026;
    ob.assignee_unit_id = demo.unit_ids["办公室"];
    MINYI_ASSIGN_OR_RETURN(int64_t id, svc.SaveObligation(a, ob));
    ids.push_back(id);
  }
  return ids;
}

Status SeedRecords(DutyService& svc, const Actor& a, const std::vector<int64_t>& obligations) {
  struct R {
    const char* kind;
    const char* when;
    const char* topic;
    int obligation;  // index into obligations, -1 none
  };
  const R list[] = {
      {"meeting", "2026-03-26 15:00", "一季度网络意识形态形势研判会", 0},
      {"meeting", "2026-06-24 15:00", "二季度网络意识形态形势研判会", 0},
      {"meeting", "2026-09-25 15:00", "三季度网络意识形态形势研判会", 0},
      {"special_session", "2026-04-15 09:30", "网络意识形态工作专题会议：部署年度重点任务", 1},
      {"study", "2026-05-12 14:30", "集中学习《网络安全法》《网络信息内容生态治理规定》", 5},
      {"training", "2026-07-08 09:00", "信息员网络舆情报送与处置培训", -1},
  };
  for (const R& r : list) {
    DutyRecord rec;
    rec.kind = r.kind;
    rec.held_at = At(r.when);
    rec.topic = r.topic;
    rec.location = "中心三楼会议室";
    rec.host = r.kind == std::string("training") ? "陈副局长" : "王局长";
    rec.attendees = {"王局长", "陈副局长", "李科长", "周主任", "赵干事", "宣传科", "网络信息科"};
    rec.minutes =
        std::string("会议（活动）围绕“") + r.topic + "”进行。与会人员交流了本单位情况，明确了下一步工作要求。";
    rec.obligation_id = r.obligation >= 0 ? obligations[r.obligation] : 0;
    MINYI_RETURN_IF_ERROR(svc.SaveRecord(a, rec).status());
  }
  return Status::Ok();
}

Status SeedZeroReports(DutyService& svc, const Actor& a, DemoContext& demo, UnixSeconds now) {
  User admin;
  admin.role = Role::kAdmin;
  admin.id = demo.user_ids["admin"];
  std::vector<std::string> months = RecentMonths(now, 7);
  months.pop_back();  // the current month is still open
  const char* units[] = {"办公室",   "宣传科",         "政策法规科", "信访接待室", "网络信息科", "东关村",
                         "西街社区", "城关镇中心小学", "石桥村",     "柳树湾村",   "青石乡中学"};
  for (size_t m = 0; m < months.size(); ++m) {
    for (const char* u : units) {
      bool last = m + 1 == months.size();
      // Two units have not reported last month, so the grid shows gaps.
      if (last && (std::string(u) == "柳树湾村" || std::string(u) == "青石乡中学")) continue;
      ZeroReport r;
      r.unit_id = demo.unit_ids[u];
      r.month = months[m];
      if (std::string(u) == "西街社区" && m == 0) {
        r.nothing_to_report = false;
        r.matters = {{"小区业主群转发停水不实消息", "已联系供水公司核实，在业主群发布权威通知，未造成影响。"}};
      }
      MINYI_RETURN_IF_ERROR(svc.SubmitZeroReport(a, admin, r).status());
    }
  }
  return Status::Ok();
}

Status SeedSelfCheck(DutyService& svc, const Actor& a, DemoContext& demo) {
  ChecklistTemplate t;
  t.name = "网络意识形态工作责任制落实情况自查表";
  t.description = "对照责任制要求逐项自查，满分 100 分。";
  t.items = {
      {0, "组织领导", "成立网络意识形态工作领导小组，明确第一责任人和直接责任人", "未成立不得分", 8, 0},
      {0, "组织领导", "签订网络意识形态工作责任书", "每缺一份扣 1 分", 6, 0},
      {0, "组织领导", "制定年度责任清单并分解到人", "未制定不得分", 6, 0},
      {0, "研判会商", "每季度召开网络意识形态形势研判会", "每缺一次扣 2 分", 8, 0},
      {0, "研判会商", "每年召开专题会议不少于两次", "每少一次扣 3 分", 6, 0},
      {0, "阵地管理", "网络阵地全部登记备案", "每漏一个扣 2 分", 8, 0},
      {0, "阵地管理", "发布内容落实三审三校", "发现一次未审核扣 2 分", 8, 0},
      {0, "阵地管理", "定期开展阵地安全检查（改密码、查杀病毒、内外网隔离）", "每缺一次扣 1 分", 6, 0},
      {0, "舆情处置", "建立舆情监测和报告机制", "未建立不得分", 6, 0},
      {0, "舆情处置", "舆情事项按时限处置回应", "每超时一件扣 1 分", 8, 0},
      {0, "信息报送", "各单位按月报送零报告", "每缺一次扣 0.5 分", 6, 0},
      {0, "教育培训", "组织集中学习不少于两次", "每少一次扣 2 分", 6, 0},
      {0, "教育培训", "开展信息员业务培训", "未开展不得分", 6, 0},
      {0, "监督检查", "开展年度自查并形成报告", "未开展不得分", 4, 0},
      {0, "监督检查", "发现问题建立整改台账并按期销号", "每逾期一项扣 1 分", 4, 0},
  };
  MINYI_ASSIGN_OR_RETURN(int64_t tid, svc.SaveTemplate(a, t));
  MINYI_ASSIGN_OR_RETURN(int64_t sid, svc.StartSelfCheck(a, tid, 2026));
  MINYI_ASSIGN_OR_RETURN(SelfCheck s, svc.GetSelfCheck(sid));
  std::vector<SelfCheckItem> items;
  for (SelfCheckItem it : s.items) {
    if (it.content.find("登记备案") != std::string::npos) {
      it.deduction = 4;
      it.finding = "两个村级微信公众号未登记备案";
      items.push_back(it);
    } else if (it.content.find("按月报送零报告") != std::string::npos) {
      it.deduction = 1;
      it.finding = "部分村（校）零报告未按时报送";
      items.push_back(it);
    }
  }
  MINYI_RETURN_IF_ERROR(svc.ScoreSelfCheck(a, sid, items, true));
  MINYI_ASSIGN_OR_RETURN(auto rects, svc.ListRectifications(sid, ""));
  for (Rectification r : rects) {
    r.measure = r.problem.find("公众号") != std::string::npos ? "督促所属村补办登记备案，纳入阵地台账统一管理"
                                                              : "每月 5 日前电话提醒未报单位，纳入年度考核";
    r.responsible_user_id = demo.user_ids["admin"];
    r.responsible_name = r.problem.find("公众号") != std::string::npos ? "周主任" : "陈副局长";
    MINYI_RETURN_IF_ERROR(svc.UpdateRectification(a, r));
  }
  if (!rects.empty()) {
    MINYI_RETURN_IF_ERROR(
        svc.CompleteRectification(a, rects.front().id, "两个公众号已完成登记备案，纳入阵地台账。", {}));
  }
  return Status::Ok();
}

}  // namespace

Status SeedDutyDemo(DemoContext& demo) {
  Actor a{0, "系统（演示数据）"};
  DutyService svc(demo.store->db(), *demo.clock);
  MINYI_RETURN_IF_ERROR(SeedGroup(svc, a, demo));
  MINYI_ASSIGN_OR_RETURN(auto obligations, SeedObligations(svc, a, demo));
  MINYI_RETURN_IF_ERROR(SeedRecords(svc, a, obligations));
  MINYI_RETURN_IF_ERROR(SeedZeroReports(svc, a, demo, demo.clock->Now()));
  MINYI_RETURN_IF_ERROR(SeedSelfCheck(svc, a, demo));
  return svc.RunSchedule(a).status();
}

}  // namespace minyi
