// SourceRunner: schedules sources, fetches them politely and delivers only
// new items to the sink, advancing each checkpoint after the sink said OK.
#include "monitor/sources.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "common/crypto.h"
#include "monitor/feed.h"
#include "monitor/fetch.h"
#include "monitor/html_text.h"
#include "monitor/import.h"
#include "monitor/page_extract.h"
#include "monitor/source_internal.h"

namespace minyi {
namespace {

using monitor_internal::Checkpoint;
using monitor_internal::ItemKey;
using monitor_internal::RunOutcome;

constexpr size_t kIngestChunk = 1000;

std::string HostOf(const std::string& url) {
  auto p = ParseHttpUrl(url);
  return p.ok() ? p->host : "";
}

// Keeps only items the source has not delivered yet (and the first of
// repeated keys inside one input).
Result<std::vector<RawItem>> OnlyNew(Database& db, int64_t source_id, std::vector<RawItem> items,
                                     std::vector<std::string>* keys) {
  std::vector<std::string> all;
  for (const RawItem& it : items) all.push_back(ItemKey(it));
  std::vector<bool> seen(all.size(), false);
  if (source_id != 0) {
    MINYI_ASSIGN_OR_RETURN(seen, monitor_internal::SeenKeys(db, source_id, all));
  }
  std::vector<RawItem> fresh;
  std::map<std::string, bool> taken;
  for (size_t i = 0; i < items.size(); ++i) {
    if (seen[i] || !taken.emplace(all[i], true).second) continue;
    fresh.push_back(std::move(items[i]));
    keys->push_back(all[i]);
  }
  return fresh;
}

class Runner final : public SourceRunner {
 public:
  Runner(Store& store, const Clock& clock, ItemSink& sink, SourceRunnerOptions options)
      : store_(store), clock_(clock), sink_(sink), options_(std::move(options)) {
    std::shared_ptr<Fetcher> inner = options_.fetcher;
    if (!inner) {
      FetchOptions fo;
      fo.user_agent = options_.user_agent;
      fo.timeout_seconds = options_.fetch_timeout_seconds;
      fo.max_bytes = options_.max_bytes;
      fo.max_redirects = options_.max_redirects;
      inner = MakeCurlFetcher(fo);
    }
    PolitenessOptions po;
    po.host_min_interval_seconds = options_.host_min_interval_seconds;
    fetcher_ = std::make_unique<PoliteFetcher>(std::move(inner), clock_, po);
    owner_ = options_.instance_id.empty() ? RandomHex(8) : options_.instance_id;
    // Every request of a run is bounded by the fetch timeout plus the host
    // interval: the list or feed, robots.txt and up to max_page_articles.
    lease_seconds_ =
        options_.lease_seconds > 0
            ? options_.lease_seconds
            : (options_.max_page_articles + 3) * (options_.fetch_timeout_seconds + options_.host_min_interval_seconds) +
                  300;
    if (options_.background) thread_ = std::thread([this] { Loop(); });
  }

  ~Runner() override { Stop(); }

