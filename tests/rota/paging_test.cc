// Alert routing to the person on duty and escalation to the leader on call
// when unacknowledged, driven by a ManualClock.
#include "rota/rota_util.h"
#include "store/audit.h"

namespace minyi::testing {
namespace {

class PagingTest : public RotaTest {
 protected:
  void SetUp() override {
    RotaTest::SetUp();
    shift_ = AddShift(zhang_, &wang_, "2026-11-23 08:30", "2026-11-23 17:30");
  }
  int64_t Urgent() { return *db().QueryInt("SELECT COUNT(*) FROM notifications WHERE urgent = 1"); }
  int64_t shift_ = 0;
};

TEST_F(PagingTest, AlertPagesPersonOnDutyAndEscalatesExactlyAtTimeout) {
  UnixSeconds paged_at = clock_.Now();
  int64_t alert = Alert("某小区业主聚集相关信息快速增长");
  ASSERT_EQ(*svc().PageNewNotifications(), 1);
  auto pages = svc().ListPages({zhang_.id});
  ASSERT_EQ(pages->size(), 1u);
  const Page& p = pages->front();
  EXPECT_EQ(p.notification_id, alert);
  EXPECT_EQ(p.user_id, zhang_.id);
  EXPECT_EQ(p.leader_user_id, wang_.id);
  EXPECT_EQ(p.shift_id, shift_);
  EXPECT_EQ(p.status, "pending");
  // A robot message names the person on duty and links to the page.
  auto msg =
      db().QueryOne("SELECT * FROM notifications WHERE link = ?", {"#/rota/pages?id=" + std::to_string(p.id)}, "none");
  ASSERT_TRUE(msg.ok());
  EXPECT_NE(msg->Text(0, "body").find("张值班（13800000001）"), std::string::npos);
  EXPECT_EQ(msg->Text(0, "mention_mobiles"), "13800000001");  // robots @ the person on duty
  // The rota's own messages are not paged again, nor is the alert twice.
  EXPECT_EQ(*svc().PageNewNotifications(), 0);
  EXPECT_EQ(Count("rota_pages"), 1);

  // One second before the 15-minute timeout: nothing happens.
  clock_.Set(paged_at + 15 * 60 - 1);
  EXPECT_EQ(*svc().EscalateOverdue(), 0);
  EXPECT_EQ(svc().GetPage(p.id)->status, "pending");
  EXPECT_EQ(Urgent(), 0);
  // Exactly at the timeout: escalated to the leader on call.
  clock_.Set(paged_at + 15 * 60);
  EXPECT_EQ(*svc().EscalateOverdue(), 1);
  Page e = *svc().GetPage(p.id);
  EXPECT_EQ(e.status, "escalated");
  EXPECT_EQ(e.escalated_at, paged_at + 15 * 60);
  EXPECT_EQ(Urgent(), 1);
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM notifications WHERE urgent = 1 AND mention_mobiles = '13800000003'"),
            1);  // the leader on call is @-mentioned
  EXPECT_EQ(svc().ListPages({wang_.id})->size(), 1u);
  EXPECT_TRUE(svc().ListPages({zhang_.id})->empty());
  EXPECT_EQ(*svc().EscalateOverdue(), 0);  // once only

