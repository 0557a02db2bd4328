// Near-duplicate detection for monitored items: canonical URLs, an exact
// hash of normalized text, 64-bit SimHash with a banded index, and
// MinHash-LSH for Jaccard similarity.
//
// Contract and thresholds
// - CanonicalUrl: lower-cases scheme and host, drops a trailing dot on the
//   host, user info, the default port (80/443), the fragment and tracking
//   parameters (utm_*, spm, scm, fbclid, gclid, share_* … see dedup.cc; for
//   mp.weixin.qq.com only __biz/mid/idx/sn are kept), upper-cases %-escapes,
//   sorts the query (stable by key) and writes an empty path as "/". Only
//   http/https; URLs over 8 KB are refused.
// - NormalizeForHash: full-width ASCII to half-width, ASCII lower case, and
//   every whitespace/punctuation/symbol removed, so re-posts that differ in
//   spacing or punctuation hash alike. ExactTextHash = Hash64 of that.
// - SimHash64: features are overlapping character k-grams (default k = 3) of
//   the normalized text, weight = occurrence count; or caller-given weighted
//   features (e.g. words with TF-IDF weights). Near duplicates: Hamming
//   distance <= 3 (kSimHashNearDistance). On a ~300-character news item
//   (tests/text/dedup_test.cc) a re-post with a prefix, a source line and
//   changed punctuation lands at 2, one rewritten clause at 3; an unrelated
//   item at 38 (random pairs average 32).
// - SimHashIndex: 4 bands of 16 bits; by pigeonhole two fingerprints within
//   distance 3 agree on at least one band, so Find(fp, 3) returns every
//   stored id within distance 3 (exact, no false negatives). Memory: 8 bytes
//   fingerprint + 4 x 4 bytes chain links per item + 1 MB of bucket heads —
//   ~24 bytes/item, ~240 MB for 10 million items (call Reserve(n) first;
//   otherwise vector growth can add up to 2x while filling).
// - MinHash: 128 permutations over k-gram hashes (default k = 3). MinHashLsh
//   bands 12 x 10 rows (uses 120 of the 128 values): candidate probability
//   1 - (1 - J^10)^12 is 0.74 at J = 0.8, 0.99 at J = 0.9, 0.11 at J = 0.6;
//   the S-curve midpoint (1/12)^(1/10) = 0.78. Candidates are verified
//   against a stored 2-bit-per-permutation signature (32 bytes) estimating
//   Jaccard, and reported when the estimate >= threshold (default 0.8).
//   Memory: 32 + 4 x bands bytes per item (80 bytes with 12 bands) plus
//   bands x 2^table_bits x 4 bytes of heads — meant for a recent window; the
//   10-million-item index is SimHashIndex (+ the exact layers).
// - Ids are dense uint32 assigned in Add order; callers map them to their own
//   item ids. No strings are stored.
//
// Thread safety: free functions are pure. Index classes: concurrent const
// calls are safe; Add needs external synchronization against all calls.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace minyi {

inline constexpr int kSimHashNearDistance = 3;

Result<std::string> CanonicalUrl(std::string_view url);

// Stable across runs and machines (FNV-1a 64 then a splitmix64 finalizer);
// safe to persist.
uint64_t Hash64(std::string_view bytes);

std::string NormalizeForHash(std::string_view text);
uint64_t ExactTextHash(std::string_view text);

struct ShingleOptions {
  int k = 3;                         // characters per shingle; texts shorter than k give one feature
  size_t max_text_bytes = 1u << 20;  // longer texts are cut here (bounds time)
};

// Hashes of the overlapping k-grams of NormalizeForHash(text).
std::vector<uint64_t> ShingleHashes(std::string_view text, const ShingleOptions& options = {});

uint64_t SimHash64(std::string_view text, const ShingleOptions& options = {});
uint64_t SimHash64Weighted(const std::vector<std::pair<std::string_view, double>>& features);
int HammingDistance(uint64_t a, uint64_t b);

class SimHashIndex {
 public:
  SimHashIndex();
  uint32_t Add(uint64_t fingerprint);
  // Ids within max_distance (0..3; larger values are clamped to 3 because the
  // banding only guarantees 3), nearest first, ties by id.
  std::vector<uint32_t> Find(uint64_t fingerprint, int max_distance = kSimHashNearDistance) const;
  uint64_t fingerprint(uint32_t id) const { return fps_[id]; }
  size_t size() const { return fps_.size(); }
  size_t MemoryBytes() const;
  void Reserve(size_t n);

 private:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  std::vector<uint64_t> fps_;
  std::array<std::vector<uint32_t>, 4> heads_;  // 65536 each
  std::array<std::vector<uint32_t>, 4> next_;
};

inline constexpr int kMinHashPermutations = 128;
using MinHashSignature = std::array<uint32_t, kMinHashPermutations>;

MinHashSignature MinHash(const std::vector<uint64_t>& shingle_hashes);
MinHashSignature MinHash(std::string_view text, const ShingleOptions& options = {});
// Fraction of equal positions: an unbiased estimate of Jaccard similarity.
double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b);

struct MinHashLshOptions {
  int bands = 12;
  int rows = 10;        // bands * rows <= 128
  int table_bits = 18;  // bucket heads per band = 2^table_bits; ~log2(expected items)
  double threshold = 0.8;
};

class MinHashLsh {
 public:
  static Result<MinHashLsh> Create(const MinHashLshOptions& options = {});
  uint32_t Add(const MinHashSignature& sig);
  // Stored ids whose estimated Jaccard with sig is >= threshold, best first,
  // with the estimate.
  std::vector<std::pair<uint32_t, double>> Query(const MinHashSignature& sig) const;
  size_t size() const { return count_; }
  size_t MemoryBytes() const;

 private:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  MinHashLshOptions options_;
  size_t count_ = 0;
  std::vector<uint64_t> bits_;  // 2 bits per permutation, 4 words per item
  std::vector<std::vector<uint32_t>> heads_;
  std::vector<std::vector<uint32_t>> next_;
  uint32_t BandBucket(const MinHashSignature& sig, int band) const;
};

}  // namespace minyi
