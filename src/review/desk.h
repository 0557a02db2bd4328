// The review desk (审校台): channels (阵地), drafts with immutable versions,
// the three-stage human review (初审 → 复审 → 终审), the organization's own
// lexicon and the publication ledger.
//
// Contract:
// - Every submission or edit stores a new immutable version: the text, its
//   SHA-256 and the automated findings computed for exactly that text.
// - A decision names the stage and the version it was made on. Deciding on
//   a stage that is not the current one, or on a version that is not the
//   current one, is refused with kFailedPrecondition (HTTP 409) and changes
//   nothing. Roles: 初审 editor/reviewer/admin, 复审 reviewer, 终审 leader.
// - Approving the last required stage makes the draft approved (待发布);
//   returning sends it back to the author; rejecting is final. The author
//   may withdraw (撤回) a draft still in review (not yet finally approved);
//   the withdrawal is recorded among the decisions. Any edit
//   sends the draft back to the channel's first required stage, so no
//   approval ever covers text it did not see.
// - Publishing an approved draft writes one immutable ledger row with the
//   figures reports need (findings found/fixed, time spent per stage).
// - Every change runs in one transaction with its audit record.
// - The organization's terms and whitelist extend the shipped lexicons; the
//   OrgChecker is rebuilt after every lexicon change and swapped in whole.
//
// Thread safety: ReviewDesk is a cheap view over a Database and may be
// created per request; OrgChecker is thread-safe (Get/Reload under a mutex,
// checkers are immutable once published).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/env.h"
#include "review/checks.h"
#include "store/org.h"
#include "store/store.h"

