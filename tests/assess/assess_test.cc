// Assessments and briefings on a real SQLite store, with monitor items fed
// through the real pipeline and cases created through the case service.
#include "assess/assess.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>

#include "cases/cases.h"
#include "common/calendar.h"
#include "fixtures/temp_store.h"
#include "monitor/pipeline.h"
#include "notify/notify.h"
#include "review/document.h"
#include "store/audit.h"
#include "store/store.h"

namespace minyi {
namespace {

constexpr int64_t kT0 = 1'795'000'000;  // 2026-11-18

class AssessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenTempStore(clock_, "assess", &dir_);
    ASSERT_TRUE(store_);
    PipelineOptions po;
    po.analysis_threads = 1;
    auto p = Pipeline::Create(*store_, clock_, po);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = std::move(*p);
  }
  void TearDown() override {
    pipeline_.reset();
    testing::RemoveTempStore(store_, dir_);
  }
  Database& db() { return store_->db(); }

  void Ingest(int n, const std::string& topic, int64_t at) {
    std::vector<RawItem> batch;
    for (int i = 0; i < n; ++i) {
      RawItem r;
      r.outlet = i % 2 ? "清河论坛" : "清河新闻网";
      r.site = "example.cn";
      r.kind = "news";
      r.url = "https://example.cn/" + topic + std::to_string(at) + "-" + std::to_string(i);
      r.title = "清河县" + topic + "进展第" + std::to_string(i) + "篇 " + std::to_string(at);
      r.text = "居民关注清河县" + topic + "的补偿方案，第" + std::to_string(i * 7919 + at % 1000) +
               "号公告称将分批推进。" + std::string(i % 3 ? "有人表示期待。" : "也有人提出异议。");
      r.published_at = at + i * 3600;
      r.fetched_at = r.published_at;
      batch.push_back(r);
    }
    auto res = pipeline_->Ingest(batch);
    ASSERT_TRUE(res.ok()) << res.status().ToString();
  }

  std::vector<ScoreEntry> AllScores(AssessService& svc, int64_t score) {
    std::vector<ScoreEntry> out;
    auto items = svc.ListItems(true);
    EXPECT_TRUE(items.ok());
    for (const AssessItem& it : *items) out.push_back({it.id, score, ""});
    return out;
  }

  int64_t NewAssessment(AssessService& svc) {
    Assessment a;
    a.title = "城东片区拆迁改造";
    a.decision = "对城东片区 120 户实施征收拆迁";
    a.affected = "城东片区居民";
    a.timing = "2027年春节后";
    a.keywords = {"拆迁"};
    a.regions = {"清河"};
    auto id = svc.Create(actor_, a);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  static Measure M(int64_t assessment_id, const std::string& content, const std::string& owner, int64_t deadline) {
    Measure m;
    m.assessment_id = assessment_id;
    m.content = content;
    m.owner = owner;
    m.deadline = deadline;
    return m;
  }

  int64_t AuditCount(const std::string& entity) {
    return *db().QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = ?", {entity});
  }

  ManualClock clock_{kT0 + 5 * 86400};
  std::string dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Pipeline> pipeline_;
  Actor actor_{1, "张干事"};
  Actor leader_{2, "王书记"};
};

TEST_F(AssessTest, EvidenceComesFromMonitorItems) {
  Ingest(6, "拆迁", kT0);
  Ingest(3, "供暖", kT0);
  auto e = GatherEvidence(db(), {{"拆迁"}, {"清河"}, {}});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->matched, 6);
  EXPECT_EQ(e->negative + e->neutral + e->positive, 6);
  EXPECT_FALSE(e->days.empty());
  int64_t sum = 0;
  for (const auto& d : e->days) sum += d.total;
  EXPECT_EQ(sum, 6);
  EXPECT_EQ(e->items.size(), 6u);
  auto back = EvidenceFromJson(EvidenceToJson(*e));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->matched, 6);
  EXPECT_EQ(back->days.size(), e->days.size());
  EXPECT_FALSE(GatherEvidence(db(), {{}, {}, {}}).ok());
}

