// HTTP fetching for monitoring sources, politely.
//
// Contract:
//  - Fetcher is the seam tests replace; MakeCurlFetcher is the real one
//    (libcurl: http/https only, timeouts, a byte cap enforced while
//    receiving, a redirect limit, gzip/deflate, a clear User-Agent,
//    conditional GET with If-None-Match / If-Modified-Since).
//  - PoliteFetcher wraps any Fetcher: it fetches and caches robots.txt per
//    host (24 h; RFC 9309: 4xx means no rules, 5xx or no answer means "do not
//    crawl now"), refuses disallowed URLs with kPermissionDenied, and keeps a
//    minimum interval between requests to one host (the larger of the
//    configured interval and the site's Crawl-delay, at most 60 s).
//  - No login, no cookies, no retries that would evade a 403/429.
//
// Thread safety: CurlFetcher and PoliteFetcher are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/env.h"
#include "common/status.h"

namespace minyi {

struct FetchRequest {
  std::string url;
  std::string etag;           // sent as If-None-Match when set
  std::string last_modified;  // sent as If-Modified-Since when set
};

struct FetchResponse {
  int status = 0;            // 200, 304...
  std::string body;          // decompressed
  std::string content_type;  // "application/rss+xml; charset=gbk"
  std::string etag;
  std::string last_modified;
  std::string final_url;  // after redirects
  bool not_modified() const { return status == 304; }
  // The charset parameter of content_type, lower case, "" when none.
  std::string Charset() const;
};

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // Transport errors (timeout, DNS, too large) are a non-OK Status; any HTTP
  // answer, including 404 or 500, is a response.
  virtual Result<FetchResponse> Fetch(const FetchRequest& request) = 0;
};

struct FetchOptions {
  std::string user_agent = "Minyi/0.1 (+organization contact)";
  int timeout_seconds = 20;
  size_t max_bytes = 8u << 20;
  int max_redirects = 5;
};

std::unique_ptr<Fetcher> MakeCurlFetcher(const FetchOptions& options);

// robots.txt (RFC 9309): groups by user-agent, Allow/Disallow with the
// longest match winning (Allow on ties), '*' and '$' patterns, Crawl-delay.
class RobotsRules {
 public:
  // Parses at most 500 KB; unknown lines are ignored. `agent` is our product
  // token ("minyi"); the group naming it wins over "*".
  static RobotsRules Parse(std::string_view text, std::string_view agent);
  static RobotsRules AllowAll() { return RobotsRules(); }
  static RobotsRules DisallowAll();
  // path_and_query starts with '/'.
  bool Allowed(std::string_view path_and_query) const;
  int crawl_delay_seconds() const { return crawl_delay_; }

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;
  };
  std::vector<Rule> rules_;
  int crawl_delay_ = 0;
};

struct PolitenessOptions {
  std::string agent_token = "minyi";
  int host_min_interval_seconds = 2;
  int robots_ttl_seconds = 24 * 3600;
};

class PoliteFetcher final : public Fetcher {
 public:
  PoliteFetcher(std::shared_ptr<Fetcher> inner, const Clock& clock, PolitenessOptions options);
  ~PoliteFetcher() override;
  Result<FetchResponse> Fetch(const FetchRequest& request) override;

 private:
  struct State;
  std::shared_ptr<Fetcher> inner_;
  const Clock& clock_;
  PolitenessOptions options_;
  std::unique_ptr<State> state_;
};

struct UrlParts {
  std::string scheme;  // lower case
  std::string host;    // lower case, without port
  std::string port;    // "" when default
  std::string path;    // path + query, starts with '/'
};
// Parses absolute http(s) URLs; kInvalidArgument otherwise.
Result<UrlParts> ParseHttpUrl(std::string_view url);
// Resolves `ref` against `base` (RFC 3986, enough for links in pages and
// feeds); returns ref unchanged when base is not an http(s) URL.
std::string ResolveUrl(std::string_view base, std::string_view ref);

}  // namespace minyi