  void Stop() override {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  Result<RunReport> RunOnce(int64_t source_id) override {
    MINYI_ASSIGN_OR_RETURN(std::optional<RunReport> report, RunLeased(source_id, false));
    return std::move(*report);
  }

  Result<std::vector<RunReport>> RunDue() override {
    MINYI_ASSIGN_OR_RETURN(std::vector<int64_t> ids, monitor_internal::DueSources(store_.db(), clock_.Now()));
    std::vector<RunReport> reports;
    for (int64_t id : ids) {
      if (Stopping()) break;
      auto r = RunLeased(id, true);
      if (r.ok() && !r->has_value()) continue;  // another process has it or has just run it
      if (r.ok()) {
        reports.push_back(std::move(**r));
      } else {
        RunReport failed;
        failed.source_id = id;
        failed.message = r.status().message();
        failed.errors.push_back(r.status().message());
        reports.push_back(std::move(failed));
      }
    }
    return reports;
  }

  Result<RunReport> Import(int64_t source_id, std::string_view data, ImportFormat format) override {
    Source source;
    source.name = "文件导入";
    source.item_kind = "other";
    if (source_id != 0) {
      MINYI_ASSIGN_OR_RETURN(SourceWithHealth s, SourceRepo(store_.db(), clock_).Get(source_id));
      if (s.source.kind != "import") return InvalidArgument("只能导入到“文件导入”类型的信息源");
      source = s.source;
    }
    MINYI_ASSIGN_OR_RETURN(ImportParse parsed,
                           format == ImportFormat::kCsv ? ParseCsvImport(data) : ParseJsonLinesImport(data));
    RunReport report;
    report.source_id = source_id;
    report.source_name = source.name;
    report.fetched = parsed.records;
    for (const ImportLineError& e : parsed.errors) {
      report.errors.push_back("第 " + std::to_string(e.line) + " 行：" + e.message);
    }
    if (parsed.error_count > static_cast<int64_t>(parsed.errors.size())) {
      report.errors.push_back("另有 " + std::to_string(parsed.error_count - parsed.errors.size()) + " 行有错误未列出");
    }
    if (!parsed.dropped_columns.empty()) {
      std::string cols;
      for (const std::string& c : parsed.dropped_columns) cols += (cols.empty() ? "" : "、") + c;
      report.errors.push_back("以下列涉及个人信息，已忽略：" + cols);
    }
    for (RawItem& it : parsed.items) Stamp(source, &it);
    MINYI_RETURN_IF_ERROR(Deliver(source, std::move(parsed.items), std::nullopt, 0, &report));
    report.message = "读取 " + std::to_string(parsed.records) + " 行，新增 " + std::to_string(report.ingest.accepted) +
                     " 条，" + std::to_string(parsed.error_count) + " 行有错误";
    return report;
  }

  Result<RunReport> Push(const PushToken& token, std::vector<RawItem> items) override {
    MINYI_ASSIGN_OR_RETURN(SourceWithHealth s, SourceRepo(store_.db(), clock_).Get(token.source_id));
    if (!s.source.enabled) return FailedPrecondition("该信息源已停用");
    RunReport report;
    report.source_id = s.source.id;
    report.source_name = s.source.name;
    report.fetched = static_cast<int64_t>(items.size());
    for (RawItem& it : items) Stamp(s.source, &it);
    MINYI_RETURN_IF_ERROR(Deliver(s.source, std::move(items), std::nullopt, 0, &report));
    report.message =
        "收到 " + std::to_string(report.fetched) + " 条，新增 " + std::to_string(report.ingest.accepted) + " 条";
    return report;
  }

 private:
  // Runs one source under its lease. `scheduled`: only while still due, and
  // nullopt (not an error) when another process holds or has just run it.
  Result<std::optional<RunReport>> RunLeased(int64_t source_id, bool scheduled) {
    std::mutex* source_mu;
    {
      std::lock_guard lock(mu_);
      auto& slot = source_locks_[source_id];
      if (!slot) slot = std::make_unique<std::mutex>();
      source_mu = slot.get();
    }
    std::lock_guard run_lock(*source_mu);
    MINYI_ASSIGN_OR_RETURN(SourceWithHealth s, SourceRepo(store_.db(), clock_).Get(source_id));
    if (s.source.kind != "rss" && s.source.kind != "page") {
      return FailedPrecondition("“" + std::string(SourceKindLabel(s.source.kind)) + "”类信息源不需要抓取");
    }
    UnixSeconds now = clock_.Now();
    MINYI_ASSIGN_OR_RETURN(
        bool mine, monitor_internal::TakeLease(store_.db(), source_id, owner_, now, now + lease_seconds_, scheduled));
    if (!mine && scheduled) return std::optional<RunReport>();
    if (!mine) return FailedPrecondition("另一个 Minyi 进程正在抓取该信息源，请稍后查看结果");
    RunReport report;
    report.source_id = source_id;
    report.source_name = s.source.name;
    UnixSeconds next = now + s.source.interval_minutes * 60;
    Status st = s.source.kind == "rss" ? RunFeed(s.source, next, &report) : RunPage(s.source, next, &report);
    if (!st.ok()) {
      Status recorded = monitor_internal::RecordFailure(store_.db(), clock_, source_id, st.message(), next);
      (void)recorded;  // the run's own error is what the caller needs
    }
    // Best effort: a lease that cannot be freed now expires by itself.
    Status released = monitor_internal::ReleaseLease(store_.db(), source_id, owner_);
    (void)released;
    if (!st.ok()) return st;
    return std::optional<RunReport>(std::move(report));
  }

  bool Stopping() {
    std::lock_guard lock(mu_);
    return stopping_;
  }

  void Loop() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      cv_.wait_for(lock, std::chrono::seconds(std::max(1, options_.tick_seconds)));
      if (stopping_) break;
      lock.unlock();
      auto reports = RunDue();  // failures are recorded in each source's health
      (void)reports;
      lock.lock();
    }
  }

