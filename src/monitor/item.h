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

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"

namespace minyi {

struct RawItem {
  int64_t source_id = 0;    // registered source, 0 for ad-hoc imports
  std::string external_id;  // guid / id inside the source ("" if none)
  std::string outlet;       // name shown to staff: "清河新闻网", "12345 热线"
  std::string site;         // host name, "www.qinghe.gov.cn"
  std::string kind;         // news, forum, post, complaint, video, other
  std::string url;
  std::string title;
  std::string text;          // plain text, already stripped of markup
  int64_t published_at = 0;  // unix seconds; 0 when unknown
  int64_t fetched_at = 0;    // unix seconds
};

struct IngestResult {
  int64_t accepted = 0;             // new items stored
  int64_t duplicates = 0;           // stored as copies of an existing story
  int64_t skipped = 0;              // already stored (re-delivery)
  std::vector<std::string> errors;  // per-item problems, Chinese
};

class ItemSink {
 public:
  virtual ~ItemSink() = default;
  virtual Result<IngestResult> Ingest(const std::vector<RawItem>& batch) = 0;

  // Streams `items` in transactions of at most `chunk` items. After each
  // committed chunk, `after_chunk(start, end, that chunk's result)` runs — a
  // source advances its checkpoint there. The first error stops the stream;
  // chunks already committed stay. The default ingests chunk by chunk; the
  // pipeline analyses the next chunks while it writes one, so a long import
  // keeps every core busy across chunk boundaries.
  using ChunkDone = std::function<Status(size_t start, size_t end, const IngestResult& result)>;
  virtual Status IngestChunks(const std::vector<RawItem>& items, size_t chunk, const ChunkDone& after_chunk) {
    chunk = std::max<size_t>(1, chunk);
    size_t start = 0;
    do {
      size_t end = std::min(items.size(), start + chunk);
      IngestResult result;
      if (end > start) {
        MINYI_ASSIGN_OR_RETURN(result, Ingest(std::vector<RawItem>(items.begin() + start, items.begin() + end)));
      }
      MINYI_RETURN_IF_ERROR(after_chunk(start, end, result));
      start = end;
    } while (start < items.size());
    return Status::Ok();
  }
};

}  // namespace minyi
