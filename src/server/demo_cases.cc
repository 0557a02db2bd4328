// Demo records for the cases subsystem: a dozen 清河县 cases spread over
// every state and several departments, with a believable history. Each case
// is played through the real CaseService on a manual clock set into the past,
// so timelines, clocks and statistics look like a month of real work.
// Extra handler accounts (城关镇, 青石乡, 宣传科) share the demo password: their
// hash is copied from the demo account "handler".
#include <functional>

#include "cases/cases.h"
#include "common/resources.h"
#include "server/demo_internal.h"
#include "store/org.h"

namespace minyi {
namespace {

struct ExtraHandler {
  const char* name;
  const char* display_name;
  const char* unit;
};

constexpr ExtraHandler kExtraHandlers[] = {
    {"handler2", "孙干事", "城关镇"}, {"handler3", "吴干事", "青石乡"}, {"handler4", "周干事", "宣传科"}};

// How far each demo case gets.
enum class Goal {
  kReceived,
  kDispatched,
  kProcessing,
  kReplied,
  kClosed,
  kEvaluated,
  kReturned,
  kExtension,
  kPaused,
  kReopened,
  kOverdue
};

struct DemoCase {
  const char* title;
  const char* description;
  const char* origin;
  const char* origin_ref;
  const char* channel;
  const char* case_type;
  const char* priority;
  int days_ago;
  const char* lead;  // lead handler account
  const char* co_unit;
  Goal goal;
  int satisfaction;
};

constexpr DemoCase kCases[] = {
    {"西街社区主干道路灯不亮", "群众反映西街社区主干道 6 盏路灯损坏两周，夜间出行不便。", "complaint",
     "12345-20261102-0031", "hotline", "general", "normal", 21, "handler2", "", Goal::kEvaluated, 5},
    {"石桥村村道雨后积水", "县长信箱来信：石桥村村口道路每逢下雨积水严重，学生上学需绕行。", "complaint",
     "XX-2026-0412", "mailbox", "general", "normal", 18, "handler3", "", Goal::kClosed, 0},
    {"网传县某中学食堂卫生问题", "监测发现多个本地论坛帖子称青石乡中学食堂卫生差，需核实情况并及时回应。",
     "monitor_event", "17", "", "general", "urgent", 2, "handler4", "青石乡", Goal::kProcessing, 0},
    {"市网信办交办：网民反映小区物业收费不透明", "市网信办转来网民留言，请核实并于规定时限内报送办理结果。", "superior",
     "市网信交〔2026〕58号", "", "complex", "normal", 3, "handler2", "政策法规科", Goal::kDispatched, 0},
    {"东关村夜间施工噪音扰民", "12345 工单：东关村附近工地夜间施工，噪音影响居民休息。", "complaint",
     "12345-20261117-0102", "hotline", "general", "normal", 5, "handler2", "", Goal::kReplied, 0},
    {"青石乡中学校车接送时间调整诉求", "家长来信希望校车早班提前 10 分钟。", "complaint", "XX-2026-0436", "mailbox",
     "general", "normal", 4, "handler2", "", Goal::kReturned, 0},
    {"建议及时更新政务公开栏", "县长信箱来信：城关镇政务公开栏内容多月未更新。", "complaint", "XX-2026-0441", "mailbox",
     "general", "normal", 1, "", "", Goal::kReceived, 0},
    {"农贸市场周边占道经营", "群众反映农贸市场周边流动摊贩占道经营，早高峰交通拥堵。", "manual", "", "", "general",
     "normal", 16, "handler2", "", Goal::kOverdue, 0},
    {"柳树湾村饮水水压不足", "柳树湾村部分农户反映自来水水压不足，高处农户经常停水。需协调水务部门勘查。", "complaint",
     "12345-20261110-0077", "hotline", "complex", "normal", 9, "handler3", "", Goal::kExtension, 0},
    {"西街社区老旧小区加装电梯咨询", "居民咨询加装电梯补贴政策，需待居民补充意见征询材料。", "complaint",
     "12345-20261113-0150", "hotline", "general", "normal", 7, "handler2", "", Goal::kPaused, 0},
    {"网传县融媒体中心发布信息有误", "监测发现网民指出县融媒体中心一则通知中的日期有误，需核实更正。", "monitor_item",
     "305", "", "general", "normal", 12, "handler4", "", Goal::kReopened, 0},
    {"网传清河大桥桥面出现裂缝", "监测发现短视频称清河大桥桥面出现裂缝，引发关注，需紧急核实并发布权威信息。",
     "monitor_event", "9", "", "general", "urgent", 10, "handler2", "宣传科", Goal::kEvaluated, 4},
};

class DemoPlayer {
 public:
  DemoPlayer(DemoContext& demo, const WorkCalendar& cal)
      : demo_(demo), clock_(demo.clock->Now()), svc_(demo.store->db(), clock_, cal) {}

  Status Seed() {
    for (const DemoCase& d : kCases) MINYI_RETURN_IF_ERROR(Play(d));
    return Status::Ok();
  }

