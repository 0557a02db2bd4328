// The case list's SQL filters: 我的待办 agrees with AllowedActions for every
// role and state, and the overdue candidates (cached due_at) never miss a
// case the exact clocks call overdue.
#include <gtest/gtest.h>

#include <set>

#include "cases/case_fixture.h"
#include "cases/reminders.h"

namespace minyi {
namespace {

class CaseListTest : public CaseFixture {
 protected:
  // One open case in each interesting state, received Monday 09:00.
  void SeedStates() {
    auto fresh = [&] { return NewCaseAt("2026-11-23 09:00"); };
    fresh();              // received
    int64_t d = fresh();  // dispatched
    ASSERT_TRUE(svc().Dispatch(dispatcher_, d, town_, {press_}, "").ok());
    int64_t p = fresh();  // processing
    ASSERT_TRUE(svc().Dispatch(dispatcher_, p, town_, {}, "").ok());
    ASSERT_TRUE(svc().Sign(lead_, p).ok());
    int64_t x = fresh();  // extension pending
    ASSERT_TRUE(svc().Dispatch(admin_, x, press_, {}, "").ok());
    ASSERT_TRUE(svc().RequestExtension(co_, x, 2, "需协调").ok());
    int64_t r = fresh();  // replied
    ASSERT_TRUE(svc().Dispatch(dispatcher_, r, town_, {}, "").ok());
    ASSERT_TRUE(svc().Sign(lead_, r).ok());
    ASSERT_TRUE(svc().Reply(lead_, r, "已处理", {}).ok());
    int64_t ret = fresh();  // returned
    ASSERT_TRUE(svc().Dispatch(dispatcher_, ret, town_, {}, "").ok());
    ASSERT_TRUE(svc().Return(lead_, ret, "不属本镇职责").ok());
    int64_t paused = fresh();  // paused while processing
    ASSERT_TRUE(svc().Dispatch(dispatcher_, paused, town_, {}, "").ok());
    ASSERT_TRUE(svc().Sign(lead_, paused).ok());
    ASSERT_TRUE(svc().Pause(lead_, paused, "等待材料").ok());
    int64_t closed = fresh();  // closed
    ASSERT_TRUE(svc().Dispatch(dispatcher_, closed, town_, {}, "").ok());
    ASSERT_TRUE(svc().Sign(lead_, closed).ok());
    ASSERT_TRUE(svc().Reply(lead_, closed, "已处理", {}).ok());
    ASSERT_TRUE(svc().Approve(leader_, closed, "").ok());
  }

  std::set<int64_t> ByRules(const CaseActor& a) {
    std::set<int64_t> out;
    CaseFilter all;
    all.limit = 1000;
    std::vector<CaseRecord> cases = svc().List(all).value();  // named: value() of a temporary would dangle
    for (const CaseRecord& c : cases) {
      if (!CaseIsOpen(c.state)) continue;
      for (const std::string& act : svc().AllowedActions(a, c)) {
        if (act != "progress" && act != "pause" && act != "resume") out.insert(c.id);
      }
    }
    return out;
  }
  std::set<int64_t> BySql(const CaseFilter& f) {
    std::set<int64_t> out;
    std::vector<CaseRecord> cases = svc().List(f).value();
    for (const CaseRecord& c : cases) out.insert(c.id);
    return out;
  }
};

TEST_F(CaseListTest, MineInSqlMatchesTheRules) {
  SeedStates();
  CaseActor stranger{{17, "吴乡干"}, Role::kHandler, 0};
  for (const CaseActor* a : {&dispatcher_, &lead_, &co_, &leader_, &reporter_, &admin_, &stranger}) {
    CaseFilter f;
    f.open_only = true;
    f.actionable_for = *a;
    f.limit = 1000;
    EXPECT_EQ(BySql(f), ByRules(*a)) << a->actor.name;
  }
  CaseFilter f;
  f.open_only = true;
  f.actionable_for = leader_;
  f.limit = 1;
  int64_t total = 0;
  EXPECT_EQ(svc().List(f, &total).value().size(), 1u);
  EXPECT_EQ(total, 4);  // received, returned, replied, the pending extension
}

TEST_F(CaseListTest, OverdueCandidatesCoverEveryOverdueCase) {
  SeedStates();
  for (const char* when : {"2026-11-23 16:00", "2026-11-24 10:00", "2026-11-26 10:00", "2026-12-08 10:00"}) {
    At(when);
    // The minute scan refreshes the cached deadlines.
    ASSERT_TRUE(ScanCaseReminders(db(), clock_, calendar_, ReminderOptions{}).ok());
    CaseFilter f;
    f.open_only = true;
    f.due_by = clock_.Now();
    f.limit = 1000;
    std::set<int64_t> candidates = BySql(f), overdue;
    CaseFilter all;
    all.limit = 1000;
    std::vector<CaseRecord> cases = svc().List(all).value();
    for (const CaseRecord& c : cases) {
      CaseClocks k = Clocks(c.id);
      bool late = (k.sign.started() && !k.sign.done() && k.sign.overdue) || (!k.reply.done() && k.reply.overdue) ||
                  (CaseIsOpen(c.state) && k.close.overdue);
      if (late) overdue.insert(c.id);
    }
    for (int64_t id : overdue) EXPECT_TRUE(candidates.count(id)) << when << " case " << id;
    if (std::string(when) == "2026-11-23 16:00") {
      EXPECT_TRUE(overdue.empty());
    }
    if (std::string(when) == "2026-12-08 10:00") {
      EXPECT_EQ(overdue.size(), 6u);  // every open case but the paused one
    }
  }
}

}  // namespace
}  // namespace minyi
