// Drafts the text of a report from the gathered facts. The prose follows the
// structure these reports use — 一、基本情况 / 二、主要做法 / 三、存在问题 /
// 四、下一步打算 — and every number in it comes from a Figure, so staff can
// check it against the records before finalizing.
#include "report/report_internal.h"

namespace minyi {
namespace {

std::string N(const AreaFacts& a, std::string_view key) { return std::to_string(a.Value(key)); }

std::string Title(ReportKind kind, const Period& p, const std::string& org) {
  switch (kind) {
    case ReportKind::kBriefing:
      return org + "网络信息工作简报（" + p.label + "）";
    case ReportKind::kMonthly:
    case ReportKind::kQuarterly:
      return org + p.label + "网络信息工作情况报告";
    case ReportKind::kHalfYear:
    case ReportKind::kAnnual:
      return org + p.label + "网络信息工作总结";
    case ReportKind::kSelfCheck:
      return org + p.label + "网络意识形态工作责任制落实情况自查报告";
  }
  return org + p.label + "工作报告";
}

std::string NotInstalled(const AreaFacts& a) {
  if (a.note == "模块未安装") return "本系统未启用" + a.name + "模块，本期无相关数据。";
  return "本期" + a.name + "数据暂未能统计，请核实后补充。";
}

std::string ReviewText(const AreaFacts& a) {
  if (!a.installed) return NotInstalled(a);
  std::string s = "本期共受理审校稿件 " + N(a, "review.drafts") + " 篇";
  s += "；经三级审核后发布 " + N(a, "review.published") + " 篇，发布前发现问题 " + N(a, "review.findings") + " 处，";
  int64_t found = a.Value("review.findings"), fixed = a.Value("review.fixed");
  s += found > 0 && fixed >= found ? "已全部整改" : "已整改 " + N(a, "review.fixed") + " 处";
  if (a.Value("review.returned") > 0) s += "，退回修改 " + N(a, "review.returned") + " 次";
  return s + "。";
}

std::string MonitorText(const AreaFacts& a) {
  if (!a.installed) return NotInstalled(a);
  std::string s = "本期共采集监测信息 " + N(a, "monitor.items") + " 条";
  if (a.Get("monitor.negative")) {
    s += "，其中负面信息 " + N(a, "monitor.negative") + " 条（占 " + N(a, "monitor.negative_share") + "%）";
  }
  if (a.Get("monitor.events")) s += "，归并形成舆情事件 " + N(a, "monitor.events") + " 起";
  s += "。";
  for (const ReportTable& t : a.tables) {
    if (t.title != "热度较高的舆情事件" || t.rows.empty()) continue;
    s += "热度较高的事件有：";
    for (size_t i = 0; i < t.rows.size() && i < 3; ++i) {
      s += (i ? "、" : "") + std::string("“") + t.rows[i][0] + "”（" + t.rows[i][1] + " 条）";
    }
    s += "。";
  }
  return s;
}

std::string CaseText(const AreaFacts& a) {
  if (!a.installed) return NotInstalled(a);
  return "本期受理处置事项 " + N(a, "cases.opened") + " 件，已办结 " + N(a, "cases.closed") + " 件，办结率 " +
         N(a, "cases.closure_rate") + "%；期内共办结事项 " + N(a, "cases.closed_in_period") + " 件。";
}

std::string DutyText(const AreaFacts& a) {
  if (!a.installed) return NotInstalled(a);
  std::string s = "本期召开专题会议 " + N(a, "duty.meetings") + " 次，组织集中学习 " + N(a, "duty.studies") + " 次";
  if (a.Get("duty.zero_expected")) {
    s += "；零报告应报 " + N(a, "duty.zero_expected") + " 次、实报 " + N(a, "duty.zero_submitted") +
         " 次，报送完整率 " + N(a, "duty.zero_completeness") + "%";
  }
  if (a.Value("duty.tasks_due") > 0) {
    s += "；到期工作任务 " + N(a, "duty.tasks_due") + " 项，已完成 " + N(a, "duty.tasks_done") + " 项";
  }
  if (a.Value("duty.selfchecks") > 0) s += "；提交自查 " + N(a, "duty.selfchecks") + " 次";
  if (a.Get("duty.rectifications")) {
    s += "；自查发现问题 " + N(a, "duty.rectifications") + " 个，已整改 " + N(a, "duty.rectified") + " 个";
  }
  return s + "。";
}

Section Basic(const ReportFacts& f, const Period& p, const std::string& org) {
  Section s{"基本情况", {}, {}, {}};
  s.paragraphs.push_back(
      {"", p.label + "，" + org +
               "认真落实网络意识形态工作责任制，统筹做好网络信息内容审校、网络舆情监测、舆情处置和台账管理等工作。"
               "现将有关情况报告如下。"});
  s.paragraphs.push_back({"稿件审校", ReviewText(f.review)});
  s.paragraphs.push_back({"网络监测", MonitorText(f.monitor)});
  s.paragraphs.push_back({"舆情处置", CaseText(f.cases)});
  s.paragraphs.push_back({"责任制落实", DutyText(f.duty)});
  if (std::string t = RotaText(f.rota); !t.empty()) s.paragraphs.push_back({"值班值守", t});
  if (std::string t = BriefingText(f.briefings); !t.empty()) s.paragraphs.push_back({"信息报送", t});
  for (const AreaFacts* a : f.All()) {
    s.charts.insert(s.charts.end(), a->charts.begin(), a->charts.end());
    s.tables.insert(s.tables.end(), a->tables.begin(), a->tables.end());
  }
  return s;
}

Section Practices(const ReportFacts& f) {
  Section s{"主要做法", {}, {}, {}};
  s.paragraphs.push_back(
      {"坚持三审三校，严把内容发布关",
       "落实稿件初审、复审、终审制度，发布前逐篇进行个人信息、涉密标识、规范表述、禁用词和错别字检查" +
           std::string(f.review.installed && f.review.Value("review.drafts") > 0
                           ? "，本期审校稿件 " + N(f.review, "review.drafts") + " 篇"
                           : "") +
           "，确保发布内容导向正确、表述规范。"});
  s.paragraphs.push_back(
      {"加强监测研判，及时发现苗头问题",
       "围绕本单位职责设置监测主题，对网络公开信息开展常态化监测，对负面信息分级研判、及时预警" +
           std::string(f.monitor.installed ? "，本期采集监测信息 " + N(f.monitor, "monitor.items") + " 条" : "") +
           "。"});
  s.paragraphs.push_back({"规范处置流程，推动问题解决",
                          "对需要回应的事项按照交办、签收、答复、办结的流程闭环处置，明确时限、跟踪督办" +
                              std::string(f.cases.installed ? "，本期办结 " + N(f.cases, "cases.closed") + " 件" : "") +
                              "。"});
  s.paragraphs.push_back(
      {"压实工作责任，健全台账制度",
       "定期研究部署网络意识形态工作，组织专题学习，落实零报告和自查整改制度" +
           std::string(f.duty.installed ? "，本期召开专题会议 " + N(f.duty, "duty.meetings") + " 次" : "") + "。"});
  return s;
}

Section Problems(const ReportFacts& f) {
  Section s{"存在问题", {}, {}, {}};
  if (f.cases.installed && f.cases.Value("cases.opened") > f.cases.Value("cases.closed")) {
    s.paragraphs.push_back({"", "部分处置事项办理进度偏慢，本期仍有 " +
                                    std::to_string(f.cases.Value("cases.opened") - f.cases.Value("cases.closed")) +
                                    " 件受理事项尚未办结。"});
  }
  if (f.duty.installed && f.duty.Get("duty.zero_expected") && f.duty.Value("duty.zero_completeness") < 100) {
    s.paragraphs.push_back({"", "零报告报送不够及时完整，本期应报 " + N(f.duty, "duty.zero_expected") + " 次、实报 " +
                                    N(f.duty, "duty.zero_submitted") + " 次。"});
  }
  if (f.duty.installed && f.duty.Value("duty.rectifications") > f.duty.Value("duty.rectified")) {
    s.paragraphs.push_back(
        {"", "自查发现的问题尚未全部整改到位，仍有 " +
                 std::to_string(f.duty.Value("duty.rectifications") - f.duty.Value("duty.rectified")) +
                 " 个问题正在整改。"});
  }
  if (f.monitor.installed && f.monitor.Value("monitor.negative_share") >= 20) {
    s.paragraphs.push_back({"", "负面信息占比较高（" + N(f.monitor, "monitor.negative_share") +
                                    "%），对群众关切的回应还需更加及时主动。"});
  }
  s.paragraphs.push_back({"", "网络信息工作力量相对薄弱，工作人员多为兼职，专业能力有待进一步提升。"});
  return s;
}

Section NextSteps() {
  Section s{"下一步打算", {}, {}, {}};
  s.paragraphs.push_back({"", "一是持续压实网络意识形态工作责任，定期研究部署，把各项要求落实到具体单位和具体人员。"});
  s.paragraphs.push_back({"", "二是严格执行稿件审校制度，加强对下属单位发布内容的指导和检查。"});
  s.paragraphs.push_back({"", "三是加强网络舆情监测研判和处置，对群众反映的问题及时回应、限时办结。"});
  s.paragraphs.push_back({"", "四是加强业务培训，提升工作人员的网络信息工作能力。"});
  return s;
}

}  // namespace

Result<ReportDraft> DraftReport(Database& db, const Clock& clock, ReportKind kind, const Period& period,
                                const std::string& org_name) {
  MINYI_ASSIGN_OR_RETURN(ReportFacts facts, GatherFacts(db, period));
  ReportDraft d;
  d.kind = kind;
  d.period = period;
  d.org_name = org_name;
  d.title = Title(kind, period, org_name);
  d.generated_at = clock.Now();
  d.date_line = ChineseDate(LocalDate(d.generated_at));
  d.sections = {Basic(facts, period, org_name), Practices(facts), Problems(facts), NextSteps()};
  for (const AreaFacts* a : facts.All()) {
    if (!a->installed) d.missing_areas.push_back(a->name + "（" + a->note + "）");
    d.figures.insert(d.figures.end(), a->figures.begin(), a->figures.end());
  }
  return d;
}

}  // namespace minyi
