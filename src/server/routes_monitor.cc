// API of the monitor: item search and detail, sentiment corrections, topics
// (方案) with preview, events, dashboard and the retention setting. Sources
// and imports are in routes_monitor_sources.cc.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "monitor/alert_policy.h"
#include "monitor/inbox.h"
#include "monitor/pipeline.h"
#include "monitor/sources.h"
#include "server/api.h"
#include "server/monitor_module.h"

namespace minyi {
namespace {

const std::set<Role> kReaders = {Role::kAdmin, Role::kLeader, Role::kEditor, Role::kReviewer, Role::kHandler};
const std::set<Role> kEditors = {Role::kAdmin, Role::kEditor};

Result<Pipeline*> GetPipeline(ApiCall& c) {
  MonitorModule* m = c.services->monitor;
  auto* p = m ? dynamic_cast<Pipeline*>(m->pipeline.get()) : nullptr;
  if (!p || !p->items()) return Unavailable("监测模块未启动");
  return p;
}

// "2026-11-23", an ISO time or unix seconds; "" gives fallback.
Result<int64_t> TimeParam(ApiCall& c, const std::string& key, int64_t fallback) {
  std::string v = c.QueryParam(key);
  if (v.empty()) return fallback;
  if (std::all_of(v.begin(), v.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) && v.size() <= 12) {
    return static_cast<int64_t>(std::stoll(v));
  }
  auto t = ParseIsoUtc(v);
  if (!t.ok()) return InvalidArgument("时间参数 " + key + " 格式不正确（应为 2026-11-23 或 2026-11-23T08:00:00Z）");
  return *t;
}

Json ItemJson(const ItemRow& it) {
  return Json{{"id", it.id},
              {"source_id", it.source_id},
              {"outlet", it.outlet},
              {"site", it.site},
              {"kind", it.kind},
              {"url", it.url},
              {"title", it.title},
              {"snippet", it.snippet},
              {"published_at", FormatIsoUtc(it.published_at)},
              {"sentiment", it.sentiment},
              {"sentiment_score", it.sentiment_score},
              {"sentiment_corrected", it.sentiment_corrected},
              {"dup_of", it.dup_of > 0 ? Json(it.dup_of) : Json(nullptr)},
              {"dup_reason", it.dup_reason},
              {"copies", it.copies},
              {"event_id", it.event_id > 0 ? Json(it.event_id) : Json(nullptr)},
              {"topic_ids", it.topic_ids},
              {"keywords", it.keywords}};
}

Json EventJson(const EventRow& e) {
  return Json{{"id", e.id},
              {"title", e.title},
              {"first_item_id", e.first_item_id},
              {"first_outlet", e.first_outlet},
              {"first_seen", FormatIsoUtc(e.first_seen)},
              {"last_seen", FormatIsoUtc(e.last_seen)},
              {"item_count", e.item_count},
              {"story_count", e.story_count},
              {"outlet_count", e.outlet_count},
              {"sentiment", {{"negative", e.negative}, {"neutral", e.neutral}, {"positive", e.positive}}},
              {"keywords", e.keywords},
              {"heat", e.heat}};
}

Result<Reply> SearchItems(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Pipeline * p, GetPipeline(c));
  ItemQuery q;
  q.text = c.QueryParam("q");
  if (q.text.size() > 400) return InvalidArgument("检索词过长（最多 400 字节）");
  q.topic_id = c.QueryInt("topic_id", 0, 0, INT64_MAX);
  q.source_id = c.QueryInt("source_id", 0, 0, INT64_MAX);
  q.event_id = c.QueryInt("event_id", 0, 0, INT64_MAX);
  q.outlet = c.QueryParam("outlet");
  q.kind = c.QueryParam("kind");
  q.sentiment = c.QueryParam("sentiment");
  q.include_copies = c.QueryParam("copies", "1") != "0";
  MINYI_ASSIGN_OR_RETURN(q.from, TimeParam(c, "from", 0));
  MINYI_ASSIGN_OR_RETURN(q.to, TimeParam(c, "to", 0));
  q.limit = static_cast<size_t>(c.QueryInt("limit", 20, 1, 200));
  q.offset = static_cast<size_t>(c.QueryInt("offset", 0, 0, 100000));
  MINYI_ASSIGN_OR_RETURN(ItemPage page, p->items()->Search(q));
  Json items = Json::array();
  for (const ItemRow& it : page.items) items.push_back(ItemJson(it));
  return JsonReply({{"items", items}, {"total", page.total}, {"exhaustive", page.exhaustive}});
}

Result<Reply> GetItem(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Pipeline * p, GetPipeline(c));
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(ItemDetail d, p->items()->Get(id));
  Json j = ItemJson(d.item);
  j["body"] = d.body;
  Json copies = Json::array();
  for (const ItemRow& it : d.copies) copies.push_back(ItemJson(it));
  j["copies"] = copies;
  return JsonReply(j);
}

