#include "monitor/events.h"

#include <algorithm>
#include <cmath>

#include "text/dedup.h"

namespace minyi {

EventClusterer::EventClusterer(EventOptions options) : options_(options) {}

namespace {

// The slot of `word` in a vector sorted by word id, or where it would go.
template <typename V>
auto FindWord(V& v, uint32_t word) {
  return std::lower_bound(v.begin(), v.end(), word, [](const auto& e, uint32_t w) { return e.first < w; });
}

// Adds x to the word's weight, inserting it in order; true when it was new.
bool AddWord(std::vector<std::pair<uint32_t, double>>& v, uint32_t word, double x) {
  auto slot = FindWord(v, word);
  if (slot != v.end() && slot->first == word) {
    slot->second += x;
    return false;
  }
  v.insert(slot, {word, x});
  return true;
}

void SortById(std::vector<std::pair<uint32_t, double>>& v) {
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

}  // namespace

EventClusterer::WordId EventClusterer::Intern(const std::string& word) {
  auto [it, added] = word_ids_.try_emplace(word, static_cast<WordId>(words_.size()));
  if (added) {
    words_.push_back(word);
    postings_.emplace_back();
  }
  return it->second;
}

EventClusterer::Vec EventClusterer::ToVec(const std::vector<WeightedWord>& words) {
  Vec v;
  v.reserve(words.size());
  for (const WeightedWord& k : words) {
    WordId id = Intern(k.word);
    auto same = std::find_if(v.begin(), v.end(), [&](const auto& e) { return e.first == id; });
    if (same == v.end()) {
      v.emplace_back(id, k.weight);
    } else {
      same->second += k.weight;
    }
  }
  SortById(v);
  return v;
}

double EventClusterer::Weight(WordId word) const {
  double live = static_cast<double>(std::max<size_t>(entries_.size(), 1));
  double n = static_cast<double>(postings_[word].size());
  if (n >= 5 && n / live > options_.background_share) return options_.background_weight;
  return 1.0;
}

double EventClusterer::Norm(const Vec& v) const {
  double n = 0;
  for (const auto& [w, x] : v) {
    double f = Weight(w);
    n += x * x * f * f;
  }
  return std::sqrt(n);
}

void EventClusterer::Index(const Entry& e) {
  for (const auto& [w, x] : e.vec) postings_[w].push_back(e.key);
}

void EventClusterer::Trim(Entry& e) const {
  if (e.vec.size() <= options_.centroid_terms) return;
  // Ties at the cut are broken by the word, so what is kept never depends
  // on the order the words were seen in.
  std::nth_element(e.vec.begin(), e.vec.begin() + static_cast<long>(options_.centroid_terms), e.vec.end(),
                   [&](const auto& a, const auto& b) {
                     return a.second != b.second ? a.second > b.second : words_[a.first] < words_[b.first];
                   });
  e.vec.resize(options_.centroid_terms);
  SortById(e.vec);
}

void EventClusterer::Expire(int64_t now) {
  int64_t cutoff = now - options_.window_seconds;
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.last_time < cutoff) {
      if (it->first < 0) --candidate_count_;
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  while (!candidate_order_.empty() && !entries_.count(candidate_order_.front().first)) candidate_order_.pop_front();
  CompactWords();
  postings_.assign(words_.size(), {});
  for (const auto& [key, e] : entries_) Index(e);
}

void EventClusterer::CompactWords() {
  constexpr size_t kSlack = 1 << 16;
  if (words_.size() < kSlack) return;
  std::vector<WordId> remap(words_.size(), UINT32_MAX);
  std::vector<std::string> words;
  for (auto& [key, e] : entries_) {
    for (auto& [w, x] : e.vec) {
      if (remap[w] == UINT32_MAX) {
        remap[w] = static_cast<WordId>(words.size());
        words.push_back(words_[w]);
      }
    }
  }
  if (words_.size() < 2 * words.size() + kSlack) return;
  for (auto& [key, e] : entries_) {
    for (auto& [w, x] : e.vec) w = remap[w];
    SortById(e.vec);
  }
  word_ids_.clear();
  for (size_t i = 0; i < words.size(); ++i) word_ids_.emplace(words[i], static_cast<WordId>(i));
  words_ = std::move(words);
}

int64_t EventClusterer::NewEvent(Entry&& merged, const std::function<int64_t()>& new_event_id) {
  merged.key = new_event_id();
  Trim(merged);
  merged.norm = Norm(merged.vec);
  Index(merged);
  int64_t id = merged.key;
  entries_.emplace(id, std::move(merged));
  return id;
}

ClusterDecision EventClusterer::Assign(const ClusterItem& item, const std::function<int64_t()>& new_event_id) {
  newest_ = std::max(newest_, item.time);
  if (++assigns_since_sweep_ >= 2000) {
    assigns_since_sweep_ = 0;
    Expire(newest_);
  }
  Vec vec = ToVec(item.keywords);
  ClusterDecision d;
  if (vec.empty()) return d;

  // Candidates: open entries sharing a keyword that is not background
  // noise; only the few sharing the most keywords are scored, which bounds
  // the work per item whatever the vocabulary.
  size_t scanned = 0;
  for (const auto& [w, x] : vec) {
    size_t len = postings_[w].size();
    if (len <= options_.max_postings_scanned) scanned += len;
  }
  // Counted in an open-addressing table: sorting the ~1,600 keys of an item
  // was the largest cost of the serial write path, and so was allocating
  // and scanning a fresh table per item. The order of `shared` does not
  // matter: the pick below is by (count, key) and (similarity, key).
  size_t cap = std::max<size_t>(counts_.size(), 16);
  while (cap < 2 * scanned) cap *= 2;
  if (cap > counts_.size()) counts_.assign(cap, {0, 0});
  used_slots_.clear();
  for (const auto& [w, x] : vec) {
    const std::vector<int64_t>& posting = postings_[w];
    if (posting.size() > options_.max_postings_scanned) continue;
    for (int64_t k : posting) {
      uint64_t h = static_cast<uint64_t>(k) * 0x9E3779B97F4A7C15ull;
      size_t slot = static_cast<size_t>(h ^ (h >> 32)) & (cap - 1);
      while (counts_[slot].first != 0 && counts_[slot].first != k) slot = (slot + 1) & (cap - 1);
      if (counts_[slot].first == 0) {
        counts_[slot].first = k;
        used_slots_.push_back(slot);
      }
      ++counts_[slot].second;
    }
  }
  std::vector<std::pair<int, int64_t>> shared;  // (count, key)
  shared.reserve(used_slots_.size());
  for (size_t slot : used_slots_) {
    shared.emplace_back(counts_[slot].second, counts_[slot].first);
    counts_[slot] = {0, 0};
  }
  if (shared.size() > options_.max_scored_candidates) {
    std::partial_sort(
        shared.begin(), shared.begin() + static_cast<long>(options_.max_scored_candidates), shared.end(),
        [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second > b.second; });
    shared.resize(options_.max_scored_candidates);
  }
  // The item's words with their background weights, looked up once (not
  // once per scored candidate): this runs on the serial write path.
  struct Term {
    WordId word;
    double x, f;
  };
  std::vector<Term> terms;
  terms.reserve(vec.size());
  double na = 0;
  for (const auto& [w, x] : vec) {
    terms.push_back({w, x, Weight(w)});
    na += x * x * terms.back().f * terms.back().f;
  }
  na = std::sqrt(na);
  int64_t best_key = 0;
  double best = 0;
  for (const auto& [count, key] : shared) {
    auto it = entries_.find(key);
    if (it == entries_.end()) continue;
    const Entry& e = it->second;
    if (std::llabs(e.last_time - item.time) > options_.window_seconds) continue;
    bool same_story = HammingDistance(e.simhash, item.simhash) <= options_.simhash_join_distance;
    // One shared word (often a place name) is not yet a common subject.
    if (count < 2 && !same_story) continue;
    // Both sorted by word id: one merge pass.
    double dot = 0;
    auto hit = e.vec.begin();
    for (const Term& t : terms) {
      while (hit != e.vec.end() && hit->first < t.word) ++hit;
      if (hit == e.vec.end()) break;
      if (hit->first == t.word) dot += t.x * hit->second * t.f * t.f;
    }
    double s = (na > 0 && e.norm > 0) ? dot / (na * e.norm) : 0;
    if (same_story) s = std::max(s, 1.0);
    if (s >= options_.join_similarity && (s > best || (s == best && key > best_key))) {
      best = s;
      best_key = key;
    }
  }
  if (best_key > 0) {
    Entry& e = entries_[best_key];
    for (const auto& [w, x] : vec) {
      if (AddWord(e.vec, w, x)) postings_[w].push_back(e.key);
    }
    e.last_time = std::max(e.last_time, item.time);
    Trim(e);
    e.norm = Norm(e.vec);
    d.event_id = best_key;
    return d;
  }
  if (best_key < 0) {
    Entry cand = std::move(entries_[best_key]);
    entries_.erase(best_key);
    --candidate_count_;
    d.partner_item_id = -best_key;
    for (const auto& [w, x] : vec) AddWord(cand.vec, w, x);
    cand.last_time = std::max(cand.last_time, item.time);
    d.event_id = NewEvent(std::move(cand), new_event_id);
    d.created = true;
    return d;
  }
  AddCandidate(item, std::move(vec));
  return d;
}

ClusterDecision EventClusterer::AssignCopy(int64_t head_item_id, int64_t head_event_id, int64_t time,
                                           const std::function<int64_t()>& new_event_id) {
  ClusterDecision d;
  newest_ = std::max(newest_, time);
  if (head_event_id > 0) {
    d.event_id = head_event_id;
    auto it = entries_.find(head_event_id);
    if (it != entries_.end()) it->second.last_time = std::max(it->second.last_time, time);
    return d;
  }
  auto it = entries_.find(-head_item_id);
  if (it == entries_.end()) return d;
  Entry cand = std::move(it->second);
  entries_.erase(it);
  --candidate_count_;
  cand.last_time = std::max(cand.last_time, time);
  d.event_id = NewEvent(std::move(cand), new_event_id);
  d.created = true;
  d.partner_item_id = head_item_id;
  return d;
}

void EventClusterer::RestoreEvent(int64_t event_id, int64_t last_seen, const std::vector<WeightedWord>& centroid) {
  Entry e;
  e.key = event_id;
  e.last_time = last_seen;
  e.vec = ToVec(centroid);
  e.norm = Norm(e.vec);
  newest_ = std::max(newest_, last_seen);
  auto known = entries_.find(event_id);
  if (known == entries_.end()) {
    Index(e);
    entries_.emplace(event_id, std::move(e));
    return;
  }
  // Refreshed from the store (another process added to it): index only the
  // new words, so a key is never listed twice under one word.
  const Vec& had = known->second.vec;
  for (const auto& [w, x] : e.vec) {
    auto slot = FindWord(had, w);
    if (slot == had.end() || slot->first != w) postings_[w].push_back(event_id);
  }
  known->second = std::move(e);
}

void EventClusterer::RestoreCandidate(const ClusterItem& item) {
  if (item.keywords.size() < 2) return;
  AddCandidate(item, ToVec(item.keywords));
}

void EventClusterer::AddCandidate(const ClusterItem& item, Vec vec) {
  if (item.keywords.size() < 2) return;
  Entry e;
  e.key = -item.item_id;
  e.last_time = item.time;
  e.simhash = item.simhash;
  e.vec = std::move(vec);
  e.norm = Norm(e.vec);
  newest_ = std::max(newest_, item.time);
  if (entries_.count(e.key)) return;
  Index(e);
  candidate_order_.emplace_back(e.key, item.time);
  entries_.emplace(e.key, std::move(e));
  ++candidate_count_;
  while (candidate_count_ > options_.max_candidates && !candidate_order_.empty()) {
    int64_t key = candidate_order_.front().first;
    candidate_order_.pop_front();
    if (entries_.erase(key) == 0) continue;
    --candidate_count_;
  }
}

void EventClusterer::DropCandidate(int64_t item_id) {
  // The posting lists and candidate_order_ skip missing keys when read.
  if (entries_.erase(-item_id) > 0) --candidate_count_;
}

size_t EventClusterer::open_events() const { return entries_.size() - candidate_count_; }

std::vector<WeightedWord> EventClusterer::Centroid(int64_t event_id, size_t top) const {
  std::vector<WeightedWord> out;
  auto it = entries_.find(event_id);
  if (it == entries_.end()) return out;
  for (const auto& [w, x] : it->second.vec) out.push_back({words_[w], x});
  std::sort(out.begin(), out.end(), [](const WeightedWord& a, const WeightedWord& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.word < b.word;
  });
  if (out.size() > top) out.resize(top);
  return out;
}

double EventHeat(int64_t stories, int64_t copies, int64_t outlets, double negative_share, int64_t newest, int64_t now) {
  double base = 12 * std::log1p(static_cast<double>(std::max<int64_t>(stories, 0))) +
                6 * std::log1p(static_cast<double>(std::max<int64_t>(copies, 0))) +
                15 * std::log1p(static_cast<double>(std::max<int64_t>(outlets, 0)));
  double hours = std::max<double>(0, static_cast<double>(now - newest) / 3600.0);
  double heat = base * (1 + std::clamp(negative_share, 0.0, 1.0)) * std::pow(0.5, hours / 24.0);
  return std::min(100.0, std::round(heat * 10) / 10);
}

}  // namespace minyi