  // Source-level defaults for fields the input left empty; author fields do
  // not exist on RawItem, so nothing personal can pass through.
  void Stamp(const Source& source, RawItem* it) {
    it->source_id = source.id;
    if (it->outlet.empty()) it->outlet = source.outlet.empty() ? source.name : source.outlet;
    if (it->kind.empty()) it->kind = source.item_kind;
    if (it->site.empty()) it->site = HostOf(it->url.empty() ? source.url : it->url);
    if (it->fetched_at == 0) it->fetched_at = clock_.Now();
  }

  // Hands new items to the sink in chunks; after each chunk the sink
  // accepted, that chunk's keys join the checkpoint. The validators (ETag)
  // are stored only with the last chunk, so an interrupted run re-fetches.
  Status Deliver(const Source& source, std::vector<RawItem> items, std::optional<Checkpoint> validators,
                 UnixSeconds next_run_at, RunReport* report) {
    std::vector<std::string> keys;
    MINYI_ASSIGN_OR_RETURN(std::vector<RawItem> fresh, OnlyNew(store_.db(), source.id, std::move(items), &keys));
    report->new_items = static_cast<int64_t>(fresh.size());
    return sink_.IngestChunks(fresh, kIngestChunk, [&](size_t start, size_t end, const IngestResult& got) -> Status {
      report->ingest.accepted += got.accepted;
      report->ingest.duplicates += got.duplicates;
      report->ingest.skipped += got.skipped;
      report->errors.insert(report->errors.end(), got.errors.begin(), got.errors.end());
      if (source.id == 0) return Status::Ok();
      RunOutcome outcome;
      outcome.delivered_keys.assign(keys.begin() + start, keys.begin() + end);
      outcome.accepted = got.accepted + got.duplicates;
      if (end == fresh.size()) outcome.validators = validators;
      outcome.next_run_at = next_run_at != 0 ? next_run_at : clock_.Now();
      return monitor_internal::CommitRun(store_.db(), clock_, source.id, outcome);
    });
  }

  Result<FetchResponse> FetchOk(const FetchRequest& req) {
    MINYI_ASSIGN_OR_RETURN(FetchResponse resp, fetcher_->Fetch(req));
    if (resp.status == 304 || (resp.status >= 200 && resp.status < 300)) return resp;
    if (resp.status == 401 || resp.status == 403) {
      return PermissionDenied("网站拒绝访问（HTTP " + std::to_string(resp.status) + "），不会尝试绕过：" + req.url);
    }
    if (resp.status == 429) return RateLimited("网站要求降低抓取频率（HTTP 429），下次按计划再试");
    return Unavailable("网站返回 HTTP " + std::to_string(resp.status) + "：" + req.url);
  }

