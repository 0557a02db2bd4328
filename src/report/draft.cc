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
  std::string s = "本期受理处置事项 " + N(a, "cases.opened") + " 件，已办结 " + N(a, "cases.closed") + " 件，办结率 " +
                  N(a, "cases.closure_rate") + "%；期内共办结事项 " + N(a, "cases.closed_in_period") + " 件";
  if (a.Value("cases.overdue") > 0) s += "；截至期末逾期未办结 " + N(a, "cases.overdue") + " 件";
  return s + "。";
}

bool YearKind(ReportKind kind) { return kind == ReportKind::kAnnual || kind == ReportKind::kSelfCheck; }

std::string Text(const AreaFacts& a, const std::string& key) {
  auto it = a.texts.find(key);
  return it == a.texts.end() ? "" : it->second;
}

std::string SelfCheckText(const AreaFacts& a) {
  if (!a.Get("duty.selfcheck_score")) return "";
  return "对照《" + Text(a, "selfcheck.title") + "》逐项" + (Text(a, "selfcheck.submitted").empty() ? "开展" : "完成") +
         "自查，自评得分 " + Text(a, "selfcheck.score") + " 分（满分 " + Text(a, "selfcheck.max") + " 分），扣 " +
         Text(a, "selfcheck.deduction") + " 分";
}

std::string DutyText(const AreaFacts& a, ReportKind kind) {
  if (!a.installed) return NotInstalled(a);
  std::string s = "本期召开专题会议 " + N(a, "duty.meetings") + " 次，组织集中学习 " + N(a, "duty.studies") + " 次";
  if (a.Get("duty.zero_expected")) {
    s += "；零报告应报 " + N(a, "duty.zero_expected") + " 次、实报 " + N(a, "duty.zero_submitted") +
         " 次，报送完整率 " + N(a, "duty.zero_completeness") + "%";
  }
  if (a.Value("duty.tasks_due") > 0) {
    s += "；到期工作任务 " + N(a, "duty.tasks_due") + " 项，已完成 " + N(a, "duty.tasks_done") + " 项";
  }
  if (a.Value("duty.channel_checks") > 0) {
    s +=
        "；开展阵地安全检查 " + N(a, "duty.channel_checks_done") + " 次（应查 " + N(a, "duty.channel_checks") + " 次）";
  }
  if (a.Value("duty.selfchecks") > 0) s += "；提交自查 " + N(a, "duty.selfchecks") + " 次";
  if (YearKind(kind) && a.Get("duty.selfcheck_score")) s += "；" + SelfCheckText(a);
  if (a.Get("duty.rectifications")) {
    s += "；自查发现问题 " + N(a, "duty.rectifications") + " 个，已整改 " + N(a, "duty.rectified") + " 个";
  }
  if (a.Value("duty.rect_closed") > 0) s += "，期内完成整改 " + N(a, "duty.rect_closed") + " 个";
  return s + "。";
}

// An area that counted something this period (its practices and next steps
// are then worth a sentence).
bool HasFigures(const AreaFacts& a) {
  if (!a.installed) return false;
  for (const Figure& f : a.figures) {
    if (f.value > 0) return true;
  }
  return false;
}

