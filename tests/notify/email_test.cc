// E-mail over SMTP to a local receiver: a Chinese message arrives intact.
#include "notify/formats.h"
#include "notify/notify_fixture.h"

namespace minyi {
namespace {

using testing::Base64Decode;
using testing::SmtpReceiver;

// Decodes "=?UTF-8?B?...?=" words joined by folding whitespace.
std::string DecodeMimeHeader(const std::string& value) {
  std::string out;
  size_t pos = 0;
  while ((pos = value.find("=?UTF-8?B?", pos)) != std::string::npos) {
    size_t end = value.find("?=", pos + 10);
    out += Base64Decode(value.substr(pos + 10, end - pos - 10));
    pos = end + 2;
  }
  return out;
}

std::string Header(const std::string& data, const std::string& name) {
  size_t pos = data.find(name + ": ");
  if (pos == std::string::npos) return "";
  std::string value;
  size_t start = pos + name.size() + 2;
  for (;;) {
    size_t end = data.find("\r\n", start);
    value += data.substr(start, end - start);
    if (data[end + 2] != ' ' && data[end + 2] != '\t') break;
    start = end + 2;
  }
  return value;
}

int64_t AddEmail(NotifyFixture& f, Database& db, const Clock& clock, int port, const std::string& user,
                 const std::string& password) {
  Channel ch;
  ch.name = "办公室邮箱";
  ch.kind = ChannelKind::kEmail;
  ch.config.url = "smtp://127.0.0.1:" + std::to_string(port);
  ch.config.from = "minyi@example.gov.cn";
  ch.config.to = {"office@example.gov.cn", "leader@example.gov.cn"};
  ch.config.username = user;
  ch.config.password = password;
  auto id = CreateChannel(db, clock, Actor{1, "管理员"}, ch);
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : 0;
}

class EmailTest : public NotifyFixture {};

TEST_F(EmailTest, ChineseMailArrivesIntactWithAuth) {
  SmtpReceiver smtp("minyi", "口令-pass");
  AddEmail(*this, db(), clock_, smtp.port(), "minyi", "口令-pass");
  Notification n;
  n.kind = "case_supervise";
  n.title = "督办：关于清河县城关镇供暖问题的投诉已超期两个工作日，请分管领导督促办理";
  n.body = "案件编号 2026-0042。\n承办单位：城关镇。\n.以点开头的一行也要完整。";
  n.link = "#/cases/detail?id=42";
  n.urgent = true;
  ASSERT_TRUE(db().InTransaction([&](Database& tx) { return EnqueueNotification(tx, clock_, n).status(); }).ok());
  auto stats = DeliverDue(db(), clock_, options_);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->sent, 1);
  auto mails = smtp.Mails();
  ASSERT_EQ(mails.size(), 1u);
  const auto& m = mails[0];
  EXPECT_EQ(m.auth_user, "minyi");
  EXPECT_EQ(m.from, "minyi@example.gov.cn");
  EXPECT_EQ(m.rcpt, (std::vector<std::string>{"office@example.gov.cn", "leader@example.gov.cn"}));
  EXPECT_EQ(DecodeMimeHeader(Header(m.data, "Subject")), "【紧急】【督办】" + n.title);
  EXPECT_EQ(Header(m.data, "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(Header(m.data, "Content-Transfer-Encoding"), "base64");
  EXPECT_EQ(Header(m.data, "To"), "office@example.gov.cn, leader@example.gov.cn");
  std::string body = Base64Decode(m.data.substr(m.data.find("\r\n\r\n") + 4));
  EXPECT_NE(body.find("案件编号 2026-0042。\r\n承办单位：城关镇。\r\n.以点开头的一行也要完整。"), std::string::npos)
      << body;
  EXPECT_NE(body.find("查看详情：https://minyi.example.gov.cn/#/cases/detail?id=42"), std::string::npos);
}

TEST_F(EmailTest, WrongPasswordIsLoggedAndRetried) {
  SmtpReceiver smtp("minyi", "right");
  AddEmail(*this, db(), clock_, smtp.port(), "minyi", "wrong");
  Notification n{"duty_reminder", "本月台账未报送", "请在 25 日前报送。", "", 0, false, {}, {}};
  ASSERT_TRUE(db().InTransaction([&](Database& tx) { return EnqueueNotification(tx, clock_, n).status(); }).ok());
  auto stats = DeliverDue(db(), clock_, options_);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->retried, 1);
  EXPECT_TRUE(smtp.Mails().empty());
  auto log = ListDeliveries(db(), {});
  EXPECT_NE((*log)[0].last_error.find("发送邮件"), std::string::npos) << (*log)[0].last_error;
}

TEST_F(EmailTest, HeaderEncodingSplitsOnCharacterBoundaries) {
  std::string subject(60, 'x');
  EXPECT_EQ(EncodeMimeHeader("plain ascii"), "plain ascii");
  std::string chinese;
  for (int i = 0; i < 40; ++i) chinese += "民意";
  std::string enc = EncodeMimeHeader(chinese);
  size_t start = 0;
  while (start < enc.size()) {
    size_t end = enc.find("\r\n", start);
    if (end == std::string::npos) end = enc.size();
    EXPECT_LE(end - start, 76u);
    start = end + 2;
  }
  EXPECT_EQ(DecodeMimeHeader(enc), chinese);
  // Every word decodes to whole characters (3 bytes each here).
  size_t pos = 0;
  while ((pos = enc.find("=?UTF-8?B?", pos)) != std::string::npos) {
    size_t end = enc.find("?=", pos);
    EXPECT_EQ(Base64Decode(enc.substr(pos + 10, end - pos - 10)).size() % 3, 0u);
    pos = end;
  }
}

}  // namespace
}  // namespace minyi