namespace minyi {

enum class ReviewStage { kFirst, kSecond, kFinal };
enum class DraftStatus { kInReview, kReturned, kApproved, kRejected, kPublished, kWithdrawn };
// kWithdraw is the author's own withdrawal (撤回), recorded with the
// decisions; it is never a reviewer's decision.
enum class ReviewDecision { kApprove, kReturn, kReject, kWithdraw };

std::string_view StageName(ReviewStage s);   // "first", "second", "final"
std::string_view StageLabel(ReviewStage s);  // "初审", "复审", "终审"
Result<ReviewStage> ParseStage(std::string_view name);
std::string_view DraftStatusName(DraftStatus s);   // "in_review", "returned", ...
std::string_view DraftStatusLabel(DraftStatus s);  // "审核中", "退回修改", ...
Result<DraftStatus> ParseDraftStatus(std::string_view name);
std::string_view DecisionName(ReviewDecision d);   // "approve", "return", "reject", "withdraw"
std::string_view DecisionLabel(ReviewDecision d);  // "通过", "退回修改", "不予发布", "撤回"
Result<ReviewDecision> ParseDecision(std::string_view name);
// "first,second" <-> stages; an empty or unordered list is kInvalidArgument.
Result<std::vector<ReviewStage>> ParseStageList(std::string_view csv);
std::string StageListName(const std::vector<ReviewStage>& stages);

// Who may decide at a stage.
bool RoleMayDecide(Role role, ReviewStage stage);
// Who may submit and edit drafts.
bool RoleMayAuthor(Role role);

// ---- The state machine, free of storage so it can be tested exhaustively.
struct WorkflowState {
  DraftStatus status = DraftStatus::kInReview;
  std::optional<ReviewStage> stage;  // set only while kInReview
};
// The state a new submission starts in.
WorkflowState InitialState(const std::vector<ReviewStage>& required);
// A decision at `at` on state `s`; kFailedPrecondition when not allowed.
Result<WorkflowState> ApplyDecision(const std::vector<ReviewStage>& required, const WorkflowState& s, ReviewStage at,
                                    ReviewDecision d);
// An edit (new version); rejected and published drafts cannot be edited.
Result<WorkflowState> ApplyEdit(const std::vector<ReviewStage>& required, const WorkflowState& s);
Result<WorkflowState> ApplyPublish(const WorkflowState& s);
// The author's withdrawal: only a draft still in review (any stage).
Result<WorkflowState> ApplyWithdraw(const WorkflowState& s);

// ---- Records.
struct Channel {
  int64_t id = 0;
  std::string kind;  // website, wechat, weibo, video, app, workgroup, screen, terminal, other
  std::string name;
  std::string address;     // URL or account id
  int64_t unit_id = 0;     // owning unit; 0: the organization itself
  int64_t manager_id = 0;  // a user; 0: none
  std::vector<ReviewStage> stages{ReviewStage::kFirst, ReviewStage::kSecond, ReviewStage::kFinal};
  UnixSeconds last_check_at = 0;  // last security check; 0: never
  std::string note;
  bool active = true;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
};
bool IsValidChannelKind(std::string_view kind);
std::string_view ChannelKindLabel(std::string_view kind);  // "网站", "微信公众号"...

struct DraftVersion {
  int64_t id = 0;
  int64_t draft_id = 0;
  int64_t number = 0;  // 1, 2, ...
  std::string text;    // empty when listed without text
  std::string sha256;
  std::vector<Finding> findings;
  int64_t finding_count = 0;
  std::string source;  // "粘贴" or the uploaded file's name
  int64_t author_id = 0;
  std::string author_name;
  UnixSeconds created_at = 0;
};

struct DecisionRecord {
  int64_t id = 0;
  int64_t draft_id = 0;
  int64_t version_id = 0;
  std::string version_sha256;
  ReviewStage stage = ReviewStage::kFirst;
  ReviewDecision decision = ReviewDecision::kApprove;
  int64_t reviewer_id = 0;
  std::string reviewer_name;
  std::string comment;
  int64_t stage_seconds = 0;  // time the draft waited in this stage
  UnixSeconds at = 0;
};

struct Dismissal {
  int64_t id = 0;
  int64_t draft_id = 0;
  int64_t version_id = 0;
  std::string rule;
  std::string text;
  int64_t start = 0;
  int64_t end = 0;
  std::string reason;
  bool whitelisted = false;
  int64_t user_id = 0;
  std::string user_name;
  UnixSeconds at = 0;
};

struct Draft {
  int64_t id = 0;
  int64_t channel_id = 0;
  std::string channel_name;
  std::string title;
  int64_t author_id = 0;
  std::string author_name;
  WorkflowState state;
  std::vector<ReviewStage> required;  // the channel's policy
  int64_t current_version_id = 0;
  int64_t version_count = 0;
  int64_t finding_count = 0;  // of the current version
  UnixSeconds stage_entered_at = 0;
  UnixSeconds created_at = 0;
  UnixSeconds updated_at = 0;
  UnixSeconds published_at = 0;
  std::string published_url;
};

struct NewDraft {
  int64_t channel_id = 0;
  std::string title;
  std::string text;
  std::string source;  // "粘贴" or a file name
};

struct DecisionInput {
  ReviewStage stage = ReviewStage::kFirst;
  int64_t version_id = 0;
  std::string version_sha256;  // optional; checked when non-empty
  ReviewDecision decision = ReviewDecision::kApprove;
  std::string comment;  // required for return and reject
};

struct DismissInput {
  int64_t version_id = 0;
  std::string rule;
  int64_t start = 0;
  int64_t end = 0;
  std::string reason;
  bool add_to_whitelist = false;
};

struct DraftFilter {
  std::optional<DraftStatus> status;
  std::optional<ReviewStage> stage;
  int64_t channel_id = 0;
  int64_t author_id = 0;
  // When set: drafts waiting for this user (a stage the role may decide,
  // or the user's own drafts that were returned, withdrawn or await
  // publication).
  std::optional<User> todo_for;
  int64_t limit = 200;
  int64_t offset = 0;
};

struct OrgTerm {
  int64_t id = 0;
  std::string term;
  CheckCategory category = CheckCategory::kTerm;
  Severity severity = Severity::kWarning;
  std::string suggestion;
  std::string note;
  std::string created_by;
  UnixSeconds created_at = 0;
};

struct WhitelistEntry {
  int64_t id = 0;
  std::string phrase;
  std::string source;  // "手工添加" or "驳回问题"
  int64_t draft_id = 0;
  std::string created_by;
  UnixSeconds created_at = 0;
};

struct LedgerEntry {
  int64_t draft_id = 0;
  int64_t channel_id = 0;
  std::string channel_name;
  std::string title;
  std::string author_name;
  UnixSeconds published_at = 0;
  std::string url;
  int64_t version_count = 0;
  int64_t return_count = 0;
  int64_t findings_first = 0;            // automated findings in the first version
  int64_t findings_final = 0;            // ... still present in the published version
  int64_t findings_fixed = 0;            // first-version findings gone by the final one
  int64_t stage_seconds[3] = {0, 0, 0};  // 初审, 复审, 终审
  UnixSeconds submitted_at = 0;
};

struct LedgerChannelSummary {
  int64_t channel_id = 0;
  std::string channel_name;
  std::string kind;
  int64_t published = 0;
  int64_t findings_first = 0;
  int64_t findings_fixed = 0;
  int64_t findings_final = 0;
  int64_t returns = 0;
  int64_t stage_seconds[3] = {0, 0, 0};  // totals
};

struct LedgerQuery {
  UnixSeconds from = 0;  // inclusive; 0: no bound
  UnixSeconds to = 0;    // exclusive; 0: no bound
  int64_t channel_id = 0;
};

struct Ledger {
  std::vector<LedgerEntry> entries;            // newest first
  std::vector<LedgerChannelSummary> channels;  // every active channel, even with no publication
  // Drafts currently in each state, for the same channels (not period-bound).
  int64_t in_review = 0, returned = 0, approved = 0, rejected = 0;
};

// The shipped lexicons plus the organization's terms and whitelist.
class OrgChecker {
 public:
  explicit OrgChecker(CheckerOptions base = {}) : base_(std::move(base)) {}
  // Rebuilds from the shipped lexicons and the stored org lexicon, then
  // swaps it in; on failure the previous checker stays in use.
  Status Reload(Database& db);
  // The current checker; nullptr before the first successful Reload.
  std::shared_ptr<const Checker> Get() const;

