// Read-only view of the compiled jieba dictionary + HMM tables (dict.bin) and
// the IDF table (idf.bin); see text/jieba_format.h for the layout.
//
// Contract: Load() maps the file, checks magic, version and every section size
// against the file size, and returns kCorruption on any mismatch, so a
// truncated or foreign file never leads to out-of-bounds reads. Loading is a
// mmap plus a 128 KiB table fill: milliseconds.
//
// Thread safety: immutable after Load(); share freely between threads (the
// usual handle is std::shared_ptr<const JiebaDictionary>).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "text/jieba_format.h"

namespace minyi {

// Owns a read-only mapping of a whole file.
class MappedFile {
 public:
  static Result<std::unique_ptr<MappedFile>> Open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const char* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  MappedFile(const char* data, size_t size) : data_(data), size_(size) {}
  const char* data_;
  size_t size_;
};

class JiebaDictionary {
 public:
  static Result<std::shared_ptr<const JiebaDictionary>> Load(const std::string& path);

  // Trie walk. Node 0 is the root; Child returns 0 when there is no edge.
  static constexpr uint32_t kRoot = 0;
  uint32_t Child(uint32_t node, char32_t c) const {
    if (node == kRoot && c < jieba_format::kRootIndexSize) return root_index_[c];
    const jieba_format::DictNode& n = nodes_[node];
    // Labels are copied into their own dense array at load so the search
    // touches few cache lines; short child lists are scanned linearly.
    uint32_t lo = n.child_begin;
    const uint32_t end = n.child_begin + n.child_count;
    uint32_t hi = end;
    while (hi - lo > 8) {
      uint32_t mid = (lo + hi) / 2;
      if (labels_[mid] < c) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (; lo < end; ++lo) {  // the first label >= c is at most at hi
      if (labels_[lo] >= c) return labels_[lo] == c ? lo : 0;
    }
    return 0;
  }
  uint32_t Freq(uint32_t node) const { return nodes_[node].freq; }
  // log(freq or 1), computed at build time exactly as jieba computes it.
  double LogFreq(uint32_t node) const { return logfreq_[node]; }
  std::string_view Tag(uint32_t node) const;
  // Node of a whole word (0 if the string is not even a prefix).
  uint32_t Find(std::u32string_view word) const;

  uint64_t total() const { return header_->total; }

  // HMM (finalseg) parameters, states B, M, E, S.
  double Start(int state) const { return header_->start[state]; }
  double Trans(int from, int to) const { return header_->trans[from][to]; }
  // Emission log-probabilities for cp (kMinFloat for states it never had).
  const double* Emission(char32_t cp) const {
    if (cp < jieba_format::kRootIndexSize) {
      uint16_t i = emit_index_[cp];
      return i ? emissions_[i - 1].logp : missing_emission_;
    }
    return missing_emission_;
  }

 private:
  JiebaDictionary() = default;

  std::unique_ptr<MappedFile> file_;
  const jieba_format::DictHeader* header_ = nullptr;
  const jieba_format::DictNode* nodes_ = nullptr;
  const double* logfreq_ = nullptr;
  const uint8_t* tags_ = nullptr;
  const uint32_t* root_index_ = nullptr;
  const jieba_format::HmmEmission* emissions_ = nullptr;
  const char* tag_names_ = nullptr;
  std::unique_ptr<uint16_t[]> emit_index_;  // cp -> 1 + emission row, BMP only
  std::unique_ptr<uint32_t[]> labels_;      // nodes_[i].label, densely packed
  double missing_emission_[4] = {jieba_format::kMinFloat, jieba_format::kMinFloat, jieba_format::kMinFloat,
                                 jieba_format::kMinFloat};
};

class IdfTable {
 public:
  static Result<std::shared_ptr<const IdfTable>> Load(const std::string& path);
  // IDF of a word, or the median IDF when the word is unknown (as jieba).
  double Idf(std::string_view word) const;
  double median() const { return header_->median_idf; }
  size_t size() const { return header_->word_count; }

 private:
  IdfTable() = default;
  std::string_view Word(uint32_t i) const { return {blob_ + offsets_[i], offsets_[i + 1] - offsets_[i]}; }
  void BuildHashIndex();

  std::unique_ptr<MappedFile> file_;
  const jieba_format::IdfHeader* header_ = nullptr;
  const uint32_t* offsets_ = nullptr;
  const double* values_ = nullptr;
  const char* blob_ = nullptr;
  // Open addressing over the words, built at load (~20 ms for 350k words):
  // Idf() runs ~50 times per monitored item, and a binary search over the
  // sorted words cost ~1 µs each. Slot = 1 + word index, 0 = empty; at most
  // half full, so probes stay short.
  std::unique_ptr<uint32_t[]> slots_;
  size_t slot_mask_ = 0;
};

}  // namespace minyi
