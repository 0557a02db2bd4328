#include "text/dedup.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace minyi {
namespace {

// A made-up local news item (~300 characters) and edits of it.
const std::string kBase =
    "本报讯 11月20日上午，青川县城东片区自来水管网改造工程正式开工。据县住建局介绍，该工程总投资约3200万元，"
    "计划改造老旧供水管道18公里，新建加压泵站两座，预计明年6月底前完工。工程完工后，城东片区约2.6万名居民的"
    "用水压力不足、水质浑浊等问题将得到根本解决。施工期间，部分路段将实行交通管制，请过往车辆和行人注意绕行。"
    "县住建局提醒，施工单位将提前在社区公告栏张贴停水通知，居民如有疑问可拨打服务热线咨询。下一步，县里还将"
    "对城西片区的供水设施进行全面排查，力争三年内完成全县老旧管网改造任务，让群众喝上放心水。";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  const size_t p = s.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  return s.replace(p, from.size(), to);
}

const std::string kRepost = "【转】" + Replace(kBase, "。", "！") + "（来源：青川发布）";
const std::string kEdited = Replace(kBase, "请过往车辆和行人注意绕行", "请大家提前规划出行路线");
const std::string kOther =
    "市教育局近日发布通知，今年秋季学期起全市中小学将全面推行课后延时服务，服务时间原则上不早于下午5点30分结束。"
    "各学校要结合实际制定具体方案，开设体育、艺术、科普等兴趣课程，严禁利用课后服务时间讲授新课。家长可根据需要"
    "自愿选择是否参加，学校不得以任何形式强制或变相强制学生参加。通知还要求各区教育部门加强督导检查，及时回应家长关切"
    "。";

TEST(CanonicalUrlTest, NormalizesEquivalentForms) {
  auto c = [](std::string_view u) {
    auto r = CanonicalUrl(u);
    return r.ok() ? *r : "ERROR " + r.status().message();
  };
  EXPECT_EQ(c("HTTP://News.Example.COM:80/a/b?z=1&a=2#top"), "http://news.example.com/a/b?a=2&z=1");
  EXPECT_EQ(c("https://example.com:443"), "https://example.com/");
  EXPECT_EQ(c("https://example.com:8443/x"), "https://example.com:8443/x");
  EXPECT_EQ(c("https://user:pw@example.com./p?utm_source=wx&utm_medium=a&id=5&spm=1.2&fbclid=x"),
            "https://example.com/p?id=5");
  EXPECT_EQ(c("https://example.com/p?q=%e7%8e%af&&b"), "https://example.com/p?b&q=%E7%8E%AF");
  EXPECT_EQ(c("https://mp.weixin.qq.com/s?__biz=MzA&mid=22&idx=1&sn=abc&chksm=zz&scene=21&from=timeline"),
            "https://mp.weixin.qq.com/s?__biz=MzA&idx=1&mid=22&sn=abc");
  EXPECT_EQ(c("  https://[2001:DB8::1]:443/x "), "https://[2001:db8::1]/x");
  EXPECT_EQ(c("https://a.cn/p?k=2&k=1"), "https://a.cn/p?k=2&k=1");  // repeated keys keep their order
  EXPECT_NE(c("ftp://example.com").find("ERROR"), std::string::npos);
  EXPECT_NE(c("example.com/x").find("ERROR"), std::string::npos);
  EXPECT_NE(c("http://:80/").find("ERROR"), std::string::npos);
  EXPECT_NE(c("http://a.cn:8x/").find("ERROR"), std::string::npos);
  EXPECT_NE(c(std::string(9000, 'a')).find("ERROR"), std::string::npos);
  // Fuzzer finding: a second colon used to leave ":443" in the host, so the
  // output was not a fixed point of CanonicalUrl.
  EXPECT_NE(c("HTTPS://A.cn:443:/p?utm_sourc<Te=x&b=1#f").find("ERROR"), std::string::npos);
  EXPECT_EQ(c("https://a.cn:/p"), "https://a.cn/p");
  EXPECT_EQ(c(c("https://a.cn:/p")), "https://a.cn/p");
  EXPECT_EQ(c("https://a.cn/p?x&=&b=1"), "https://a.cn/p?b=1&x");              // fuzzer finding: bare "="
  EXPECT_NE(c("https://a.cn/p?e\r\r=&b=1").find("ERROR"), std::string::npos);  // fuzzer finding
  EXPECT_NE(c("https://a.cn/a b").find("ERROR"), std::string::npos);
}

TEST(ExactHashTest, IgnoresSpacingPunctuationAndWidth) {
  EXPECT_EQ(ExactTextHash("环保局：回应， 居民诉求！"), ExactTextHash("环保局回应居民诉求"));
  EXPECT_EQ(ExactTextHash("ＡＢＣ１２３"), ExactTextHash("abc 123"));
  EXPECT_NE(ExactTextHash("环保局回应居民诉求"), ExactTextHash("环保局回应群众诉求"));
  EXPECT_EQ(NormalizeForHash("Hello, 世界! 😀"), "hello世界");
  EXPECT_EQ(Hash64("abc"), Hash64("abc"));
  EXPECT_NE(Hash64("abc"), Hash64("abd"));
}

TEST(SimHashTest, NearDuplicatesWithinThreeBits) {
  const uint64_t base = SimHash64(kBase);
  EXPECT_EQ(SimHash64(kBase), base);  // deterministic
  EXPECT_LE(HammingDistance(base, SimHash64(kRepost)), kSimHashNearDistance);
  EXPECT_LE(HammingDistance(base, SimHash64(kEdited)), kSimHashNearDistance);
  EXPECT_GT(HammingDistance(base, SimHash64(kOther)), 12);
}