 private:
  CheckerOptions base_;
  mutable std::mutex mu_;
  std::shared_ptr<const Checker> current_;
};

// Limits on what a draft may hold.
inline constexpr size_t kMaxDraftTextBytes = 2u << 20;     // pasted or extracted text
inline constexpr size_t kMaxDraftUploadBytes = 10u << 20;  // an uploaded file
inline constexpr size_t kMaxTitleBytes = 300;

// Decodes standard or URL-safe base64 (whitespace ignored); refuses output
// above max_bytes with kResourceExhausted and bad input with kInvalidArgument.
Result<std::string> DecodeBase64(std::string_view in, size_t max_bytes);
// Reads an uploaded .txt/.md/.html/.docx into plain text with the desk's
// limits; clear Chinese errors for unsupported, broken or oversized files.
Result<std::string> ReadUploadedDraft(std::string_view bytes, std::string_view filename);

class ReviewDesk {
 public:
  ReviewDesk(Database& db, const Clock& clock, OrgChecker& checker) : db_(db), clock_(clock), checker_(checker) {}

  // Channels (阵地).
  Result<std::vector<Channel>> ListChannels(bool include_inactive);
  Result<Channel> GetChannel(int64_t id);
  Result<int64_t> CreateChannel(const User& actor, const Channel& channel);
  Status UpdateChannel(const User& actor, const Channel& channel);
  // Removes an unused channel; one with drafts is deactivated instead.
  Status DeleteChannel(const User& actor, int64_t id);

  // Drafts.
  Result<int64_t> Submit(const User& author, const NewDraft& draft);
  // A new version by the author (or an admin); returns its id.
  // base_version_id, when non-zero, must be the current version (else 409).
  Result<int64_t> Edit(const User& user, int64_t draft_id, const std::string& text, const std::string& source,
                       int64_t base_version_id);
  Status Decide(const User& reviewer, int64_t draft_id, const DecisionInput& input);
  // The author (or an admin) takes back a draft still in review; the reason
  // is optional. Recorded as a decision (撤回) at the stage it was in.
  Status Withdraw(const User& user, int64_t draft_id, const std::string& reason);
  Result<int64_t> Dismiss(const User& reviewer, int64_t draft_id, const DismissInput& input);
  Status Publish(const User& user, int64_t draft_id, UnixSeconds published_at, const std::string& url);

  Result<Draft> GetDraft(int64_t id);
  Result<std::vector<Draft>> ListDrafts(const DraftFilter& filter);
  Result<std::vector<DraftVersion>> ListVersions(int64_t draft_id);  // without text
  Result<DraftVersion> GetVersion(int64_t version_id);
  Result<std::vector<DecisionRecord>> ListDecisions(int64_t draft_id);
  Result<std::vector<Dismissal>> ListDismissals(int64_t draft_id);

  // The organization's lexicon.
  Result<std::vector<OrgTerm>> ListTerms();
  Result<int64_t> AddTerm(const User& actor, const OrgTerm& term);
  Status DeleteTerm(const User& actor, int64_t id);
  Result<std::vector<WhitelistEntry>> ListWhitelist();
  Result<int64_t> AddWhitelist(const User& actor, const std::string& phrase);
  Status DeleteWhitelist(const User& actor, int64_t id);

  // Publication ledger.
  Result<Ledger> GetLedger(const LedgerQuery& query);

 private:
  Result<std::vector<Finding>> RunChecks(const std::string& text);
  Status RecordDecision(const User& user, const Draft& d, const DraftVersion& v, ReviewStage stage,
                        ReviewDecision decision, const std::string& comment, const WorkflowState& next);
  Status ReloadChecker();

  Database& db_;
  const Clock& clock_;
  OrgChecker& checker_;
};

}  // namespace minyi