Result<Reply> CorrectSentiment(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Pipeline * p, GetPipeline(c));
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(std::string label, RequireString(body, "label", 32));
  auto parsed = ParseSentimentLabel(label);
  if (!parsed.ok()) return InvalidArgument("情感标签只能是 negative（负面）、neutral（中性）或 positive（正面）");
  MINYI_RETURN_IF_ERROR(p->items()->CorrectSentiment(c.actor(), id, *parsed));
  MINYI_ASSIGN_OR_RETURN(ItemDetail d, p->items()->Get(id));
  return JsonReply(ItemJson(d.item));
}

Result<Reply> ExportCorrections(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Pipeline * p, GetPipeline(c));
  MINYI_ASSIGN_OR_RETURN(std::string tsv, p->items()->ExportCorrectionsTsv());
  Reply r;
  r.raw = tsv;
  r.content_type = "text/tab-separated-values; charset=utf-8";
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"sentiment-corrections.tsv\"");
  return r;
}

Json TopicJson(const Topic& t) {
  Json j{{"id", t.id},
         {"name", t.name},
         {"mode", t.mode},
         {"expression", t.expression},
         {"regions", t.scheme.regions},
         {"subjects", t.scheme.subjects},
         {"events", t.scheme.events},
         {"excludes", t.scheme.excludes},
         {"active", t.active},
         {"updated_at", FormatIsoUtc(t.updated_at)}};
  auto described = ValidateTopic(t);
  j["reads_as"] = described.ok() ? *described : "";
  return j;
}

Result<std::vector<std::string>> WordList(const Json& body, const char* key) {
  std::vector<std::string> out;
  if (!body.contains(key) || body[key].is_null()) return out;
  const Json& v = body[key];
  if (v.is_string()) {
    // One string: split on the separators the 方案 text form uses.
    auto scheme = ParseRuleScheme("事件词：" + v.get<std::string>());
    if (!scheme.ok()) return scheme.status();
    return scheme->events;
  }
  if (!v.is_array()) return InvalidArgument(std::string("字段 ") + key + " 应为字符串数组");
  if (v.size() > 200) return ResourceExhausted(std::string("字段 ") + key + " 的词过多（最多 200 个）");
  for (const Json& w : v) {
    if (!w.is_string()) return InvalidArgument(std::string("字段 ") + key + " 应为字符串数组");
    std::string s = w.get<std::string>();
    if (s.size() > 200) return InvalidArgument(std::string("字段 ") + key + " 中有过长的词");
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

Result<Topic> TopicFromJson(const Json& body) {
  Topic t;
  MINYI_ASSIGN_OR_RETURN(t.name, RequireString(body, "name", 200));
  t.mode = OptionalString(body, "mode", "scheme");
  t.expression = OptionalString(body, "expression");
  if (t.expression.size() > 8192) return ResourceExhausted("表达式过长（最多 8192 字节）");
  MINYI_ASSIGN_OR_RETURN(t.scheme.regions, WordList(body, "regions"));
  MINYI_ASSIGN_OR_RETURN(t.scheme.subjects, WordList(body, "subjects"));
  MINYI_ASSIGN_OR_RETURN(t.scheme.events, WordList(body, "events"));
  MINYI_ASSIGN_OR_RETURN(t.scheme.excludes, WordList(body, "excludes"));
  MINYI_ASSIGN_OR_RETURN(t.active, OptionalBool(body, "active", true));
  return t;
}

Result<Reply> ListTopics(ApiCall& c) {
  TopicRepo repo(c.services->store->db(), *c.services->clock);
  MINYI_ASSIGN_OR_RETURN(std::vector<Topic> list, repo.List(false));
  Json out = Json::array();
  for (const Topic& t : list) out.push_back(TopicJson(t));
  return JsonReply({{"topics", out}});
}

Result<Reply> CreateTopic(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Pipeline * p, GetPipeline(c));
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Topic t, TopicFromJson(body));
  TopicRepo repo(c.services->store->db(), *c.services->clock);
  MINYI_ASSIGN_OR_RETURN(int64_t id, repo.Create(c.actor(), t));
  MINYI_RETURN_IF_ERROR(p->ReloadTopics());
  MINYI_ASSIGN_OR_RETURN(Topic stored, repo.Get(id));
  return JsonReply(TopicJson(stored), 201);
}

