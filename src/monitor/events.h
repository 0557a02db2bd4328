// Events: items about one happening, grouped incrementally as they arrive,
// and the queries the 事件 pages use.
//
// Clustering (EventClusterer): each item is described by its TF-IDF keywords
// (a sparse vector) and its SimHash. An item joins the open event or the
// remembered single item ("candidate") it is most similar to, when
//   it shares >= 2 keywords and cosine(keywords) >= join_similarity (0.3), or
//   Hamming(simhash) <= simhash_join_distance (12) with >= 1 shared keyword
//   (a rewritten version of the same story).
// Keywords that occur in a large share of what is open (the county's own
// name in every item) are damped to background_weight (x0.25) before the
// cosine, so they cannot glue unrelated items together. Joining a candidate
// creates an event of the two; an item that joins nothing becomes a
// candidate. Events and candidates stay open for window_seconds (72 h) after
// their newest item; time is the items' published time, so imports of old
// material cluster the same way as live feeds. Duplicates (copies of one
// story) go to the event of their story; a story's second copy turns a
// single story into an event (it is spreading).
//
// Heat (EventHeat), in 0..100:
//   base    = 12 ln(1 + stories) + 6 ln(1 + copies) + 15 ln(1 + outlets)
//   heat    = min(100, base x (1 + negative share) x 0.5^(hours since the
//             newest item / 24))
// so volume and spread across outlets dominate, negative events rank up to
// twice as high, and an event a day quiet counts half.
//
// Thread safety: EventClusterer is not thread-safe (the pipeline serializes
// calls under its own mutex). The query functions are as Database.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "monitor/analysis.h"
#include "store/store.h"

namespace minyi {

struct EventOptions {
  int64_t window_seconds = 72 * 3600;
  double join_similarity = 0.3;
  int simhash_join_distance = 12;
  size_t max_candidates = 50'000;
  size_t centroid_terms = 30;
  double background_share = 0.2;
  double background_weight = 0.25;
  size_t max_postings_scanned = 200;  // per keyword; longer lists are background
  size_t max_scored_candidates = 32;  // sharing the most keywords
};

struct ClusterItem {
  int64_t item_id = 0;
  int64_t time = 0;
  uint64_t simhash = 0;
  std::vector<WeightedWord> keywords;
};

struct ClusterDecision {
  int64_t event_id = 0;         // 0: the item is in no event (yet)
  bool created = false;         // a new event was created for it
  int64_t partner_item_id = 0;  // when created: the earlier item that joins too
};

class EventClusterer {
 public:
  explicit EventClusterer(EventOptions options = {});
  // new_event_id is called once when an event has to be created.
  ClusterDecision Assign(const ClusterItem& item, const std::function<int64_t()>& new_event_id);
  // A copy of story `head_item_id` arrived at `time`: returns the event the
  // story is in, creating one when the story was a remembered candidate.
  ClusterDecision AssignCopy(int64_t head_item_id, int64_t head_event_id, int64_t time,
                             const std::function<int64_t()>& new_event_id);
  // Restores state after a restart.
  void RestoreEvent(int64_t event_id, int64_t last_seen, const std::vector<WeightedWord>& centroid);
  void RestoreCandidate(const ClusterItem& item);
  // Another process put this remembered single item into an event: it is no
  // longer a candidate here either (its event comes with RestoreEvent).
  void DropCandidate(int64_t item_id);
  size_t open_events() const;
  size_t candidates() const { return candidate_count_; }
  size_t interned_words() const { return words_.size(); }
  // The event's keyword centroid, best first (for storing).
  std::vector<WeightedWord> Centroid(int64_t event_id, size_t top) const;

 private:
  // Words are interned to dense ids: the scoring loop of Assign runs on the
  // pipeline's serial write step, and string-keyed maps (a hash and a
  // compare per word per scored candidate) were most of its cost.
  using WordId = uint32_t;
  using Vec = std::vector<std::pair<WordId, double>>;  // sorted by word id, one entry per word
  struct Entry {
    int64_t key = 0;  // > 0 event id, < 0 minus candidate item id
    int64_t last_time = 0;
    uint64_t simhash = 0;
    Vec vec;
    double norm = 0;  // with the background weights when last changed
  };
  WordId Intern(const std::string& word);
  // The words interned, duplicates summed in list order, sorted by id.
  Vec ToVec(const std::vector<WeightedWord>& words);
  double Weight(WordId word) const;
  double Norm(const Vec& v) const;
  // Postings are cleaned lazily: stale keys are skipped when read and dropped
  // at the next sweep, because erasing from a long background-word list on
  // every join would cost O(open items) per item.
  void Index(const Entry& e);
  void Trim(Entry& e) const;
  void Expire(int64_t now);
  // Drops interned words no open entry uses any more (after a sweep), so a
  // long-running process does not keep every word it ever saw.
  void CompactWords();
  void AddCandidate(const ClusterItem& item, Vec vec);
  int64_t NewEvent(Entry&& merged, const std::function<int64_t()>& new_event_id);

  EventOptions options_;
  std::unordered_map<int64_t, Entry> entries_;
  std::unordered_map<std::string, WordId> word_ids_;
  std::vector<std::string> words_;                           // word id -> word
  std::vector<std::vector<int64_t>> postings_;               // word id -> keys of the entries using it
  std::deque<std::pair<int64_t, int64_t>> candidate_order_;  // (key, time) in insertion order
  size_t candidate_count_ = 0;
  int64_t newest_ = 0;
  int64_t assigns_since_sweep_ = 0;
  // Assign's scratch, kept between calls: an open-addressing table counting
  // shared keywords per key (key 0 never occurs) and the slots it used, so
  // each call clears and reads only those instead of the whole table.
  std::vector<std::pair<int64_t, int>> counts_;
  std::vector<size_t> used_slots_;
};

double EventHeat(int64_t stories, int64_t copies, int64_t outlets, double negative_share, int64_t newest, int64_t now);

// ---- Stored events (monitor_events) -------------------------------------

struct EventRow {
  int64_t id = 0;
  std::string title;
  int64_t first_item_id = 0;
  std::string first_outlet;
  int64_t first_seen = 0;
  int64_t last_seen = 0;
  int64_t item_count = 0;
  int64_t story_count = 0;
  int64_t outlet_count = 0;
  int64_t negative = 0, neutral = 0, positive = 0;
  std::string keywords;  // space separated, best first
  double heat = 0;       // at the time of the query
};

struct EventQuery {
  std::string text;           // substring of the title
  int64_t from = 0;           // last_seen >= from
  int64_t to = 0;             // first_seen <= to (0 = no bound)
  std::string sort = "heat";  // heat | recent | size
  size_t limit = 20;
  size_t offset = 0;
};

struct EventPage {
  std::vector<EventRow> events;
  int64_t total = 0;
};

struct TimelineBucket {
  int64_t start = 0;
  int64_t items = 0;
  int64_t negative = 0;
};

struct OutletCount {
  std::string outlet;
  int64_t items = 0;
  int64_t first_seen = 0;
};

struct EventDetail {
  EventRow event;
  int64_t bucket_seconds = 3600;
  std::vector<TimelineBucket> timeline;
  std::vector<OutletCount> outlets;
};

Result<EventPage> ListEvents(Database& db, const EventQuery& query, int64_t now);
Result<EventDetail> GetEventDetail(Database& db, int64_t event_id, int64_t now);

}  // namespace minyi
