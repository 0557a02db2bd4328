// On-disk layout of the compiled jieba resources (internal to src/text).
//
// Contract: written once at build time by src/text/tools/compile_jieba.cc from
// Debian's python3-jieba files and mapped read-only at run time. All integers
// and doubles are little-endian host layout (the file is a build product, not
// an exchange format) and every section starts on an 8-byte boundary, so the
// loader can use the mapping in place without copying.
//
//   dict.bin  : DictHeader | DictNode[node_count] | double logfreq[node_count]
//               | uint8 tag[node_count] (padded to 8) | uint32 root_index[65536]
//               | HmmEmission[hmm_char_count] | char tag_names[tag_count][8]
//   idf.bin   : IdfHeader | uint32 offset[word_count + 1] | double idf[word_count]
//               | bytes (UTF-8 words sorted bytewise, concatenated)
//
// Thread safety: plain data.
#pragma once

#include <cstdint>

namespace minyi::jieba_format {

inline constexpr char kDictMagic[8] = {'M', 'Y', 'J', 'B', 'D', 'I', 'C', '1'};
inline constexpr char kIdfMagic[8] = {'M', 'Y', 'J', 'B', 'I', 'D', 'F', '1'};
inline constexpr uint32_t kVersion = 1;
inline constexpr uint32_t kRootIndexSize = 65536;
inline constexpr uint32_t kMaxTags = 64;
inline constexpr double kMinFloat = -3.14e100;  // finalseg.MIN_FLOAT

// HMM states in jieba's order B, M, E, S.
enum HmmState : int { kB = 0, kM = 1, kE = 2, kS = 3 };

struct DictHeader {
  char magic[8];
  uint32_t version;
  uint32_t node_count;
  uint64_t total;  // sum of all frequencies, duplicates included (as jieba)
  uint32_t hmm_char_count;
  uint32_t tag_count;
  double start[4];     // prob_start, log domain
  double trans[4][4];  // prob_trans[from][to]; kMinFloat when absent
};

// Trie node. Node 0 is the root. Children of a node are contiguous and
// sorted by label. freq == 0 marks a pure prefix (jieba stores those with 0).
struct DictNode {
  uint32_t label;
  uint32_t child_begin;
  uint32_t child_count;
  uint32_t freq;
};

struct HmmEmission {
  uint32_t cp;
  uint32_t pad;
  double logp[4];  // B, M, E, S; kMinFloat when absent
};

struct IdfHeader {
  char magic[8];
  uint32_t version;
  uint32_t word_count;
  uint64_t blob_size;
  double median_idf;  // sorted(values)[n // 2], as jieba.analyse computes it
};

static_assert(sizeof(DictHeader) % 8 == 0);
static_assert(sizeof(DictNode) == 16);
static_assert(sizeof(HmmEmission) == 40);
static_assert(sizeof(IdfHeader) % 8 == 0);

}  // namespace minyi::jieba_format
