// Demo records for the review desk: three channels and drafts in different
// stages, with a few planted problems (an ID number, a typo, an outdated
// institution name, an advertising superlative) for the checks to find.
#include "review/desk.h"
#include "server/demo_internal.h"
#include "store/org.h"

namespace minyi {
namespace {

const char* const kFireNotice =
    "关于做好今冬明春森林防火工作的通知\n"
    "各乡镇、各有关单位：\n"
    "当前已进入森林防火紧要期，各单位要按步就班落实防火责任，加强巡山护林，严禁野外用火。\n"
    "如发现火情，请立即拨打森林防火报警电话12119，或联系县应急管理局值班室。\n"
    "联系人：王某某，身份证号11010519491231002X。\n";

const char* const kMarketNotice =
    "县工商局联合有关部门开展秋季农资打假专项行动\n"
    "近日，县工商局联合农业农村局开展农资市场检查，共检查经营户46家，查处违规经营行为3起。\n"
    "下一步，将持续加大监管力度，保障春耕生产用资安全。\n";

const char* const kTourismDraft =
    "青石乡柳树湾村入选省级乡村旅游重点村\n"
    "柳树湾村依托万亩梨园，打造全省最佳赏花目的地，今年接待游客12万人次。\n";

const char* const kHarvestNews =
    "城关镇东关村秋粮喜获丰收\n"
    "今年东关村种植玉米3200亩，平均亩产较去年增加约8%。村党支部组织党员志愿服务队帮助困难群众抢收。\n";

const char* const kHarvestNewsV1 =
    "城关镇东关村秋粮喜获丰收\n"
    "今年东关村种植玉米3200亩，平均亩产较去年增加约8%。村党支部组织党员志愿服务队帮助困难群众抢收，"
    "大家再接再励，确保颗粒归仓。\n";

}  // namespace

Status SeedReviewDemo(DemoContext& demo) {
  Database& db = demo.store->db();
  OrgRepo org(db, *demo.clock);
  auto user = [&](const char* name) -> Result<User> {
    auto it = demo.user_ids.find(name);
    if (it == demo.user_ids.end()) return NotFound(std::string("演示账号不存在：") + name);
    return org.GetUser(it->second);
  };
  MINYI_ASSIGN_OR_RETURN(User admin, user("admin"));
  MINYI_ASSIGN_OR_RETURN(User editor, user("editor"));
  MINYI_ASSIGN_OR_RETURN(User reviewer, user("reviewer"));
  MINYI_ASSIGN_OR_RETURN(User leader, user("leader"));

  // The story starts a few days ago so the ledger shows realistic times.
  ManualClock clock(demo.clock->Now() - 4 * 86400);
  OrgChecker checker;
  MINYI_RETURN_IF_ERROR(checker.Reload(db));
  ReviewDesk desk(db, clock, checker);

  int64_t unit = demo.unit_ids.count("宣传科") ? demo.unit_ids["宣传科"] : 0;
  Channel site;
  site.kind = "website";
  site.name = "清河县人民政府网站";
  site.address = "http://www.qinghe.gov.cn";
  site.unit_id = demo.unit_ids.count("办公室") ? demo.unit_ids["办公室"] : 0;
  site.manager_id = editor.id;
  site.last_check_at = clock.Now() - 30 * 86400;
  MINYI_ASSIGN_OR_RETURN(int64_t site_id, desk.CreateChannel(admin, site));
  Channel wechat;
  wechat.kind = "wechat";
  wechat.name = "“清河发布”微信公众号";
  wechat.address = "qinghefabu";
  wechat.unit_id = unit;
  wechat.manager_id = editor.id;
  wechat.last_check_at = clock.Now() - 12 * 86400;
  MINYI_ASSIGN_OR_RETURN(int64_t wechat_id, desk.CreateChannel(admin, wechat));
  Channel screen;
  screen.kind = "screen";
  screen.name = "县政务服务大厅电子屏";
  screen.address = "政务服务大厅一楼";
  screen.unit_id = unit;
  screen.stages = {ReviewStage::kFirst, ReviewStage::kFinal};
  screen.note = "滚动字幕，内容简短";
  MINYI_RETURN_IF_ERROR(desk.CreateChannel(admin, screen).status());

  auto approve = [&](const User& who, int64_t draft, ReviewStage stage, int64_t wait) -> Status {
    clock.Advance(wait);
    MINYI_ASSIGN_OR_RETURN(Draft d, desk.GetDraft(draft));
    return desk.Decide(who, draft, {stage, d.current_version_id, "", ReviewDecision::kApprove, ""});
  };

  // Published: returned once for a typo, fixed, then passed all three stages.
  MINYI_ASSIGN_OR_RETURN(int64_t harvest,
                         desk.Submit(editor, {wechat_id, "城关镇东关村秋粮喜获丰收", kHarvestNewsV1, "粘贴"}));
  clock.Advance(1800);
  MINYI_ASSIGN_OR_RETURN(Draft h, desk.GetDraft(harvest));
  MINYI_RETURN_IF_ERROR(desk.Decide(editor, harvest,
                                    {ReviewStage::kFirst, h.current_version_id, "", ReviewDecision::kReturn,
                                     "“再接再励”应为“再接再厉”，且末句与主题关系不大，建议删去。"}));
  clock.Advance(3600);
  MINYI_RETURN_IF_ERROR(desk.Edit(editor, harvest, kHarvestNews, "粘贴", 0).status());
  MINYI_RETURN_IF_ERROR(approve(editor, harvest, ReviewStage::kFirst, 900));
  MINYI_RETURN_IF_ERROR(approve(reviewer, harvest, ReviewStage::kSecond, 2700));
  MINYI_RETURN_IF_ERROR(approve(leader, harvest, ReviewStage::kFinal, 5400));
  clock.Advance(1800);
  MINYI_RETURN_IF_ERROR(
      desk.Publish(editor, harvest, clock.Now(), "https://mp.weixin.qq.com/s/qinghefabu-demo-harvest"));

  // Waiting for 终审: an outdated institution name nobody has fixed yet.
  clock.Advance(86400);
  MINYI_ASSIGN_OR_RETURN(int64_t market,
                         desk.Submit(editor, {site_id, "县工商局开展秋季农资打假专项行动", kMarketNotice, "粘贴"}));
  MINYI_RETURN_IF_ERROR(approve(editor, market, ReviewStage::kFirst, 1200));
  MINYI_RETURN_IF_ERROR(approve(reviewer, market, ReviewStage::kSecond, 3000));

  // Returned at 复审 for an advertising superlative.
  MINYI_ASSIGN_OR_RETURN(int64_t tourism,
                         desk.Submit(editor, {wechat_id, "柳树湾村入选省级乡村旅游重点村", kTourismDraft, "粘贴"}));
  MINYI_RETURN_IF_ERROR(approve(editor, tourism, ReviewStage::kFirst, 600));
  clock.Advance(1500);
  MINYI_ASSIGN_OR_RETURN(Draft t, desk.GetDraft(tourism));
  MINYI_RETURN_IF_ERROR(desk.Decide(reviewer, tourism,
                                    {ReviewStage::kSecond, t.current_version_id, "", ReviewDecision::kReturn,
                                     "“全省最佳”属绝对化用语，请改为客观表述。"}));

  // Just submitted, waiting for 初审: an ID number and a typo.
  clock.Advance(3600);
  MINYI_RETURN_IF_ERROR(
      desk.Submit(editor, {site_id, "关于做好今冬明春森林防火工作的通知", kFireNotice, "森林防火通知.docx"}).status());
  return Status::Ok();
}

}  // namespace minyi