TEST(SimHashTest, WeightedFeatures) {
  const uint64_t a = SimHash64Weighted({{"自来水", 3.0}, {"管网", 2.0}, {"改造", 2.0}, {"城东", 1.0}});
  const uint64_t b = SimHash64Weighted({{"自来水", 3.0}, {"管网", 2.0}, {"改造", 2.0}, {"城西", 0.1}});
  const uint64_t c = SimHash64Weighted({{"课后", 3.0}, {"服务", 2.0}, {"家长", 2.0}});
  EXPECT_LT(HammingDistance(a, b), HammingDistance(a, c));
}

TEST(SimHashIndexTest, FindsEveryFingerprintWithinThree) {
  std::mt19937_64 rng(5);
  SimHashIndex index;
  std::vector<uint64_t> fps;
  for (int i = 0; i < 5000; ++i) fps.push_back(rng());
  // Plant neighbours at distances 0..5 of fps[0].
  for (int d = 0; d <= 5; ++d) {
    uint64_t f = fps[0];
    std::set<int> bits;
    while (static_cast<int>(bits.size()) < d) bits.insert(static_cast<int>(rng() % 64));
    for (int b : bits) f ^= 1ULL << b;
    fps.push_back(f);
  }
  index.Reserve(fps.size());
  for (uint64_t f : fps) index.Add(f);
  for (int q = 0; q < 50; ++q) {
    const uint64_t probe = q == 0 ? fps[0] : fps[rng() % fps.size()] ^ (1ULL << (rng() % 64));
    std::vector<uint32_t> brute;
    for (uint32_t id = 0; id < fps.size(); ++id) {
      if (HammingDistance(probe, fps[id]) <= 3) brute.push_back(id);
    }
    auto got = index.Find(probe, 3);
    std::vector<uint32_t> sorted = got;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, brute);
    for (size_t i = 1; i < got.size(); ++i) {
      EXPECT_LE(HammingDistance(probe, fps[got[i - 1]]), HammingDistance(probe, fps[got[i]]));
    }
  }
  // fps[0] itself, and the planted ones at distance 0..3.
  EXPECT_EQ(index.Find(fps[0]).size(), 5u);
  EXPECT_EQ(index.MemoryBytes(), fps.size() * 24 + 4 * 65536 * 4);  // 24 bytes per item
}

TEST(MinHashTest, EstimatesJaccard) {
  // Two sets of 1,000 hashes sharing 800: Jaccard = 800 / 1200 = 0.667.
  std::vector<uint64_t> a, b;
  for (uint64_t i = 0; i < 1000; ++i) a.push_back(Hash64(std::to_string(i)));
  for (uint64_t i = 200; i < 1200; ++i) b.push_back(Hash64(std::to_string(i)));
  const double j = EstimateJaccard(MinHash(a), MinHash(b));
  EXPECT_NEAR(j, 0.667, 0.12);
  EXPECT_EQ(EstimateJaccard(MinHash(kBase), MinHash(kBase)), 1.0);
  EXPECT_LT(EstimateJaccard(MinHash(kBase), MinHash(kOther)), 0.1);
}

TEST(MinHashLshTest, FindsNearDuplicatesAboveThreshold) {
  auto lsh = MinHashLsh::Create();
  ASSERT_TRUE(lsh.ok());
  const uint32_t base = lsh->Add(MinHash(kBase));
  lsh->Add(MinHash(kOther));
  for (int i = 0; i < 200; ++i) lsh->Add(MinHash("无关内容第" + std::to_string(i) + "条，" + kOther.substr(0, 30 + i)));
  auto edited = lsh->Query(MinHash(kEdited));
  ASSERT_FALSE(edited.empty());
  EXPECT_EQ(edited[0].first, base);
  EXPECT_GE(edited[0].second, 0.8);
  EXPECT_TRUE(lsh->Query(MinHash("完全不同的一段文字，讲的是秋收和粮食价格，与供水工程没有关系。")).empty());
  EXPECT_FALSE(MinHashLsh::Create({20, 10, 18, 0.8}).ok());
  EXPECT_LT(lsh->MemoryBytes(), 12u * (1u << 18) * 4 + 2 * 202 * 80);  // 80 bytes per item, vectors may double
}

// Jaccard 0.9 pairs are found; 0.5 pairs are not — the S-curve documented
// in dedup.h, checked on synthetic sets with known Jaccard.
TEST(MinHashLshTest, ThresholdBehaviour) {
  auto lsh = MinHashLsh::Create();
  ASSERT_TRUE(lsh.ok());
  int found_high = 0, found_low = 0;
  for (int t = 0; t < 40; ++t) {
    std::vector<uint64_t> base, high, low;
    for (int i = 0; i < 500; ++i) base.push_back(Hash64("t" + std::to_string(t) + "/" + std::to_string(i)));
    high = base;
    for (int i = 0; i < 26; ++i) high[i] = Hash64("h" + std::to_string(t) + "/" + std::to_string(i));  // J ~ 0.9
    low = base;
    for (int i = 0; i < 167; ++i) low[i] = Hash64("l" + std::to_string(t) + "/" + std::to_string(i));  // J ~ 0.5
    const uint32_t id = lsh->Add(MinHash(base));
    for (const auto& [got, j] : lsh->Query(MinHash(high))) found_high += got == id;
    for (const auto& [got, j] : lsh->Query(MinHash(low))) found_low += got == id;
  }
  EXPECT_GE(found_high, 34);
  EXPECT_LE(found_low, 2);
}

}  // namespace
}  // namespace minyi
