// `minyi bench text` smoke test: without evaluation data it still runs the
// speed comparisons on generated text, prints the table and marks the rows
// that need data as skipped. No timing assertions (figures depend on load).
#include <gtest/gtest.h>

#include "integration/process_util.h"

namespace minyi::testing {
namespace {

TEST(BenchCliTest, QuickRunWithoutEvalDataPrintsTable) {
  TempDir dir;
  auto r = RunMinyi({"bench", "text", "--quick", "--eval", dir.path() + "/no-eval-here"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("| 项目"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("分词速度"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("词表匹配"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("情感"), std::string::npos) << r.out;
  // PKU, MSR and the three public sentiment sets need evaluation data.
  size_t skipped = 0;
  for (size_t pos = 0; (pos = r.out.find("跳过（缺少评测数据）", pos)) != std::string::npos; ++pos) ++skipped;
  EXPECT_EQ(skipped, 5u) << r.out;
  // The own held-out split ships with the build, so it is always measured.
  EXPECT_NE(r.out.find("自有语料留出集"), std::string::npos);
}

TEST(BenchCliTest, UnknownBenchGroupFails) {
  auto r = RunMinyi({"bench", "nosuch"});
  EXPECT_NE(r.exit_code, 0);
}

}  // namespace
}  // namespace minyi::testing
