#include <gtest/gtest.h>

#include <filesystem>

#include "common/crypto.h"
#include "common/env.h"
#include "common/status.h"

namespace minyi {
namespace {

Result<int> Half(int x) {
  if (x % 2) return InvalidArgument("奇数");
  return x / 2;
}

Result<int> Quarter(int x) {
  MINYI_ASSIGN_OR_RETURN(int h, Half(x));
  MINYI_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(StatusTest, ResultCarriesValueOrError) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> bad = Quarter(6);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.status().ToString(), "invalid_argument: 奇数");
  EXPECT_EQ(NotFound("x").WithContext("读取").message(), "读取：x");
  EXPECT_TRUE(Status::Ok().ok());
}

TEST(EnvTest, IsoTimesRoundTrip) {
  EXPECT_EQ(FormatIsoUtc(0), "1970-01-01T00:00:00Z");
  auto t = ParseIsoUtc("2026-11-23T09:25:18Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatIsoUtc(*t), "2026-11-23T09:25:18Z");
  EXPECT_EQ(*ParseIsoUtc("2026-11-23"), *ParseIsoUtc("2026-11-23 00:00:00"));
  EXPECT_FALSE(ParseIsoUtc("昨天").ok());
  EXPECT_FALSE(ParseIsoUtc("2026-13-01").ok());
}

TEST(EnvTest, ManualClockMovesOnlyWhenTold) {
  ManualClock clock(100);
  EXPECT_EQ(clock.Now(), 100);
  clock.Advance(50);
  EXPECT_EQ(clock.Now(), 150);
}

TEST(EnvTest, FileSystemLimitsAndAtomicWrites) {
  LocalFileSystem fs;
  std::string dir = (std::filesystem::temp_directory_path() / ("minyi-fs-" + RandomHex(4))).string();
  ASSERT_TRUE(fs.CreateDirectories(dir).ok());
  std::string path = dir + "/a.txt";
  ASSERT_TRUE(fs.WriteFileAtomic(path, "你好").ok());
  EXPECT_EQ(*fs.ReadFile(path, 100), "你好");
  auto big = fs.ReadFile(path, 2);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(fs.ReadFile(dir + "/missing", 10).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(fs.ListDirectory(dir)->size(), 1u);  // no temporary file left behind
  std::filesystem::remove_all(dir);
}

TEST(CryptoTest, KnownVectors) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HmacSha256Hex("key", "The quick brown fox jumps over the lazy dog"),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  EXPECT_EQ(Base64Encode("hello"), "aGVsbG8=");
  EXPECT_EQ(RandomHex(16).size(), 32u);
  EXPECT_NE(RandomHex(16), RandomHex(16));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
}

}  // namespace
}  // namespace minyi
