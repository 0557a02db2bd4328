// libcurl fetcher and the politeness wrapper (robots.txt, per-host interval).
#include "monitor/fetch.h"

#include <curl/curl.h>

#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "monitor/html_text.h"

namespace minyi {
namespace {

using monitor_internal::LowerAscii;

struct Receive {
  std::string* body;
  size_t max_bytes;
  bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* r = static_cast<Receive*>(user);
  size_t len = size * n;
  if (r->body->size() + len > r->max_bytes) {
    r->too_large = true;
    return 0;  // aborts the transfer
  }
  r->body->append(data, len);
  return len;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* resp = static_cast<FetchResponse*>(user);
  std::string_view line(data, size * n);
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    // A new status line (after a redirect) starts a fresh header set.
    if (line.rfind("HTTP/", 0) == 0) resp->etag.clear(), resp->last_modified.clear();
    return size * n;
  }
  std::string key = LowerAscii(line.substr(0, colon));
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
    value.remove_suffix(1);
  if (value.size() > 1000) return size * n;
  if (key == "etag") resp->etag = std::string(value);
  if (key == "last-modified") resp->last_modified = std::string(value);
  return size * n;
}

class CurlFetcher final : public Fetcher {
 public:
  explicit CurlFetcher(FetchOptions options) : options_(std::move(options)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  Result<FetchResponse> Fetch(const FetchRequest& request) override {
    MINYI_ASSIGN_OR_RETURN(UrlParts parts, ParseHttpUrl(request.url));
    (void)parts;
    CURL* curl = curl_easy_init();
    if (curl == nullptr) return Internal("无法初始化网络连接");
    FetchResponse resp;
    Receive recv{&resp.body, options_.max_bytes};
    curl_slist* headers = nullptr;
    if (!request.etag.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + request.etag).c_str());
    if (!request.last_modified.empty()) {
      headers = curl_slist_append(headers, ("If-Modified-Since: " + request.last_modified).c_str());
    }
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(options_.max_redirects));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout_seconds));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min(options_.timeout_seconds, 10)));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip/deflate as built
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_bytes));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &recv);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &resp);
    if (headers != nullptr) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    char* ct = nullptr;
    curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &ct);
    if (ct != nullptr) resp.content_type = ct;
    char* eff = nullptr;
    curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &eff);
    resp.final_url = eff != nullptr ? eff : request.url;
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (recv.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
      return ResourceExhausted("响应超过 " + std::to_string(options_.max_bytes >> 20) + " MB 上限，未读取");
    }
    if (rc == CURLE_OPERATION_TIMEDOUT) return Unavailable("抓取超时：" + request.url);
    if (rc == CURLE_TOO_MANY_REDIRECTS) return Unavailable("重定向次数过多：" + request.url);
    if (rc != CURLE_OK) return Unavailable("无法连接 " + request.url + "：" + curl_easy_strerror(rc));
    resp.status = static_cast<int>(status);
    return resp;
  }

 private:
  FetchOptions options_;
};

}  // namespace

std::string FetchResponse::Charset() const {
  std::string ct = LowerAscii(content_type);
  size_t p = ct.find("charset=");
  if (p == std::string::npos) return "";
  std::string v = ct.substr(p + 8);
  size_t end = v.find_first_of("; ");
  if (end != std::string::npos) v = v.substr(0, end);
  if (!v.empty() && (v.front() == '"' || v.front() == '\'')) v = v.substr(1);
  if (!v.empty() && (v.back() == '"' || v.back() == '\'')) v.pop_back();
  return v;
}

std::unique_ptr<Fetcher> MakeCurlFetcher(const FetchOptions& options) { return std::make_unique<CurlFetcher>(options); }

struct PoliteFetcher::State {
  struct Host {
    RobotsRules rules;
    UnixSeconds robots_at = -1;
    bool robots_temporary = false;  // 5xx/unreachable: ask again soon
    int64_t last_request_ns = 0;
    std::mutex mu;  // serializes requests to one host
  };
  std::mutex mu;
  std::map<std::string, std::unique_ptr<Host>> hosts;
};

PoliteFetcher::PoliteFetcher(std::shared_ptr<Fetcher> inner, const Clock& clock, PolitenessOptions options)
    : inner_(std::move(inner)), clock_(clock), options_(std::move(options)), state_(std::make_unique<State>()) {}

PoliteFetcher::~PoliteFetcher() = default;

Result<FetchResponse> PoliteFetcher::Fetch(const FetchRequest& request) {
  MINYI_ASSIGN_OR_RETURN(UrlParts parts, ParseHttpUrl(request.url));
  std::string origin = parts.scheme + "://" + parts.host + (parts.port.empty() ? "" : ":" + parts.port);
  State::Host* host;
  {
    std::lock_guard lock(state_->mu);
    auto& slot = state_->hosts[origin];
    if (!slot) slot = std::make_unique<State::Host>();
    host = slot.get();
  }
  std::lock_guard host_lock(host->mu);
  auto wait_turn = [&] {
    int interval = std::min(60, std::max(options_.host_min_interval_seconds, host->rules.crawl_delay_seconds()));
    if (host->last_request_ns != 0 && interval > 0) {
      // Real time, because the wait is about the remote server, not about
      // the schedule; bounded by the interval, waited once.
      auto now = std::chrono::steady_clock::now().time_since_epoch();
      int64_t elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count() - host->last_request_ns;
      int64_t wait = interval * 1'000'000'000LL - elapsed;
      if (wait > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(std::min<int64_t>(wait, 60'000'000'000LL)));
    }
    host->last_request_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
  };
  UnixSeconds now = clock_.Now();
  int ttl = host->robots_temporary ? 600 : options_.robots_ttl_seconds;
  if (host->robots_at < 0 || now - host->robots_at >= ttl) {
    wait_turn();
    auto robots = inner_->Fetch({origin + "/robots.txt", "", ""});
    host->robots_at = now;
    host->robots_temporary = false;
    if (!robots.ok() && robots.status().code() != ErrorCode::kResourceExhausted) {
      host->rules = RobotsRules::DisallowAll();
      host->robots_temporary = true;
    } else if (!robots.ok() || (robots->status >= 400 && robots->status < 500)) {
      host->rules = RobotsRules::AllowAll();
    } else if (robots->status >= 500) {
      host->rules = RobotsRules::DisallowAll();
      host->robots_temporary = true;
    } else {
      host->rules = RobotsRules::Parse(robots->body, options_.agent_token);
    }
  }
  if (!host->rules.Allowed(parts.path)) {
    return PermissionDenied(host->robots_temporary ? "网站的 robots.txt 暂时无法读取，按规则暂不抓取：" + request.url
                                                   : "网站的 robots.txt 不允许抓取：" + request.url);
  }
  wait_turn();
  return inner_->Fetch(request);
}

}  // namespace minyi
