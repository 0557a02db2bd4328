// Evidence for an assessment, from Minyi's own monitor and case records.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "assess/assess_internal.h"
#include "cases/cases.h"
#include "common/calendar.h"
#include "monitor/topics.h"

namespace minyi {
namespace {

constexpr size_t kMaxMatchedIds = 5000;  // items whose sentiment/time are read
constexpr size_t kShownItems = 20;
constexpr size_t kChunk = 400;  // placeholders per IN (...)

std::string Placeholders(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

// LIKE pattern for a literal substring.
std::string LikePattern(const std::string& word) {
  std::string out = "%";
  for (char ch : word) {
    if (ch == '%' || ch == '_' || ch == '\\') out.push_back('\\');
    out.push_back(ch);
  }
  return out + "%";
}

Status ReadItems(Database& db, const std::vector<int64_t>& ids, Evidence& e, std::set<int64_t>& event_ids) {
  std::map<DayNumber, EvidenceDay> days;
  std::map<int64_t, std::string> sentiment_of;
  for (size_t at = 0; at < ids.size(); at += kChunk) {
    size_t n = std::min(kChunk, ids.size() - at);
    SqlParams params(ids.begin() + static_cast<long>(at), ids.begin() + static_cast<long>(at + n));
    MINYI_ASSIGN_OR_RETURN(Rows r, db.Query("SELECT id, sentiment, published_at, event_id FROM monitor_items"
                                            " WHERE id IN (" +
                                                Placeholders(n) + ")",
                                            params));
    for (size_t i = 0; i < r.size(); ++i) {
      std::string s = r.Text(i, "sentiment");
      sentiment_of[r.Int(i, "id")] = s;
      EvidenceDay& d = days[LocalDay(r.Int(i, "published_at"))];
      ++d.total;
      if (s == "negative") {
        ++d.negative;
        ++e.negative;
      } else if (s == "positive") {
        ++d.positive;
        ++e.positive;
      } else {
        ++d.neutral;
        ++e.neutral;
      }
      if (!r.IsNull(i, "event_id") && r.Int(i, "event_id") > 0) event_ids.insert(r.Int(i, "event_id"));
    }
  }
  for (auto& [day, d] : days) {
    d.date = FormatDate(day);
    e.days.push_back(d);
  }
  for (EvidenceItem& it : e.items) it.sentiment = sentiment_of[it.id];
  return Status::Ok();
}

Status ReadEvents(Database& db, const std::set<int64_t>& ids, Evidence& e) {
  std::vector<int64_t> all(ids.begin(), ids.end());
  for (size_t at = 0; at < all.size(); at += kChunk) {
    size_t n = std::min(kChunk, all.size() - at);
    SqlParams params(all.begin() + static_cast<long>(at), all.begin() + static_cast<long>(at + n));
    MINYI_ASSIGN_OR_RETURN(Rows r, db.Query("SELECT id, title, first_seen, last_seen, item_count, outlet_count,"
                                            " negative_count FROM monitor_events WHERE id IN (" +
                                                Placeholders(n) + ")",
                                            params));
    for (size_t i = 0; i < r.size(); ++i) {
      e.events.push_back({r.Int(i, "id"), r.Text(i, "title"), r.Int(i, "first_seen"), r.Int(i, "last_seen"),
                          r.Int(i, "item_count"), r.Int(i, "outlet_count"), r.Int(i, "negative_count")});
    }
  }
  std::sort(e.events.begin(), e.events.end(), [](const EvidenceEvent& a, const EvidenceEvent& b) {
    return a.items != b.items ? a.items > b.items : a.id > b.id;
  });
  if (e.events.size() > 20) e.events.resize(20);
  return Status::Ok();
}

// Cases opened from the related events, or naming a keyword.
Status ReadCases(Database& db, const EvidenceRule& rule, const std::set<int64_t>& event_ids, Evidence& e) {
  std::string where;
  SqlParams params;
  for (const std::string& k : rule.keywords) {
    where += where.empty() ? "" : " OR ";
    where += "title LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\'";
    params.push_back(LikePattern(k));
    params.push_back(LikePattern(k));
  }
  size_t linked = 0;
  for (int64_t id : event_ids) {
    if (++linked > kChunk) break;
    where += where.empty() ? "" : " OR ";
    where += "(origin = 'monitor_event' AND origin_ref = ?)";
    params.push_back(std::to_string(id));
  }
  if (where.empty()) return Status::Ok();
  MINYI_ASSIGN_OR_RETURN(Rows r, db.Query("SELECT id, code, title, state, received_at, closed_at, satisfaction"
                                          " FROM cases WHERE " +
                                              where + " ORDER BY received_at DESC, id DESC LIMIT 50",
                                          params));
  for (size_t i = 0; i < r.size(); ++i) {
    EvidenceCase c{r.Int(i, "id"),          r.Text(i, "code"),     r.Text(i, "title"),      r.Text(i, "state"), "",
                   r.Int(i, "received_at"), r.Int(i, "closed_at"), r.Int(i, "satisfaction")};
    auto st = ParseCaseState(c.state);
    c.state_label = st.ok() ? std::string(CaseStateLabel(*st)) : c.state;
    e.cases.push_back(std::move(c));
  }
  return Status::Ok();
}

}  // namespace

double Evidence::NegativeShare() const {
  int64_t total = negative + neutral + positive;
  return total == 0 ? 0.0 : static_cast<double>(negative) / static_cast<double>(total);
}

int64_t Evidence::PeakEventItems() const {
  int64_t peak = 0;
  for (const EvidenceEvent& ev : events) peak = std::max(peak, ev.items);
  return peak;
}

Status ValidateRule(const EvidenceRule& rule) {
  if (rule.keywords.empty()) return InvalidArgument("请至少填写一个关键词（事件词）");
  auto check = [](const std::vector<std::string>& list, const char* what) -> Status {
    if (list.size() > kMaxRuleWords) return InvalidArgument(std::string(what) + "最多 20 个");
    for (const std::string& w : list) {
      if (w.empty() || w.size() > 60) return InvalidArgument(std::string(what) + "每个 1–20 个字");
    }
    return Status::Ok();
  };
  MINYI_RETURN_IF_ERROR(check(rule.keywords, "关键词"));
  MINYI_RETURN_IF_ERROR(check(rule.regions, "地域词"));
  return check(rule.excludes, "排除词");
}

Result<Evidence> GatherEvidence(Database& db, const EvidenceRule& rule, size_t scan_limit) {
  MINYI_RETURN_IF_ERROR(ValidateRule(rule));
  Topic topic;
  topic.name = "风险评估证据";
  topic.mode = "scheme";
  topic.scheme.events = rule.keywords;
  topic.scheme.regions = rule.regions;
  topic.scheme.excludes = rule.excludes;
  Evidence e;
  MINYI_ASSIGN_OR_RETURN(e.rule, ValidateTopic(topic));
  MINYI_ASSIGN_OR_RETURN(TopicPreview p, PreviewTopic(db, topic, scan_limit, kMaxMatchedIds));
  e.scanned = p.scanned;
  e.matched = p.matched;
  std::vector<int64_t> ids;
  for (const PreviewHit& h : p.hits) {
    ids.push_back(h.item_id);
    if (e.items.size() < kShownItems) e.items.push_back({h.item_id, h.title, h.outlet, h.snippet, "", h.published_at});
  }
  std::set<int64_t> event_ids;
  MINYI_RETURN_IF_ERROR(ReadItems(db, ids, e, event_ids));
  MINYI_RETURN_IF_ERROR(ReadEvents(db, event_ids, e));
  MINYI_RETURN_IF_ERROR(ReadCases(db, rule, event_ids, e));
  return e;
}

std::string EvidenceToJson(const Evidence& e) {
  nlohmann::json j{{"rule", e.rule},
                   {"scanned", e.scanned},
                   {"matched", e.matched},
                   {"negative", e.negative},
                   {"neutral", e.neutral},
                   {"positive", e.positive},
                   {"negative_share", e.NegativeShare()},
                   {"peak_event_items", e.PeakEventItems()}};
  j["items"] = nlohmann::json::array();
  for (const auto& it : e.items)
    j["items"].push_back({{"id", it.id},
                          {"title", it.title},
                          {"outlet", it.outlet},
                          {"snippet", it.snippet},
                          {"sentiment", it.sentiment},
                          {"published_at", it.published_at}});
  j["days"] = nlohmann::json::array();
  for (const auto& d : e.days)
    j["days"].push_back({{"date", d.date},
                         {"total", d.total},
                         {"negative", d.negative},
                         {"neutral", d.neutral},
                         {"positive", d.positive}});
  j["events"] = nlohmann::json::array();
  for (const auto& ev : e.events)
    j["events"].push_back({{"id", ev.id},
                           {"title", ev.title},
                           {"first_seen", ev.first_seen},
                           {"last_seen", ev.last_seen},
                           {"items", ev.items},
                           {"outlets", ev.outlets},
                           {"negative", ev.negative}});
  j["cases"] = nlohmann::json::array();
  for (const auto& c : e.cases)
    j["cases"].push_back({{"id", c.id},
                          {"code", c.code},
                          {"title", c.title},
                          {"state", c.state},
                          {"state_label", c.state_label},
                          {"received_at", c.received_at},
                          {"closed_at", c.closed_at},
                          {"satisfaction", c.satisfaction}});
  return j.dump();
}

Result<Evidence> EvidenceFromJson(std::string_view text) {
  if (text.size() > (4u << 20)) return ResourceExhausted("证据数据过大");
  try {
    nlohmann::json j = nlohmann::json::parse(text);
    Evidence e;
    e.rule = j.value("rule", "");
    e.scanned = j.value("scanned", int64_t{0});
    e.matched = j.value("matched", int64_t{0});
    e.negative = j.value("negative", int64_t{0});
    e.neutral = j.value("neutral", int64_t{0});
    e.positive = j.value("positive", int64_t{0});
    for (const auto& it : j.at("items"))
      e.items.push_back({it.value("id", int64_t{0}), it.value("title", ""), it.value("outlet", ""),
                         it.value("snippet", ""), it.value("sentiment", ""), it.value("published_at", int64_t{0})});
    for (const auto& d : j.at("days"))
      e.days.push_back({d.value("date", ""), d.value("total", int64_t{0}), d.value("negative", int64_t{0}),
                        d.value("neutral", int64_t{0}), d.value("positive", int64_t{0})});
    for (const auto& ev : j.at("events"))
      e.events.push_back({ev.value("id", int64_t{0}), ev.value("title", ""), ev.value("first_seen", int64_t{0}),
                          ev.value("last_seen", int64_t{0}), ev.value("items", int64_t{0}),
                          ev.value("outlets", int64_t{0}), ev.value("negative", int64_t{0})});
    for (const auto& c : j.at("cases"))
      e.cases.push_back({c.value("id", int64_t{0}), c.value("code", ""), c.value("title", ""), c.value("state", ""),
                         c.value("state_label", ""), c.value("received_at", int64_t{0}),
                         c.value("closed_at", int64_t{0}), c.value("satisfaction", int64_t{0})});
    return e;
  } catch (const std::exception&) {
    return Corruption("保存的评估证据无法读取");
  }
}

}  // namespace minyi
