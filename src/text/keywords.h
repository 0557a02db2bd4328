// Keyword extraction: TF-IDF and TextRank, following jieba.analyse.
//
// Contract:
// - TF-IDF is jieba's extract_tags: words from Segmenter::Cut (HMM on), words
//   shorter than 2 code points (after stripping whitespace) and stop words
//   (case-insensitive for ASCII) dropped, weight = count * idf / total count
//   with jieba's idf.txt (compiled at build time) and its median IDF for
//   unknown words; ties keep first-occurrence order. With the same stop-word
//   set the result equals jieba's, weights included.
// - TextRank is jieba's textrank (window 5, d = 0.85, 10 in-place iterations
//   over sorted nodes, min/max scaling). jieba filters by POS (ns, n, vn, v)
//   using its posseg tagger; we have no POS tagger, so a word passes when its
//   dictionary tag is one of those, or when it is not a dictionary word and
//   is all Han (new words the HMM found are mostly names and nouns). This is
//   the documented deviation from jieba.
// - Stop words: jieba's built-in English list plus data/text/stopwords.txt.
// - Documents larger than kMaxDocumentBytes are refused (kResourceExhausted).
//
// Thread safety: immutable after Load(); Extract may run concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/status.h"
#include "text/jieba_dict.h"
#include "text/segmenter.h"

namespace minyi {

enum class KeywordMethod { kTfIdf, kTextRank };

struct Keyword {
  std::string word;
  double weight = 0;
};

class KeywordExtractor {
 public:
  static constexpr size_t kMaxDocumentBytes = Segmenter::kMaxCutBytes;

  // Loads <resource_dir>/dict/jieba_idf.bin and
  // <resource_dir>/data/text/stopwords.txt.
  static Result<KeywordExtractor> Load(const std::string& resource_dir, std::shared_ptr<const Segmenter> segmenter);
  KeywordExtractor(std::shared_ptr<const Segmenter> segmenter, std::shared_ptr<const IdfTable> idf,
                   std::unordered_set<std::string> stop_words);

  Result<std::vector<Keyword>> Extract(std::string_view document, size_t top, KeywordMethod method) const;
  Result<std::vector<Keyword>> TfIdf(std::string_view document, size_t top) const;
  Result<std::vector<Keyword>> TextRank(std::string_view document, size_t top) const;

  // jieba's built-in English stop words plus the lines of a stop-word file
  // ('#' starts a comment line).
  static std::unordered_set<std::string> ParseStopWords(std::string_view file_content);

 private:
  bool IsStopWord(std::string_view word) const;

  std::shared_ptr<const Segmenter> segmenter_;
  std::shared_ptr<const IdfTable> idf_;
  std::unordered_set<std::string> stop_words_;
};

}  // namespace minyi