  // The leader acknowledges; both times stay on the page.
  clock_.Advance(120);
  ASSERT_TRUE(svc().AckPage(wang_, p.id, "已电话通知网信办").ok());
  Page a = *svc().GetPage(p.id);
  EXPECT_EQ(a.status, "acked");
  EXPECT_EQ(a.created_at, paged_at);
  EXPECT_EQ(a.acked_at, paged_at + 17 * 60);
  EXPECT_EQ(a.acked_by, wang_.id);
  EXPECT_EQ(svc().AckPage(wang_, p.id, "").code(), ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(VerifyAuditChain(db())->ok());
}

TEST_F(PagingTest, AckBeforeTimeoutPreventsEscalation) {
  ASSERT_TRUE(svc().SaveSettings(actor_, {5, 0}).ok());
  Alert("预警一");
  ASSERT_EQ(svc().RunPaging()->paged, 1);
  int64_t id = svc().ListPages({zhang_.id})->front().id;
  // Only the paged person (or an admin) may acknowledge.
  EXPECT_EQ(svc().AckPage(li_, id, "").code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(svc().AckPage(wang_, id, "").code(), ErrorCode::kPermissionDenied);  // not escalated yet
  clock_.Advance(4 * 60);
  ASSERT_TRUE(svc().AckPage(zhang_, id, "").ok());
  clock_.Advance(3600);
  EXPECT_EQ(svc().RunPaging()->escalated, 0);
  EXPECT_EQ(Urgent(), 0);
  EXPECT_EQ(svc().GetPage(id)->acked_at - svc().GetPage(id)->created_at, 240);
}

TEST_F(PagingTest, OnlyPagedKindsAndNobodyOnDutyGoesToFallbackLeader) {
  ASSERT_TRUE(db().InTransaction([&](Database& tx) -> Status {
                    Notification n;
                    n.kind = "duty_reminder";
                    n.title = "零报告提醒";
                    return EnqueueNotification(tx, clock_, n).status();
                  })
                  .ok());
  EXPECT_EQ(*svc().PageNewNotifications(), 0);
  ASSERT_TRUE(svc().SaveSettings(actor_, {15, zhao_.id}).ok());
  clock_.Set(RotaLocal("2026-11-23 22:00"));  // after the only shift
  Alert("夜间预警");
  ASSERT_EQ(*svc().PageNewNotifications(), 1);
  auto pages = svc().ListPages({zhao_.id});
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ(pages->front().status, "escalated");
  EXPECT_EQ(pages->front().user_id, 0);
  EXPECT_EQ(Urgent(), 1);
  EXPECT_TRUE(svc().AckPage(admin_, pages->front().id, "管理员代为确认").ok());
}

TEST_F(PagingTest, NotificationsFromBeforeTheRotaAreNotPaged) {
  // The watermark starts at the highest existing id: simulate a rota
  // installed on a server that already has notifications.
  Alert("旧预警");
  ASSERT_TRUE(db().Execute("UPDATE rota_settings SET watermark = (SELECT MAX(id) FROM notifications)").ok());
  EXPECT_EQ(*svc().PageNewNotifications(), 0);
  Alert("新预警");
  EXPECT_EQ(*svc().PageNewNotifications(), 1);
}

TEST_F(PagingTest, ALowerIdCommittedLateIsStillPaged) {
  // On PostgreSQL a transaction holding a lower id may commit after one with
  // a higher id was already paged: make that gap by hand.
  int64_t first = Alert("先提交的预警");
  int64_t gap = first + 1;
  ASSERT_TRUE(db().Execute("UPDATE notifications SET id = ? WHERE id = ?", {first + 2, first}).ok());
  EXPECT_EQ(*svc().PageNewNotifications(), 1);
  ASSERT_TRUE(db().Execute("INSERT INTO notifications(id, kind, title, body, link, event_key, urgent, created_at)"
                           " SELECT ?, kind, '后提交的预警', body, link, event_key, urgent, created_at"
                           " FROM notifications WHERE id = ?",
                           {gap, first + 2})
                  .ok());
  EXPECT_EQ(*svc().PageNewNotifications(), 1);
  EXPECT_EQ(*svc().PageNewNotifications(), 0);
  EXPECT_EQ(Count("rota_pages"), 2);
  // Once settled, the watermark passes both; nothing is paged twice.
  int64_t before = *db().QueryInt("SELECT watermark FROM rota_settings WHERE id = 1");
  EXPECT_LT(before, gap);
  clock_.Advance(301);
  EXPECT_EQ(*svc().PageNewNotifications(), 0);
  EXPECT_GE(*db().QueryInt("SELECT watermark FROM rota_settings WHERE id = 1"), first + 2);
  EXPECT_EQ(Count("rota_pages"), 2);
}

TEST_F(RotaTest, HandoverToNextShiftAndAcknowledgement) {
  int64_t day = AddShift(zhang_, &wang_, "2026-11-23 08:30", "2026-11-23 17:30");
  AddShift(li_, &wang_, "2026-11-23 17:30", "2026-11-24 08:30");
  EXPECT_EQ(svc().CreateHandover(li_, day, "x", "").status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(svc().CreateHandover(zhang_, day, "", "").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(svc().CreateHandover(zhang_, day, std::string(9000, 'a'), "").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Count("rota_handovers"), 0);
  auto id = svc().CreateHandover(zhang_, day, "白班平稳，预警一条已处置", "城东拆迁话题需继续关注");
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto mine = svc().ListHandovers(li_.id, 10, 0);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().from_name, "张值班");
  EXPECT_EQ(mine->front().open_matters, "城东拆迁话题需继续关注");
  EXPECT_EQ(svc().AckHandover(zhang_, *id).code(), ErrorCode::kPermissionDenied);
  clock_.Advance(600);
  ASSERT_TRUE(svc().AckHandover(li_, *id).ok());
  EXPECT_EQ(svc().ListHandovers(0, 10, 0)->front().acked_at, clock_.Now());
  EXPECT_EQ(svc().AckHandover(li_, *id).code(), ErrorCode::kFailedPrecondition);
  // A shift with a hand-over note cannot be deleted.
  EXPECT_EQ(svc().DeleteShift(actor_, day).code(), ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace minyi::testing
