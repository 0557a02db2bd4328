#include "monitor/item_store.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "text/utf8.h"

namespace minyi {
namespace {

constexpr const char* kItemColumns =
    "i.id, i.source_id, i.outlet, i.site, i.kind, i.url, i.title, substr(i.body, 1, 160) AS snippet,"
    " i.published_at, i.sentiment, i.sentiment_score, i.sentiment_corrected, i.dup_of, i.dup_reason, i.copies,"
    " i.event_id, i.topics, i.keywords";

SqlValue I64(int64_t v) { return SqlValue(static_cast<long long>(v)); }

std::vector<std::string> SplitSpaces(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != ',' && s[j] != '\t') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

ItemRow RowToItem(const Rows& r, size_t i) {
  ItemRow it;
  it.id = r.Int(i, "id");
  it.source_id = r.Int(i, "source_id");
  it.outlet = r.Text(i, "outlet");
  it.site = r.Text(i, "site");
  it.kind = r.Text(i, "kind");
  it.url = r.Text(i, "url");
  it.title = r.Text(i, "title");
  it.snippet = r.Text(i, "snippet");
  // substr counts characters in SQLite; still guard against a cut sequence.
  while (!it.snippet.empty() && (static_cast<unsigned char>(it.snippet.back()) & 0xC0) == 0x80) it.snippet.pop_back();
  it.published_at = r.Int(i, "published_at");
  it.sentiment = r.Text(i, "sentiment");
  it.sentiment_score = r.Double(i, "sentiment_score");
  it.sentiment_corrected = r.Int(i, "sentiment_corrected") != 0;
  it.dup_of = r.Int(i, "dup_of");
  it.dup_reason = r.Text(i, "dup_reason");
  it.copies = r.Int(i, "copies");
  it.event_id = r.Int(i, "event_id");
  for (const std::string& t : SplitSpaces(r.Text(i, "topics"))) it.topic_ids.push_back(std::atoll(t.c_str()));
  it.keywords = SplitSpaces(r.Text(i, "keywords"));
  return it;
}

// Query terms: split on ASCII and ideographic spaces.
std::vector<std::string> QueryTerms(std::string_view text) {
  std::string s(text);
  for (size_t p = s.find("\xE3\x80\x80"); p != std::string::npos; p = s.find("\xE3\x80\x80", p)) s.replace(p, 3, " ");
  std::vector<std::string> out;
  for (std::string& t : SplitSpaces(s)) {
    if (out.size() < 8) out.push_back(std::move(t));
  }
  return out;
}

std::string_view SentimentColumn(std::string_view label) {
  if (label == "negative") return "negative_count";
  if (label == "positive") return "positive_count";
  return "neutral_count";
}

// The dashboard's rows: items published in [from, to), or a topic's. Both
// shapes are served by an index leading with published_at (migration 0024),
// the topic one through its links, whose published_at is the item's.
struct DashboardRange {
  std::string from_where;  // " FROM ... WHERE ..."
  std::string published;   // the indexed published_at column
  std::string id;          // the item id column in the same index
  SqlParams params;
};

DashboardRange MakeDashboardRange(int64_t from, int64_t to, int64_t topic_id) {
  if (topic_id > 0) {
    return {
        " FROM monitor_item_topics t JOIN monitor_items i ON i.id = t.item_id"
        " WHERE t.topic_id = ? AND t.published_at >= ? AND t.published_at < ?",
        "t.published_at", "t.item_id", SqlParams{I64(topic_id), I64(from), I64(to)}};
  }
  return {" FROM monitor_items i WHERE i.published_at >= ? AND i.published_at < ?", "i.published_at", "i.id",
          SqlParams{I64(from), I64(to)}};
}

// Day buckets, sentiment and kinds as the dashboard counts them: a label
// other than negative/positive is neutral in the trend.
struct DashboardTally {
  std::map<int64_t, DayCount> days;
  std::map<std::string, int64_t> senti, kinds;

