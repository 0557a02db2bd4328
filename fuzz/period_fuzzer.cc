// Fuzzes the report period parser and the report content JSON parser: any
// input must yield a value or a Chinese error, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "report/report.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto p = minyi::ParsePeriod(text);
  if (p.ok() && (p->end <= p->begin || p->text.empty())) __builtin_trap();
  if (p.ok()) {
    auto again = minyi::ParsePeriod(p->text);  // canonical text parses to the same period
    if (!again.ok() || again->begin != p->begin || again->end != p->end) __builtin_trap();
  }
  auto d = minyi::ReportDraftFromJson(text);
  (void)d;
  return 0;
}
