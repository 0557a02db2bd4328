// Pipeline::IngestChunks: one analysis run over a long input, one
// transaction per chunk, the caller's step after each committed chunk.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "monitor/pipeline.h"
#include "monitor/pipeline_fixture.h"

namespace minyi::testing {
namespace {

const char* kTopics[] = {"城东新区供暖不热，居民反映室内温度只有十五度，希望热力公司尽快排查管网。",
                         "第二中学门口道路积水严重，学生上学只能绕行，家长希望尽快修好排水设施。",
                         "人民医院新开通夜间门诊，挂号方便了许多，患者对服务表示满意。",
                         "河滨公园健身设施完成更新，周边老人孩子都来锻炼，环境卫生也改善了。",
                         "城南农贸市场蔬菜价格上涨，部分摊位缺斤少两，市场监管部门介入检查。"};

// `n` distinct stories (numbered so no two are near-duplicates), every tenth
// a verbatim repost of the item seven before it, and one empty item at `empty_at`.
std::vector<RawItem> Stream(size_t n, size_t empty_at) {
  std::vector<RawItem> items;
  for (size_t i = 0; i < n; ++i) {
    std::string url = "https://news.example.cn/a/" + std::to_string(i);
    if (i == empty_at) {
      items.push_back(MakeItem("清河新闻网", "", "", kT0, url));
    } else if (i % 10 == 9) {
      const RawItem& orig = items[i - 7];
      items.push_back(MakeItem("县论坛", "转：" + orig.title, orig.text, kT0 + static_cast<int64_t>(i), url, "forum"));
    } else {
      std::string text = "第" + std::to_string(i) + "号通报：" + kTopics[i % 5] + "编号" + std::to_string(i * 7919) +
                         "，记录于第" + std::to_string(i) + "批次，后续处理情况" + std::to_string(i * 104729) + "。";
      items.push_back(MakeItem("清河新闻网", "通报" + std::to_string(i), text, kT0 + static_cast<int64_t>(i), url));
    }
  }
  return items;
}

TEST_F(PipelineFixture, ChunksCommitInOrderAndCountLikeSeparateBatches) {
  std::vector<RawItem> items = Stream(95, 44);
  std::vector<std::pair<size_t, size_t>> ranges;
  IngestResult total;
  Status st = pipeline_->IngestChunks(items, 20, [&](size_t start, size_t end, const IngestResult& r) {
    ranges.emplace_back(start, end);
    // Each chunk is committed before the caller's step runs.
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'ingest'"), static_cast<int64_t>(ranges.size()));
    total.accepted += r.accepted;
    total.duplicates += r.duplicates;
    total.errors.insert(total.errors.end(), r.errors.begin(), r.errors.end());
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  std::vector<std::pair<size_t, size_t>> want = {{0, 20}, {20, 40}, {40, 60}, {60, 80}, {80, 95}};
  EXPECT_EQ(ranges, want);
  // The refused item is numbered from the start of the whole input.
  ASSERT_EQ(total.errors.size(), 1u);
  EXPECT_NE(total.errors[0].find("第 45 条"), std::string::npos) << total.errors[0];
  // Reposts in a later chunk than their story are still copies of it.
  EXPECT_EQ(total.duplicates, 9);
  EXPECT_EQ(total.accepted, 85);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items"), 94);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items WHERE dup_of IS NOT NULL"), 9);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items c JOIN monitor_items s ON s.id = c.dup_of"
                  " WHERE c.title <> '转：' || s.title"),
            0);
}

TEST_F(PipelineFixture, ChunksGiveTheSameDecisionsAsOneBatch) {
  std::vector<RawItem> items = Stream(60, 1000);
  ASSERT_TRUE(pipeline_->IngestChunks(items, 7, [](size_t, size_t, const IngestResult&) { return Status::Ok(); }).ok());
  auto decisions = [&] {
    auto rows = store_->db().Query("SELECT id, dup_of, event_id, copies FROM monitor_items ORDER BY id");
    EXPECT_TRUE(rows.ok());
    std::string out;
    for (size_t i = 0; rows.ok() && i < rows->size(); ++i) {
      out += std::to_string(rows->Int(i, "id")) + ":" +
             (rows->IsNull(i, "dup_of") ? "-" : std::to_string(rows->Int(i, "dup_of"))) + ":" +
             (rows->IsNull(i, "event_id") ? "-" : std::to_string(rows->Int(i, "event_id"))) + ":" +
             std::to_string(rows->Int(i, "copies")) + " ";
    }
    return out;
  };
  std::string chunked = decisions();
  TearDown();
  SetUp();
  MustIngest(items);
  EXPECT_EQ(decisions(), chunked);
}

TEST_F(PipelineFixture, AFailingStepStopsTheStreamAndKeepsCommittedChunks) {
  std::vector<RawItem> items = Stream(50, 1000);
  int calls = 0;
  Status st = pipeline_->IngestChunks(items, 10, [&](size_t, size_t, const IngestResult&) {
    return ++calls == 2 ? Unavailable("检查点写入失败") : Status::Ok();
  });
  EXPECT_EQ(st.code(), ErrorCode::kUnavailable);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items"), 20);
  // The rest can be delivered again; nothing is stored twice.
  IngestResult again;
  ASSERT_TRUE(pipeline_
                  ->IngestChunks(items, 10,
                                 [&](size_t, size_t, const IngestResult& r) {
                                   again.skipped += r.skipped;
                                   again.accepted += r.accepted + r.duplicates;
                                   return Status::Ok();
                                 })
                  .ok());
  EXPECT_EQ(again.skipped, 20);
  EXPECT_EQ(again.accepted, 30);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM monitor_items"), 50);
}

TEST_F(PipelineFixture, AnEmptyStreamStillRunsTheStepOnce) {
  int calls = 0;
  ASSERT_TRUE(pipeline_
                  ->IngestChunks({}, 10,
                                 [&](size_t start, size_t end, const IngestResult&) {
                                   EXPECT_EQ(start, 0u);
                                   EXPECT_EQ(end, 0u);
                                   ++calls;
                                   return Status::Ok();
                                 })
                  .ok());
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace minyi::testing
