// Aho–Corasick matcher over code points, used by the lexicon checks.
//
// The Checker scans with the shared text/lexicon.h matcher (vectorscan or
// Aho–Corasick); this small one is its fallback, used only if the shared
// matcher refuses a pattern set (e.g. a whitelist phrase over its length
// limit). It reports every (overlapping) occurrence, as the checks need.
// Thread safety: Build() is not thread-safe; Scan() is const and safe to
// call concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace minyi::review_internal {

class TermMatcher {
 public:
  // Pattern i is reported with id i. Empty patterns are ignored.
  void Build(const std::vector<std::u32string>& patterns);

  // Calls fn(id, start, end) for every occurrence, in order of end offset.
  template <typename Fn>
  void Scan(std::u32string_view text, Fn&& fn) const {
    if (nodes_.size() <= 1) return;
    int32_t state = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      state = Step(state, text[i]);
      for (int32_t s = nodes_[state].has_output ? state : nodes_[state].out_link; s > 0; s = nodes_[s].out_link) {
        for (int32_t id : nodes_[s].outputs) fn(id, i + 1 - lengths_[id], i + 1);
      }
    }
  }

 private:
  struct Node {
    int32_t fail = 0;
    int32_t out_link = 0;  // nearest suffix node with outputs
    bool has_output = false;
    std::vector<int32_t> outputs;
  };
  static uint64_t Key(int32_t node, char32_t c) { return (static_cast<uint64_t>(node) << 32) | c; }
  int32_t Goto(int32_t node, char32_t c) const {
    auto it = edges_.find(Key(node, c));
    return it == edges_.end() ? -1 : it->second;
  }
  int32_t Step(int32_t state, char32_t c) const {
    for (;;) {
      int32_t next = Goto(state, c);
      if (next >= 0) return next;
      if (state == 0) return 0;
      state = nodes_[state].fail;
    }
  }

  std::vector<Node> nodes_;
  std::vector<size_t> lengths_;
  std::unordered_map<uint64_t, int32_t> edges_;
};

}  // namespace minyi::review_internal
