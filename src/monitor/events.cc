#include "monitor/events.h"

#include <algorithm>
#include <cmath>

#include "text/dedup.h"

namespace minyi {

EventClusterer::EventClusterer(EventOptions options) : options_(options) {}

double EventClusterer::Weight(const std::string& word) const {
  auto it = postings_.find(word);
  if (it == postings_.end()) return 1.0;
  double live = static_cast<double>(std::max<size_t>(entries_.size(), 1));
  double n = static_cast<double>(it->second.size());
  if (n >= 5 && n / live > options_.background_share) return options_.background_weight;
  return 1.0;
}

double EventClusterer::Norm(const std::unordered_map<std::string, double>& v) const {
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
  std::vector<std::pair<std::string, double>> all(e.vec.begin(), e.vec.end());
  std::nth_element(all.begin(), all.begin() + static_cast<long>(options_.centroid_terms), all.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  all.resize(options_.centroid_terms);
  e.vec = std::unordered_map<std::string, double>(all.begin(), all.end());
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
  postings_.clear();
  for (const auto& [key, e] : entries_) Index(e);
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
  std::unordered_map<std::string, double> vec;
  for (const WeightedWord& k : item.keywords) vec[k.word] += k.weight;
  ClusterDecision d;
  if (vec.empty()) return d;

  // Candidates: open entries sharing a keyword that is not background
  // noise; only the few sharing the most keywords are scored, which bounds
  // the work per item whatever the vocabulary.
  std::vector<int64_t> keys;
  for (const auto& [w, x] : vec) {
    auto it = postings_.find(w);
    if (it == postings_.end() || it->second.size() > options_.max_postings_scanned) continue;
    keys.insert(keys.end(), it->second.begin(), it->second.end());
  }
  // Counted in a small open-addressing table (key 0 never occurs): sorting
  // the ~1,600 keys of an item was the largest cost of the serial write
  // path. The order of `shared` does not matter: the pick below is by
  // (count, key) and (similarity, key).
  size_t cap = 16;
  while (cap < 2 * keys.size()) cap *= 2;
  std::vector<std::pair<int64_t, int>> counts(cap, {0, 0});
  for (int64_t k : keys) {
    uint64_t h = static_cast<uint64_t>(k) * 0x9E3779B97F4A7C15ull;
    size_t slot = static_cast<size_t>(h ^ (h >> 32)) & (cap - 1);
    while (counts[slot].first != 0 && counts[slot].first != k) slot = (slot + 1) & (cap - 1);
    counts[slot].first = k;
    ++counts[slot].second;
  }
  std::vector<std::pair<int, int64_t>> shared;  // (count, key)
  for (const auto& [k, n] : counts) {
    if (n > 0) shared.emplace_back(n, k);
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
    const std::string* word;
    double x, f;
  };
  std::vector<Term> terms;
  terms.reserve(vec.size());
  double na = 0;
  for (const auto& [w, x] : vec) {
    terms.push_back({&w, x, Weight(w)});
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
    double dot = 0;
    for (const Term& t : terms) {
      auto hit = e.vec.find(*t.word);
      if (hit == e.vec.end()) continue;
      dot += t.x * hit->second * t.f * t.f;
    }
    bool same_story = HammingDistance(e.simhash, item.simhash) <= options_.simhash_join_distance;
    // One shared word (often a place name) is not yet a common subject.
    if (count < 2 && !same_story) continue;
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
      auto [slot, added] = e.vec.try_emplace(w, 0.0);
      slot->second += x;
      if (added) postings_[w].push_back(e.key);
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
    for (const auto& [w, x] : vec) cand.vec[w] += x;
    cand.last_time = std::max(cand.last_time, item.time);
    d.event_id = NewEvent(std::move(cand), new_event_id);
    d.created = true;
    return d;
  }
  RestoreCandidate(item);
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
  for (const WeightedWord& w : centroid) e.vec[w.word] += w.weight;
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
  for (const auto& [w, x] : e.vec) {
    if (!known->second.vec.count(w)) postings_[w].push_back(event_id);
  }
  known->second = std::move(e);
}

void EventClusterer::RestoreCandidate(const ClusterItem& item) {
  if (item.keywords.size() < 2) return;
  Entry e;
  e.key = -item.item_id;
  e.last_time = item.time;
  e.simhash = item.simhash;
  for (const WeightedWord& k : item.keywords) e.vec[k.word] += k.weight;
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
  for (const auto& [w, x] : it->second.vec) out.push_back({w, x});
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
