// The duty ledger and attachments over HTTP against the real `minyi demo`.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "integration/demo_api.h"
#include "integration/process_util.h"

namespace minyi::testing {
namespace {

using nlohmann::json;

std::string UrlEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

class DutyApiTest : public DemoApiTest {
 protected:
  httplib::Result Upload(const std::string& name, const std::string& bytes,
                         const std::string& owner_kind = "duty_record", int64_t owner_id = 0) {
    std::string path = "/api/v1/attachments?filename=" + UrlEncode(name) + "&owner_kind=" + owner_kind +
                       "&owner_id=" + std::to_string(owner_id);
    return client_->Post(path, Auth(), bytes, "application/octet-stream");
  }
  int64_t UnitId(const std::string& name) {
    json units = Get("/api/v1/units");
    for (const auto& u : units["units"]) {
      if (u["name"] == name) return u["id"];
    }
    ADD_FAILURE() << "no unit " << name;
    return 0;
  }
  int64_t AttachmentCount(const std::string& kind, int64_t owner) {
    return static_cast<int64_t>(
        Get("/api/v1/attachments?owner_kind=" + kind + "&owner_id=" + std::to_string(owner))["attachments"].size());
  }
};

TEST_F(DutyApiTest, ReporterSubmitsOwnUnitOnlyAndCompletenessShowsIt) {
  Login("admin");
  int64_t other = UnitId("石桥村");
  json comp = Get("/api/v1/duty/zero-completeness?months=1");
  std::string month = comp["months"][0];
  int before = comp["submitted"][0];
  Login("reporter");
  int64_t own = user_["unit_id"];
  auto ok =
      client_->Post("/api/v1/duty/zero-reports", Auth(),
                    json{{"unit_id", own}, {"month", month}, {"nothing_to_report", true}}.dump(), "application/json");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  auto denied =
      client_->Post("/api/v1/duty/zero-reports", Auth(),
                    json{{"unit_id", other}, {"month", month}, {"nothing_to_report", true}}.dump(), "application/json");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 403);
  EXPECT_NE(denied->body.find("本单位"), std::string::npos) << denied->body;
  // A reporter cannot read the ledger's configuration or the completeness grid.
  Get("/api/v1/duty/zero-completeness", 403);
  // and lists only their own unit's reports.
  json reports = Get("/api/v1/duty/zero-reports");
  for (const auto& r : reports["zero_reports"]) EXPECT_EQ(r["unit_id"], own);

  Login("admin");
  json after = Get("/api/v1/duty/zero-completeness?months=1");
  EXPECT_EQ(after["submitted"][0], before + 1);
  for (const auto& row : after["rows"]) {
    if (row["unit_id"] == other) EXPECT_EQ(row["cells"][0], "");
    if (row["unit_id"] == own) EXPECT_EQ(row["cells"][0], "zero");
  }
  // The demo data is there: group, obligations with occurrences, a self-check.
  EXPECT_EQ(Get("/api/v1/duty/group")["members"][0]["name"], "王局长");
  EXPECT_FALSE(Get("/api/v1/duty/occurrences")["occurrences"].empty());
  EXPECT_EQ(Get("/api/v1/duty/rectifications")["rectifications"].size(), 2u);
}

TEST_F(DutyApiTest, EvidenceUploadDownloadAndRefusals) {
  Login("editor");
  std::string pdf = "%PDF-1.4\n";
  for (int i = 0; i < 4096; ++i) pdf.push_back(static_cast<char>(i * 7 % 256));
  auto up = Upload("一季度研判会签到表.pdf", pdf);
  ASSERT_TRUE(up);
  ASSERT_EQ(up->status, 200) << up->body;
  int64_t att = json::parse(up->body)["id"];

  // Attach it to a new study record.
  auto rec = client_->Post("/api/v1/duty/records", Auth(),
                           json{{"kind", "study"},
                                {"held_at", "2026-06-01 15:00"},
                                {"topic", "集中学习"},
                                {"attendees", {"王局长", "宣传科"}},
                                {"attachment_ids", {att}}}
                               .dump(),
                           "application/json");
  ASSERT_TRUE(rec);
  ASSERT_EQ(rec->status, 200) << rec->body;
  json record = json::parse(rec->body);
  ASSERT_EQ(record["attachments"].size(), 1u);

  auto down = client_->Get("/api/v1/attachments/" + std::to_string(att), Auth());
  ASSERT_TRUE(down);
  ASSERT_EQ(down->status, 200);
  EXPECT_EQ(down->body, pdf);  // byte-identical
  EXPECT_EQ(down->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(down->get_header_value("X-Content-Type-Options"), "nosniff");
  std::string disp = down->get_header_value("Content-Disposition");
  // cpp-httplib's client percent-decodes header values, so either form is
  // what the server sent (curl shows filename*=UTF-8''%E4%B8%80...).
  bool encoded = disp.find("filename*=UTF-8''" + UrlEncode("一季度研判会签到表.pdf")) != std::string::npos;
  bool decoded = disp.find("filename*=UTF-8''一季度研判会签到表.pdf") != std::string::npos;
  EXPECT_TRUE(encoded || decoded) << disp;

  int64_t owner = record["id"];
  int64_t count = AttachmentCount("duty_record", owner);
  // Oversized: refused with a clear message, nothing stored.
  std::string big = "%PDF-1.4\n" + std::string((20u << 20), 'x');
  auto over = Upload("太大.pdf", big, "duty_record", owner);
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 413);
  EXPECT_NE(over->body.find("20 MB"), std::string::npos) << over->body.substr(0, 300);
  // Executables, under any name: refused, nothing stored.
  auto exe = Upload("setup.exe", std::string("MZ\x90\x00\x03", 5), "duty_record", owner);
  ASSERT_TRUE(exe);
  EXPECT_EQ(exe->status, 400);
  EXPECT_NE(exe->body.find("可执行"), std::string::npos) << exe->body;
  auto disguised = Upload("会议纪要.docx", std::string("MZ\x90\x00\x03", 5), "duty_record", owner);
  ASSERT_TRUE(disguised);
  EXPECT_EQ(disguised->status, 400);
  auto html = Upload("通知.txt", "<html><script>alert(1)</script></html>", "duty_record", owner);
  ASSERT_TRUE(html);
  EXPECT_EQ(html->status, 400);
  EXPECT_NE(html->body.find("网页"), std::string::npos) << html->body;
  EXPECT_EQ(AttachmentCount("duty_record", owner), count);
  EXPECT_TRUE(server_->Alive());

  // A reporter may not download other people's evidence.
  Login("reporter");
  auto denied = client_->Get("/api/v1/attachments/" + std::to_string(att), Auth());
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 403);
}

}  // namespace
}  // namespace minyi::testing
