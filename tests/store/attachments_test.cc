#include "store/attachments.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/crypto.h"

namespace minyi {
namespace {

class AttachmentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (std::filesystem::temp_directory_path() / ("minyi-att-" + RandomHex(6))).string();
    StoreOptions o;
    o.location = "sqlite:" + dir_;
    o.clock = &clock_;
    auto s = Store::Open(o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  Database& db() { return store_->db(); }

  Result<int64_t> Save(const std::string& name, const std::string& bytes, std::string kind = "duty_record",
                       int64_t owner = 1) {
    int64_t id = 0;
    Status st = db().InTransaction([&](Database& tx) -> Status {
      MINYI_ASSIGN_OR_RETURN(id, SaveAttachment(tx, clock_, actor_, {name, "", bytes, kind, owner}));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return id;
  }
  int64_t Count() { return *db().QueryInt("SELECT COUNT(*) FROM attachments"); }

  ManualClock clock_{1'790'000'000};
  std::string dir_;
  std::unique_ptr<Store> store_;
  Actor actor_{0, "测试"};
};

std::string Pdf() { return std::string("%PDF-1.7\n") + std::string("\x00\x01\xff binary", 10) + "\n%%EOF\n"; }

TEST_F(AttachmentsTest, SavesLoadsByteIdenticalWithSha256) {
  std::string bytes = Pdf();
  auto id = Save("dir/责任书（签字版）.pdf", bytes);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto a = LoadAttachment(db(), *id);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->content, bytes);
  EXPECT_EQ(a->filename, "责任书（签字版）.pdf");
  EXPECT_EQ(a->kind, "pdf");
  EXPECT_EQ(a->content_type, "application/pdf");
  EXPECT_EQ(a->sha256, Sha256Hex(bytes));
  EXPECT_EQ(a->size_bytes, static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM audit_log WHERE entity = 'attachment'"), 1);
}

TEST_F(AttachmentsTest, AcceptsEachAllowedKind) {
  std::string zip = std::string("PK\x03\x04", 4) + "....";
  EXPECT_TRUE(Save("a.docx", zip + "word/document.xml").ok());
  EXPECT_TRUE(Save("a.xlsx", zip + "xl/workbook.xml").ok());
  EXPECT_TRUE(Save("a.zip", zip).ok());
  EXPECT_TRUE(Save("a.doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest").ok());
  EXPECT_TRUE(Save("a.XLS", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest").ok());
  EXPECT_TRUE(Save("a.jpeg", "\xFF\xD8\xFF\xE0jfif").ok());
  EXPECT_TRUE(Save("a.png", "\x89PNG\r\n\x1A\nIHDR").ok());
  EXPECT_TRUE(Save("说明.txt", "本月无舆情。\n").ok());
  auto list = ListAttachments(db(), "duty_record", 1);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 8u);
  EXPECT_TRUE(list->front().content.empty());  // listing carries no content
}

TEST_F(AttachmentsTest, RefusesDangerousAndMismatchedFilesAndStoresNothing) {
  struct Case {
    std::string name, bytes, expect;
  };
  std::vector<Case> cases = {
      {"setup.exe", "MZ\x90", "可执行"},
      {"report.pdf", "MZ\x90\x00rest", "可执行"},
      {"run.sh", "#!/bin/sh\n", "可执行"},
      {"page.html", "<html></html>", "网页"},
      {"note.txt", "<!DOCTYPE html><script>alert(1)</script>", "网页"},
      {"fake.pdf", "hello", "不符"},
      {"fake.docx", std::string("PK\x03\x04", 4) + "nothing", "不符"},
      {"data.csv.rar", "Rar!", "不支持"},
      {"noext", "abc", "不支持"},
      {"empty.pdf", "", "为空"},
      {"../", "abc", "文件名"},
      {"bad\xff.txt", "abc", "UTF-8"},
  };
  for (const Case& c : cases) {
    auto r = Save(c.name, c.bytes);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_NE(r.status().message().find(c.expect), std::string::npos) << c.name << ": " << r.status().message();
  }
  EXPECT_EQ(Count(), 0);
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM audit_log"), 0);
}

TEST_F(AttachmentsTest, SizeLimitIsTwentyMegabytes) {
  std::string big = Pdf();
  big.resize(kMaxAttachmentBytes, 'x');
  EXPECT_TRUE(Save("max.pdf", big).ok());
  big.push_back('x');
  auto r = Save("over.pdf", big);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kResourceExhausted);
  EXPECT_NE(r.status().message().find("20 MB"), std::string::npos);
  EXPECT_EQ(Count(), 1);
}

TEST_F(AttachmentsTest, OwnerKindValidatedAndAttachLater) {
  EXPECT_FALSE(Save("a.txt", "x", "Bad-Kind").ok());
  auto id = Save("a.txt", "x", "rectification", 0);
  ASSERT_TRUE(id.ok());
  Status st =
      db().InTransaction([&](Database& tx) { return AttachToOwner(tx, clock_, actor_, *id, "rectification", 42); });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(ListAttachments(db(), "rectification", 42)->size(), 1u);
  // Once attached it cannot be moved to another record.
  st = db().InTransaction([&](Database& tx) { return AttachToOwner(tx, clock_, actor_, *id, "rectification", 43); });
  EXPECT_EQ(st.code(), ErrorCode::kFailedPrecondition);
  st = db().InTransaction([&](Database& tx) { return AttachToOwner(tx, clock_, actor_, *id, "case_reply", 42); });
  EXPECT_EQ(st.code(), ErrorCode::kFailedPrecondition);
}

TEST_F(AttachmentsTest, TamperedContentIsReportedAsCorruption) {
  auto id = Save("a.txt", "原始内容");
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(db().Execute("UPDATE attachments SET content = ? WHERE id = ?", {"篡改内容", *id}).ok());
  EXPECT_EQ(LoadAttachment(db(), *id).status().code(), ErrorCode::kCorruption);
  EXPECT_EQ(LoadAttachment(db(), 999).status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace minyi
