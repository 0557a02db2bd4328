// Assessments: scoring items, records, scores, the proposed level,
// confirmation and measures.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "assess/assess_internal.h"
#include "common/calendar.h"

namespace minyi {
namespace {

// Evidence thresholds of the proposal (see the contract in assess.h).
constexpr double kNegativeShareLimit = 0.4;
constexpr int64_t kNegativeMinItems = 5;
constexpr int64_t kPeakEventLimit = 30;
constexpr int64_t kPastCaseLimit = 3;

constexpr size_t kMaxTitle = 200, kMaxText = 8000, kMaxShort = 1000;

}  // namespace

std::string JsonQuote(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out.push_back('\\');
    if (static_cast<unsigned char>(ch) < 0x20) continue;
    out.push_back(ch);
  }
  return out + "\"";
}

namespace {

std::string Percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", share * 100);
  return buf;
}

std::string OneDecimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

const char* Raise(const std::string& level) { return level == "low" ? "medium" : "high"; }

Assessment FromRow(const Rows& r, size_t i) {
  Assessment a;
  a.id = r.Int(i, "id");
  a.title = r.Text(i, "title");
  a.decision = r.Text(i, "decision");
  a.affected = r.Text(i, "affected");
  a.timing = r.Text(i, "timing");
  a.keywords = SplitWords(r.Text(i, "keywords"));
  a.regions = SplitWords(r.Text(i, "regions"));
  a.excludes = SplitWords(r.Text(i, "excludes"));
  a.status = r.Text(i, "status");
  a.proposed_level = r.Text(i, "proposed_level");
  a.final_level = r.Text(i, "final_level");
  a.override_reason = r.Text(i, "override_reason");
  a.confirm_note = r.Text(i, "confirm_note");
  a.evidence_json = r.Text(i, "evidence_json");
  a.score_json = r.Text(i, "score_json");
  a.created_by_name = r.Text(i, "created_by_name");
  a.confirmed_by_name = r.Text(i, "confirmed_by_name");
  a.created_at = r.Int(i, "created_at");
  a.updated_at = r.Int(i, "updated_at");
  a.confirmed_at = r.Int(i, "confirmed_at");
  return a;
}

std::string ItemsJson(const std::vector<AssessItem>& items) {
  std::string out;
  for (const AssessItem& it : items) {
    if (!it.active) continue;
    out += std::string(out.empty() ? "" : ",") + "{\"dimension\":" + JsonQuote(it.dimension) +
           ",\"title\":" + JsonQuote(it.title) + ",\"weight\":" + std::to_string(it.weight) + "}";
  }
  return "[" + out + "]";
}

std::string Summary(const Assessment& a) {
  return "{\"title\":" + JsonQuote(a.title) + ",\"keywords\":" + JsonQuote(JoinWords(a.keywords)) +
         ",\"status\":" + JsonQuote(a.status) + "}";
}

}  // namespace

const std::vector<std::string>& AssessDimensions() {
  static const std::vector<std::string> kDims = {"legality", "reasonableness", "feasibility", "controllability"};
  return kDims;
}

std::string_view AssessDimensionLabel(std::string_view d) {
  if (d == "legality") return "合法性";
  if (d == "reasonableness") return "合理性";
  if (d == "feasibility") return "可行性";
  if (d == "controllability") return "可控性";
  return "其他";
}

std::string_view RiskLevelLabel(std::string_view level) {
  if (level == "low") return "低风险";
  if (level == "medium") return "中风险";
  if (level == "high") return "高风险";
  return "待评分";
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : "、") + w;
  return out;
}

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "，") == 0 || text.compare(i, 3, "；") == 0) {
      flush();
      i += 3;
    } else if (text[i] == ',' || text[i] == ';' || text[i] == ' ' || text[i] == '\n' || text[i] == '\t') {
      flush();
      ++i;
    } else {
      cur.push_back(text[i++]);
    }
  }
  flush();
  return out;
}

