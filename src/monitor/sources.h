// Monitoring sources: the registry, their schedules, checkpoints and health,
// the runner that fetches them, file imports and the push-token registry.
//
// Contract:
//  - A source is one of four kinds: "rss" (RSS 0.9x/1.0/2.0 or Atom feed),
//    "page" (a watched list page whose new same-site links are fetched as
//    articles), "import" (JSON Lines / CSV uploads) and "push" (items posted
//    by another system with an API token).
//  - Checkpoints: a source remembers which item keys (guid, else URL) it has
//    delivered plus the feed's ETag / Last-Modified. The checkpoint advances
//    only after ItemSink::Ingest returned OK, in one transaction, so a crash
//    or restart resumes without losing items and without re-ingesting them.
//  - Politeness: every HTTP request carries a clear User-Agent, honours
//    robots.txt, uses conditional GET and keeps a minimum interval per host.
//    No login scraping and no evasion of anti-bot measures: a 401/403/429
//    answer is reported as an error and retried only on the next schedule.
//  - Privacy: items carry outlet, site and URL; author fields are dropped.
//  - Every change to the registry runs in one transaction with an audit row.
//
//  - Several processes: each runner takes a lease on a source in the store
//    before fetching it (monitor_sources.lease_owner/lease_until), so when
//    several `minyi serve` processes share one database a due source is
//    fetched by exactly one of them; a lease left by a dead process expires.
//
// Thread safety: SourceRunner is thread-safe; RunOnce on the same source from
// two threads is serialized. SourceRepo/PushTokenRepo hold references only and
// are as thread-safe as Database.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/env.h"
#include "common/status.h"
#include "monitor/item.h"
#include "store/audit.h"
#include "store/store.h"

namespace minyi {

class Fetcher;  // monitor/fetch.h

// Kinds of source; see the contract above.
bool IsValidSourceKind(std::string_view kind);
std::string_view SourceKindLabel(std::string_view kind);  // "RSS/Atom 订阅"

struct Source {
  int64_t id = 0;
  std::string name;                // unique, shown to staff
  std::string kind;                // rss, page, import, push
  std::string url;                 // feed or list page (rss, page)
  std::string outlet;              // outlet name put on items ("" = name)
  std::string item_kind = "news";  // RawItem::kind for its items
  int64_t interval_minutes = 60;   // schedule for rss/page
  bool enabled = true;
  UnixSeconds created_at = 0;
};

struct SourceHealth {
  UnixSeconds last_run_at = 0;
  UnixSeconds last_success_at = 0;
  UnixSeconds last_error_at = 0;
  std::string last_error;  // Chinese, "" when the last run succeeded
  UnixSeconds next_run_at = 0;
  int64_t items_today = 0;  // accepted items, China Standard Time day
  int64_t items_7days = 0;
  int64_t total_items = 0;
};

struct SourceWithHealth {
  Source source;
  SourceHealth health;
};

// Registry CRUD. Writes audit rows under `actor`.
class SourceRepo {
 public:
  SourceRepo(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<std::vector<SourceWithHealth>> List();
  Result<SourceWithHealth> Get(int64_t id);
  Result<Source> FindByName(const std::string& name);
  Result<int64_t> Create(const Actor& actor, const Source& source);
  Status Update(const Actor& actor, const Source& source);
  // Deletes the source, its checkpoint and its tokens; items stay stored.
  Status Delete(const Actor& actor, int64_t id);

 private:
  Database& db_;
  const Clock& clock_;
};

// Checks a source before it is stored (name, kind, URL scheme, interval).
Status ValidateSource(const Source& source);

struct PushToken {
  int64_t id = 0;
  std::string name;  // the integration, e.g. "12345 热线系统"
  int64_t source_id = 0;
  std::string prefix;  // first characters, so staff can tell tokens apart
  UnixSeconds created_at = 0;
  UnixSeconds last_used_at = 0;
  UnixSeconds revoked_at = 0;  // 0 while valid
};

struct NewPushToken {
  PushToken token;
  std::string secret;  // shown once; only its SHA-256 is stored
};

class PushTokenRepo {
 public:
  PushTokenRepo(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<std::vector<PushToken>> List();
  // source_id 0 creates a "push" source named after the integration.
  Result<NewPushToken> Create(const Actor& actor, const std::string& name, int64_t source_id);
  Status Revoke(const Actor& actor, int64_t id);
  // The valid token matching `secret`, or kUnauthenticated. Compares the
  // stored hash in constant time.
  Result<PushToken> Verify(std::string_view secret);

 private:
  Database& db_;
  const Clock& clock_;
};

struct SourceRunnerOptions {
  bool background = true;  // false: only RunOnce/RunDue (tests, CLI)
  int tick_seconds = 30;   // how often the thread looks for due sources
  std::string user_agent = "Minyi/0.1 (+organization contact)";
  int fetch_timeout_seconds = 20;
  size_t max_bytes = 8u << 20;  // per response
  int max_redirects = 5;
  int host_min_interval_seconds = 2;  // politeness per host
  int max_page_articles = 30;         // article fetches per page-source run
  // Null: libcurl. Tests inject a fetcher (or point at a local server).
  std::shared_ptr<Fetcher> fetcher;
  // Fetch lease (several processes on one store): who this runner is ("" =
  // a random id per runner) and how long a run may hold a source (0 = longer
  // than the longest possible run under the timeouts above). A process that
  // dies mid-run delays that source by at most this long.
  std::string instance_id;
  int lease_seconds = 0;
};

struct RunReport {
  int64_t source_id = 0;
  std::string source_name;
  bool not_modified = false;  // conditional GET answered 304
  int64_t fetched = 0;        // items found in the input
  int64_t new_items = 0;      // not seen before, handed to the sink
  IngestResult ingest;
  std::vector<std::string> errors;  // per-line / per-item problems, Chinese
  std::string message;              // one-line Chinese summary
};

// Data formats of imports.
enum class ImportFormat { kCsv, kJsonLines };

class SourceRunner {
 public:
  virtual ~SourceRunner() = default;
  // Fetches one source now (whatever its schedule) and delivers new items.
  // A fetch or parse failure is recorded in the source's health and returned.
  // kFailedPrecondition while another process is fetching it.
  virtual Result<RunReport> RunOnce(int64_t source_id) = 0;
  // Runs every enabled rss/page source whose next run is due and whose lease
  // it gets (sources another process is running are left to it).
  virtual Result<std::vector<RunReport>> RunDue() = 0;
  // Imports a CSV or JSON Lines file into a source (0: no source). Bad lines
  // are reported with line numbers; good lines are still imported.
  virtual Result<RunReport> Import(int64_t source_id, std::string_view data, ImportFormat format) = 0;
  // Delivers items posted through the push API for `token`.
  virtual Result<RunReport> Push(const PushToken& token, std::vector<RawItem> items) = 0;
  // Stops the background thread (idempotent; also done by the destructor).
  virtual void Stop() = 0;
};

Result<std::shared_ptr<SourceRunner>> StartSourceRunner(Store& store, const Clock& clock, ItemSink& sink,
                                                        const SourceRunnerOptions& options);

}  // namespace minyi
