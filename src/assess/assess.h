// 研判与报送: opinion-risk assessments before major decisions, and briefings
// sent upward (舆情专报/要报) with their adoption tracked.
//
// Contract:
// - Assessments (重大决策舆情风险评估). Evidence is gathered only from
//   Minyi's own records: a 方案-style topic rule built from the keywords
//   (事件词, optional 地域词 and 排除词) is evaluated over the newest stored
//   monitor items (monitor/topics.h PreviewTopic); the matched items give the
//   volume and sentiment per day, their events give the similar past events
//   and how large they grew, and cases on the same matter (linked to those
//   events or naming a keyword) give the past cases and how they closed.
// - Proposed level (ProposeLevel) is explainable: the weighted score S
//   (0..100, 100 = no concern) gives the base level — S >= 80 低, 60..80 中,
//   < 60 高 — and the evidence raises it one level (at most to 高) when the
//   negative share of related items >= 40 % (with >= 5 items), a similar
//   past event grew to >= 30 items, or >= 3 past cases concern the matter.
//   Every rule that fired is named in `reasons`.
// - A leader confirms the proposal or overrides it; an override needs a
//   reason. Confirmation freezes evidence and scores; every change runs in
//   one transaction with an audit record.
// - Briefings: draft → submitted → approved | returned (with a reason) →
//   sent (to whom, when) → adoption recorded (采用/直报采用/摘报采用/未采用).
//   Only drafts and returned briefings are edited.
// - Inputs are limited (field sizes, list lengths) and answered with Chinese
//   kInvalidArgument errors that store nothing.
//
// Thread safety: AssessService holds references only; use one per request.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/env.h"
#include "common/status.h"
#include "report/report.h"
#include "store/audit.h"
#include "store/store.h"

namespace minyi {

// ---- Dimensions and items ---------------------------------------------------

// legality, reasonableness, feasibility, controllability.
const std::vector<std::string>& AssessDimensions();
std::string_view AssessDimensionLabel(std::string_view dimension);  // "合法性"

struct AssessItem {
  int64_t id = 0;
  std::string dimension;
  std::string title;
  int64_t weight = 0;  // 1..100
  int64_t sort_order = 0;
  bool active = true;
};

// ---- Evidence ------------------------------------------------------------------

struct EvidenceItem {
  int64_t id = 0;
  std::string title, outlet, snippet, sentiment;
  int64_t published_at = 0;
};

struct EvidenceDay {
  std::string date;  // "2026-11-18", China time
  int64_t total = 0, negative = 0, neutral = 0, positive = 0;
};

struct EvidenceEvent {
  int64_t id = 0;
  std::string title;
  int64_t first_seen = 0, last_seen = 0;
  int64_t items = 0, outlets = 0, negative = 0;
};

struct EvidenceCase {
  int64_t id = 0;
  std::string code, title, state, state_label;
  int64_t received_at = 0, closed_at = 0;
  int64_t satisfaction = 0;  // 0: not evaluated
};

struct Evidence {
  std::string rule;  // how the rule reads
  int64_t scanned = 0, matched = 0;
  int64_t negative = 0, neutral = 0, positive = 0;
  std::vector<EvidenceItem> items;  // newest first, at most 20
  std::vector<EvidenceDay> days;
  std::vector<EvidenceEvent> events;  // largest first, at most 20
  std::vector<EvidenceCase> cases;    // newest first, at most 50
  double NegativeShare() const;
  int64_t PeakEventItems() const;
};

struct EvidenceRule {
  std::vector<std::string> keywords;  // 事件词, any of them
  std::vector<std::string> regions;   // 地域词, any of them ("" none)
  std::vector<std::string> excludes;  // 排除词
};

// Word lists are stored and typed as "甲、乙 丙" (separators 、，；,; and
// spaces).
std::string JoinWords(const std::vector<std::string>& words);
std::vector<std::string> SplitWords(const std::string& text);

inline constexpr size_t kEvidenceScanLimit = 20'000;
Result<Evidence> GatherEvidence(Database& db, const EvidenceRule& rule, size_t scan_limit = kEvidenceScanLimit);

// ---- Proposed level --------------------------------------------------------------

struct ScoreEntry {
  int64_t item_id = 0;
  int64_t score = 0;  // 0..100
  std::string note;
};

struct LevelProposal {
  std::string level;                                         // low | medium | high; "" when not every item is scored
  double weighted = 0;                                       // S, 0..100
  std::vector<std::string> reasons;                          // Chinese, one per rule applied
  std::vector<std::pair<std::string, double>> by_dimension;  // dimension -> weighted score
};

std::string_view RiskLevelLabel(std::string_view level);  // "中风险"
LevelProposal ProposeLevel(const std::vector<AssessItem>& items, const std::vector<ScoreEntry>& scores,
                           const Evidence& evidence);

// ---- Assessments --------------------------------------------------------------------

struct Measure {
  int64_t id = 0;
  int64_t assessment_id = 0;
  std::string content, owner;
  int64_t deadline = 0;
  std::string status = "open";  // open | done
  std::string done_note;
  int64_t done_at = 0;
};

struct Assessment {
  int64_t id = 0;
  std::string title, decision, affected, timing;
  std::vector<std::string> keywords, regions, excludes;
  std::string status = "draft";  // draft | confirmed
  std::string proposed_level, final_level, override_reason, confirm_note;
  std::string evidence_json, score_json;  // frozen at confirmation
  std::string created_by_name, confirmed_by_name;
  int64_t created_at = 0, updated_at = 0, confirmed_at = 0;
  std::vector<ScoreEntry> scores;
  std::vector<Measure> measures;
  EvidenceRule Rule() const { return {keywords, regions, excludes}; }
};

class AssessService {
 public:
  AssessService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<std::vector<AssessItem>> ListItems(bool active_only);
  // Replaces the item list: ids > 0 update, id 0 creates, absent ones are
  // deactivated. Weights 1..100, at least one item per dimension.
  Status SaveItems(const Actor& actor, const std::vector<AssessItem>& items);