std::string ChineseDate(UnixSeconds t) {
  if (t == 0) return "";
  CivilDate d = CivilFromDay(LocalDay(t));
  return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

LevelProposal ProposeLevel(const std::vector<AssessItem>& items, const std::vector<ScoreEntry>& scores,
                           const Evidence& e) {
  LevelProposal p;
  std::map<int64_t, int64_t> score_of;
  for (const ScoreEntry& s : scores) score_of[s.item_id] = s.score;
  double sum = 0, weights = 0;
  std::map<std::string, std::pair<double, double>> dims;
  int64_t missing = 0;
  for (const AssessItem& it : items) {
    if (!it.active) continue;
    auto f = score_of.find(it.id);
    if (f == score_of.end()) {
      ++missing;
      continue;
    }
    sum += static_cast<double>(it.weight * f->second);
    weights += static_cast<double>(it.weight);
    dims[it.dimension].first += static_cast<double>(it.weight * f->second);
    dims[it.dimension].second += static_cast<double>(it.weight);
  }
  for (const std::string& d : AssessDimensions()) {
    if (dims.count(d) && dims[d].second > 0) p.by_dimension.emplace_back(d, dims[d].first / dims[d].second);
  }
  if (missing > 0 || weights == 0) {
    p.reasons.push_back("尚有 " + std::to_string(missing) + " 个评估事项未评分，暂不能给出建议等级");
    return p;
  }
  p.weighted = std::round(sum / weights * 10) / 10;
  p.level = p.weighted >= 80 ? "low" : p.weighted >= 60 ? "medium" : "high";
  p.reasons.push_back("加权得分 " + OneDecimal(p.weighted) + " 分（≥80 低风险，60–80 中风险，<60 高风险）：" +
                      std::string(RiskLevelLabel(p.level)));
  std::vector<std::string> raised;
  int64_t total = e.negative + e.neutral + e.positive;
  if (total >= kNegativeMinItems && e.NegativeShare() >= kNegativeShareLimit) {
    raised.push_back("相关信息 " + std::to_string(total) + " 条中负面占 " + Percent(e.NegativeShare()) + "（≥40%）");
  }
  if (e.PeakEventItems() >= kPeakEventLimit) {
    raised.push_back("同类事件曾发酵至 " + std::to_string(e.PeakEventItems()) + " 条信息（≥30 条）");
  }
  if (static_cast<int64_t>(e.cases.size()) >= kPastCaseLimit) {
    raised.push_back("同一事项已有处置案件 " + std::to_string(e.cases.size()) + " 件（≥3 件）");
  }
  if (!raised.empty() && p.level != "high") {
    p.level = Raise(p.level);
    std::string why;
    for (const std::string& r : raised) why += (why.empty() ? "" : "；") + r;
    p.reasons.push_back("证据显示 " + why + "，风险等级上调一级为" + std::string(RiskLevelLabel(p.level)));
  } else if (!raised.empty()) {
    for (const std::string& r : raised) p.reasons.push_back("证据：" + r);
  } else {
    p.reasons.push_back("相关信息负面占比、同类事件规模和既往案件数均未超过上调界限");
  }
  return p;
}

// ---- Items ----------------------------------------------------------------

Result<std::vector<AssessItem>> AssessService::ListItems(bool active_only) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db_.Query(std::string("SELECT * FROM assess_items") +
                                           (active_only ? " WHERE active = 1" : "") + " ORDER BY sort_order, id"));
  std::vector<AssessItem> out;
  for (size_t i = 0; i < r.size(); ++i) {
    out.push_back({r.Int(i, "id"), r.Text(i, "dimension"), r.Text(i, "title"), r.Int(i, "weight"),
                   r.Int(i, "sort_order"), r.Int(i, "active") != 0});
  }
  return out;
}

