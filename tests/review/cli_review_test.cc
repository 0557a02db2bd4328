// Drives the real `minyi` binary: extract and check, exit codes and formats.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "review/docx_util.h"

namespace minyi {
namespace {

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

class ReviewCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("minyi_review_cli_" + std::to_string(::getpid()) + "_" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& data) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << data;
    return path;
  }
  CliRun Minyi(const std::string& args) {
    std::string out = (dir_ / "stdout").string();
    std::string err = (dir_ / "stderr").string();
    std::string cmd = std::string(MINYI_BIN) + " " + args + " >" + out + " 2>" + err;
    int rc = std::system(cmd.c_str());
    auto slurp = [](const std::string& p) {
      std::ifstream in(p);
      std::stringstream ss;
      ss << in.rdbuf();
      return ss.str();
    };
    return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, slurp(out), slurp(err)};
  }

  std::filesystem::path dir_;
};

TEST_F(ReviewCli, ExtractPrintsPlainText) {
  testing::DocxParts parts;
  parts.body = testing::Para({"关于做好", "安全生产工作的通知"});
  std::string docx = Write("a.docx", testing::MakeDocx(parts));
  CliRun r = Minyi("extract " + docx);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "关于做好安全生产工作的通知\n");
}

TEST_F(ReviewCli, ExtractRejectsUnreadableInputWithExit2) {
  std::string bad = Write("bad.docx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'));
  CliRun r = Minyi("extract " + bad);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("错误："), std::string::npos);
  EXPECT_NE(r.err.find("加密"), std::string::npos);
  EXPECT_EQ(Minyi("extract " + (dir_ / "missing.txt").string()).code, 2);
}

TEST_F(ReviewCli, CheckExitCodesAndJson) {
  std::string clean = Write("clean.txt", "各单位要认真落实本通知要求。\n");
  std::string warn = Write("warn.txt", "请到县工商局办理。\n");
  std::string err = Write("err.txt", "我们要再接再励。\n");
  EXPECT_EQ(Minyi("check " + clean).code, 0);
  EXPECT_EQ(Minyi("check " + warn).code, 0);
  CliRun r = Minyi("check --format json " + clean + " " + err);
  EXPECT_EQ(r.code, 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["file"], clean);
  EXPECT_TRUE(j[0]["findings"].empty());
  EXPECT_EQ(j[1]["findings"][0]["rule"], "typo.word");
  EXPECT_EQ(j[1]["findings"][0]["suggestion"], "再接再厉");
  CliRun unreadable = Minyi("check --format json " + err + " " + (dir_ / "nope.docx").string());
  EXPECT_EQ(unreadable.code, 2);
  auto j2 = nlohmann::json::parse(unreadable.out);
  EXPECT_TRUE(j2[1].contains("error"));
}

TEST_F(ReviewCli, CheckSarifAndWhitelist) {
  std::string err = Write("err.txt", "我们要再接再励。\n");
  CliRun r = Minyi("check --format sarif " + err);
  EXPECT_EQ(r.code, 1);
  auto s = nlohmann::json::parse(r.out);
  EXPECT_EQ(s["version"], "2.1.0");
  EXPECT_EQ(s["runs"][0]["results"][0]["ruleId"], "typo.word");
  EXPECT_EQ(s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"], 1);
  EXPECT_EQ(Minyi("check --whitelist 再接再励 " + err).code, 0);
  CliRun text = Minyi("check " + err);
  EXPECT_NE(text.out.find(":1:4: 错误 [typo.word]"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace minyi
