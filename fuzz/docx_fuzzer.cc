// libFuzzer target for the .docx reader (zip + XML). Small limits keep each
// run fast; any crash, hang or sanitizer report is a bug. Run with e.g.
//   ./docx_fuzzer -max_len=200000 corpus/ ../shared/eval/docx/poi-tl
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "review/checks.h"
#include "review/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  minyi::ReadLimits limits;
  limits.max_file_bytes = 4u << 20;
  limits.max_part_bytes = 8u << 20;
  limits.max_total_uncompressed = 16u << 20;
  limits.time_budget_ms = 2000;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto doc = minyi::ReadDocumentBytes(bytes, minyi::DocumentFormat::kDocx, "", limits);
  if (doc.ok()) {
    // The source map must stay inside the text.
    for (const minyi::TextSpan& s : doc->spans)
      if (s.start > s.end || s.end > doc->length) __builtin_trap();
  }
  return 0;
}
