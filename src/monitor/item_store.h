// Stored monitor items: search, detail, sentiment corrections, retention and
// the dashboard figures.
//
// Search for Chinese. Items are indexed by jieba words plus the bigrams
// inside long words (monitor/analysis.h, store/text_index.h). A query is
// split on spaces into terms that must all occur as substrings of the
// normalized title + text (so traditional/full-width input finds simplified
// text and a phrase is matched literally). Two passes:
//   1. indexed: candidates whose index terms include the words the query
//      segments into, then verified with instr() on the stored text;
//   2. when that finds fewer than a page (a substring cutting across word
//      boundaries, or a one-character query), a verified scan over the
//      newest scan_limit items matching the filters.
// `exhaustive` tells whether every stored item was considered.
//
// Privacy by design: there is no author field to search, filter or count.
//
// Thread safety: as Database; ItemStore holds only immutable tools.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/env.h"
#include "monitor/analysis.h"
#include "monitor/events.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/text_index.h"
#include "text/sentiment.h"

namespace minyi {

struct ItemQuery {
  std::string text;
  int64_t topic_id = 0;
  int64_t source_id = 0;
  std::string outlet;
  std::string kind;
  std::string sentiment;  // negative | neutral | positive | ""
  int64_t event_id = 0;
  int64_t from = 0;  // published_at >= from
  int64_t to = 0;    // published_at < to (0 = no bound)
  bool include_copies = true;
  size_t limit = 20;
  size_t offset = 0;
  size_t scan_limit = 100'000;
};

struct ItemRow {
  int64_t id = 0;
  int64_t source_id = 0;
  std::string outlet, site, kind, url, title, snippet;
  int64_t published_at = 0;
  std::string sentiment;
  double sentiment_score = 0;
  bool sentiment_corrected = false;
  int64_t dup_of = 0;
  std::string dup_reason;
  int64_t copies = 0;
  int64_t event_id = 0;
  std::vector<int64_t> topic_ids;
  std::vector<std::string> keywords;
};

struct ItemPage {
  std::vector<ItemRow> items;
  int64_t total = 0;
  bool exhaustive = true;
};

struct ItemDetail {
  ItemRow item;
  std::string body;
  std::vector<ItemRow> copies;  // other copies of the same story
};

struct CountBy {
  std::string key;
  int64_t count = 0;
};

struct DayCount {
  int64_t day = 0;  // start of the day (UTC + tz_offset)
  int64_t total = 0, negative = 0, neutral = 0, positive = 0;
};

struct DashboardStats {
  int64_t items = 0;
  int64_t stories = 0;
  int64_t negative = 0;
  int64_t events = 0;
  std::vector<DayCount> trend;
  std::vector<CountBy> sentiment;
  std::vector<CountBy> kinds;
  std::vector<CountBy> outlets;
  std::vector<CountBy> hot_words;
  std::vector<EventRow> top_events;
};

class ItemStore {
 public:
  ItemStore(Store& store, const Clock& clock, std::shared_ptr<const TextTools> tools,
            std::shared_ptr<const TextIndex> index);

  Result<ItemPage> Search(const ItemQuery& query) const;
  Result<ItemDetail> Get(int64_t id) const;
  // Stores the staff's label, keeps the old one and the text in
  // monitor_sentiment_corrections (for `minyi sentiment train`) and fixes
  // the event's sentiment mix.
  Status CorrectSentiment(const Actor& actor, int64_t id, SentimentLabel label) const;
  // "label<TAB>text" lines of every correction (latest per item), the
  // format ParseLabelledTsv reads.
  Result<std::string> ExportCorrectionsTsv() const;

  Result<int64_t> RetentionDays() const;
  Status SetRetentionDays(const Actor& actor, int64_t days) const;
  // Deletes items published more than RetentionDays() ago, except items of
  // events (events may be cases); returns the number deleted.
  Result<int64_t> ApplyRetention(const Actor& actor) const;

  // tz_offset: seconds east of UTC for day buckets (China: 8 h).
  Result<DashboardStats> Dashboard(int64_t from, int64_t to, int64_t topic_id, int64_t tz_offset = 8 * 3600) const;

 private:
  Store& store_;
  const Clock& clock_;
  std::shared_ptr<const TextTools> tools_;
  std::shared_ptr<const TextIndex> index_;
};

}  // namespace minyi