Result<Reply> UpdateTopic(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Pipeline * p, GetPipeline(c));
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(Topic t, TopicFromJson(body));
  t.id = id;
  TopicRepo repo(c.services->store->db(), *c.services->clock);
  MINYI_RETURN_IF_ERROR(repo.Update(c.actor(), t));
  MINYI_RETURN_IF_ERROR(p->ReloadTopics());
  MINYI_ASSIGN_OR_RETURN(Topic stored, repo.Get(id));
  return JsonReply(TopicJson(stored));
}

Result<Reply> DeleteTopic(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Pipeline * p, GetPipeline(c));
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  TopicRepo repo(c.services->store->db(), *c.services->clock);
  MINYI_RETURN_IF_ERROR(repo.Delete(c.actor(), id));
  MINYI_RETURN_IF_ERROR(p->ReloadTopics());
  return JsonReply(Json::object());
}

Result<Reply> PreviewTopicRoute(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  Json with_name = body;
  if (!with_name.contains("name")) with_name["name"] = "预览";
  MINYI_ASSIGN_OR_RETURN(Topic t, TopicFromJson(with_name));
  MINYI_ASSIGN_OR_RETURN(std::string reads_as, ValidateTopic(t));
  MINYI_ASSIGN_OR_RETURN(TopicPreview pv, PreviewTopic(c.services->store->db(), t));
  Json hits = Json::array();
  for (const PreviewHit& h : pv.hits) {
    hits.push_back({{"item_id", h.item_id},
                    {"title", h.title},
                    {"outlet", h.outlet},
                    {"published_at", FormatIsoUtc(h.published_at)},
                    {"snippet", h.snippet}});
  }
  return JsonReply({{"reads_as", reads_as}, {"scanned", pv.scanned}, {"matched", pv.matched}, {"hits", hits}});
}

Result<Reply> ListEventsRoute(ApiCall& c) {
  EventQuery q;
  q.text = c.QueryParam("q");
  q.sort = c.QueryParam("sort", "heat");
  if (q.sort != "heat" && q.sort != "recent" && q.sort != "size")
    return InvalidArgument("排序只能是 heat、recent 或 size");
  MINYI_ASSIGN_OR_RETURN(q.from, TimeParam(c, "from", 0));
  MINYI_ASSIGN_OR_RETURN(q.to, TimeParam(c, "to", 0));
  q.limit = static_cast<size_t>(c.QueryInt("limit", 20, 1, 200));
  q.offset = static_cast<size_t>(c.QueryInt("offset", 0, 0, 1800));
  MINYI_ASSIGN_OR_RETURN(EventPage page, ListEvents(c.services->store->db(), q, c.services->clock->Now()));
  Json events = Json::array();
  for (const EventRow& e : page.events) events.push_back(EventJson(e));
  return JsonReply({{"events", events}, {"total", page.total}});
}

Result<Reply> GetEvent(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(int64_t id, c.PathId());
  MINYI_ASSIGN_OR_RETURN(EventDetail d, GetEventDetail(c.services->store->db(), id, c.services->clock->Now()));
  Json j = EventJson(d.event);
  j["bucket_seconds"] = d.bucket_seconds;
  Json timeline = Json::array();
  for (const TimelineBucket& b : d.timeline) {
    timeline.push_back({{"start", FormatIsoUtc(b.start)}, {"items", b.items}, {"negative", b.negative}});
  }
  j["timeline"] = timeline;
  Json outlets = Json::array();
  for (const OutletCount& o : d.outlets) {
    outlets.push_back({{"outlet", o.outlet}, {"items", o.items}, {"first_seen", FormatIsoUtc(o.first_seen)}});
  }
  j["outlets"] = outlets;
  return JsonReply(j);
}

