// Demo records for assess: a heating-fee assessment whose evidence is the
// demo monitoring and cases records, and a briefing drafted from the
// largest demo event, approved and sent.
#include "assess/assess.h"
#include "server/demo_internal.h"

namespace minyi {

namespace {

Status SeedAssessment(AssessService& svc, const Actor& staff) {
  Assessment a;
  a.title = "调整城区集中供暖收费标准";
  a.decision = "拟将城区居民集中供暖收费标准由每平方米 22 元调整为 24 元，自下一采暖季起执行。";
  a.affected = "城区约 3.2 万户集中供暖居民、热力公司";
  a.timing = "拟于明年 9 月召开价格听证会，10 月公布";
  a.keywords = {"供暖", "暖气"};
  a.regions = {"清河", "城东"};
  MINYI_ASSIGN_OR_RETURN(int64_t id, svc.Create(staff, a));
  MINYI_ASSIGN_OR_RETURN(std::vector<AssessItem> items, svc.ListItems(true));
  std::vector<ScoreEntry> scores;
  const int64_t values[] = {85, 80, 65, 60, 80, 75, 70, 70};
  for (size_t i = 0; i < items.size(); ++i) scores.push_back({items[i].id, values[i % 8], ""});
  MINYI_RETURN_IF_ERROR(svc.SaveScores(staff, id, scores));
  const std::pair<const char*, const char*> measures[] = {{"召开价格听证会，邀请居民代表参加", "县发改局 刘科长"},
                                                          {"同步发布政策解读和问答口径", "宣传科 张编辑"}};
  for (const auto& [content, owner] : measures) {
    Measure m;
    m.content = content;
    m.owner = owner;
    MINYI_RETURN_IF_ERROR(svc.AddMeasure(staff, id, m).status());
  }
  return Status::Ok();
}

Status SeedBriefing(Database& db, BriefingService& svc, const Actor& staff, const Actor& leader) {
  MINYI_ASSIGN_OR_RETURN(int64_t event_id,
                         db.QueryInt("SELECT id FROM monitor_events ORDER BY item_count DESC, id LIMIT 1"));
  if (event_id == 0) return Status::Ok();
  MINYI_ASSIGN_OR_RETURN(Briefing b, svc.DraftFromEvent(event_id));
  b.issue_no = "第1期";
  MINYI_ASSIGN_OR_RETURN(int64_t id, svc.Create(staff, b));
  MINYI_RETURN_IF_ERROR(svc.Submit(staff, id));
  MINYI_RETURN_IF_ERROR(svc.Approve(leader, id));
  MINYI_RETURN_IF_ERROR(svc.MarkSent(staff, id, "市委网信办", 0));
  return svc.RecordAdoption(staff, id, "summary", "市舆情要报摘报采用");
}

}  // namespace

Status SeedAssessDemo(DemoContext& demo) {
  Database& db = demo.store->db();
  Actor staff{demo.user_ids.count("editor") ? demo.user_ids["editor"] : 0, "张编辑"};
  Actor leader{demo.user_ids.count("leader") ? demo.user_ids["leader"] : 0, "王局长"};
  AssessService assess(db, *demo.clock);
  MINYI_RETURN_IF_ERROR(SeedAssessment(assess, staff));
  BriefingService briefings(db, *demo.clock);
  return SeedBriefing(db, briefings, staff, leader);
}

}  // namespace minyi