  Status RunFeed(const Source& source, UnixSeconds next, RunReport* report) {
    MINYI_ASSIGN_OR_RETURN(Checkpoint cp, monitor_internal::LoadCheckpoint(store_.db(), source.id));
    MINYI_ASSIGN_OR_RETURN(FetchResponse resp, FetchOk({source.url, cp.etag, cp.last_modified}));
    if (resp.not_modified()) {
      report->not_modified = true;
      report->message = "订阅源没有更新（HTTP 304）";
      RunOutcome outcome;
      outcome.next_run_at = next;
      return monitor_internal::CommitRun(store_.db(), clock_, source.id, outcome);
    }
    FeedLimits limits;
    limits.max_bytes = options_.max_bytes;
    MINYI_ASSIGN_OR_RETURN(Feed feed, ParseFeed(resp.body, resp.Charset(), resp.final_url, limits));
    std::vector<RawItem> items;
    for (FeedEntry& e : feed.entries) {
      RawItem it;
      it.external_id = !e.id.empty() ? e.id : e.link;
      it.url = std::move(e.link);
      it.title = std::move(e.title);
      it.text = std::move(e.text);
      it.published_at = e.published_at;
      if (it.title.empty() && it.text.empty()) continue;
      Stamp(source, &it);
      items.push_back(std::move(it));
    }
    report->fetched = static_cast<int64_t>(items.size());
    for (const std::string& w : feed.warnings) report->errors.push_back(w);
    MINYI_RETURN_IF_ERROR(Deliver(source, std::move(items), Checkpoint{resp.etag, resp.last_modified}, next, report));
    report->message =
        "读取 " + std::to_string(report->fetched) + " 条，新增 " + std::to_string(report->ingest.accepted) + " 条";
    return Status::Ok();
  }

  Status RunPage(const Source& source, UnixSeconds next, RunReport* report) {
    MINYI_ASSIGN_OR_RETURN(FetchResponse list, FetchOk({source.url, "", ""}));
    std::string html = DecodeHtml(list.body, list.Charset());
    MINYI_ASSIGN_OR_RETURN(std::vector<PageLink> links, ExtractLinks(html, list.final_url));
    std::vector<RawItem> candidates;
    for (const PageLink& l : links) {
      RawItem it;
      it.source_id = source.id;
      it.url = l.url;
      it.external_id = l.url;
      it.title = l.text;
      candidates.push_back(std::move(it));
    }
    std::vector<std::string> keys;
    MINYI_ASSIGN_OR_RETURN(std::vector<RawItem> fresh, OnlyNew(store_.db(), source.id, std::move(candidates), &keys));
    report->fetched = static_cast<int64_t>(links.size());
    std::vector<RawItem> articles;
    for (RawItem& it : fresh) {
      if (static_cast<int>(articles.size()) >= options_.max_page_articles || Stopping()) break;
      auto page = FetchOk({it.url, "", ""});
      if (!page.ok()) {
        report->errors.push_back(page.status().message());
        continue;
      }
      auto article = ExtractArticle(DecodeHtml(page->body, page->Charset()));
      if (!article.ok()) {
        report->errors.push_back(it.url + "：" + article.status().message());
        continue;
      }
      if (!article->title.empty()) it.title = article->title;
      it.text = article->text;
      it.published_at = article->published_at;
      Stamp(source, &it);
      articles.push_back(std::move(it));
    }
    MINYI_RETURN_IF_ERROR(Deliver(source, std::move(articles), std::nullopt, next, report));
    report->message =
        "发现 " + std::to_string(links.size()) + " 个链接，新增 " + std::to_string(report->ingest.accepted) + " 篇";
    return Status::Ok();
  }

  Store& store_;
  const Clock& clock_;
  ItemSink& sink_;
  SourceRunnerOptions options_;
  std::unique_ptr<PoliteFetcher> fetcher_;
  std::string owner_;  // this runner's lease owner id
  int64_t lease_seconds_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::map<int64_t, std::unique_ptr<std::mutex>> source_locks_;
  std::thread thread_;
};

}  // namespace

Result<std::shared_ptr<SourceRunner>> StartSourceRunner(Store& store, const Clock& clock, ItemSink& sink,
                                                        const SourceRunnerOptions& options) {
  return std::shared_ptr<SourceRunner>(std::make_shared<Runner>(store, clock, sink, options));
}

}  // namespace minyi