  DayCount& Day(int64_t day) {
    DayCount& c = days[day];
    c.day = day;
    return c;
  }
  void Finish(DashboardStats* s) {
    for (auto& [d, c] : days) s->trend.push_back(c);
    for (const char* label : {"negative", "neutral", "positive"}) s->sentiment.push_back({label, senti[label]});
    s->negative = senti["negative"];
    for (auto& [k, n] : kinds) s->kinds.push_back({k, n});
    std::stable_sort(s->kinds.begin(), s->kinds.end(),
                     [](const CountBy& a, const CountBy& b) { return a.count > b.count; });
  }
};

// PostgreSQL: trend, sentiment, stories and kinds from one index-only pass
// (hash aggregation, so the many groups cost nothing extra).
Status GroupedCounts(Database& db, const DashboardRange& range, int64_t origin, DashboardTally* t, DashboardStats* s) {
  SqlParams p{I64(origin)};
  p.insert(p.end(), range.params.begin(), range.params.end());
  MINYI_ASSIGN_OR_RETURN(Rows r, db.Query("SELECT (" + range.published +
                                              " - ?) / 86400 AS d, i.sentiment AS s, i.kind AS k,"
                                              " CASE WHEN i.dup_of IS NULL THEN 1 ELSE 0 END AS story, COUNT(*) AS n" +
                                              range.from_where + " GROUP BY d, s, k, story",
                                          p));
  for (size_t i = 0; i < r.size(); ++i) {
    DayCount& c = t->Day(origin + r.Int(i, "d") * 86400);
    int64_t n = r.Int(i, "n");
    std::string label = r.Text(i, "s");
    c.total += n;
    (label == "negative" ? c.negative : label == "positive" ? c.positive : c.neutral) += n;
    t->senti[label] += n;
    t->kinds[r.Text(i, "k")] += n;
    if (r.Int(i, "story") != 0) s->stories += n;
    s->items += n;
  }
  return Status::Ok();
}

// SQLite sorts the input of every GROUP BY (no hash aggregation), which
// made the one-pass query above 2-3x slower than plain sums: so one
// ungrouped index-only pass per day, and kinds grouped on their own.
Status DailyCounts(Database& db, int64_t from, int64_t to, int64_t topic_id, int64_t origin, DashboardTally* t,
                   DashboardStats* s) {
  for (int64_t day = origin; day < to; day += 86400) {
    DashboardRange range = MakeDashboardRange(std::max(day, from), std::min(day + 86400, to), topic_id);
    MINYI_ASSIGN_OR_RETURN(
        Rows r, db.Query("SELECT COUNT(*) AS n, SUM(CASE WHEN i.sentiment = 'negative' THEN 1 ELSE 0 END) AS neg,"
                         " SUM(CASE WHEN i.sentiment = 'neutral' THEN 1 ELSE 0 END) AS neu,"
                         " SUM(CASE WHEN i.sentiment = 'positive' THEN 1 ELSE 0 END) AS pos,"
                         " SUM(CASE WHEN i.dup_of IS NULL THEN 1 ELSE 0 END) AS stories" +
                             range.from_where,
                         range.params));
    DayCount& c = t->Day(day);
    c.total = r.Int(0, "n");  // SUM over no rows is NULL, read as 0
    c.negative = r.Int(0, "neg");
    c.positive = r.Int(0, "pos");
    c.neutral = c.total - c.negative - c.positive;
    t->senti["negative"] += c.negative;
    t->senti["neutral"] += r.Int(0, "neu");
    t->senti["positive"] += c.positive;
    s->stories += r.Int(0, "stories");
    s->items += c.total;
  }
  DashboardRange range = MakeDashboardRange(from, to, topic_id);
  MINYI_ASSIGN_OR_RETURN(
      Rows kinds, db.Query("SELECT i.kind AS k, COUNT(*) AS n" + range.from_where + " GROUP BY i.kind", range.params));
  for (size_t i = 0; i < kinds.size(); ++i) t->kinds[kinds.Text(i, "k")] += kinds.Int(i, "n");
  return Status::Ok();
}

// Hot words: item keywords of the newest 5,000 stories in the range, read
// newest-first along the published_at index (ordering by id would walk the
// primary key through every newer item when the range lies in the past).
Result<std::vector<CountBy>> DashboardHotWords(Database& db, const DashboardRange& range) {
  MINYI_ASSIGN_OR_RETURN(Rows kw, db.Query("SELECT i.keywords" + range.from_where + " AND i.dup_of IS NULL ORDER BY " +
                                               range.published + " DESC, " + range.id + " DESC LIMIT 5000",
                                           range.params));
  std::unordered_map<std::string, int64_t> words;
  for (size_t i = 0; i < kw.size(); ++i) {
    for (const std::string& w : SplitSpaces(kw.Text(i, "keywords"))) words[w]++;
  }
  std::vector<CountBy> hot;
  for (auto& [w, n] : words) hot.push_back({w, n});
  std::sort(hot.begin(), hot.end(),
            [](const CountBy& a, const CountBy& b) { return a.count != b.count ? a.count > b.count : a.key < b.key; });
  if (hot.size() > 40) hot.resize(40);
  return hot;
}

}  // namespace

ItemStore::ItemStore(Store& store, const Clock& clock, std::shared_ptr<const TextTools> tools,
                     std::shared_ptr<const TextIndex> index)
    : store_(store), clock_(clock), tools_(std::move(tools)), index_(std::move(index)) {}

Result<ItemPage> ItemStore::Search(const ItemQuery& q) const {
  Database& db = store_.db();
  std::string where = " WHERE 1=1";
  SqlParams params;
  if (q.topic_id > 0) {
    where += " AND i.id IN (SELECT item_id FROM monitor_item_topics WHERE topic_id = ?)";
    params.push_back(I64(q.topic_id));
  }
  if (q.source_id > 0) {
    where += " AND i.source_id = ?";
    params.push_back(I64(q.source_id));
  }
  if (!q.outlet.empty()) {
    where += " AND i.outlet = ?";
    params.emplace_back(q.outlet);
  }
  if (!q.kind.empty()) {
    where += " AND i.kind = ?";
    params.emplace_back(q.kind);
  }
  if (!q.sentiment.empty()) {
    if (q.sentiment != "negative" && q.sentiment != "neutral" && q.sentiment != "positive") {
      return InvalidArgument("情感只能是 negative、neutral 或 positive");
    }
    where += " AND i.sentiment = ?";
    params.emplace_back(q.sentiment);
  }
  if (q.event_id > 0) {
    where += " AND i.event_id = ?";
    params.push_back(I64(q.event_id));
  }
  if (q.from > 0) {
    where += " AND i.published_at >= ?";
    params.push_back(I64(q.from));
  }
  if (q.to > 0) {
    where += " AND i.published_at < ?";
    params.push_back(I64(q.to));
  }
  if (!q.include_copies) where += " AND i.dup_of IS NULL";

  std::vector<std::string> index_words;
  for (const std::string& raw : QueryTerms(q.text)) {
    auto norm = NormalizeFast(*tools_, raw);
    std::string term = norm.ok() ? norm->text : raw;
    if (term.empty()) continue;
    where += " AND instr(i.search_text, ?) > 0";
    params.emplace_back(term);
    for (std::string& w : SplitSpaces(IndexTerms(*tools_->segmenter, term, false))) index_words.push_back(std::move(w));
  }
  bool has_text = params.size() > 0 && !q.text.empty();

  auto run = [&](const std::string& w, const SqlParams& p, ItemPage& page) -> Status {
    MINYI_ASSIGN_OR_RETURN(page.total, db.QueryInt("SELECT COUNT(*) FROM monitor_items i" + w, p));
    SqlParams p2 = p;
    p2.push_back(I64(static_cast<int64_t>(q.limit)));
    p2.push_back(I64(static_cast<int64_t>(q.offset)));
    MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query(std::string("SELECT ") + kItemColumns + " FROM monitor_items i" + w +
                                                   " ORDER BY i.published_at DESC, i.id DESC LIMIT ? OFFSET ?",
                                               p2));
    page.items.clear();
    for (size_t i = 0; i < rows.size(); ++i) page.items.push_back(RowToItem(rows, i));
    return Status::Ok();
  };