TEST_F(AssessTest, ProposedLevelChangesWithEvidence) {
  Ingest(6, "拆迁", kT0);
  AssessService svc(db(), clock_);
  int64_t id = NewAssessment(svc);
  auto p = svc.Propose(id);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->level, "");  // not scored yet
  ASSERT_TRUE(svc.SaveScores(actor_, id, AllScores(svc, 70)).ok());
  ASSERT_TRUE(db().Execute("UPDATE monitor_items SET sentiment = 'neutral'").ok());
  p = svc.Propose(id);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->level, "medium");
  EXPECT_DOUBLE_EQ(p->weighted, 70.0);
  // The same scores, but most related items turn negative: one level up.
  ASSERT_TRUE(db().Execute("UPDATE monitor_items SET sentiment = 'negative' WHERE id IN"
                           " (SELECT id FROM monitor_items ORDER BY id LIMIT 4)")
                  .ok());
  p = svc.Propose(id);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->level, "high");
  ASSERT_EQ(p->reasons.size(), 2u);
  EXPECT_NE(p->reasons[1].find("负面"), std::string::npos) << p->reasons[1];
  // Better scores bring it back to medium (low + one level).
  ASSERT_TRUE(svc.SaveScores(actor_, id, AllScores(svc, 90)).ok());
  EXPECT_EQ(svc.Propose(id)->level, "medium");
}

TEST_F(AssessTest, PastCasesRaiseTheLevel) {
  AssessService svc(db(), clock_);
  int64_t id = NewAssessment(svc);
  ASSERT_TRUE(svc.SaveScores(actor_, id, AllScores(svc, 85)).ok());
  EXPECT_EQ(svc.Propose(id)->level, "low");
  WorkCalendar cal;
  CaseService cases(db(), clock_, cal);
  CaseActor admin{{9, "管理员"}, Role::kAdmin, 0};
  for (int i = 0; i < 3; ++i) {
    NewCase c;
    c.title = "反映城东拆迁补偿问题" + std::to_string(i);
    auto cid = cases.Create(admin, c);
    ASSERT_TRUE(cid.ok()) << cid.status().ToString();
  }
  Evidence e;
  auto p = svc.Propose(id, &e);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(e.cases.size(), 3u);
  EXPECT_EQ(p->level, "medium");
  EXPECT_NE(p->reasons.back().find("案件 3 件"), std::string::npos) << p->reasons.back();
}

