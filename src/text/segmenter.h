// Chinese word segmentation compatible with jieba's accurate mode.
//
// Contract:
// - Same output as python3-jieba `jieba.cut(text, HMM=...)` for the same
//   dictionary: re_han_default / re_skip block splitting, the prefix-dict DAG
//   with the maximum log-probability route (ties to the longer word, as
//   Python's tuple max), finalseg's BMES Viterbi for runs of single characters
//   that are not dictionary words, and jieba's add_word/suggest_freq rules
//   for user words. Whitespace tokens are returned like jieba returns them;
//   IsSpaceToken() lets callers drop them.
// - Tokens carry [begin, end) offsets in code points and in bytes of the text
//   passed to Cut, covering it contiguously (ill-formed UTF-8 bytes become
//   U+FFFD code points that own their bytes, see text/utf8.h).
// - Cut refuses inputs larger than kMaxCutBytes (kResourceExhausted); user
//   dictionaries are limited in size, line count and word length.
//
// Thread safety: const methods (Cut, CutWords, Lookup...) may run
// concurrently. AddWord / LoadUserDictionary mutate the segmenter and must not
// race with anything; the intended use is "load base, copy per organization,
// add that organization's words, then share the copy as const". Copies share
// the immutable base dictionary.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "text/jieba_dict.h"

namespace minyi {

struct Token {
  uint32_t begin = 0;  // code points
  uint32_t end = 0;
  uint32_t byte_begin = 0;
  uint32_t byte_end = 0;
};

class Segmenter {
 public:
  static constexpr size_t kMaxCutBytes = 16u << 20;
  static constexpr size_t kMaxUserDictBytes = 16u << 20;
  static constexpr size_t kMaxUserWords = 1'000'000;
  static constexpr size_t kMaxWordLength = 64;  // code points

  // Loads <resource_dir>/dict/jieba_dict.bin (see common/resources.h).
  static Result<Segmenter> Load(const std::string& resource_dir);
  explicit Segmenter(std::shared_ptr<const JiebaDictionary> dict);

  // jieba add_word: freq omitted -> suggest_freq(word) so that the word is
  // kept whole; freq 0 deletes the word (and forbids the HMM from producing
  // it). The tag is informational (used by keywords' TextRank filter).
  Status AddWord(std::string_view word, std::optional<uint32_t> freq = std::nullopt, std::string_view tag = {});
  // jieba load_userdict format, one entry per line: "word [freq] [tag]".
  Status LoadUserDictionary(std::string_view content);

  Result<std::vector<Token>> Cut(std::string_view text, bool hmm = true) const;
  // Convenience: the token texts, whitespace tokens included.
  Result<std::vector<std::string>> CutWords(std::string_view text, bool hmm = true) const;
  // Core on decoded code points: offsets in code points only (bytes left 0).
  std::vector<Token> CutCodePoints(std::u32string_view text, bool hmm = true) const;

  // Frequency of a word (0 if absent or a mere prefix) and its POS tag.
  uint32_t Frequency(std::u32string_view word) const;
  std::string_view TagOf(std::u32string_view word) const;
  uint64_t total() const { return total_; }

  static bool IsSpaceToken(std::u32string_view token);

 private:
  struct UserNode {
    std::map<char32_t, uint32_t> children;
    uint32_t freq = 0;
    bool is_word = false;
    std::string tag;
  };
  // Cursor over the union of the base trie and the user overlay.
  struct Cursor {
    uint32_t base = 0;
    uint32_t user = 0;
    bool valid() const { return base != 0 || user != 0; }
  };
  Cursor Step(Cursor c, char32_t ch, bool at_root) const;
  uint32_t FreqAt(Cursor c) const;
  double LogFreqAt(Cursor c) const;
  bool HasFreq(std::u32string_view word) const { return Frequency(word) != 0; }
  bool IsForceSplit(std::u32string_view word) const;

  void CutBlock(std::u32string_view s, uint32_t offset, bool hmm, std::vector<Token>& out) const;
  void CutHmm(std::u32string_view s, uint32_t offset, std::vector<Token>& out) const;
  void Viterbi(std::u32string_view s, uint32_t offset, std::vector<Token>& out) const;
  uint32_t SuggestFreq(std::u32string_view word) const;

  std::shared_ptr<const JiebaDictionary> dict_;
  std::vector<UserNode> user_;  // user_[0] is the overlay root
  uint64_t total_ = 0;
  double log_total_ = 0;
  bool has_force_split_ = false;
};

}  // namespace minyi