Json CountsJson(const std::vector<CountBy>& v, const char* key_name) {
  Json out = Json::array();
  for (const CountBy& c : v) out.push_back({{key_name, c.key}, {"count", c.count}});
  return out;
}

Result<Reply> MonitorDashboard(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Pipeline * p, GetPipeline(c));
  int64_t now = c.services->clock->Now();
  int64_t days = c.QueryInt("days", 7, 1, 366);
  MINYI_ASSIGN_OR_RETURN(int64_t to, TimeParam(c, "to", now + 1));
  MINYI_ASSIGN_OR_RETURN(int64_t from, TimeParam(c, "from", to - days * 86400));
  if (from >= to) return InvalidArgument("开始时间应早于结束时间");
  if (to - from > 366 * 86400) return InvalidArgument("统计区间最长一年");
  int64_t topic_id = c.QueryInt("topic_id", 0, 0, INT64_MAX);
  MINYI_ASSIGN_OR_RETURN(DashboardStats s, p->items()->Dashboard(from, to, topic_id));
  Json trend = Json::array();
  for (const DayCount& d : s.trend) {
    trend.push_back({{"day", FormatIsoUtc(d.day + 8 * 3600).substr(0, 10)},
                     {"total", d.total},
                     {"negative", d.negative},
                     {"neutral", d.neutral},
                     {"positive", d.positive}});
  }
  Json events = Json::array();
  for (const EventRow& e : s.top_events) events.push_back(EventJson(e));
  return JsonReply({{"from", FormatIsoUtc(from)},
                    {"to", FormatIsoUtc(to)},
                    {"items", s.items},
                    {"stories", s.stories},
                    {"negative", s.negative},
                    {"events", s.events},
                    {"trend", trend},
                    {"sentiment", CountsJson(s.sentiment, "label")},
                    {"kinds", CountsJson(s.kinds, "kind")},
                    {"outlets", CountsJson(s.outlets, "outlet")},
                    {"hot_words", CountsJson(s.hot_words, "word")},
                    {"top_events", events}});
}

Result<Reply> GetSettings(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Pipeline * p, GetPipeline(c));
  MINYI_ASSIGN_OR_RETURN(int64_t days, p->items()->RetentionDays());
  Pipeline::Stats st = p->stats();
  return JsonReply({{"retention_days", days},
                    {"index_stories", st.index_stories},
                    {"index_bytes", st.index_bytes},
                    {"open_events", st.open_events}});
}

Result<Reply> PutSettings(ApiCall& c) {
  MINYI_ASSIGN_OR_RETURN(Pipeline * p, GetPipeline(c));
  MINYI_ASSIGN_OR_RETURN(Json body, c.JsonBody());
  MINYI_ASSIGN_OR_RETURN(int64_t days, OptionalInt(body, "retention_days", 0));
  MINYI_RETURN_IF_ERROR(p->items()->SetRetentionDays(c.actor(), days));
  return GetSettings(c);
}

// Alerts for rule hits, new/hotter events and spikes: the pipeline reports
// each committed batch, the shared alert policy (monitor/alert_policy.h
// AlertRunner) decides, records and queues the alerts for the notify
// channels. Alerting problems never fail an ingest: the items are already
// stored.
std::vector<AlertObservation> Observations(const std::vector<PipelineNotice>& notices) {
  std::vector<AlertObservation> batch;
  batch.reserve(notices.size());
  for (const PipelineNotice& n : notices) {
    AlertObservation o;
    o.item_id = n.item_id;
    o.topic_ids = n.topic_ids;
    o.sentiment = n.sentiment;
    o.title = n.title;
    o.event_id = n.event_id;
    o.event_title = n.event_title;
    o.event_heat = n.event_heat;
    o.new_event = n.new_event;
    o.duplicate = n.duplicate;
    batch.push_back(std::move(o));
  }
  return batch;
}

