// Printed forms: an assessment (with its evidence appendix) and a briefing,
// as ReportDrafts that report/report.h writes in the GB/T 9704 layout.
#include <map>

#include "assess/assess_internal.h"
#include "common/calendar.h"

namespace minyi {
namespace {

std::string OrDash(const std::string& s) { return s.empty() ? "—" : s; }

std::string Score(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

Section BasicSection(const Assessment& a) {
  Section s{"评估事项基本情况", {}, {}, {}};
  s.paragraphs.push_back({"决策事项", OrDash(a.title) + (a.decision.empty() ? "" : "。" + a.decision)});
  s.paragraphs.push_back({"涉及群体", OrDash(a.affected)});
  s.paragraphs.push_back({"实施时间", OrDash(a.timing)});
  s.paragraphs.push_back({"监测关键词", JoinWords(a.keywords) +
                                            (a.regions.empty() ? "" : "；地域词：" + JoinWords(a.regions)) +
                                            (a.excludes.empty() ? "" : "；排除词：" + JoinWords(a.excludes))});
  return s;
}

Section ScoreSection(const Assessment& a, const std::vector<AssessItem>& items, const LevelProposal& p) {
  Section s{"风险评估评分", {}, {}, {}};
  std::map<int64_t, const ScoreEntry*> score_of;
  for (const ScoreEntry& e : a.scores) score_of[e.item_id] = &e;
  ReportTable t{"评估事项评分", {"维度", "评估事项", "权重", "得分", "说明"}, {}};
  for (const AssessItem& it : items) {
    auto f = score_of.find(it.id);
    if (f == score_of.end()) continue;
    t.rows.push_back({std::string(AssessDimensionLabel(it.dimension)), it.title, std::to_string(it.weight),
                      std::to_string(f->second->score), f->second->note});
  }
  std::string dims;
  for (const auto& [d, v] : p.by_dimension)
    dims += (dims.empty() ? "" : "，") + std::string(AssessDimensionLabel(d)) + Score(v) + " 分";
  s.paragraphs.push_back({"", "各维度加权得分：" + OrDash(dims) + "；综合加权得分 " + Score(p.weighted) + " 分。"});
  s.tables.push_back(std::move(t));
  return s;
}

Section ConclusionSection(const Assessment& a, const LevelProposal& p) {
  Section s{"评估结论", {}, {}, {}};
  std::string reasons;
  for (const std::string& r : p.reasons) reasons += (reasons.empty() ? "" : "；") + r;
  s.paragraphs.push_back({"系统建议等级", std::string(RiskLevelLabel(p.level)) + "。依据：" + reasons + "。"});
  if (a.status == "confirmed") {
    std::string text = "确定为" + std::string(RiskLevelLabel(a.final_level)) + "（" + a.confirmed_by_name + "，" +
                       ChineseDate(a.confirmed_at) + "）。";
    if (!a.override_reason.empty()) text += "调整建议等级的理由：" + a.override_reason + "。";
    if (!a.confirm_note.empty()) text += a.confirm_note;
    s.paragraphs.push_back({"确定等级", text});
  } else {
    s.paragraphs.push_back({"确定等级", "尚未确认（草稿）。"});
  }
  return s;
}

Section MeasureSection(const Assessment& a) {
  Section s{"风险防范化解措施", {}, {}, {}};
  ReportTable t{"防范化解措施及责任人", {"序号", "措施", "责任人", "完成时限", "完成情况"}, {}};
  int n = 0;
  for (const Measure& m : a.measures) {
    t.rows.push_back({std::to_string(++n), m.content, m.owner, m.deadline ? FormatDate(LocalDay(m.deadline)) : "—",
                      m.status == "done" ? "已完成 " + FormatDate(LocalDay(m.done_at)) + " " + m.done_note : "未完成"});
  }
  if (t.rows.empty())
    s.paragraphs.push_back({"", "尚未登记防范化解措施。"});
  else
    s.tables.push_back(std::move(t));
  return s;
}

Section EvidenceSection(const Evidence& e) {
  Section s{"附件：舆情证据", {}, {}, {}};
  s.paragraphs.push_back({"相关网络信息", "按监测规则 " + e.rule + " 检索已采集信息 " + std::to_string(e.scanned) +
                                              " 条，命中 " + std::to_string(e.matched) + " 条，其中负面 " +
                                              std::to_string(e.negative) + " 条、中性 " + std::to_string(e.neutral) +
                                              " 条、正面 " + std::to_string(e.positive) + " 条。"});
  if (!e.days.empty()) {
    Chart c{"相关信息数量走势", ChartType::kLine, {}, {}};
    for (const EvidenceDay& d : e.days) {
      c.labels.push_back(d.date.substr(5));
      c.values.push_back(static_cast<double>(d.total));
    }
    s.charts.push_back(std::move(c));
  }
  ReportTable items{"相关信息（最新）", {"发布时间", "来源", "标题", "倾向"}, {}};
  for (const EvidenceItem& it : e.items) {
    items.rows.push_back({FormatLocalTime(it.published_at), it.outlet, it.title,
                          it.sentiment == "negative"   ? "负面"
                          : it.sentiment == "positive" ? "正面"
                                                       : "中性"});
  }
  if (!items.rows.empty()) s.tables.push_back(std::move(items));
  ReportTable events{"同类事件及规模", {"事件", "首发", "持续至", "信息数", "来源数", "负面"}, {}};
  for (const EvidenceEvent& ev : e.events) {
    events.rows.push_back({ev.title, FormatDate(LocalDay(ev.first_seen)), FormatDate(LocalDay(ev.last_seen)),
                           std::to_string(ev.items), std::to_string(ev.outlets), std::to_string(ev.negative)});
  }
  if (!events.rows.empty())
    s.tables.push_back(std::move(events));
  else
    s.paragraphs.push_back({"同类事件", "未发现同类事件。"});
  ReportTable cases{"既往处置案件", {"编号", "标题", "受理日期", "状态", "办结日期"}, {}};
  for (const EvidenceCase& c : e.cases) {
    cases.rows.push_back({c.code, c.title, FormatDate(LocalDay(c.received_at)), c.state_label,
                          c.closed_at ? FormatDate(LocalDay(c.closed_at)) : "—"});
  }
  if (!cases.rows.empty())
    s.tables.push_back(std::move(cases));
  else
    s.paragraphs.push_back({"既往案件", "未发现同一事项的处置案件。"});
  return s;
}

}  // namespace

Result<ReportDraft> AssessmentDocument(const Assessment& a, const std::vector<AssessItem>& items,
                                       const LevelProposal& p, const Evidence& e, const std::string& org_name) {
  ReportDraft d;
  d.kind = ReportKind::kBriefing;
  d.org_name = org_name;
  d.title = "关于“" + a.title + "”的重大决策舆情风险评估报告";
  d.date_line = ChineseDate(a.status == "confirmed" ? a.confirmed_at : a.updated_at);
  d.generated_at = a.updated_at;
  d.sections = {BasicSection(a), ScoreSection(a, items, p), ConclusionSection(a, p), MeasureSection(a),
                EvidenceSection(e)};
  return d;
}

Result<ReportDraft> BriefingDocument(const Briefing& b, const std::string& org_name) {
  ReportDraft d;
  d.kind = ReportKind::kBriefing;
  d.org_name = org_name;
  d.title = b.title;
  d.date_line = ChineseDate(b.approved_at ? b.approved_at : b.updated_at);
  d.generated_at = b.updated_at;
  Section head{
      std::string(BriefingKindLabel(b.kind)) + (b.issue_no.empty() ? "" : "（" + b.issue_no + "）"), {}, {}, {}};
  head.paragraphs.push_back({"事件概况", b.summary});
  head.paragraphs.push_back({"传播情况", b.spread});
  head.paragraphs.push_back({"舆情态势", b.sentiment});
  head.paragraphs.push_back({"处置情况", b.actions});
  d.sections.push_back(std::move(head));
  return d;
}

}  // namespace minyi