Status AssessService::SaveItems(const Actor& actor, const std::vector<AssessItem>& items) {
  if (items.empty() || items.size() > 100) return InvalidArgument("评估事项应为 1–100 项");
  std::map<std::string, int> per_dim;
  for (const AssessItem& it : items) {
    if (AssessDimensionLabel(it.dimension) == "其他") return InvalidArgument("未知的评估维度：" + it.dimension);
    if (it.title.empty() || it.title.size() > kMaxShort) return InvalidArgument("评估事项内容应为 1–300 个字");
    if (it.weight < 1 || it.weight > 100) return InvalidArgument("权重应为 1–100：" + it.title);
    ++per_dim[it.dimension];
  }
  for (const std::string& d : AssessDimensions()) {
    if (!per_dim.count(d))
      return InvalidArgument("每个维度至少保留一个评估事项：" + std::string(AssessDimensionLabel(d)));
  }
  MINYI_ASSIGN_OR_RETURN(std::vector<AssessItem> before, ListItems(false));
  return db_.InTransaction([&](Database& tx) -> Status {
    UnixSeconds now = clock_.Now();
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE assess_items SET active = 0, updated_at = ?", {now}).status());
    int64_t order = 0;
    for (const AssessItem& it : items) {
      ++order;
      if (it.id > 0) {
        MINYI_ASSIGN_OR_RETURN(int64_t n, tx.Execute("UPDATE assess_items SET dimension = ?, title = ?, weight = ?,"
                                                     " sort_order = ?, active = 1, updated_at = ? WHERE id = ?",
                                                     {it.dimension, it.title, it.weight, order, now, it.id}));
        if (n == 0) return NotFound("找不到评估事项 " + std::to_string(it.id));
      } else {
        MINYI_RETURN_IF_ERROR(tx.InsertReturningId("INSERT INTO assess_items(dimension, title, weight, sort_order,"
                                                   " active, updated_at) VALUES (?,?,?,?,1,?) RETURNING id",
                                                   {it.dimension, it.title, it.weight, order, now})
                                  .status());
      }
    }
    return AppendAudit(tx, clock_, actor, {"update", "assess_items", "", ItemsJson(before), ItemsJson(items)});
  });
}

// ---- Assessments ---------------------------------------------------------------

Status AssessService::Validate(const Assessment& a) {
  if (a.title.empty()) return InvalidArgument("请填写评估事项名称");
  if (a.title.size() > kMaxTitle) return InvalidArgument("评估事项名称过长（最多 60 个字）");
  if (a.decision.size() > kMaxText || a.affected.size() > kMaxText || a.timing.size() > kMaxShort)
    return InvalidArgument("决策内容、涉及群体或实施时间过长");
  return ValidateRule(a.Rule());
}

Result<std::vector<Assessment>> AssessService::List(int64_t limit, int64_t offset) {
  MINYI_ASSIGN_OR_RETURN(
      Rows r, db_.Query("SELECT * FROM assess_assessments ORDER BY id DESC LIMIT ? OFFSET ?", {limit, offset}));
  std::vector<Assessment> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(FromRow(r, i));
  return out;
}

Result<Assessment> AssessService::Get(int64_t id) {
  MINYI_ASSIGN_OR_RETURN(Rows r, db_.QueryOne("SELECT * FROM assess_assessments WHERE id = ?", {id},
                                              "找不到风险评估 " + std::to_string(id)));
  Assessment a = FromRow(r, 0);
  MINYI_ASSIGN_OR_RETURN(Rows s, db_.Query("SELECT item_id, score, note FROM assess_scores WHERE assessment_id = ?"
                                           " ORDER BY item_id",
                                           {id}));
  for (size_t i = 0; i < s.size(); ++i) a.scores.push_back({s.Int(i, "item_id"), s.Int(i, "score"), s.Text(i, "note")});
  MINYI_ASSIGN_OR_RETURN(Rows m, db_.Query("SELECT * FROM assess_measures WHERE assessment_id = ? ORDER BY id", {id}));
  for (size_t i = 0; i < m.size(); ++i) {
    a.measures.push_back({m.Int(i, "id"), id, m.Text(i, "content"), m.Text(i, "owner"), m.Int(i, "deadline"),
                          m.Text(i, "status"), m.Text(i, "done_note"), m.Int(i, "done_at")});
  }
  return a;
}

Result<int64_t> AssessService::Create(const Actor& actor, const Assessment& a) {
  MINYI_RETURN_IF_ERROR(Validate(a));
  int64_t id = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    UnixSeconds now = clock_.Now();
    MINYI_ASSIGN_OR_RETURN(
        id, tx.InsertReturningId("INSERT INTO assess_assessments(title, decision, affected, timing, keywords, regions,"
                                 " excludes, status, created_by, created_by_name, created_at, updated_at)"
                                 " VALUES (?,?,?,?,?,?,?,'draft',?,?,?,?) RETURNING id",
                                 {a.title, a.decision, a.affected, a.timing, JoinWords(a.keywords),
                                  JoinWords(a.regions), JoinWords(a.excludes), actor.id, actor.name, now, now}));
    return AppendAudit(tx, clock_, actor, {"create", "assessment", std::to_string(id), "null", Summary(a)});
  }));
  return id;
}

