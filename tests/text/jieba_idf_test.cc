// IdfTable's hash lookup answers exactly what the compiled file holds: every
// stored word its own IDF, anything else the median (as jieba). The words are
// read straight from the file's layout (text/jieba_format.h) so the test does
// not go through the index it checks.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "text/jieba_dict.h"
#include "text/jieba_format.h"

namespace minyi {
namespace {

std::string IdfPath() {
  const char* env = std::getenv("MINYI_RESOURCES");
  return std::string(env ? env : MINYI_BINARY_DIR "/share/minyi") + "/dict/jieba_idf.bin";
}

TEST(JiebaIdfTest, HashLookupFindsEveryStoredWordAndOnlyThose) {
  auto table = IdfTable::Load(IdfPath());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  std::ifstream in(IdfPath(), std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  jieba_format::IdfHeader h;
  ASSERT_GE(raw.size(), sizeof(h));
  std::memcpy(&h, raw.data(), sizeof(h));
  ASSERT_EQ((*table)->size(), h.word_count);
  size_t off = sizeof(h);
  std::vector<uint32_t> offsets(h.word_count + 1);
  std::memcpy(offsets.data(), raw.data() + off, offsets.size() * sizeof(uint32_t));
  off = (off + offsets.size() * sizeof(uint32_t) + 7) / 8 * 8;
  std::vector<double> values(h.word_count);
  std::memcpy(values.data(), raw.data() + off, values.size() * sizeof(double));
  const char* blob = raw.data() + off + values.size() * sizeof(double);
  size_t wrong = 0;
  std::string_view previous;
  for (uint32_t i = 0; i < h.word_count; ++i) {
    std::string_view w(blob + offsets[i], offsets[i + 1] - offsets[i]);
    if (w != previous && (*table)->Idf(w) != values[i]) ++wrong;
    previous = w;
  }
  EXPECT_EQ(wrong, 0u);
  EXPECT_GT(h.word_count, 100'000u);
  for (const char* unknown : {"", "这不是一个词典里的词语", "zzzzqqq", "\xff\xfe"}) {
    EXPECT_EQ((*table)->Idf(unknown), (*table)->median()) << unknown;
  }
}

TEST(JiebaIdfTest, TruncatedFileIsRefusedWithAChineseError) {
  std::ifstream in(IdfPath(), std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string path = ::testing::TempDir() + "/jieba_idf_truncated.bin";
  std::ofstream(path, std::ios::binary) << raw.substr(0, raw.size() / 2);
  auto table = IdfTable::Load(path);
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().message().find("IDF 文件格式不正确"), std::string::npos);
}

}  // namespace
}  // namespace minyi
