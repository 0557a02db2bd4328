#include "review/term_matcher.h"

#include <deque>

namespace minyi::review_internal {

void TermMatcher::Build(const std::vector<std::u32string>& patterns) {
  nodes_.assign(1, Node{});
  edges_.clear();
  lengths_.assign(patterns.size(), 0);
  std::vector<std::vector<std::pair<char32_t, int32_t>>> children(1);
  for (size_t id = 0; id < patterns.size(); ++id) {
    const std::u32string& p = patterns[id];
    lengths_[id] = p.size();
    if (p.empty()) continue;
    int32_t node = 0;
    for (char32_t c : p) {
      int32_t next = Goto(node, c);
      if (next < 0) {
        next = static_cast<int32_t>(nodes_.size());
        nodes_.push_back(Node{});
        children.emplace_back();
        edges_[Key(node, c)] = next;
        children[node].push_back({c, next});
      }
      node = next;
    }
    nodes_[node].outputs.push_back(static_cast<int32_t>(id));
    nodes_[node].has_output = true;
  }
  // Breadth-first: fail links point to the longest proper suffix in the trie.
  std::deque<int32_t> queue;
  for (auto [c, child] : children[0]) {
    nodes_[child].fail = 0;
    queue.push_back(child);
  }
  while (!queue.empty()) {
    int32_t node = queue.front();
    queue.pop_front();
    for (auto [c, child] : children[node]) {
      int32_t f = nodes_[node].fail;
      int32_t target;
      for (;;) {
        target = Goto(f, c);
        if (target >= 0 || f == 0) break;
        f = nodes_[f].fail;
      }
      nodes_[child].fail = (target >= 0 && target != child) ? target : 0;
      int32_t fl = nodes_[child].fail;
      nodes_[child].out_link = nodes_[fl].has_output ? fl : nodes_[fl].out_link;
      queue.push_back(child);
    }
  }
}

}  // namespace minyi::review_internal