 private:
  Result<CaseActor> Who(const std::string& account) {
    OrgRepo org(demo_.store->db(), *demo_.clock);
    auto it = demo_.user_ids.find(account);
    if (it == demo_.user_ids.end()) return NotFound("演示账号不存在：" + account);
    MINYI_ASSIGN_OR_RETURN(User u, org.GetUser(it->second));
    return CaseActor{{u.id, u.display_name}, u.role, u.unit_id};
  }

  // Moves the clock `hours` after the case's receipt (never past now).
  void At(UnixSeconds received, double hours) {
    UnixSeconds t = received + static_cast<int64_t>(hours * 3600);
    clock_.Set(std::min(t, now_ - 60));
  }

  Status Play(const DemoCase& d) {
    MINYI_ASSIGN_OR_RETURN(CaseActor office, Who("handler"));
    MINYI_ASSIGN_OR_RETURN(CaseActor leader, Who("leader"));
    UnixSeconds received = now_ - d.days_ago * 86400LL - 5 * 3600;
    clock_.Set(received);
    NewCase n;
    n.origin = d.origin;
    n.origin_ref = d.origin_ref;
    n.channel = d.channel;
    n.title = d.title;
    n.description = d.description;
    n.case_type = d.case_type;
    n.priority = d.priority;
    n.region = "清河县";
    if (n.origin == "superior") n.superior_deadline = received + 6 * 86400;
    MINYI_ASSIGN_OR_RETURN(int64_t id, svc_.Create(office, n));
    if (d.goal == Goal::kReceived) return Status::Ok();
    MINYI_ASSIGN_OR_RETURN(CaseActor lead, Who(d.lead));
    std::vector<int64_t> co;
    if (d.co_unit[0] && demo_.unit_ids.count(d.co_unit)) co.push_back(demo_.unit_ids[d.co_unit]);
    bool urgent = std::string(d.priority) == "urgent";
    At(received, urgent ? 0.2 : 1);
    MINYI_RETURN_IF_ERROR(svc_.Dispatch(office, id, lead.unit_id, co, "请按时限办理并反馈"));
    if (d.goal == Goal::kDispatched) return Status::Ok();
    At(received, urgent ? 0.5 : 3);
    if (d.goal == Goal::kReturned) return svc_.Return(lead, id, "该事项属教育部门职责，建议改派青石乡中学主管部门");
    MINYI_RETURN_IF_ERROR(svc_.Sign(lead, id));
    At(received, urgent ? 0.8 : 20);
    MINYI_RETURN_IF_ERROR(svc_.AddProgress(lead, id, "已到现场核实，情况属实，正在协调处理"));
    if (d.goal == Goal::kProcessing || d.goal == Goal::kOverdue) return Status::Ok();
    if (d.goal == Goal::kExtension) {
      At(received, 30);
      return svc_.RequestExtension(lead, id, 5, "需水务公司现场勘查管网，申请延期 5 个工作日");
    }
    if (d.goal == Goal::kPaused) {
      At(received, 26);
      return svc_.Pause(lead, id, "等待居民补充意见征询材料");
    }
    At(received, urgent ? 1.5 : 44);
    MINYI_RETURN_IF_ERROR(svc_.Reply(lead, id, "经核实已处理完毕，处理情况已向群众反馈。", {}));
    if (d.goal == Goal::kReplied) return Status::Ok();
    At(received, urgent ? 1.8 : 50);
    MINYI_RETURN_IF_ERROR(svc_.Approve(leader, id, "同意办结"));
    if (d.goal == Goal::kReopened) {
      At(received, 70);
      MINYI_RETURN_IF_ERROR(svc_.Reopen(office, id, "回访发现更正说明尚未发布，请继续办理"));
      return Status::Ok();
    }
    if (d.goal == Goal::kClosed) return Status::Ok();
    At(received, 72);
    return svc_.Evaluate(office, id, d.satisfaction, "电话回访");
  }

  DemoContext& demo_;
  UnixSeconds now_ = demo_.clock->Now();
  ManualClock clock_;
  CaseService svc_;
};

Status CreateExtraHandlers(DemoContext& demo) {
  Database& db = demo.store->db();
  MINYI_ASSIGN_OR_RETURN(
      Rows r, db.QueryOne("SELECT password_hash FROM users WHERE name = 'handler'", {}, "缺少演示账号 handler"));
  std::string hash = r.Text(0, "password_hash");
  OrgRepo org(db, *demo.clock);
  Actor system{0, "系统（演示数据）"};
  for (const ExtraHandler& h : kExtraHandlers) {
    User u;
    u.name = h.name;
    u.display_name = h.display_name;
    u.role = Role::kHandler;
    u.unit_id = demo.unit_ids[h.unit];
    MINYI_ASSIGN_OR_RETURN(demo.user_ids[h.name], org.CreateUser(system, u, hash));
  }
  return Status::Ok();
}

}  // namespace

Status SeedCasesDemo(DemoContext& demo) {
  MINYI_RETURN_IF_ERROR(CreateExtraHandlers(demo));
  MINYI_ASSIGN_OR_RETURN(WorkCalendar cal, LoadWorkCalendar(demo.store->db(), ResourceDir()));
  DemoPlayer player(demo, cal);
  return player.Seed();
}

}  // namespace minyi
