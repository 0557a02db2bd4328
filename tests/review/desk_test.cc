// The review desk: state machine, roles, stale versions, edit-after-approval,
// whitelist from dismissal and hand-checked ledger figures, on a real SQLite
// store in a temporary directory.
#include "review/desk.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <set>

#include "common/crypto.h"
#include "store/audit.h"
#include "store/org.h"

namespace minyi {
namespace {

namespace fs = std::filesystem;
constexpr ReviewStage kFirst = ReviewStage::kFirst;
constexpr ReviewStage kSecond = ReviewStage::kSecond;
constexpr ReviewStage kFinal = ReviewStage::kFinal;
const std::vector<ReviewStage> kAll = {kFirst, kSecond, kFinal};

std::string IdWithCheck(const std::string& first17) {
  static const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * w[i];
  return first17 + "10X98765432"[sum % 11];
}

// ---- The state machine on its own.

TEST(WorkflowTest, ApprovalsWalkTheRequiredStages) {
  WorkflowState s = InitialState(kAll);
  EXPECT_EQ(s.status, DraftStatus::kInReview);
  EXPECT_EQ(*s.stage, kFirst);
  s = *ApplyDecision(kAll, s, kFirst, ReviewDecision::kApprove);
  EXPECT_EQ(*s.stage, kSecond);
  EXPECT_EQ(ApplyDecision(kAll, s, kFirst, ReviewDecision::kApprove).status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(ApplyDecision(kAll, s, kFinal, ReviewDecision::kApprove).status().code(), ErrorCode::kFailedPrecondition);
  s = *ApplyDecision(kAll, s, kSecond, ReviewDecision::kApprove);
  EXPECT_EQ(*s.stage, kFinal);
  s = *ApplyDecision(kAll, s, kFinal, ReviewDecision::kApprove);
  EXPECT_EQ(s.status, DraftStatus::kApproved);
  EXPECT_FALSE(s.stage.has_value());
  // Nothing more to decide; an edit starts over; publishing ends it.
  EXPECT_FALSE(ApplyDecision(kAll, s, kFinal, ReviewDecision::kApprove).ok());
  EXPECT_EQ(*ApplyEdit(kAll, s)->stage, kFirst);
  WorkflowState published = *ApplyPublish(s);
  EXPECT_EQ(published.status, DraftStatus::kPublished);
  EXPECT_FALSE(ApplyEdit(kAll, published).ok());
  EXPECT_FALSE(ApplyPublish(published).ok());
}

TEST(WorkflowTest, ReturnRejectAndShortPolicies) {
  WorkflowState s = InitialState(kAll);
  WorkflowState returned = *ApplyDecision(kAll, s, kFirst, ReviewDecision::kReturn);
  EXPECT_EQ(returned.status, DraftStatus::kReturned);
  EXPECT_FALSE(ApplyDecision(kAll, returned, kFirst, ReviewDecision::kApprove).ok());
  EXPECT_FALSE(ApplyPublish(returned).ok());
  EXPECT_EQ(*ApplyEdit(kAll, returned)->stage, kFirst);
  WorkflowState rejected = *ApplyDecision(kAll, s, kFirst, ReviewDecision::kReject);
  EXPECT_EQ(rejected.status, DraftStatus::kRejected);
  EXPECT_FALSE(ApplyEdit(kAll, rejected).ok());
  EXPECT_FALSE(ApplyDecision(kAll, rejected, kFirst, ReviewDecision::kApprove).ok());
  // A channel that requires only 初审 and 终审 skips 复审.
  std::vector<ReviewStage> short_policy = {kFirst, kFinal};
  WorkflowState t = *ApplyDecision(short_policy, InitialState(short_policy), kFirst, ReviewDecision::kApprove);
  EXPECT_EQ(*t.stage, kFinal);
  std::vector<ReviewStage> only_final = {kFinal};
  EXPECT_EQ(*InitialState(only_final).stage, kFinal);
  EXPECT_EQ(ApplyDecision(only_final, InitialState(only_final), kFinal, ReviewDecision::kApprove)->status,
            DraftStatus::kApproved);
}

TEST(WorkflowTest, WithdrawOnlyWhileInReview) {
  WorkflowState s = InitialState(kAll);
  WorkflowState w = *ApplyWithdraw(s);
  EXPECT_EQ(w.status, DraftStatus::kWithdrawn);
  EXPECT_FALSE(w.stage.has_value());
  EXPECT_EQ(DraftStatusLabel(w.status), "已撤回");
  EXPECT_EQ(*ParseDraftStatus("withdrawn"), DraftStatus::kWithdrawn);
  // A withdrawn draft is not decidable, not publishable, and an edit resubmits it.
  EXPECT_FALSE(ApplyDecision(kAll, w, kFirst, ReviewDecision::kApprove).ok());
  EXPECT_FALSE(ApplyPublish(w).ok());
  EXPECT_FALSE(ApplyWithdraw(w).ok());
  EXPECT_EQ(*ApplyEdit(kAll, w)->stage, kFirst);
  // At 终审 it may still be withdrawn; once finally approved it may not.
  WorkflowState at_final = *ApplyDecision(kAll, *ApplyDecision(kAll, s, kFirst, ReviewDecision::kApprove), kSecond,
                                          ReviewDecision::kApprove);
  EXPECT_TRUE(ApplyWithdraw(at_final).ok());
  WorkflowState approved = *ApplyDecision(kAll, at_final, kFinal, ReviewDecision::kApprove);
  EXPECT_EQ(ApplyWithdraw(approved).status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_FALSE(ApplyWithdraw(*ApplyDecision(kAll, s, kFirst, ReviewDecision::kReturn)).ok());
  // Withdrawal is never a reviewer's decision.
  EXPECT_FALSE(ApplyDecision(kAll, s, kFirst, ReviewDecision::kWithdraw).ok());
}

TEST(WorkflowTest, NamesRolesAndStageLists) {
  EXPECT_EQ(StageLabel(kSecond), "复审");
  EXPECT_EQ(*ParseStageList("first,final"), (std::vector<ReviewStage>{kFirst, kFinal}));
  EXPECT_FALSE(ParseStageList("").ok());
  EXPECT_FALSE(ParseStageList("final,first").ok());
  EXPECT_FALSE(ParseStageList("first,first").ok());
  EXPECT_FALSE(ParseStageList("third").ok());
  EXPECT_EQ(StageListName(kAll), "first,second,final");
  EXPECT_TRUE(RoleMayDecide(Role::kEditor, kFirst));
  EXPECT_TRUE(RoleMayDecide(Role::kAdmin, kFirst));
  EXPECT_FALSE(RoleMayDecide(Role::kLeader, kFirst));
  EXPECT_TRUE(RoleMayDecide(Role::kReviewer, kSecond));
  EXPECT_FALSE(RoleMayDecide(Role::kEditor, kSecond));
  EXPECT_TRUE(RoleMayDecide(Role::kLeader, kFinal));
  EXPECT_FALSE(RoleMayDecide(Role::kReviewer, kFinal));
  EXPECT_FALSE(RoleMayDecide(Role::kReporter, kFirst));
  EXPECT_FALSE(RoleMayAuthor(Role::kReporter));
  EXPECT_FALSE(RoleMayAuthor(Role::kHandler));
}

TEST(UploadTest, Base64AndDocumentLimits) {
  EXPECT_EQ(*DecodeBase64("5rWL6K+V", 100), "测试");
  EXPECT_EQ(*DecodeBase64("data:text/plain;base64,5rWL6K-V", 100), "测试");
  EXPECT_EQ(*DecodeBase64("YQ==", 100), "a");
  EXPECT_EQ(DecodeBase64("YQ=a", 100).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(DecodeBase64("!!!!", 100).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(DecodeBase64(Base64Encode(std::string(200, 'x')), 100).status().code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(*ReadUploadedDraft("第一段\n第二段", "稿件.txt"), "第一段\n第二段");
  EXPECT_EQ(ReadUploadedDraft("x", "旧稿.doc").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ReadUploadedDraft("x", "图片.png").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ReadUploadedDraft("", "空.txt").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ReadUploadedDraft("  \n ", "空白.txt").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ReadUploadedDraft("PK\x03\x04garbage", "坏.docx").status().code() == ErrorCode::kOk, false);
  EXPECT_EQ(ReadUploadedDraft(std::string(kMaxDraftUploadBytes + 1, 'a'), "大.txt").status().code(),
            ErrorCode::kResourceExhausted);
}

// ---- The desk on a real store.

class DeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("minyi-desk-" + RandomHex(6));
    fs::create_directories(dir_);
    auto store = Store::Open({dir_.string(), 2, 10000, &clock_});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    OrgRepo org(store_->db(), clock_);
    Actor sys{0, "测试"};
    ASSERT_TRUE(org.SaveOrganization(sys, {"测试局", "", ""}).ok());
    editor_ = MakeUser(org, "editor", "张编辑", Role::kEditor);
    editor2_ = MakeUser(org, "editor2", "陈编辑", Role::kEditor);
    reviewer_ = MakeUser(org, "reviewer", "李科长", Role::kReviewer);
    leader_ = MakeUser(org, "leader", "王局长", Role::kLeader);
    admin_ = MakeUser(org, "admin", "管理员", Role::kAdmin);
    reporter_ = MakeUser(org, "reporter", "刘信息员", Role::kReporter);
    CheckerOptions options;
    options.data_dir = std::string(MINYI_SOURCE_DIR) + "/data/review";
    checker_ = std::make_unique<OrgChecker>(options);
    ASSERT_TRUE(checker_->Reload(store_->db()).ok());
    desk_ = std::make_unique<ReviewDesk>(store_->db(), clock_, *checker_);
    Channel c;
    c.kind = "website";
    c.name = "清河县人民政府网站";
    c.address = "http://www.qinghe.gov.cn";
    auto id = desk_->CreateChannel(admin_, c);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    channel_ = *id;
  }
  void TearDown() override {
    desk_.reset();
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  User MakeUser(OrgRepo& org, const std::string& name, const std::string& display, Role role) {
    User u;
    u.name = name;
    u.display_name = display;
    u.role = role;
    auto id = org.CreateUser(Actor{0, "测试"}, u, "hash");
    EXPECT_TRUE(id.ok());
    u.id = *id;
    return u;
  }

  int64_t SubmitText(const std::string& text, int64_t channel = 0) {
    auto id = desk_->Submit(editor_, {channel ? channel : channel_, "关于秋季防火的通知", text, "粘贴"});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  Status DecideOn(const User& who, int64_t draft, ReviewStage stage, ReviewDecision d, const std::string& comment = "",
                  int64_t version = 0) {
    auto current = desk_->GetDraft(draft);
    if (!current.ok()) return current.status();
    return desk_->Decide(who, draft, {stage, version ? version : current->current_version_id, "", d, comment});
  }

  DraftStatus StatusOf(int64_t draft) { return desk_->GetDraft(draft)->state.status; }
  std::optional<ReviewStage> StageOf(int64_t draft) { return desk_->GetDraft(draft)->state.stage; }

  std::set<std::string> Rules(int64_t version_id) {
    std::set<std::string> out;
    auto v = desk_->GetVersion(version_id);
    EXPECT_TRUE(v.ok());
    if (!v.ok()) return out;
    for (const Finding& f : v->findings) out.insert(f.rule + ":" + f.text);
    return out;
  }

  fs::path dir_;
  ManualClock clock_{1'790'000'000};
  std::unique_ptr<Store> store_;
  std::unique_ptr<OrgChecker> checker_;
  std::unique_ptr<ReviewDesk> desk_;
  User editor_, editor2_, reviewer_, leader_, admin_, reporter_;
  int64_t channel_ = 0;
};

TEST_F(DeskTest, SubmitStoresAVersionWithHashAndFindings) {
  std::string id_number = IdWithCheck("11010519491231002");
  std::string text = "请市民按步就班做好防火准备。联系人身份证号" + id_number + "。";
  int64_t draft = SubmitText(text);
  auto d = desk_->GetDraft(draft);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->state.status, DraftStatus::kInReview);
  EXPECT_EQ(*d->state.stage, kFirst);
  EXPECT_EQ(d->version_count, 1);
  EXPECT_EQ(d->author_name, "张编辑");
  EXPECT_EQ(d->channel_name, "清河县人民政府网站");
  auto v = desk_->GetVersion(d->current_version_id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->text, text);
  EXPECT_EQ(v->sha256, Sha256Hex(text));
  std::set<std::string> rules = Rules(v->id);
  EXPECT_TRUE(rules.count("typo.word:按步就班")) << ::testing::PrintToString(rules);
  EXPECT_TRUE(rules.count("pii.id_card:" + id_number)) << ::testing::PrintToString(rules);
  EXPECT_EQ(d->finding_count, static_cast<int64_t>(v->findings.size()));
  // Bad submissions store nothing.
  EXPECT_EQ(desk_->Submit(editor_, {channel_, "", "正文", ""}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(desk_->Submit(editor_, {channel_, "标题", " \n ", ""}).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(desk_->Submit(editor_, {channel_, "标题", std::string(kMaxDraftTextBytes + 1, 'a'), ""}).status().code(),
            ErrorCode::kResourceExhausted);
  EXPECT_EQ(desk_->Submit(editor_, {9999, "标题", "正文", ""}).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(desk_->Submit(reporter_, {channel_, "标题", "正文", ""}).status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(desk_->ListDrafts({})->size(), 1u);
}

TEST_F(DeskTest, FullPathThroughThreeStagesAndRolesAreEnforced) {
  int64_t draft = SubmitText("今天天气晴朗，适合秋收。");
  EXPECT_EQ(DecideOn(leader_, draft, kFirst, ReviewDecision::kApprove).code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(DecideOn(reporter_, draft, kFirst, ReviewDecision::kApprove).code(), ErrorCode::kPermissionDenied);
  ASSERT_TRUE(DecideOn(editor2_, draft, kFirst, ReviewDecision::kApprove).ok());
  EXPECT_EQ(*StageOf(draft), kSecond);
  EXPECT_EQ(DecideOn(editor_, draft, kSecond, ReviewDecision::kApprove).code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(DecideOn(reviewer_, draft, kFirst, ReviewDecision::kApprove).code(), ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(DecideOn(reviewer_, draft, kSecond, ReviewDecision::kApprove).ok());
  EXPECT_EQ(DecideOn(reviewer_, draft, kFinal, ReviewDecision::kApprove).code(), ErrorCode::kPermissionDenied);
  ASSERT_TRUE(DecideOn(leader_, draft, kFinal, ReviewDecision::kApprove).ok());
  EXPECT_EQ(StatusOf(draft), DraftStatus::kApproved);
  auto decisions = desk_->ListDecisions(draft);
  ASSERT_EQ(decisions->size(), 3u);
  auto d = desk_->GetDraft(draft);
  for (const DecisionRecord& r : *decisions) {
    EXPECT_EQ(r.version_id, d->current_version_id);
    EXPECT_EQ(r.version_sha256, Sha256Hex("今天天气晴朗，适合秋收。"));
  }
  EXPECT_EQ((*decisions)[2].reviewer_name, "王局长");
  // Todo lists: the leader has nothing left; the author must publish.
  DraftFilter todo;
  todo.todo_for = leader_;
  EXPECT_TRUE(desk_->ListDrafts(todo)->empty());
  todo.todo_for = editor_;
  EXPECT_EQ(desk_->ListDrafts(todo)->size(), 1u);
  // Only the author (or an admin) publishes.
  EXPECT_EQ(desk_->Publish(editor2_, draft, clock_.Now(), "").code(), ErrorCode::kPermissionDenied);
  ASSERT_TRUE(desk_->Publish(editor_, draft, clock_.Now(), "http://www.qinghe.gov.cn/1.html").ok());
  EXPECT_EQ(StatusOf(draft), DraftStatus::kPublished);
  EXPECT_EQ(desk_->Edit(editor_, draft, "改", "", 0).status().code(), ErrorCode::kFailedPrecondition);
  auto audit = ListAudit(store_->db(), "draft", 50, 0);
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->size(), 5u);  // submit, 3 approvals, publish
  EXPECT_TRUE(VerifyAuditChain(store_->db())->ok());
}

TEST_F(DeskTest, ReturnEditAndReReview) {
  int64_t draft = SubmitText("本次活动取得圆满成功。");
  ASSERT_TRUE(DecideOn(editor2_, draft, kFirst, ReviewDecision::kApprove).ok());
  EXPECT_EQ(DecideOn(reviewer_, draft, kSecond, ReviewDecision::kReturn, "").code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(DecideOn(reviewer_, draft, kSecond, ReviewDecision::kReturn, "请补充活动时间").ok());
  EXPECT_EQ(StatusOf(draft), DraftStatus::kReturned);
  EXPECT_EQ(DecideOn(reviewer_, draft, kSecond, ReviewDecision::kApprove).code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(desk_->Edit(editor2_, draft, "改", "", 0).status().code(), ErrorCode::kPermissionDenied);
  int64_t v1 = desk_->GetDraft(draft)->current_version_id;
  auto v2 = desk_->Edit(editor_, draft, "本次活动于10月8日举行，取得圆满成功。", "粘贴", v1);
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(StatusOf(draft), DraftStatus::kInReview);
  EXPECT_EQ(*StageOf(draft), kFirst);
  EXPECT_EQ(desk_->GetVersion(*v2)->number, 2);
  // An edit based on the old version is refused, as is approving it.
  EXPECT_EQ(desk_->Edit(editor_, draft, "又改", "", v1).status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(DecideOn(editor2_, draft, kFirst, ReviewDecision::kApprove, "", v1).code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(desk_->Decide(editor2_, draft, {kFirst, *v2, "0000", ReviewDecision::kApprove, ""}).code(),
            ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(DecideOn(editor2_, draft, kFirst, ReviewDecision::kApprove, "", *v2).ok());
  ASSERT_TRUE(DecideOn(reviewer_, draft, kSecond, ReviewDecision::kApprove).ok());
  ASSERT_TRUE(DecideOn(leader_, draft, kFinal, ReviewDecision::kApprove).ok());
  EXPECT_EQ(StatusOf(draft), DraftStatus::kApproved);
  EXPECT_EQ(desk_->ListVersions(draft)->size(), 2u);
  EXPECT_EQ(desk_->ListVersions(draft)->front().number, 2);  // newest first
}

TEST_F(DeskTest, AuthorWithdrawsADraftInReviewAndResubmitsByEditing) {
  int64_t draft = SubmitText("关于召开秋季防火工作会议的通知。");
  ASSERT_TRUE(DecideOn(editor2_, draft, kFirst, ReviewDecision::kApprove).ok());
  // Only the author (or an admin) withdraws; a reviewer cannot use it as a decision.
  EXPECT_EQ(desk_->Withdraw(editor2_, draft, "").code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(desk_->Withdraw(reviewer_, draft, "").code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(DecideOn(reviewer_, draft, kSecond, ReviewDecision::kWithdraw, "撤").code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(*StageOf(draft), kSecond);
  clock_.Advance(600);
  ASSERT_TRUE(desk_->Withdraw(editor_, draft, "会议时间待定").ok());
  EXPECT_EQ(StatusOf(draft), DraftStatus::kWithdrawn);
  // Recorded in the draft's history, pinned to the version, at the stage it was in.
  auto decisions = desk_->ListDecisions(draft);
  ASSERT_EQ(decisions->size(), 2u);
  const DecisionRecord& w = decisions->back();
  EXPECT_EQ(w.decision, ReviewDecision::kWithdraw);
  EXPECT_EQ(w.stage, kSecond);
  EXPECT_EQ(w.reviewer_name, "张编辑");
  EXPECT_EQ(w.comment, "会议时间待定");
  EXPECT_EQ(w.stage_seconds, 600);
  EXPECT_EQ(w.version_sha256, Sha256Hex("关于召开秋季防火工作会议的通知。"));
  // ... and in the audit chain.
  auto audit = ListAudit(store_->db(), "draft", 50, 0);
  ASSERT_TRUE(audit.ok());
  bool logged = false;
  for (const auto& r : *audit) logged = logged || r.action == "withdraw";
  EXPECT_TRUE(logged);
  EXPECT_TRUE(VerifyAuditChain(store_->db())->ok());
  // Nobody can decide on it now; withdrawing twice is refused; it is on the author's todo list.
  EXPECT_EQ(DecideOn(reviewer_, draft, kSecond, ReviewDecision::kApprove).code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(desk_->Withdraw(editor_, draft, "").code(), ErrorCode::kFailedPrecondition);
  DraftFilter todo;
  todo.todo_for = editor_;
  EXPECT_EQ(desk_->ListDrafts(todo)->size(), 1u);
  todo.todo_for = reviewer_;
  EXPECT_TRUE(desk_->ListDrafts(todo)->empty());
  // An edit resubmits it from the first stage.
  ASSERT_TRUE(desk_->Edit(editor_, draft, "关于召开秋季防火工作会议的通知（时间另行通知）。", "", 0).ok());
  EXPECT_EQ(StatusOf(draft), DraftStatus::kInReview);
  EXPECT_EQ(*StageOf(draft), kFirst);
  // Once finally approved, withdrawal is refused and nothing changes.
  ASSERT_TRUE(DecideOn(editor2_, draft, kFirst, ReviewDecision::kApprove).ok());
  ASSERT_TRUE(DecideOn(reviewer_, draft, kSecond, ReviewDecision::kApprove).ok());
  ASSERT_TRUE(DecideOn(leader_, draft, kFinal, ReviewDecision::kApprove).ok());
  EXPECT_EQ(desk_->Withdraw(editor_, draft, "").code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(StatusOf(draft), DraftStatus::kApproved);
  EXPECT_EQ(desk_->ListDecisions(draft)->size(), 5u);
}

TEST_F(DeskTest, RejectIsFinal) {
  int64_t draft = SubmitText("内容不宜公开。");
  ASSERT_TRUE(DecideOn(editor2_, draft, kFirst, ReviewDecision::kApprove).ok());
  ASSERT_TRUE(DecideOn(reviewer_, draft, kSecond, ReviewDecision::kApprove).ok());
  EXPECT_EQ(DecideOn(leader_, draft, kFinal, ReviewDecision::kReject).code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(DecideOn(leader_, draft, kFinal, ReviewDecision::kReject, "涉及未公开信息").ok());
  EXPECT_EQ(StatusOf(draft), DraftStatus::kRejected);
  EXPECT_EQ(desk_->Edit(editor_, draft, "改", "", 0).status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(DecideOn(leader_, draft, kFinal, ReviewDecision::kApprove).code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(desk_->Publish(editor_, draft, clock_.Now(), "").code(), ErrorCode::kFailedPrecondition);
  DraftFilter f;
  f.status = DraftStatus::kRejected;
  EXPECT_EQ(desk_->ListDrafts(f)->size(), 1u);
}

TEST_F(DeskTest, EditAfterApprovalReturnsToFirstStageAndOldApprovalIsStale) {
  int64_t draft = SubmitText("第一稿。");
  ASSERT_TRUE(DecideOn(editor2_, draft, kFirst, ReviewDecision::kApprove).ok());
  ASSERT_TRUE(DecideOn(reviewer_, draft, kSecond, ReviewDecision::kApprove).ok());
  int64_t seen = desk_->GetDraft(draft)->current_version_id;
  ASSERT_TRUE(desk_->Edit(editor_, draft, "第一稿，略作修改。", "", 0).ok());
  EXPECT_EQ(*StageOf(draft), kFirst);
  // The leader approves the version they looked at: it is no longer current.
  EXPECT_EQ(DecideOn(leader_, draft, kFinal, ReviewDecision::kApprove, "", seen).code(),
            ErrorCode::kFailedPrecondition);
  // Even after approval, an edit starts the review over.
  ASSERT_TRUE(DecideOn(editor2_, draft, kFirst, ReviewDecision::kApprove).ok());
  ASSERT_TRUE(DecideOn(reviewer_, draft, kSecond, ReviewDecision::kApprove).ok());
  ASSERT_TRUE(DecideOn(leader_, draft, kFinal, ReviewDecision::kApprove).ok());
  ASSERT_TRUE(desk_->Edit(editor_, draft, "第一稿，终审后又改。", "", 0).ok());
  EXPECT_EQ(StatusOf(draft), DraftStatus::kInReview);
  EXPECT_EQ(*StageOf(draft), kFirst);
  EXPECT_EQ(desk_->Publish(editor_, draft, clock_.Now(), "").code(), ErrorCode::kFailedPrecondition);
}

TEST_F(DeskTest, WhitelistFromDismissalSuppressesTheFindingNextCheck) {
  std::string id_number = IdWithCheck("11010519491231002");
  int64_t draft = SubmitText("本届运动会，运动员们再接再励，身份证" + id_number + "。");
  auto d = desk_->GetDraft(draft);
  auto v = desk_->GetVersion(d->current_version_id);
  const Finding* typo = nullptr;
  const Finding* pii = nullptr;
  for (const Finding& f : v->findings) {
    if (f.text == "再接再励") typo = &f;
    if (f.rule == "pii.id_card") pii = &f;
  }
  ASSERT_NE(typo, nullptr);
  ASSERT_NE(pii, nullptr);
  // Personal data never goes on the whitelist.
  EXPECT_EQ(
      desk_
          ->Dismiss(reviewer_, draft,
                    {v->id, pii->rule, static_cast<int64_t>(pii->start), static_cast<int64_t>(pii->end), "", true})
          .status()
          .code(),
      ErrorCode::kInvalidArgument);
  EXPECT_EQ(desk_->Dismiss(reviewer_, draft, {v->id, typo->rule, 0, 1, "", true}).status().code(),
            ErrorCode::kNotFound);
  auto dismissed = desk_->Dismiss(
      reviewer_, draft,
      {v->id, typo->rule, static_cast<int64_t>(typo->start), static_cast<int64_t>(typo->end), "本单位活动口号", true});
  ASSERT_TRUE(dismissed.ok()) << dismissed.status().ToString();
  EXPECT_EQ(desk_->ListDismissals(draft)->size(), 1u);
  auto wl = desk_->ListWhitelist();
  ASSERT_EQ(wl->size(), 1u);
  EXPECT_EQ((*wl)[0].phrase, "再接再励");
  EXPECT_EQ((*wl)[0].source, "驳回问题");
  EXPECT_EQ(ListAudit(store_->db(), "review_whitelist", 10, 0)->size(), 1u);
  // The stored version keeps its findings; the next check no longer reports it.
  EXPECT_TRUE(Rules(v->id).count("typo.word:再接再励"));
  auto v2 = desk_->Edit(editor_, draft, "本届运动会，运动员们再接再励。", "", 0);
  ASSERT_TRUE(v2.ok());
  EXPECT_FALSE(Rules(*v2).count("typo.word:再接再励"));
  EXPECT_FALSE(Rules(*v2).count("pii.id_card:" + id_number));
  // Removing the whitelist entry brings it back.
  ASSERT_TRUE(desk_->DeleteWhitelist(admin_, (*wl)[0].id).ok());
  auto v3 = desk_->Edit(editor_, draft, "本届运动会，运动员们再接再励！", "", 0);
  EXPECT_TRUE(Rules(*v3).count("typo.word:再接再励"));
}

TEST_F(DeskTest, OrgTermsExtendTheChecker) {
  int64_t draft = SubmitText("县文广新局组织送戏下乡。");
  EXPECT_FALSE(Rules(desk_->GetDraft(draft)->current_version_id).count("term.org:县文广新局"));
  OrgTerm t;
  t.term = "县文广新局";
  t.category = CheckCategory::kTerm;
  t.severity = Severity::kWarning;
  t.suggestion = "县文化和旅游局";
  auto id = desk_->AddTerm(editor_, t);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(desk_->AddTerm(editor_, t).status().code(), ErrorCode::kAlreadyExists);
  auto v2 = desk_->Edit(editor_, draft, "县文广新局组织送戏下乡活动。", "", 0);
  ASSERT_TRUE(v2.ok());
  EXPECT_TRUE(Rules(*v2).count("term.org:县文广新局")) << ::testing::PrintToString(Rules(*v2));
  ASSERT_TRUE(desk_->DeleteTerm(admin_, *id).ok());
  EXPECT_TRUE(desk_->ListTerms()->empty());
}

TEST_F(DeskTest, LedgerFiguresHandChecked) {
  std::string id_number = IdWithCheck("11010519491231002");
  UnixSeconds t0 = clock_.Now();
  // v1: 2 findings (typo, id number).
  int64_t draft = SubmitText("大家按步就班推进工作，联系人身份证" + id_number + "。");
  int64_t first_count = desk_->GetDraft(draft)->finding_count;
  ASSERT_EQ(first_count, 2);
  clock_.Advance(100);
  ASSERT_TRUE(DecideOn(editor2_, draft, kFirst, ReviewDecision::kReturn, "删除身份证号").ok());  // first: 100 s
  clock_.Advance(3600);                                                                          // with the author
  ASSERT_TRUE(desk_->Edit(editor_, draft, "大家按步就班推进工作。", "", 0).ok());                // v2: 1 finding
  clock_.Advance(200);
  ASSERT_TRUE(DecideOn(editor2_, draft, kFirst, ReviewDecision::kApprove).ok());  // first: +200 s
  clock_.Advance(50);
  ASSERT_TRUE(DecideOn(reviewer_, draft, kSecond, ReviewDecision::kApprove).ok());  // second: 50 s
  clock_.Advance(70);
  ASSERT_TRUE(DecideOn(leader_, draft, kFinal, ReviewDecision::kApprove).ok());  // final: 70 s
  UnixSeconds published = t0 + 86400;
  ASSERT_TRUE(desk_->Publish(editor_, draft, published, "http://www.qinghe.gov.cn/a.html").ok());
  // A second channel with nothing published still shows up with zeros.
  Channel wechat;
  wechat.kind = "wechat";
  wechat.name = "清河发布";
  ASSERT_TRUE(desk_->CreateChannel(admin_, wechat).ok());
  SubmitText("待审稿件。");

  auto ledger = desk_->GetLedger({});
  ASSERT_TRUE(ledger.ok());
  ASSERT_EQ(ledger->entries.size(), 1u);
  const LedgerEntry& e = ledger->entries[0];
  EXPECT_EQ(e.draft_id, draft);
  EXPECT_EQ(e.version_count, 2);
  EXPECT_EQ(e.return_count, 1);
  EXPECT_EQ(e.findings_first, 2);
  EXPECT_EQ(e.findings_final, 1);
  EXPECT_EQ(e.findings_fixed, 1);
  EXPECT_EQ(e.stage_seconds[0], 300);
  EXPECT_EQ(e.stage_seconds[1], 50);
  EXPECT_EQ(e.stage_seconds[2], 70);
  EXPECT_EQ(e.published_at, published);
  EXPECT_EQ(e.url, "http://www.qinghe.gov.cn/a.html");
  ASSERT_EQ(ledger->channels.size(), 2u);
  EXPECT_EQ(ledger->channels[0].published, 1);
  EXPECT_EQ(ledger->channels[0].findings_fixed, 1);
  EXPECT_EQ(ledger->channels[1].channel_name, "清河发布");
  EXPECT_EQ(ledger->channels[1].published, 0);
  EXPECT_EQ(ledger->in_review, 1);
  // Period filter: [from, to) on the publication date.
  EXPECT_EQ(desk_->GetLedger({published, published + 1, 0})->entries.size(), 1u);
  EXPECT_TRUE(desk_->GetLedger({published + 1, 0, 0})->entries.empty());
  EXPECT_TRUE(desk_->GetLedger({0, published, 0})->entries.empty());
}

TEST_F(DeskTest, ChannelsValidateAndDeactivateWhenUsed) {
  Channel bad;
  bad.kind = "tv";
  bad.name = "电视台";
  EXPECT_EQ(desk_->CreateChannel(admin_, bad).status().code(), ErrorCode::kInvalidArgument);
  bad.kind = "website";
  bad.name = "清河县人民政府网站";
  EXPECT_EQ(desk_->CreateChannel(admin_, bad).status().code(), ErrorCode::kAlreadyExists);
  Channel screen;
  screen.kind = "screen";
  screen.name = "政务大厅电子屏";
  screen.stages = {kFirst};
  screen.manager_id = editor_.id;
  auto id = desk_->CreateChannel(admin_, screen);
  ASSERT_TRUE(id.ok());
  // A single-stage channel: one approval makes the draft ready to publish.
  int64_t draft = SubmitText("办事大厅今日正常开放。", *id);
  ASSERT_TRUE(DecideOn(editor2_, draft, kFirst, ReviewDecision::kApprove).ok());
  EXPECT_EQ(StatusOf(draft), DraftStatus::kApproved);
  ASSERT_TRUE(desk_->DeleteChannel(admin_, *id).ok());
  EXPECT_FALSE(desk_->GetChannel(*id)->active);
  EXPECT_EQ(desk_->Submit(editor_, {*id, "标题", "正文", ""}).status().code(), ErrorCode::kFailedPrecondition);
  Channel unused;
  unused.kind = "workgroup";
  unused.name = "网评工作群";
  auto unused_id = desk_->CreateChannel(admin_, unused);
  ASSERT_TRUE(desk_->DeleteChannel(admin_, *unused_id).ok());
  EXPECT_EQ(desk_->GetChannel(*unused_id).status().code(), ErrorCode::kNotFound);
  auto c = desk_->GetChannel(channel_);
  c->last_check_at = clock_.Now();
  c->stages = {kFirst, kFinal};
  ASSERT_TRUE(desk_->UpdateChannel(admin_, *c).ok());
  EXPECT_EQ(desk_->GetChannel(channel_)->stages, (std::vector<ReviewStage>{kFirst, kFinal}));
  EXPECT_EQ(desk_->ListChannels(false)->size(), 1u);
}

}  // namespace
}  // namespace minyi
