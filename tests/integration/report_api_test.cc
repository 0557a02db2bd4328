// Reports over HTTP against the real `minyi demo`: draft a monthly report,
// check a figure against the records it counts, edit the text, finalize,
// download every format; a finalized report cannot be edited and keeps its
// text; bad kind/period/format get a clear 400 in Chinese and store nothing.
#include <gtest/gtest.h>
#include <httplib.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "integration/demo_api.h"
#include "integration/process_util.h"
#include "report/report.h"

namespace minyi::testing {
namespace {

using nlohmann::json;

// The current month in China time, "2026-11".
std::string ThisMonth() {
  std::time_t t = std::time(nullptr) + kReportUtcOffsetSeconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
  return buf;
}

class ReportApiTest : public DemoApiTest {
 protected:
  void SetUp() override {
    DemoApiTest::SetUp();
    Login("admin");
  }
  std::string Download(int64_t id, const std::string& format) {
    auto res = client_->Get("/api/v1/reports/" + std::to_string(id) + "/download?format=" + format, Auth());
    EXPECT_TRUE(res);
    if (!res) return "";
    EXPECT_EQ(res->status, 200) << format << ": " << res->body.substr(0, 300);
    return res->status == 200 ? res->body : "";
  }
};

TEST_F(ReportApiTest, DraftEditFinalizeDownloadAndKeep) {
  json r = Call("POST", "/api/v1/reports", {{"kind", "monthly"}, {"period", ThisMonth()}}, 201);
  int64_t id = r["id"];
  std::string base = "/api/v1/reports/" + std::to_string(id);
  ASSERT_EQ(r["content"]["sections"].size(), 4u);
  EXPECT_EQ(r["content"]["sections"][2]["title"], "存在问题");
  EXPECT_EQ(r["status"], "draft");

  // A figure against the records it counts: each counted meeting exists and
  // is a meeting of this month; the figure page lists exactly those.
  json meetings;
  for (const auto& f : r["content"]["figures"]) {
    if (f["key"] == "duty.meetings") meetings = f;
  }
  ASSERT_TRUE(meetings.is_object());
  EXPECT_EQ(meetings["value"], meetings["record_ids"].size());
  for (const auto& rid : meetings["record_ids"]) {
    json rec = Call("GET", "/api/v1/duty/records/" + std::to_string(rid.get<int64_t>()), {}, 200);
    EXPECT_TRUE(rec["kind"] == "meeting" || rec["kind"] == "special_session") << rec.dump();
    EXPECT_EQ(rec["date"].get<std::string>().substr(0, 7), ThisMonth());
  }
  json listed = Call("GET", base + "/figures?key=duty.meetings", {}, 200);
  ASSERT_EQ(listed["records"].size(), meetings["record_ids"].size());
  for (size_t i = 0; i < listed["records"].size(); ++i) {
    EXPECT_EQ(listed["records"][i]["id"], meetings["record_ids"][i]);
    EXPECT_EQ(listed["records"][i]["link"],
              "#/duty/record?id=" + std::to_string(meetings["record_ids"][i].get<int64_t>()));
  }
  Call("GET", base + "/figures?key=no.such", {}, 404);

  // Staff edit a paragraph.
  json edit{{"title", r["content"]["title"]}, {"date_line", r["content"]["date_line"]}, {"sections", json::array()}};
  for (const auto& s : r["content"]["sections"]) edit["sections"].push_back({{"paragraphs", s["paragraphs"]}});
  const std::string kEdited = "经人工核实，本月网络信息工作总体平稳有序。";
  edit["sections"][0]["paragraphs"][0]["text"] = kEdited;
  json edited = Call("PUT", base, edit, 200);
  EXPECT_EQ(edited["content"]["sections"][0]["paragraphs"][0]["text"], kEdited);
  EXPECT_GE(Call("GET", base + "/versions", {}, 200)["versions"].size(), 2u);

  // Downloads of the draft.
  EXPECT_EQ(Download(id, "docx").substr(0, 2), "PK");
  EXPECT_EQ(Download(id, "xlsx").substr(0, 2), "PK");
  EXPECT_NE(Download(id, "html").find(kEdited), std::string::npos);

  // Finalize; the final version is kept and cannot be edited.
  json fin = Call("POST", base + "/finalize", json::object(), 200);
  EXPECT_EQ(fin["status"], "final");
  edit["sections"][0]["paragraphs"][0]["text"] = "定稿后试图修改";
  Call("PUT", base, edit, 409);
  EXPECT_NE(last_body_.find("已定稿"), std::string::npos) << last_body_;
  Call("POST", base + "/regenerate", json::object(), 409);
  json kept = Call("GET", base, {}, 200);
  EXPECT_EQ(kept["status"], "final");
  EXPECT_EQ(kept["content"]["sections"][0]["paragraphs"][0]["text"], kEdited);
  std::string docx = Download(id, "docx");
  EXPECT_EQ(docx.substr(0, 2), "PK");
  EXPECT_EQ(Download(id, "docx"), docx) << "the DOCX kept at finalization is served";
  EXPECT_NE(Download(id, "html").find(kEdited), std::string::npos);
  if (PdfConverterAvailable()) {
    EXPECT_EQ(Download(id, "pdf").substr(0, 5), "%PDF-");
  } else {
    std::printf("LibreOffice (soffice) 未安装，跳过 PDF 下载\n");
  }
}

TEST_F(ReportApiTest, BadInputIsAClearChineseErrorAndStoresNothing) {
  int64_t before = Call("GET", "/api/v1/reports", {}, 200)["total"];
  Call("POST", "/api/v1/reports", {{"kind", "monthly"}, {"period", "2026-13"}}, 400);
  EXPECT_NE(last_body_.find("报告期格式不正确"), std::string::npos) << last_body_;
  Call("POST", "/api/v1/reports", {{"kind", "weekly"}, {"period", "2026-09"}}, 400);
  EXPECT_NE(last_body_.find("报告类型"), std::string::npos) << last_body_;
  Call("POST", "/api/v1/reports", {{"kind", "monthly"}}, 400);
  EXPECT_EQ(Call("GET", "/api/v1/reports", {}, 200)["total"], before);
  json r = Call("POST", "/api/v1/reports", {{"kind", "quarterly"}, {"period", "2026Q3"}}, 201);
  auto res = client_->Get("/api/v1/reports/" + std::to_string(r["id"].get<int64_t>()) + "/download?format=doc", Auth());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("下载格式"), std::string::npos) << res->body;
}

}  // namespace
}  // namespace minyi::testing
