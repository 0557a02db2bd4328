// libFuzzer target for the tolerant HTML reader and, on its output, the
// review checks (they see the same untrusted text in production).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "review/checks.h"
#include "review/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  minyi::ReadLimits limits;
  limits.max_file_bytes = 1u << 20;
  limits.time_budget_ms = 2000;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto doc = minyi::ReadDocumentBytes(bytes, minyi::DocumentFormat::kHtml, "", limits);
  if (!doc.ok()) return 0;
  static minyi::Checker checker = minyi::Checker::FromTerms(
      {{"工商局",
        minyi::CheckCategory::kTerm,
        minyi::Severity::kWarning,
        "term.institution",
        "市场监督管理局",
        "",
        {},
        "原"},
       {"第一", minyi::CheckCategory::kProhibited, minyi::Severity::kWarning, "", "", "", {"第一季度"}, ""}});
  for (const minyi::Finding& f : checker.Check(doc->text))
    if (f.start >= f.end || f.end > doc->length) __builtin_trap();
  return 0;
}