Section Basic(const ReportFacts& f, ReportKind kind, const Period& p, const std::string& org) {
  Section s{"基本情况", {}, {}, {}};
  s.paragraphs.push_back(
      {"", p.label + "，" + org +
               "认真落实网络意识形态工作责任制，统筹做好网络信息内容审校、网络舆情监测、舆情处置和台账管理等工作。"
               "现将有关情况报告如下。"});
  if (kind == ReportKind::kSelfCheck && f.duty.Get("duty.selfcheck_score")) {
    s.paragraphs.push_back({"自查评分", SelfCheckText(f.duty) + "。"});
  }
  s.paragraphs.push_back({"稿件审校", ReviewText(f.review)});
  s.paragraphs.push_back({"网络监测", MonitorText(f.monitor)});
  s.paragraphs.push_back({"舆情处置", CaseText(f.cases)});
  s.paragraphs.push_back({"责任制落实", DutyText(f.duty, kind)});
  if (std::string t = RotaText(f.rota); !t.empty()) s.paragraphs.push_back({"值班值守", t});
  if (std::string t = BriefingText(f.briefings); !t.empty()) s.paragraphs.push_back({"信息报送", t});
  for (const AreaFacts* a : f.All()) {
    s.charts.insert(s.charts.end(), a->charts.begin(), a->charts.end());
    for (const ReportTable& t : a->tables) {
      if (t.title != kSelfCheckTableTitle || YearKind(kind)) s.tables.push_back(t);
    }
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
       "定期研究部署网络意识形态工作，组织专题学习，落实零报告、阵地安全检查和自查整改制度" +
           std::string(f.duty.installed ? "，本期召开专题会议 " + N(f.duty, "duty.meetings") + " 次" : "") + "。"});
  if (HasFigures(f.rota)) {
    s.paragraphs.push_back({"严格值班值守，确保信息畅通",
                            "落实值班和领导带班制度，值班期间保持通信畅通，"
                            "对监测发现的情况及时处置、按规定报告。"});
  }
  if (HasFigures(f.briefings)) {
    s.paragraphs.push_back(
        {"做好信息报送，及时反映情况", "按照上级要求及时、准确报送网络信息工作情况，重要情况第一时间报告。"});
  }
  return s;
}

// "一是……。" "二是……。": the numbering of the items in 存在问题 and 下一步打算.
void Numbered(Section& s, const std::vector<std::string>& items) {
  static const char* kOrdinals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  for (size_t i = 0; i < items.size(); ++i) {
    std::string n = i < 10 ? kOrdinals[i] : std::to_string(i + 1);
    s.paragraphs.push_back({"", n + "是" + items[i]});
  }
}

// Items that lost points in the self-check (annual and self-check reports).
void SelfCheckProblems(const AreaFacts& duty, std::vector<std::string>& out) {
  for (const ReportTable& t : duty.tables) {
    if (t.title != kSelfCheckTableTitle) continue;
    for (const auto& row : t.rows) {
      std::string finding = row.size() > 4 && !row[4].empty() ? "：" + row[4] : "";
      out.push_back("“" + row[1] + "”项扣 " + row[3] + " 分" + finding + "。");
    }
  }
}

Section Problems(const ReportFacts& f, ReportKind kind) {
  Section s{"存在问题", {}, {}, {}};
  std::vector<std::string> items;
  if (YearKind(kind)) SelfCheckProblems(f.duty, items);
  if (f.cases.installed && f.cases.Value("cases.opened") > f.cases.Value("cases.closed")) {
    std::string t = "部分处置事项办理进度偏慢，本期仍有 " +
                    std::to_string(f.cases.Value("cases.opened") - f.cases.Value("cases.closed")) +
                    " 件受理事项尚未办结";
    if (f.cases.Value("cases.overdue") > 0) t += "，截至期末逾期未办结 " + N(f.cases, "cases.overdue") + " 件";
    items.push_back(t + "。");
  } else if (f.cases.installed && f.cases.Value("cases.overdue") > 0) {
    items.push_back("部分处置事项超出办理时限，截至期末逾期未办结 " + N(f.cases, "cases.overdue") + " 件。");
  }
  if (f.duty.installed && f.duty.Get("duty.zero_expected") && f.duty.Value("duty.zero_completeness") < 100) {
    items.push_back("零报告报送不够及时完整，本期应报 " + N(f.duty, "duty.zero_expected") + " 次、实报 " +
                    N(f.duty, "duty.zero_submitted") + " 次。");
  }
  if (f.duty.installed && f.duty.Value("duty.tasks_late") > 0) {
    items.push_back("部分工作任务未按时完成，本期逾期未完成 " + N(f.duty, "duty.tasks_late") + " 项。");
  }
  if (f.duty.installed && f.duty.Value("duty.channel_checks") > f.duty.Value("duty.channel_checks_done")) {
    items.push_back("阵地安全检查未全部开展，本期应查 " + N(f.duty, "duty.channel_checks") + " 次、已查 " +
                    N(f.duty, "duty.channel_checks_done") + " 次。");
  }
  int64_t pending = f.duty.Value("duty.rectifications") - f.duty.Value("duty.rectified");
  if (f.duty.installed && (pending > 0 || f.duty.Value("duty.rect_overdue") > 0)) {
    std::string t = "自查发现的问题尚未全部整改到位";
    if (pending > 0) t += "，本期发现的问题中仍有 " + std::to_string(pending) + " 个正在整改";
    if (f.duty.Value("duty.rect_overdue") > 0) t += "，逾期未完成整改 " + N(f.duty, "duty.rect_overdue") + " 个";
    items.push_back(t + "。");
  }
  if (f.monitor.installed && f.monitor.Value("monitor.negative_share") >= 20) {
    items.push_back("负面信息占比较高（" + N(f.monitor, "monitor.negative_share") +
                    "%），对群众关切的回应还需更加及时主动。");
  }
  items.push_back("网络信息工作力量相对薄弱，工作人员多为兼职，专业能力有待进一步提升。");
  Numbered(s, items);
  return s;
}

