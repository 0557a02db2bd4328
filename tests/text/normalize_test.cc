// Normalizer: NFKC, traditional -> simplified, invisible characters, full-width
// folding, and the map back to the original code points and bytes.
#include "text/normalize.h"

#include <gtest/gtest.h>

#include <string>

#include "text/utf8.h"

namespace minyi {
namespace {

std::shared_ptr<const Normalizer> Make(NormalizeOptions opts = {}) {
  auto n = Normalizer::Create(opts);
  EXPECT_TRUE(n.ok()) << n.status().ToString();
  return n.ok() ? *n : nullptr;
}

std::string Original(const std::string& text, const NormalizedText& r, uint32_t b, uint32_t e) {
  OriginalSpan s = r.ToOriginal(b, e);
  return text.substr(s.byte_begin, s.byte_end - s.byte_begin);
}

TEST(NormalizeTest, TraditionalToSimplified) {
  auto n = Make();
  auto r = n->Normalize("乾隆皇帝的頭髮很乾燥，請聯繫縣政府");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "乾隆皇帝的头发很干燥,请联系县政府");  // NFKC folds the full-width comma
}

TEST(NormalizeTest, RemovesZeroWidthAndControls) {
  auto n = Make();
  std::string text = "习\u200b近\u200d平\ufeff说\x01\x7f了\t\n";
  auto r = n->Normalize(text);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "习近平说了\t\n");
  // "近平" maps back to the user's characters, zero-width joiner included.
  EXPECT_EQ(Original(text, *r, 1, 3), "近\u200d平");
}

TEST(NormalizeTest, FoldsFullwidthAndNfkc) {
  auto n = Make();
  std::string text = "ＡＢＣ１２３　ｶﾞ㍿！";
  auto r = n->Normalize(text);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "ABC123 ガ株式会社!");
  // "ガ" came from two half-width code points; each of 株式会社 from one.
  EXPECT_EQ(Original(text, *r, 7, 8), "ｶﾞ");
  EXPECT_EQ(Original(text, *r, 9, 10), "㍿");
  EXPECT_EQ(Original(text, *r, 8, 12), "㍿");
  EXPECT_EQ(Original(text, *r, 0, 3), "ＡＢＣ");
}

TEST(NormalizeTest, FoldWithoutNfkc) {
  NormalizeOptions opts;
  opts.nfkc = false;
  opts.traditional_to_simplified = false;
  auto n = Make(opts);
  auto r = n->Normalize("ＡＢＣ　１");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "ABC 1");
  EXPECT_EQ(FoldFullwidth(U'！'), U'!');
  EXPECT_TRUE(IsInvisible(0x200B));
  EXPECT_FALSE(IsInvisible(U'\n'));
  EXPECT_FALSE(IsInvisible(U'中'));
}

TEST(NormalizeTest, IllFormedUtf8KeepsOffsets) {
  auto n = Make();
  std::string text = "ab\xff\xfe中\xe4\xb8";
  auto r = n->Normalize(text);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->cps.size(), 6u);
  EXPECT_EQ(r->cps[2], utf8::kReplacement);
  OriginalSpan s = r->ToOriginal(4, 5);  // 中
  EXPECT_EQ(s.byte_begin, 4u);
  EXPECT_EQ(s.byte_end, 7u);
  OriginalSpan tail = r->ToOriginal(5, 6);
  EXPECT_EQ(tail.byte_begin, 7u);
  EXPECT_EQ(tail.byte_end, text.size());
}

TEST(NormalizeTest, ByteSpansAndEmptySpans) {
  auto n = Make();
  std::string text = "請\u200b聯繫我們";
  auto r = n->Normalize(text);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "请联系我们");
  OriginalSpan s = r->ToOriginalFromBytes(3, 9);  // 联系
  EXPECT_EQ(text.substr(s.byte_begin, s.byte_end - s.byte_begin), "聯繫");
  OriginalSpan empty = r->ToOriginal(5, 5);
  EXPECT_EQ(empty.byte_begin, text.size());
  EXPECT_EQ(empty.byte_end, text.size());
  auto e = n->Normalize("");
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->text.empty());
  EXPECT_EQ(e->ToOriginal(0, 0).byte_end, 0u);
}

TEST(NormalizeTest, EveryCodePointMapsInsideTheOriginal) {
  auto n = Make();
  std::string text = std::string("Ｅｍｏｊｉ😀\u0301 é ﬁ 臺灣") + '\0' + "後\r\n";
  auto r = n->Normalize(text);
  ASSERT_TRUE(r.ok());
  const uint32_t original_len = static_cast<uint32_t>(utf8::CountCodePoints(text));
  for (size_t i = 0; i < r->cps.size(); ++i) {
    EXPECT_LT(r->source_begin[i], r->source_end[i]);
    EXPECT_LE(r->source_end[i], original_len);
    if (i > 0) {
      EXPECT_LE(r->source_begin[i - 1], r->source_begin[i]);
    }
  }
  EXPECT_NE(r->text.find("台湾"), std::string::npos);
  EXPECT_NE(r->text.find("fi"), std::string::npos);
}

TEST(NormalizeTest, RefusesOversizedInput) {
  NormalizeOptions opts;
  opts.max_input_bytes = 10;
  auto n = Make(opts);
  auto r = n->Normalize("一二三四五");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kResourceExhausted);
}

TEST(NormalizeTest, MissingOpenccConfigIsAnError) {
  NormalizeOptions opts;
  opts.opencc_config = "/nonexistent/t2s.json";
  auto n = Normalizer::Create(opts);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), ErrorCode::kNotFound);
}

TEST(Utf8Test, OffsetsRoundTrip) {
  std::string text =
      "a中\xf0\x9f\x98\x80"
      "b";
  EXPECT_EQ(utf8::CountCodePoints(text), 4u);
  EXPECT_EQ(utf8::ByteOffsetOfCodePoint(text, 2), 4u);
  EXPECT_EQ(utf8::ByteOffsetOfCodePoint(text, 9), text.size());
  EXPECT_EQ(utf8::CodePointIndexOfByte(text, 2), 1u);
  EXPECT_EQ(utf8::CodePointIndexOfByte(text, 5), 2u);
  EXPECT_EQ(utf8::FromU32(utf8::ToU32(text)), text);
  // Overlong, surrogate and truncated forms become U+FFFD per maximal subpart.
  EXPECT_EQ(utf8::ToU32("\xc0\xaf"), std::u32string(2, utf8::kReplacement));
  EXPECT_EQ(utf8::ToU32("\xed\xa0\x80"), std::u32string(3, utf8::kReplacement));
  EXPECT_EQ(utf8::ToU32("\xe4\xb8"), std::u32string(1, utf8::kReplacement));
}

}  // namespace
}  // namespace minyi
