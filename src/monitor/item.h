// What every monitoring source hands to the pipeline.
//
// Sources (feeds, watched pages, imports, the push API) turn what they fetch
// into RawItems and give them to an ItemSink — the pipeline — one batch at a
// time. The sink is idempotent: the same (source_id, external_id), or the
// same canonical URL when there is no external id, stored twice is counted
// once, so a source may re-deliver after a crash and nothing is ingested
// twice. A source advances its checkpoint only after Ingest() returned OK.
//
// Privacy by design: an item carries its outlet, site and URL, never an
// author identity (author handles in input are dropped by the source).
//
// Thread safety: ItemSink implementations are safe to call from several
// threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"

namespace minyi {

struct RawItem {
  int64_t source_id = 0;     // registered source, 0 for ad-hoc imports
  std::string external_id;   // guid / id inside the source ("" if none)
  std::string outlet;        // name shown to staff: "清河新闻网", "12345 热线"
  std::string site;          // host name, "www.qinghe.gov.cn"
  std::string kind;          // news, forum, post, complaint, video, other
  std::string url;
  std::string title;
  std::string text;          // plain text, already stripped of markup
  int64_t published_at = 0;  // unix seconds; 0 when unknown
  int64_t fetched_at = 0;    // unix seconds
};

struct IngestResult {
  int64_t accepted = 0;    // new items stored
  int64_t duplicates = 0;  // stored as copies of an existing story
  int64_t skipped = 0;     // already stored (re-delivery)
  std::vector<std::string> errors;  // per-item problems, Chinese
};

class ItemSink {
 public:
  virtual ~ItemSink() = default;
  virtual Result<IngestResult> Ingest(const std::vector<RawItem>& batch) = 0;
};

}  // namespace minyi