Status AssessService::Update(const Actor& actor, const Assessment& a) {
  MINYI_RETURN_IF_ERROR(Validate(a));
  MINYI_ASSIGN_OR_RETURN(Assessment old, Get(a.id));
  if (old.status != "draft") return FailedPrecondition("评估已确认，不能再修改");
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE assess_assessments SET title = ?, decision = ?, affected = ?, timing = ?,"
                                     " keywords = ?, regions = ?, excludes = ?, updated_at = ? WHERE id = ?",
                                     {a.title, a.decision, a.affected, a.timing, JoinWords(a.keywords),
                                      JoinWords(a.regions), JoinWords(a.excludes), clock_.Now(), a.id})
                              .status());
    return AppendAudit(tx, clock_, actor, {"update", "assessment", std::to_string(a.id), Summary(old), Summary(a)});
  });
}

Status AssessService::SaveScores(const Actor& actor, int64_t id, const std::vector<ScoreEntry>& scores) {
  MINYI_ASSIGN_OR_RETURN(Assessment a, Get(id));
  if (a.status != "draft") return FailedPrecondition("评估已确认，不能再修改评分");
  MINYI_ASSIGN_OR_RETURN(std::vector<AssessItem> items, ListItems(true));
  std::map<int64_t, bool> known;
  for (const AssessItem& it : items) known[it.id] = true;
  if (scores.size() > 100) return InvalidArgument("评分项过多");
  for (const ScoreEntry& s : scores) {
    if (!known.count(s.item_id)) return InvalidArgument("未知或已停用的评估事项：" + std::to_string(s.item_id));
    if (s.score < 0 || s.score > 100) return InvalidArgument("评分应为 0–100 的整数");
    if (s.note.size() > kMaxShort) return InvalidArgument("评分说明过长（最多 300 个字）");
  }
  return db_.InTransaction([&](Database& tx) -> Status {
    std::string after;
    for (const ScoreEntry& s : scores) {
      MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO assess_scores(assessment_id, item_id, score, note) VALUES (?,?,?,?)"
                                       " ON CONFLICT (assessment_id, item_id) DO UPDATE SET score = excluded.score,"
                                       " note = excluded.note",
                                       {id, s.item_id, s.score, s.note})
                                .status());
      after +=
          std::string(after.empty() ? "" : ",") + "\"" + std::to_string(s.item_id) + "\":" + std::to_string(s.score);
    }
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE assess_assessments SET updated_at = ? WHERE id = ?", {clock_.Now(), id}).status());
    return AppendAudit(tx, clock_, actor, {"score", "assessment", std::to_string(id), "null", "{" + after + "}"});
  });
}

Result<LevelProposal> AssessService::Propose(int64_t id, Evidence* evidence_out) {
  MINYI_ASSIGN_OR_RETURN(Assessment a, Get(id));
  MINYI_ASSIGN_OR_RETURN(std::vector<AssessItem> items, ListItems(false));
  Evidence e;
  if (a.status == "confirmed" && !a.evidence_json.empty()) {
    MINYI_ASSIGN_OR_RETURN(e, EvidenceFromJson(a.evidence_json));
  } else {
    MINYI_ASSIGN_OR_RETURN(e, GatherEvidence(db_, a.Rule()));
    // Items deactivated after scoring do not count for a draft.
    items.erase(std::remove_if(items.begin(), items.end(), [](const AssessItem& it) { return !it.active; }),
                items.end());
  }
  if (a.status == "confirmed") {
    // Only the items scored at confirmation count.
    std::map<int64_t, bool> scored;
    for (const ScoreEntry& s : a.scores) scored[s.item_id] = true;
    for (AssessItem& it : items) it.active = scored.count(it.id) > 0;
  }
  LevelProposal p = ProposeLevel(items, a.scores, e);
  if (evidence_out) *evidence_out = std::move(e);
  return p;
}

