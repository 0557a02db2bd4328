// Demo records for rota: this month's rota (and next month's when today is
// late in the month), a heightened period, a hand-over note and one page
// waiting for acknowledgement.
#include "cases/cases.h"
#include "common/resources.h"
#include "notify/notify.h"
#include "rota/rota.h"
#include "server/demo_internal.h"

namespace minyi {

namespace {

Status GenerateAround(RotaService& svc, const Actor& a, DemoContext& demo, DayNumber today) {
  MINYI_ASSIGN_OR_RETURN(WorkCalendar cal, LoadWorkCalendar(demo.store->db(), ResourceDir()));
  GenerateOptions o;
  o.people = {demo.user_ids["handler"], demo.user_ids["editor"], demo.user_ids["reviewer"]};
  o.leaders = {demo.user_ids["leader"]};
  for (DayNumber d : {today, today + 14}) {
    CivilDate c = CivilFromDay(d);
    if (d != today && c.month == CivilFromDay(today).month) continue;
    o.year = c.year;
    o.month = c.month;
    MINYI_RETURN_IF_ERROR(svc.GenerateMonth(a, cal, o).status());
  }
  return Status::Ok();
}

Status PageOneAlert(RotaService& svc, DemoContext& demo) {
  MINYI_ASSIGN_OR_RETURN(int64_t paged, svc.PageNewNotifications());
  if (paged > 0) return Status::Ok();
  return demo.store->db().InTransaction([&](Database& tx) -> Status {
    Notification n;
    n.kind = "alert";
    n.title = "【演示】城东片区拆迁补偿相关帖文一小时内增长明显";
    n.body = "监测到相关信息 12 条，其中负面 5 条，请值班人员关注研判。";
    n.link = "#/monitor/events";
    return EnqueueNotification(tx, *demo.clock, n).status();
  });
}

}  // namespace

Status SeedRotaDemo(DemoContext& demo) {
  Actor a{0, "系统（演示数据）"};
  RotaService svc(demo.store->db(), *demo.clock);
  DayNumber today = LocalDay(demo.clock->Now());
  HeightenedPeriod p;
  p.name = "县人代会、政协会期间";
  p.first_day = today + 3;
  p.last_day = today + 6;
  p.note = "会议期间每日须有带班领导，夜间保持电话畅通";
  MINYI_RETURN_IF_ERROR(svc.SavePeriod(a, p).status());
  MINYI_RETURN_IF_ERROR(svc.SaveSettings(a, {15, demo.user_ids["leader"]}));
  MINYI_RETURN_IF_ERROR(GenerateAround(svc, a, demo, today));

  // A hand-over note from the previous shift to the one on duty now.
  MINYI_ASSIGN_OR_RETURN(auto now_shift, svc.OnDutyAt(demo.clock->Now()));
  if (now_shift) {
    MINYI_ASSIGN_OR_RETURN(auto prev, svc.OnDutyAt(now_shift->starts_at - 1));
    if (prev) {
      MINYI_ASSIGN_OR_RETURN(User from, OrgRepo(demo.store->db(), *demo.clock).GetUser(prev->user_id));
      MINYI_RETURN_IF_ERROR(svc.CreateHandover(from, prev->id, "本班监测平稳，共处理预警 1 条，已按流程报告带班领导。",
                                               "城东片区拆迁补偿话题仍有讨论，请继续关注并于上午 10 时前研判。")
                                .status());
    }
  }
  MINYI_RETURN_IF_ERROR(PageOneAlert(svc, demo));
  return svc.PageNewNotifications().status();
}

}  // namespace minyi