std::function<void(const std::vector<PipelineNotice>&)> HookFor(std::shared_ptr<AlertRunner> alerts) {
  return [alerts = std::move(alerts)](const std::vector<PipelineNotice>& n) {
    if (auto r = alerts->Observe(Observations(n)); !r.ok()) {
      spdlog::warn("监测提醒判定失败（信息已入库）：{}", r.status().ToString());
    }
  };
}

}  // namespace

std::function<void(const std::vector<PipelineNotice>&)> MonitorAlertHook(Store& store, const Clock& clock) {
  return HookFor(std::make_shared<AlertRunner>(store, clock));
}

Result<std::shared_ptr<MonitorModule>> StartMonitorModule(Services& s) {
  auto m = std::make_shared<MonitorModule>();
  PipelineOptions options;
  auto alerts = std::make_shared<AlertRunner>(*s.store, *s.clock);
  options.on_notices = HookFor(alerts);
  MINYI_ASSIGN_OR_RETURN(std::unique_ptr<Pipeline> pipeline, Pipeline::Create(*s.store, *s.clock, options));
  m->pipeline = std::shared_ptr<ItemSink>(std::move(pipeline));
  m->ingest = MakeIngestRouter(*s.store, *s.clock, m->pipeline);  // several processes on PostgreSQL
  MINYI_ASSIGN_OR_RETURN(m->sources, StartSourceRunner(*s.store, *s.clock, *m->ingest, SourceRunnerOptions{}));
  const char* tick = std::getenv("MINYI_ALERT_TICK_MS");
  if (tick == nullptr || std::string(tick) != "off") {
    // Held alerts (quiet hours, minimum interval) leave when their time
    // comes, not only when the next item arrives.
    int ms = tick ? std::clamp(std::atoi(tick), 50, 3600000) : 60000;
    m->alert_ticker =
        std::make_unique<PeriodicTask>(std::chrono::milliseconds(ms), PeriodicTask::First::kAfterInterval, [alerts] {
          if (auto r = alerts->Tick(); !r.ok()) spdlog::warn("监测提醒定时发送失败：{}", r.status().ToString());
        });
  }
  return m;
}

std::vector<Route> MonitorRoutes() {
  return {
      {"GET", "/api/v1/monitor/items", Access::Only(kReaders), SearchItems, "检索监测信息"},
      {"GET", "/api/v1/monitor/items/{id}", Access::Only(kReaders), GetItem, "监测信息详情"},
      {"PUT", "/api/v1/monitor/items/{id}/sentiment", Access::Only(kEditors), CorrectSentiment, "更正情感倾向"},
      {"GET", "/api/v1/monitor/sentiment-corrections", Access::Only(kEditors), ExportCorrections,
       "导出情感更正（训练用 TSV）"},
      {"GET", "/api/v1/monitor/topics", Access::Only(kReaders), ListTopics, "监测方案列表"},
      {"POST", "/api/v1/monitor/topics", Access::Only(kEditors), CreateTopic, "新建监测方案"},
      {"PUT", "/api/v1/monitor/topics/{id}", Access::Only(kEditors), UpdateTopic, "修改监测方案"},
      {"DELETE", "/api/v1/monitor/topics/{id}", Access::Only(kEditors), DeleteTopic, "删除监测方案"},
      {"POST", "/api/v1/monitor/topics/preview", Access::Only(kEditors), PreviewTopicRoute, "预览监测方案命中"},
      {"GET", "/api/v1/monitor/events", Access::Only(kReaders), ListEventsRoute, "事件列表"},
      {"GET", "/api/v1/monitor/events/{id}", Access::Only(kReaders), GetEvent, "事件详情"},
      {"GET", "/api/v1/monitor/dashboard", Access::Only(kReaders), MonitorDashboard, "监测概览"},
      {"GET", "/api/v1/monitor/settings", Access::Only(kReaders), GetSettings, "监测设置"},
      {"PUT", "/api/v1/monitor/settings", Access::Only({Role::kAdmin}), PutSettings, "修改监测设置（保留期限）"},
  };
}

}  // namespace minyi
