// Internal to src/monitor: the per-item text analysis of the pipeline —
// pure functions over loaded text tools, no store, no shared mutable state.
//
// Contract: AnalyzeItem is deterministic for the same tools, topics and
// input; it never fails on odd text (ill-formed UTF-8 becomes U+FFFD, texts
// above kMaxAnalyzedBytes are cut for analysis but stored whole).
//
// Thread safety: TextTools and CompiledTopics are immutable once built;
// everything here may run on many threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/strings.h"
#include "monitor/item.h"
#include "text/jieba_dict.h"
#include "text/normalize.h"
#include "text/rules.h"
#include "text/segmenter.h"
#include "text/sentiment.h"

namespace minyi {

inline constexpr size_t kMaxAnalyzedBytes = 64 * 1024;
inline constexpr size_t kItemKeywords = 8;

struct TextTools {
  std::shared_ptr<const Normalizer> normalizer;
  // The same without traditional->simplified, used when no character of the
  // text is one OpenCC would change (t2s_changes): OpenCC costs ~15x the
  // rest of normalization and most monitored text is already simplified.
  std::shared_ptr<const Normalizer> fast_normalizer;
  std::vector<bool> t2s_changes;  // by code point, below kT2sTableSize
  static constexpr char32_t kT2sTableSize = 0x30000;
  std::shared_ptr<const Segmenter> segmenter;
  std::shared_ptr<const IdfTable> idf;
  StringSet stop_words;
  std::shared_ptr<const SentimentModel> sentiment;  // null: every item neutral
};

// Normalizes with the fast normalizer when that gives the same result.
Result<NormalizedText> NormalizeFast(const TextTools& tools, std::string_view text);

// Loads the normalizer, the jieba dictionary and IDF table, the stop words
// and the default sentiment model from resource_dir ("" = ResourceDir()).
Result<std::shared_ptr<const TextTools>> LoadTextTools(const std::string& resource_dir);

// Topics compiled into one RuleSet; rule ids are the topic ids as text.
struct CompiledTopics {
  RuleSet rules;
  std::vector<int64_t> ids;
  bool empty() const { return ids.empty(); }
};

struct WeightedWord {
  std::string word;
  double weight = 0;
};

struct ItemAnalysis {
  std::string norm_title;
  std::string norm_text;
  std::string search_text;  // norm_title + "\n" + norm_text, what search verifies against
  std::string index_terms;  // words and bigrams for the text index
  std::string dedup_key;    // re-delivery key, see item.h
  uint64_t exact_hash = 0;
  uint64_t simhash = 0;
  SentimentResult sentiment;
  std::vector<WeightedWord> keywords;  // TF-IDF, best first
  std::vector<int64_t> topic_ids;
};

// The key that makes re-delivery idempotent: source + external id, else the
// canonical URL, else a hash of outlet, title and text.
std::string DedupKey(const RawItem& item);

ItemAnalysis AnalyzeItem(const TextTools& tools, const CompiledTopics* topics, const RawItem& item);

// Search terms for the text index from normalized text: words of two or more
// letters, plus the character bigrams inside words of three or more, so a
// query for part of a long word (清河 in 清河县) still finds it.
std::string IndexTerms(const Segmenter& segmenter, std::string_view normalized, bool with_bigrams);
// Same, over tokens already cut from `cps` (code point offsets are used).
std::string IndexTermsOfTokens(std::u32string_view cps, const std::vector<Token>& tokens, bool with_bigrams);

// TF-IDF keywords over already cut words (jieba's extract_tags rules).
std::vector<WeightedWord> TfIdfKeywords(const TextTools& tools, std::string_view text, const std::vector<Token>& tokens,
                                        size_t top);

}  // namespace minyi