  ItemPage page;
  if (!has_text) {
    MINYI_RETURN_IF_ERROR(run(where, params, page));
    return page;
  }
  if (!index_words.empty()) {
    SqlCondition match = index_->MatchAll(index_words);
    SqlParams p = params;
    p.insert(p.end(), match.params.begin(), match.params.end());
    MINYI_RETURN_IF_ERROR(run(where + " AND " + match.sql, p, page));
    if (page.total >= static_cast<int64_t>(q.offset + q.limit)) return page;
  }
  MINYI_ASSIGN_OR_RETURN(int64_t max_id, db.QueryInt("SELECT COALESCE(MAX(id), 0) FROM monitor_items"));
  int64_t bound = max_id - static_cast<int64_t>(q.scan_limit);
  ItemPage scan;
  SqlParams p = params;
  p.push_back(I64(bound));
  MINYI_RETURN_IF_ERROR(run(where + " AND i.id > ?", p, scan));
  scan.exhaustive = bound <= 0;
  if (scan.total < page.total) return page;  // the scan window missed older indexed hits
  return scan;
}

Result<ItemDetail> ItemStore::Get(int64_t id) const {
  Database& db = store_.db();
  MINYI_ASSIGN_OR_RETURN(
      Rows r, db.QueryOne(std::string("SELECT ") + kItemColumns + ", i.body FROM monitor_items i WHERE i.id = ?",
                          {I64(id)}, "找不到该条信息"));
  ItemDetail d;
  d.item = RowToItem(r, 0);
  d.body = r.Text(0, "body");
  int64_t head = d.item.dup_of > 0 ? d.item.dup_of : d.item.id;
  MINYI_ASSIGN_OR_RETURN(Rows c, db.Query(std::string("SELECT ") + kItemColumns +
                                              " FROM monitor_items i WHERE (i.dup_of = ? OR i.id = ?) AND i.id <> ?"
                                              " ORDER BY i.published_at LIMIT 200",
                                          {I64(head), I64(head), I64(id)}));
  for (size_t i = 0; i < c.size(); ++i) d.copies.push_back(RowToItem(c, i));
  return d;
}