TEST_F(AssessTest, ConfirmAndOverrideAreAudited) {
  Ingest(3, "拆迁", kT0);
  AssessService svc(db(), clock_);
  int64_t id = NewAssessment(svc);
  EXPECT_EQ(svc.Confirm(leader_, id, "", "", "").code(), ErrorCode::kFailedPrecondition);  // unscored
  ASSERT_TRUE(svc.SaveScores(actor_, id, AllScores(svc, 50)).ok());
  int64_t before = AuditCount("assessment");
  // Overriding without a reason is refused and stores nothing.
  Status st = svc.Confirm(leader_, id, "medium", "  ", "");
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(st.message().find("理由"), std::string::npos);
  EXPECT_EQ(svc.Get(id)->status, "draft");
  EXPECT_EQ(AuditCount("assessment"), before);
  ASSERT_TRUE(svc.Confirm(leader_, id, "medium", "已完成入户走访，群众基本认可", "").ok());
  auto a = svc.Get(id);
  EXPECT_EQ(a->status, "confirmed");
  EXPECT_EQ(a->proposed_level, "high");
  EXPECT_EQ(a->final_level, "medium");
  EXPECT_FALSE(a->evidence_json.empty());
  auto audit = ListAudit(db(), "assessment", 1, 0);
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ((*audit)[0].action, "override");
  EXPECT_NE((*audit)[0].after_json.find("入户走访"), std::string::npos);
  // Frozen: later items do not change the confirmed assessment.
  Ingest(5, "拆迁", kT0 + 86400);
  Evidence e;
  ASSERT_TRUE(svc.Propose(id, &e).ok());
  EXPECT_EQ(e.matched, 3);
  EXPECT_EQ(svc.SaveScores(actor_, id, AllScores(svc, 90)).code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(svc.Confirm(leader_, id, "", "", "").code(), ErrorCode::kFailedPrecondition);
}

TEST_F(AssessTest, BadInputStoresNothing) {
  AssessService svc(db(), clock_);
  Assessment a;
  a.title = "";
  a.keywords = {"拆迁"};
  EXPECT_EQ(svc.Create(actor_, a).status().code(), ErrorCode::kInvalidArgument);
  a.title = "学校合并";
  a.keywords = {};
  auto r = svc.Create(actor_, a);
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("关键词"), std::string::npos);
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM assess_assessments"), 0);
  int64_t id = NewAssessment(svc);
  EXPECT_EQ(svc.SaveScores(actor_, id, {{9999, 50, ""}}).code(), ErrorCode::kInvalidArgument);
  auto items = *svc.ListItems(true);
  EXPECT_EQ(svc.SaveScores(actor_, id, {{items[0].id, 50, ""}, {items[1].id, 101, ""}}).code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM assess_scores"), 0);
  EXPECT_EQ(svc.AddMeasure(actor_, id, M(id, "召开听证会", "", 0)).status().code(), ErrorCode::kInvalidArgument);
  // Dimension items: weights out of range and a dimension left empty.
  auto bad = items;
  bad[0].weight = 0;
  EXPECT_EQ(svc.SaveItems(actor_, bad).code(), ErrorCode::kInvalidArgument);
  std::vector<AssessItem> one_dim = {items[0]};
  EXPECT_EQ(svc.SaveItems(actor_, one_dim).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(svc.ListItems(true)->size(), items.size());
}

TEST_F(AssessTest, AdminEditsItemsAndWeights) {
  AssessService svc(db(), clock_);
  auto items = *svc.ListItems(true);
  ASSERT_EQ(items.size(), 8u);
  items[0].weight = 40;
  items.pop_back();  // drops the second controllability item
  items.push_back({0, "feasibility", "配套安置房源落实", 10, 0, true});
  ASSERT_TRUE(svc.SaveItems(actor_, items).ok());
  auto now = *svc.ListItems(true);
  ASSERT_EQ(now.size(), 8u);
  EXPECT_EQ(now[0].weight, 40);
  EXPECT_EQ(now.back().title, "配套安置房源落实");
  EXPECT_EQ(svc.ListItems(false)->size(), 9u);
  EXPECT_EQ(AuditCount("assess_items"), 1);
}

TEST_F(AssessTest, MeasuresAreTrackedToDone) {
  AssessService svc(db(), clock_);
  int64_t id = NewAssessment(svc);
  auto mid = svc.AddMeasure(actor_, id, M(id, "召开居民听证会", "李主任", kT0 + 10 * 86400));
  ASSERT_TRUE(mid.ok()) << mid.status().ToString();
  ASSERT_TRUE(svc.CompleteMeasure(actor_, *mid, "已召开，到会 80 人").ok());
  EXPECT_EQ(svc.CompleteMeasure(actor_, *mid, "").code(), ErrorCode::kFailedPrecondition);
  auto a = svc.Get(id);
  ASSERT_EQ(a->measures.size(), 1u);
  EXPECT_EQ(a->measures[0].status, "done");
  EXPECT_EQ(a->measures[0].owner, "李主任");
}

TEST_F(AssessTest, DocxHasTitleAndEvidenceAppendix) {
  Ingest(4, "拆迁", kT0);
  AssessService svc(db(), clock_);
  int64_t id = NewAssessment(svc);
  ASSERT_TRUE(svc.SaveScores(actor_, id, AllScores(svc, 75)).ok());
  ASSERT_TRUE(svc.AddMeasure(actor_, id, M(id, "发布政策解读", "宣传科", 0)).ok());
  Evidence e;
  auto p = svc.Propose(id, &e);
  ASSERT_TRUE(p.ok());
  auto doc = AssessmentDocument(*svc.Get(id), *svc.ListItems(false), *p, e, "清河县人民政府");
  ASSERT_TRUE(doc.ok());
  EXPECT_NE(doc->title.find("城东片区拆迁改造"), std::string::npos);
  ASSERT_EQ(doc->sections.size(), 5u);
  EXPECT_EQ(doc->sections.back().title, "附件：舆情证据");
  auto docx = WriteDocx(*doc);
  ASSERT_TRUE(docx.ok()) << docx.status().ToString();
  // The file opens (with the review desk's DOCX reader) and reads as printed.
  auto read = ReadDocumentBytes(*docx, DocumentFormat::kDocx, "a.docx");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_NE(read->text.find("关于“城东片区拆迁改造”的重大决策舆情风险评估报告"), std::string::npos);
  EXPECT_NE(read->text.find("附件：舆情证据"), std::string::npos);
  EXPECT_NE(read->text.find("发布政策解读"), std::string::npos);
  EXPECT_NE(read->text.find("命中 4 条"), std::string::npos) << read->text;
}

TEST_F(AssessTest, BriefingApprovalExportAndAdoption) {
  Ingest(6, "拆迁", kT0);
  int64_t event_id = *db().QueryInt("SELECT MAX(event_id) FROM monitor_items");
  ASSERT_GT(event_id, 0);
  BriefingService svc(db(), clock_);
  auto draft = svc.DraftFromEvent(event_id);
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  EXPECT_NE(draft->summary.find("条"), std::string::npos);
  EXPECT_FALSE(draft->spread.empty());
  auto id = svc.Create(actor_, *draft);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  Briefing b = *svc.Get(*id);
  b.actions = "城关镇已组织入户解释。";
  ASSERT_TRUE(svc.Update(actor_, b).ok());
  EXPECT_EQ(svc.Approve(leader_, *id).code(), ErrorCode::kFailedPrecondition);  // not submitted
  ASSERT_TRUE(svc.Submit(actor_, *id).ok());
  EXPECT_EQ(svc.Update(actor_, b).code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(svc.Return(leader_, *id, " ").code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(svc.Return(leader_, *id, "补充处置进展").ok());
  EXPECT_EQ(svc.Get(*id)->return_reason, "补充处置进展");
  ASSERT_TRUE(svc.Update(actor_, b).ok());
  ASSERT_TRUE(svc.Submit(actor_, *id).ok());
  EXPECT_EQ(svc.RecordAdoption(actor_, *id, "adopted", "").code(), ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(svc.Approve(leader_, *id).ok());
  auto doc = BriefingDocument(*svc.Get(*id), "清河县委网信办");
  ASSERT_TRUE(doc.ok());
  auto docx = WriteDocx(*doc);
  ASSERT_TRUE(docx.ok());
  auto read = ReadDocumentBytes(*docx, DocumentFormat::kDocx, "b.docx");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_NE(read->text.find("城关镇已组织入户解释。"), std::string::npos);
  EXPECT_EQ(svc.MarkSent(actor_, *id, "", 0).code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(svc.MarkSent(actor_, *id, "市委网信办", 0).ok());
  EXPECT_EQ(svc.RecordAdoption(actor_, *id, "maybe", "").code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(svc.RecordAdoption(actor_, *id, "direct", "市专报第12期").ok());
  Briefing done = *svc.Get(*id);
  EXPECT_EQ(done.status, "sent");
  EXPECT_EQ(done.sent_to, "市委网信办");
  EXPECT_EQ(done.adoption, "direct");
  EXPECT_EQ(done.approved_by_name, "王书记");
  auto audit = ListAudit(db(), "briefing", 20, 0);
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->size(), 9u);  // create, update, submit, return, update, submit, approve, send, adoption
  EXPECT_TRUE(VerifyAuditChain(db())->ok());
}

TEST_F(AssessTest, BriefingSentByEmailQueuesOnChannel) {
  Ingest(3, "拆迁", kT0);
  int64_t event_id = *db().QueryInt("SELECT MAX(event_id) FROM monitor_items");
  BriefingService svc(db(), clock_);
  int64_t id = *svc.Create(actor_, *svc.DraftFromEvent(event_id));
  ASSERT_TRUE(svc.Submit(actor_, id).ok());
  ASSERT_TRUE(svc.Approve(leader_, id).ok());
  Channel mail;
  mail.name = "市网信办邮箱";
  mail.kind = ChannelKind::kEmail;
  mail.config.url = "smtp://127.0.0.1:2525";
  mail.config.from = "minyi@example.cn";
  mail.config.to = {"shi@example.cn"};
  auto cid = CreateChannel(db(), clock_, actor_, mail);
  ASSERT_TRUE(cid.ok()) << cid.status().ToString();
  EXPECT_EQ(svc.MarkSent(actor_, id, "市委网信办", 9999).code(), ErrorCode::kNotFound);
  EXPECT_EQ(svc.Get(id)->status, "approved");
  ASSERT_TRUE(svc.MarkSent(actor_, id, "市委网信办", *cid).ok());
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM notify_outbox WHERE channel_id = ?", {*cid}), 1);
}

}  // namespace
}  // namespace minyi