Status AssessService::Confirm(const Actor& actor, int64_t id, const std::string& level, const std::string& reason,
                              const std::string& note) {
  if (reason.size() > kMaxText || note.size() > kMaxText) return InvalidArgument("理由或说明过长");
  MINYI_ASSIGN_OR_RETURN(Assessment a, Get(id));
  if (a.status != "draft") return FailedPrecondition("评估已确认");
  Evidence e;
  MINYI_ASSIGN_OR_RETURN(LevelProposal p, Propose(id, &e));
  if (p.level.empty()) return FailedPrecondition("请先完成全部评估事项的评分");
  std::string final_level = level.empty() ? p.level : level;
  if (RiskLevelLabel(final_level) == "待评分") return InvalidArgument("风险等级应为 low、medium 或 high");
  bool overridden = final_level != p.level;
  if (overridden && reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return InvalidArgument("调整系统建议的风险等级须填写理由");
  std::string evidence_json = EvidenceToJson(e);
  std::string reasons;
  for (const std::string& r : p.reasons) reasons += std::string(reasons.empty() ? "" : ",") + JsonQuote(r);
  std::string score_json = "{\"weighted\":" + OneDecimal(p.weighted) + ",\"reasons\":[" + reasons + "]}";
  return db_.InTransaction([&](Database& tx) -> Status {
    UnixSeconds now = clock_.Now();
    MINYI_ASSIGN_OR_RETURN(int64_t n,
                           tx.Execute("UPDATE assess_assessments SET status = 'confirmed', proposed_level = ?,"
                                      " final_level = ?, override_reason = ?, confirm_note = ?,"
                                      " evidence_json = ?, score_json = ?, confirmed_by_name = ?,"
                                      " confirmed_at = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
                                      {p.level, final_level, overridden ? reason : std::string(), note, evidence_json,
                                       score_json, actor.name, now, now, id}));
    if (n == 0) return FailedPrecondition("评估已确认");
    std::string after = "{\"proposed\":" + JsonQuote(p.level) + ",\"final\":" + JsonQuote(final_level) +
                        ",\"weighted\":" + OneDecimal(p.weighted) + ",\"reasons\":[" + reasons +
                        "],\"override_reason\":" + JsonQuote(overridden ? reason : "") +
                        ",\"note\":" + JsonQuote(note) + "}";
    return AppendAudit(tx, clock_, actor,
                       {overridden ? "override" : "confirm", "assessment", std::to_string(id), Summary(a), after});
  });
}

Result<int64_t> AssessService::AddMeasure(const Actor& actor, int64_t id, const Measure& m) {
  if (m.content.empty() || m.content.size() > kMaxText) return InvalidArgument("请填写防范化解措施（最多 2000 个字）");
  if (m.owner.empty() || m.owner.size() > 100) return InvalidArgument("请填写措施责任人");
  MINYI_RETURN_IF_ERROR(Get(id).status());
  int64_t mid = 0;
  MINYI_RETURN_IF_ERROR(db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(mid, tx.InsertReturningId("INSERT INTO assess_measures(assessment_id, content, owner,"
                                                     " deadline, status, created_at) VALUES (?,?,?,?,'open',?)"
                                                     " RETURNING id",
                                                     {id, m.content, m.owner, m.deadline, clock_.Now()}));
    return AppendAudit(tx, clock_, actor,
                       {"create", "assess_measure", std::to_string(mid), "null",
                        "{\"assessment_id\":" + std::to_string(id) + ",\"content\":" + JsonQuote(m.content) +
                            ",\"owner\":" + JsonQuote(m.owner) + "}"});
  }));
  return mid;
}

Status AssessService::CompleteMeasure(const Actor& actor, int64_t measure_id, const std::string& note) {
  if (note.size() > kMaxText) return InvalidArgument("完成情况说明过长");
  return db_.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Rows r, tx.QueryOne("SELECT status FROM assess_measures WHERE id = ?", {measure_id},
                                               "找不到措施 " + std::to_string(measure_id)));
    if (r.Text(0, "status") == "done") return FailedPrecondition("该措施已完成销号");
    MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE assess_measures SET status = 'done', done_note = ?, done_at = ?"
                                     " WHERE id = ?",
                                     {note, clock_.Now(), measure_id})
                              .status());
    return AppendAudit(tx, clock_, actor,
                       {"complete", "assess_measure", std::to_string(measure_id), "{\"status\":\"open\"}",
                        "{\"status\":\"done\",\"note\":" + JsonQuote(note) + "}"});
  });
}

}  // namespace minyi