Status ItemStore::CorrectSentiment(const Actor& actor, int64_t id, SentimentLabel label) const {
  std::string name(SentimentLabelName(label));
  return store_.db().InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(
        Rows r, tx.QueryOne("SELECT sentiment, search_text, event_id FROM monitor_items WHERE id = ?", {I64(id)},
                            "找不到该条信息"));
    std::string before = r.Text(0, "sentiment");
    int64_t event_id = r.Int(0, "event_id");
    int64_t now = clock_.Now();
    MINYI_RETURN_IF_ERROR(
        tx.Execute("UPDATE monitor_items SET sentiment = ?, sentiment_score = ?,"
                   " sentiment_corrected = 1 WHERE id = ?",
                   {name, label == SentimentLabel::kPositive ? 1.0 : (label == SentimentLabel::kNegative ? -1.0 : 0.0),
                    I64(id)})
            .status());
    MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO monitor_sentiment_corrections(item_id, label_before, label, text,"
                                     " corrected_by, corrected_at) VALUES (?,?,?,?,?,?)",
                                     {I64(id), before, name, r.Text(0, "search_text"), I64(actor.id), I64(now)})
                              .status());
    if (event_id > 0 && before != name) {
      std::string from_col(SentimentColumn(before)), to_col(SentimentColumn(name));
      MINYI_RETURN_IF_ERROR(tx.Execute("UPDATE monitor_events SET " + from_col + " = " + from_col + " - 1, " + to_col +
                                           " = " + to_col + " + 1, updated_at = ? WHERE id = ?",
                                       {I64(now), I64(event_id)})
                                .status());
    }
    return AppendAudit(tx, clock_, actor,
                       {"correct_sentiment", "monitor_item", std::to_string(id), "{\"sentiment\":\"" + before + "\"}",
                        "{\"sentiment\":\"" + name + "\"}"});
  });
}

Result<std::string> ItemStore::ExportCorrectionsTsv() const {
  MINYI_ASSIGN_OR_RETURN(
      Rows r, store_.db().Query("SELECT c.label, c.text FROM monitor_sentiment_corrections c WHERE c.id ="
                                " (SELECT MAX(d.id) FROM monitor_sentiment_corrections d WHERE d.item_id = c.item_id)"
                                " ORDER BY c.id"));
  std::string out = "label\ttext\n";
  for (size_t i = 0; i < r.size(); ++i) {
    std::string text = r.Text(i, "text");
    for (char& ch : text) {
      if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
    }
    out += r.Text(i, "label") + "\t" + text + "\n";
  }
  return out;
}

