#include "text/aho_corasick.h"

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace minyi {

namespace {

// States this shallow get full transition rows; the cap bounds memory at
// 4096 rows x 1 KB even for a lexicon of byte soup.
constexpr uint32_t kDenseDepth = 2;
constexpr size_t kMaxDenseRows = 4096;

}  // namespace

Result<AhoCorasick> AhoCorasick::Build(const std::vector<std::string_view>& patterns, bool ascii_caseless) {
  if (patterns.size() > kMaxPatterns) return ResourceExhausted("词条过多：自动机最多支持 400 万个词条");
  size_t total = 0;
  for (const auto& p : patterns) {
    if (p.empty()) return InvalidArgument("词条不能为空");
    total += p.size();
  }
  if (total > kMaxTotalBytes) return ResourceExhausted("词条总长度超过 256 MB 上限");

  AhoCorasick ac;
  ac.caseless_ = ascii_caseless;
  ac.pattern_len_.reserve(patterns.size());

  // Trie with (state << 8 | byte) -> child; turned into CSR below.
  std::unordered_map<uint64_t, uint32_t> edges;
  edges.reserve(total);
  std::vector<uint32_t> depth{0};
  std::vector<std::vector<uint32_t>> outs(1);
  for (uint32_t id = 0; id < patterns.size(); ++id) {
    const auto& p = patterns[id];
    ac.pattern_len_.push_back(static_cast<uint32_t>(p.size()));
    uint32_t st = 0;
    for (unsigned char c : p) {
      if (ascii_caseless && c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
      const uint64_t key = (static_cast<uint64_t>(st) << 8) | c;
      auto [it, inserted] = edges.try_emplace(key, static_cast<uint32_t>(depth.size()));
      if (inserted) {
        depth.push_back(depth[st] + 1);
        outs.emplace_back();
      }
      st = it->second;
    }
    outs[st].push_back(id);
  }

  const size_t n = depth.size();
  ac.nodes_.resize(n);
  std::vector<std::pair<uint64_t, uint32_t>> sorted(edges.begin(), edges.end());
  edges.clear();
  std::sort(sorted.begin(), sorted.end());
  ac.labels_.reserve(sorted.size());
  ac.targets_.reserve(sorted.size());
  for (size_t i = 0; i < sorted.size(); ++i) {
    const uint32_t from = static_cast<uint32_t>(sorted[i].first >> 8);
    Node& node = ac.nodes_[from];
    if (node.edge_count == 0) node.edge_begin = static_cast<uint32_t>(ac.labels_.size());
    ++node.edge_count;
    ac.labels_.push_back(static_cast<uint8_t>(sorted[i].first & 0xFF));
    ac.targets_.push_back(sorted[i].second);
  }
  sorted.clear();
  sorted.shrink_to_fit();
  for (size_t s = 0; s < n; ++s) {
    ac.nodes_[s].out_begin = static_cast<uint32_t>(ac.outputs_.size());
    ac.nodes_[s].out_count = static_cast<uint32_t>(outs[s].size());
    ac.outputs_.insert(ac.outputs_.end(), outs[s].begin(), outs[s].end());
  }
  outs.clear();

  // Breadth-first: a state's fail target is shallower, so it is final (and
  // its dense row, if any, filled) before any deeper state consults it.
  std::deque<uint32_t> queue{0};
  while (!queue.empty()) {
    const uint32_t u = queue.front();
    queue.pop_front();
    Node& nu = ac.nodes_[u];
    if (depth[u] <= kDenseDepth && ac.dense_.size() / 256 < kMaxDenseRows) {
      const size_t row = ac.dense_.size() / 256;
      ac.dense_.resize(ac.dense_.size() + 256);
      for (int b = 0; b < 256; ++b) {
        const uint32_t t = ac.Goto(u, static_cast<uint8_t>(b));
        ac.dense_[row * 256 + b] = t != kNone ? t : (u == 0 ? 0 : ac.Next(ac.nodes_[u].fail, static_cast<uint8_t>(b)));
      }
      ac.nodes_[u].dense = static_cast<int32_t>(row);
    }
    for (uint32_t k = 0; k < nu.edge_count; ++k) {
      const uint32_t c = ac.targets_[nu.edge_begin + k];
      const uint8_t b = ac.labels_[nu.edge_begin + k];
      Node& nc = ac.nodes_[c];
      nc.fail = u == 0 ? 0 : ac.Next(ac.nodes_[u].fail, b);
      const Node& nf = ac.nodes_[nc.fail];
      nc.dict = nf.out_count ? nc.fail : nf.dict;
      if (nc.fail == 0) nc.dict = kNone;  // the root never has outputs
      queue.push_back(c);
    }
  }
  return ac;
}

size_t AhoCorasick::MemoryBytes() const {
  return nodes_.capacity() * sizeof(Node) + labels_.capacity() + targets_.capacity() * 4 + outputs_.capacity() * 4 +
         dense_.capacity() * 4 + pattern_len_.capacity() * 4;
}

}  // namespace minyi
