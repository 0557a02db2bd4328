// Pure C++ Aho–Corasick automaton over bytes: the lexicon matcher's backend
// when vectorscan is absent (built with -DMINYI_NO_VECTORSCAN, or the CPU is
// refused by hs_valid_platform) and the reference the differential tests
// cross-check vectorscan against.
//
// Contract: Build() takes byte patterns (non-empty; duplicates allowed, each
// keeps its own id = its index) and Scan() reports every occurrence of every
// pattern, overlapping ones included, as (pattern id, end byte offset
// exclusive), in non-decreasing end order — the same set vectorscan's literal
// mode reports. With ascii_caseless, A–Z and a–z compare equal (bytes >= 0x80
// are never folded, so UTF-8 text is untouched).
//
// Layout: the root and the states one byte deep have full 256-entry
// transition rows (most failure walks end there, and CJK text changes its
// first byte rarely); deeper states keep sorted child edges (CSR) plus a
// failure link and a dictionary-suffix link, so memory stays ~20 bytes per
// trie node instead of 1 KB for a full DFA row.
//
// Thread safety: immutable after Build(); Scan() may run concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace minyi {

class AhoCorasick {
 public:
  // Limits so a hostile lexicon cannot exhaust memory while building.
  static constexpr size_t kMaxPatterns = 4'000'000;
  static constexpr size_t kMaxTotalBytes = 256u << 20;

  static Result<AhoCorasick> Build(const std::vector<std::string_view>& patterns, bool ascii_caseless);

  // on_match(uint32_t pattern_id, uint32_t end_byte) for each occurrence.
  template <typename F>
  void Scan(std::string_view text, F&& on_match) const;

  size_t pattern_count() const { return pattern_len_.size(); }
  uint32_t pattern_length(uint32_t id) const { return pattern_len_[id]; }
  size_t state_count() const { return nodes_.size(); }
  size_t MemoryBytes() const;

 private:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  struct Node {
    uint32_t edge_begin = 0;  // into labels_/targets_
    uint32_t edge_count = 0;
    uint32_t fail = 0;
    uint32_t dict = kNone;   // nearest state on the fail chain with outputs
    uint32_t out_begin = 0;  // into outputs_
    uint32_t out_count = 0;
    int32_t dense = -1;  // row index into dense_ when the state has one
  };

  uint32_t Next(uint32_t state, uint8_t byte) const;
  uint32_t Goto(uint32_t state, uint8_t byte) const;  // kNone if no edge

  bool caseless_ = false;
  std::vector<Node> nodes_;
  std::vector<uint8_t> labels_;
  std::vector<uint32_t> targets_;
  std::vector<uint32_t> outputs_;
  std::vector<uint32_t> dense_;  // rows of 256 full transitions
  std::vector<uint32_t> pattern_len_;
};

inline uint32_t AhoCorasick::Goto(uint32_t state, uint8_t byte) const {
  const Node& n = nodes_[state];
  const uint8_t* lab = labels_.data() + n.edge_begin;
  uint32_t lo = 0, hi = n.edge_count;
  if (hi <= 8) {
    for (uint32_t i = 0; i < hi; ++i) {
      if (lab[i] == byte) return targets_[n.edge_begin + i];
    }
    return kNone;
  }
  while (lo < hi) {
    const uint32_t mid = (lo + hi) / 2;
    if (lab[mid] < byte)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < n.edge_count && lab[lo] == byte) return targets_[n.edge_begin + lo];
  return kNone;
}

inline uint32_t AhoCorasick::Next(uint32_t state, uint8_t byte) const {
  for (;;) {
    const Node& n = nodes_[state];
    if (n.dense >= 0) return dense_[static_cast<size_t>(n.dense) * 256 + byte];
    const uint32_t t = Goto(state, byte);
    if (t != kNone) return t;
    state = n.fail;
  }
}

template <typename F>
void AhoCorasick::Scan(std::string_view text, F&& on_match) const {
  if (nodes_.empty()) return;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  uint32_t state = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    uint8_t b = s[i];
    if (caseless_ && b >= 'A' && b <= 'Z') b = static_cast<uint8_t>(b + 32);
    state = Next(state, b);
    for (uint32_t st = nodes_[state].out_count ? state : nodes_[state].dict; st != kNone; st = nodes_[st].dict) {
      const Node& n = nodes_[st];
      for (uint32_t k = 0; k < n.out_count; ++k) on_match(outputs_[n.out_begin + k], static_cast<uint32_t>(i + 1));
    }
  }
}

}  // namespace minyi
