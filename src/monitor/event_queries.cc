// Reading stored events for the 事件 pages (see events.h).
#include <algorithm>

#include "monitor/events.h"

namespace minyi {
namespace {

constexpr const char* kEventColumns =
    "id, title, first_item_id, first_outlet, first_seen, last_seen, item_count, story_count, outlet_count,"
    " negative_count, neutral_count, positive_count, keywords";

EventRow RowToEvent(const Rows& r, size_t i, int64_t now) {
  EventRow e;
  e.id = r.Int(i, "id");
  e.title = r.Text(i, "title");
  e.first_item_id = r.Int(i, "first_item_id");
  e.first_outlet = r.Text(i, "first_outlet");
  e.first_seen = r.Int(i, "first_seen");
  e.last_seen = r.Int(i, "last_seen");
  e.item_count = r.Int(i, "item_count");
  e.story_count = r.Int(i, "story_count");
  e.outlet_count = r.Int(i, "outlet_count");
  e.negative = r.Int(i, "negative_count");
  e.neutral = r.Int(i, "neutral_count");
  e.positive = r.Int(i, "positive_count");
  e.keywords = r.Text(i, "keywords");
  double neg_share = e.item_count > 0 ? static_cast<double>(e.negative) / static_cast<double>(e.item_count) : 0;
  e.heat = EventHeat(e.story_count, e.item_count - e.story_count, e.outlet_count, neg_share, e.last_seen, now);
  return e;
}

}  // namespace

Result<EventPage> ListEvents(Database& db, const EventQuery& q, int64_t now) {
  std::string where = " WHERE item_count > 0";
  SqlParams params;
  if (!q.text.empty()) {
    where += " AND instr(title, ?) > 0";
    params.emplace_back(q.text);
  }
  if (q.from > 0) {
    where += " AND last_seen >= ?";
    params.emplace_back(static_cast<long long>(q.from));
  }
  if (q.to > 0) {
    where += " AND first_seen <= ?";
    params.emplace_back(static_cast<long long>(q.to));
  }
  EventPage page;
  MINYI_ASSIGN_OR_RETURN(page.total, db.QueryInt("SELECT COUNT(*) FROM monitor_events" + where, params));
  // Heat depends on the current time, so it is ranked here; the newest
  // 2,000 events of the filter are the ones that can be hot.
  std::string order = q.sort == "size" ? "item_count DESC, id DESC" : "last_seen DESC, id DESC";
  size_t fetch = q.sort == "heat" ? 2000 : q.offset + q.limit;
  SqlParams p2 = params;
  p2.emplace_back(static_cast<long long>(fetch));
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query(std::string("SELECT ") + kEventColumns + " FROM monitor_events" + where +
                                                 " ORDER BY " + order + " LIMIT ?",
                                             p2));
  std::vector<EventRow> all;
  for (size_t i = 0; i < rows.size(); ++i) all.push_back(RowToEvent(rows, i, now));
  if (q.sort == "heat") {
    std::stable_sort(all.begin(), all.end(), [](const EventRow& a, const EventRow& b) { return a.heat > b.heat; });
  }
  for (size_t i = q.offset; i < all.size() && i < q.offset + q.limit; ++i) page.events.push_back(all[i]);
  return page;
}

Result<EventDetail> GetEventDetail(Database& db, int64_t event_id, int64_t now) {
  MINYI_ASSIGN_OR_RETURN(Rows r,
                         db.QueryOne(std::string("SELECT ") + kEventColumns + " FROM monitor_events WHERE id = ?",
                                     {SqlValue(static_cast<long long>(event_id))}, "找不到该事件"));
  EventDetail d;
  d.event = RowToEvent(r, 0, now);
  int64_t span = std::max<int64_t>(1, d.event.last_seen - d.event.first_seen);
  d.bucket_seconds = span <= 2 * 86400 ? 3600 : (span <= 30 * 86400 ? 86400 : 7 * 86400);
  MINYI_ASSIGN_OR_RETURN(Rows items, db.Query("SELECT published_at, sentiment FROM monitor_items WHERE event_id = ?",
                                              {SqlValue(static_cast<long long>(event_id))}));
  std::map<int64_t, TimelineBucket> buckets;
  for (size_t i = 0; i < items.size(); ++i) {
    int64_t t = items.Int(i, "published_at");
    int64_t start = t - ((t % d.bucket_seconds) + d.bucket_seconds) % d.bucket_seconds;
    TimelineBucket& b = buckets[start];
    b.start = start;
    b.items++;
    if (items.Text(i, "sentiment") == "negative") b.negative++;
  }
  for (auto& [start, b] : buckets) d.timeline.push_back(b);
  MINYI_ASSIGN_OR_RETURN(Rows outlets, db.Query("SELECT outlet, COUNT(*) AS n, MIN(published_at) AS first_seen"
                                                " FROM monitor_items WHERE event_id = ? GROUP BY outlet"
                                                " ORDER BY n DESC, first_seen",
                                                {SqlValue(static_cast<long long>(event_id))}));
  for (size_t i = 0; i < outlets.size(); ++i) {
    d.outlets.push_back({outlets.Text(i, "outlet"), outlets.Int(i, "n"), outlets.Int(i, "first_seen")});
  }
  return d;
}

}  // namespace minyi
