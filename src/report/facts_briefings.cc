// Upward briefings area of a report (信息报送): briefings sent and adopted,
// and opinion-risk assessments confirmed, from the tables of src/assess
// (migration 0060).
#include "report/facts_internal.h"

namespace minyi {

Result<AreaFacts> GatherBriefingFacts(Database& db, const Period& p) {
  AreaBuilder b(db, p, "信息报送");
  // Until its migration lands the area is reported as empty, not missing.
  if (!TableExists(db, "assess_briefings")) {
    AreaFacts empty;
    empty.name = b.area().name;
    empty.installed = true;
    return empty;
  }
  if (!b.Require({"assess_briefings", "assess_assessments"})) return b.Finish();
  SqlParams range = {p.begin, p.end};
  std::string link = b.Link("/assess/briefings");
  b.Ids({"briefings.sent", "报送舆情信息", "篇", "assess_briefings", link},
        "SELECT id FROM assess_briefings WHERE status = 'sent' AND sent_at >= ? AND sent_at < ? ORDER BY id", range);
  const char* adopted_sql =
      "SELECT id FROM assess_briefings WHERE status = 'sent' AND sent_at >= ? AND sent_at < ?"
      " AND adoption = ? ORDER BY id";
  b.Ids({"briefings.adopted", "被上级采用", "篇", "assess_briefings", link},
        "SELECT id FROM assess_briefings WHERE status = 'sent' AND sent_at >= ? AND sent_at < ?"
        " AND adoption IN ('adopted', 'direct', 'summary') ORDER BY id",
        range);
  b.Ids({"briefings.direct", "直报采用", "篇", "assess_briefings", link}, adopted_sql, {p.begin, p.end, "direct"});
  b.Ids({"briefings.summary", "摘报采用", "篇", "assess_briefings", link}, adopted_sql, {p.begin, p.end, "summary"});
  b.Ids({"assess.confirmed", "完成重大决策舆情风险评估", "项", "assess_assessments", b.Link("/assess/list")},
        "SELECT id FROM assess_assessments WHERE status = 'confirmed' AND confirmed_at >= ? AND confirmed_at < ?"
        " ORDER BY id",
        range);
  return b.Finish();
}

std::string BriefingText(const AreaFacts& a) {
  if (!a.installed || a.figures.empty()) return "";
  auto n = [&](const char* key) { return std::to_string(a.Value(key)); };
  if (a.Value("briefings.sent") == 0 && a.Value("assess.confirmed") == 0) return "";
  std::string s = "本期向上级报送舆情信息 " + n("briefings.sent") + " 篇，被采用 " + n("briefings.adopted") + " 篇";
  if (a.Value("briefings.direct") + a.Value("briefings.summary") > 0)
    s += "（其中直报采用 " + n("briefings.direct") + " 篇、摘报采用 " + n("briefings.summary") + " 篇）";
  if (a.Value("assess.confirmed") > 0) s += "；完成重大决策舆情风险评估 " + n("assess.confirmed") + " 项";
  return s + "。";
}

}  // namespace minyi