Result<int64_t> ItemStore::RetentionDays() const {
  MINYI_ASSIGN_OR_RETURN(Rows r, store_.db().Query("SELECT value FROM monitor_settings WHERE name = 'retention_days'"));
  if (r.empty()) return int64_t{365};
  return static_cast<int64_t>(std::atoll(r.Text(0, "value").c_str()));
}

Status ItemStore::SetRetentionDays(const Actor& actor, int64_t days) const {
  if (days < 7 || days > 3650) return InvalidArgument("保留天数应在 7 到 3650 之间");
  return store_.db().InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO monitor_settings(name, value) VALUES ('retention_days', ?)"
                                     " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                                     {std::to_string(days)})
                              .status());
    return AppendAudit(
        tx, clock_, actor,
        {"update", "monitor_setting", "retention_days", "null", "{\"days\":" + std::to_string(days) + "}"});
  });
}

Result<int64_t> ItemStore::ApplyRetention(const Actor& actor) const {
  MINYI_ASSIGN_OR_RETURN(int64_t days, RetentionDays());
  int64_t cutoff = clock_.Now() - days * 86400;
  int64_t deleted = 0;
  for (;;) {
    int64_t batch = 0;
    MINYI_RETURN_IF_ERROR(store_.db().InTransaction([&](Database& tx) -> Status {
      MINYI_ASSIGN_OR_RETURN(Rows r, tx.Query("SELECT id, search_text FROM monitor_items WHERE published_at < ?"
                                              " AND event_id IS NULL ORDER BY id LIMIT 1000",
                                              {I64(cutoff)}));
      if (r.empty()) return Status::Ok();
      std::vector<TextIndexDoc> docs;
      std::string ids;
      for (size_t i = 0; i < r.size(); ++i) {
        docs.push_back({r.Int(i, "id"), IndexTerms(*tools_->segmenter, r.Text(i, "search_text"), true)});
        ids += (i ? "," : "") + std::to_string(r.Int(i, "id"));
      }
      MINYI_RETURN_IF_ERROR(index_->Remove(tx, docs));
      MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM monitor_item_topics WHERE item_id IN (" + ids + ")").status());
      MINYI_RETURN_IF_ERROR(tx.Execute("DELETE FROM monitor_items WHERE id IN (" + ids + ")").status());
      batch = static_cast<int64_t>(r.size());
      return AppendAudit(tx, clock_, actor,
                         {"retention", "monitor_item",
                          std::to_string(r.Int(0, "id")) + ".." + std::to_string(r.Int(r.size() - 1, "id")), "null",
                          "{\"deleted\":" + std::to_string(batch) + "}"});
    }));
    deleted += batch;
    if (batch < 1000) break;
  }
  return deleted;
}

Result<DashboardStats> ItemStore::Dashboard(int64_t from, int64_t to, int64_t topic_id, int64_t tz) const {
  Database& db = store_.db();
  DashboardStats s;
  DashboardRange range = MakeDashboardRange(from, to, topic_id);
  int64_t origin = from - ((from + tz) % 86400 + 86400) % 86400;
  DashboardTally tally;
  for (int64_t d = origin; d < to; d += 86400) tally.Day(d);
  MINYI_RETURN_IF_ERROR(db.Dialect() == "sqlite" ? DailyCounts(db, from, to, topic_id, origin, &tally, &s)
                                                 : GroupedCounts(db, range, origin, &tally, &s));
  tally.Finish(&s);
  MINYI_ASSIGN_OR_RETURN(Rows outlets, db.Query("SELECT i.outlet AS k, COUNT(*) AS n" + range.from_where +
                                                    " GROUP BY i.outlet ORDER BY n DESC, k LIMIT 10",
                                                range.params));
  for (size_t i = 0; i < outlets.size(); ++i) s.outlets.push_back({outlets.Text(i, "k"), outlets.Int(i, "n")});
  MINYI_ASSIGN_OR_RETURN(s.hot_words, DashboardHotWords(db, range));
  EventQuery eq;
  eq.from = from;
  eq.limit = 10;
  MINYI_ASSIGN_OR_RETURN(EventPage events, ListEvents(db, eq, clock_.Now()));
  s.events = events.total;
  s.top_events = std::move(events.events);
  return s;
}

}  // namespace minyi