  Result<std::vector<Assessment>> List(int64_t limit, int64_t offset);
  Result<Assessment> Get(int64_t id);
  Result<int64_t> Create(const Actor& actor, const Assessment& a);
  Status Update(const Actor& actor, const Assessment& a);
  Status SaveScores(const Actor& actor, int64_t id, const std::vector<ScoreEntry>& scores);
  // The proposal from the current scores and the live evidence (or the
  // frozen evidence once confirmed).
  Result<LevelProposal> Propose(int64_t id, Evidence* evidence_out = nullptr);
  // level "" confirms the proposal; a different level is an override and
  // needs override_reason.
  Status Confirm(const Actor& actor, int64_t id, const std::string& level, const std::string& reason,
                 const std::string& note);
  Result<int64_t> AddMeasure(const Actor& actor, int64_t id, const Measure& m);
  Status CompleteMeasure(const Actor& actor, int64_t measure_id, const std::string& note);

 private:
  Status Validate(const Assessment& a);
  Database& db_;
  const Clock& clock_;
};

// Evidence as JSON (what is frozen, what the API returns) and back.
std::string EvidenceToJson(const Evidence& e);
Result<Evidence> EvidenceFromJson(std::string_view json);

// The assessment in the official layout with its evidence appendix.
Result<ReportDraft> AssessmentDocument(const Assessment& a, const std::vector<AssessItem>& items,
                                       const LevelProposal& p, const Evidence& e, const std::string& org_name);

// ---- Briefings ----------------------------------------------------------------------

// special 舆情专报, brief 舆情要报.
std::string_view BriefingKindLabel(std::string_view kind);
std::string_view BriefingStatusLabel(std::string_view status);
std::string_view AdoptionLabel(std::string_view adoption);

struct Briefing {
  int64_t id = 0;
  std::string kind = "special";
  std::string issue_no;  // 期号, "2026年第3期"
  int64_t event_id = 0;
  std::string title, summary, spread, sentiment, actions;
  std::string status = "draft";
  std::string return_reason;
  std::string created_by_name, approved_by_name, sent_to, sent_by_name;
  int64_t created_at = 0, updated_at = 0, submitted_at = 0, approved_at = 0, sent_at = 0;
  std::string adoption = "pending", adoption_note;
  int64_t adoption_at = 0;
};

class BriefingService {
 public:
  BriefingService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  // Text drafted from a stored event: what happened, how it spread,
  // sentiment, and what was done (cases opened from the event).
  Result<Briefing> DraftFromEvent(int64_t event_id);
  Result<int64_t> Create(const Actor& actor, const Briefing& b);
  Status Update(const Actor& actor, const Briefing& b);
  Result<Briefing> Get(int64_t id);
  Result<std::vector<Briefing>> List(const std::string& status, int64_t limit, int64_t offset);
  Status Submit(const Actor& actor, int64_t id);
  Status Approve(const Actor& actor, int64_t id);
  Status Return(const Actor& actor, int64_t id, const std::string& reason);
  // Records that the approved briefing went to `to`; email_channel_id > 0
  // also queues its text on that notify channel in the same transaction.
  Status MarkSent(const Actor& actor, int64_t id, const std::string& to, int64_t email_channel_id);
  Status RecordAdoption(const Actor& actor, int64_t id, const std::string& adoption, const std::string& note);

 private:
  Status Validate(const Briefing& b);
  Database& db_;
  const Clock& clock_;
};

Result<ReportDraft> BriefingDocument(const Briefing& b, const std::string& org_name);

}  // namespace minyi