Section NextSteps(const ReportFacts& f) {
  Section s{"下一步打算", {}, {}, {}};
  std::vector<std::string> items = {"持续压实网络意识形态工作责任，定期研究部署，把各项要求落实到具体单位和具体人员。",
                                    "严格执行稿件审校制度，加强对下属单位发布内容的指导和检查。"};
  std::string cases = "加强网络舆情监测研判和处置，对群众反映的问题及时回应、限时办结";
  if (f.cases.Value("cases.overdue") > 0) cases += "，对逾期事项逐件督办";
  items.push_back(cases + "。");
  if (f.duty.Value("duty.zero_completeness") < 100 && f.duty.Get("duty.zero_expected")) {
    items.push_back("严格落实零报告制度，对未按时报送的单位及时催报、通报。");
  }
  if (f.duty.Value("duty.rectifications") > f.duty.Value("duty.rectified") || f.duty.Value("duty.rect_overdue") > 0) {
    items.push_back("对自查发现的问题建立整改台账，明确责任人和时限，逐项销号。");
  }
  if (f.duty.Value("duty.channel_checks") > f.duty.Value("duty.channel_checks_done")) {
    items.push_back("定期对各发布阵地开展安全检查，落实密码更换、病毒查杀和内外网隔离等要求。");
  }
  if (HasFigures(f.rota)) items.push_back("严格执行值班值守制度，确保重要时段有人在岗、信息畅通。");
  if (HasFigures(f.briefings)) items.push_back("进一步提高信息报送的时效和质量。");
  items.push_back("加强业务培训，提升工作人员的网络信息工作能力。");
  Numbered(s, items);
  return s;
}

}  // namespace

Result<ReportDraft> DraftReport(Database& db, const Clock& clock, ReportKind kind, const Period& period,
                                const std::string& org_name) {
  MINYI_ASSIGN_OR_RETURN(ReportFacts facts, GatherFacts(db, period, clock.Now()));
  ReportDraft d;
  d.kind = kind;
  d.period = period;
  d.org_name = org_name;
  d.title = Title(kind, period, org_name);
  d.generated_at = clock.Now();
  d.date_line = ChineseDate(LocalDate(d.generated_at));
  d.sections = {Basic(facts, kind, period, org_name), Practices(facts), Problems(facts, kind), NextSteps(facts)};
  for (const AreaFacts* a : facts.All()) {
    if (!a->installed) d.missing_areas.push_back(a->name + "（" + a->note + "）");
    d.figures.insert(d.figures.end(), a->figures.begin(), a->figures.end());
  }
  return d;
}

}  // namespace minyi
